/* Other CRMs' date layouts, finding a column's, and the --from presets' tables. */
#include <stdlib.h>
#include <string.h>

#include "import_dates.h"
#include "import_presets.h"
#include "process.h"
#include "unit.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *fmt, *in, *out; /* out NULL: refused */
} reads[] = {
	{"%m/%d/%Y", "12/25/2026", "2026-12-25 00:00:00"},
	{"%m/%d/%Y", "1/2/2024", "2024-01-02 00:00:00"},          /* Salesforce, en_US */
	{"%m/%d/%Y", "1/2/2024 10:22 AM", "2024-01-02 10:22:00"}, /* with its time */
	{"%m/%d/%Y", "1/2/2024 12:05 AM", "2024-01-02 00:05:00"},
	{"%m/%d/%Y", "1/2/2024 12:05 PM", "2024-01-02 12:05:00"},
	{"%m/%d/%Y", "1/2/2024 3:05pm", "2024-01-02 15:05:00"},
	{"%m/%d/%Y", "01/02/2024 23:59:58", "2024-01-02 23:59:58"},
	{"%m/%d/%Y", "01/02/2024T08:00:00.250", "2024-01-02 08:00:00"},
	{"%m/%d/%Y", "25/12/2026", NULL},
	{"%m/%d/%Y", "02/30/2024", NULL}, /* no such day */
	{"%m/%d/%Y", "02/29/2023", NULL},
	{"%m/%d/%Y", "02/29/2024", "2024-02-29 00:00:00"},
	{"%m/%d/%Y", "1/2/24", NULL},    /* two-digit years are not guessed */
	{"%m/%d/%Y", " 1/2/2024", NULL}, /* no spaces where the layout has none */
	{"%m/%d/%Y", "1/2/2024 13:00 PM", NULL},
	{"%m/%d/%Y", "1/2/2024 24:00", NULL},
	{"%m/%d/%Y", "1/2/2024 10:2", NULL},
	{"%m/%d/%Y", "1/2/2024 ", NULL},
	{"%m/%d/%Y", "001/2/2024", NULL},
	{"%m/%d/%Y", "1/2/1899", NULL},
	{"%d/%m/%Y", "25/12/2026", "2026-12-25 00:00:00"},
	{"%d/%m/%Y", "12/25/2026", NULL},
	{"%d.%m.%Y", "25.12.2026 14:30", "2026-12-25 14:30:00"},
	{"%d.%m.%Y", "25/12/2026", NULL},
	{"%Y/%m/%d", "2026/12/25", "2026-12-25 00:00:00"},
	{"%Y/%m/%d", "12/25/2026", NULL},
};

START_TEST(test_layout_read)
{
	char out[TIMESTAMP_LEN];
	int k = date_layout_find(reads[_i].fmt);

	ck_assert_int_ge(k, 0);
	if (reads[_i].out == NULL) {
		ck_assert_msg(date_layout_read(k, reads[_i].in, out) != 0, "%s read '%s' as %s",
			      reads[_i].fmt, reads[_i].in, out);
	} else {
		ck_assert_msg(date_layout_read(k, reads[_i].in, out) == 0, "%s refused '%s'",
			      reads[_i].fmt, reads[_i].in);
		ck_assert_str_eq(out, reads[_i].out);
	}
}
END_TEST

START_TEST(test_layout_names)
{
	ck_assert_int_eq(date_layout_find("%m/%d/%Y"), 0);
	ck_assert_int_eq(date_layout_find("%d %B %Y"), -1); /* strptime's, not ours */
	ck_assert_int_eq(date_layout_find(NULL), -1);
	for (int k = 0; k < DATE_LAYOUTS; k++) {
		ck_assert_int_eq(date_layout_find(date_layout_name(k)), k);
		ck_assert_ptr_nonnull(strstr(date_layouts_known(), date_layout_name(k)));
	}
	ck_assert_ptr_null(date_layout_name(DATE_LAYOUTS));
	/* ISO is no layout: it is always read. */
	ck_assert_uint_eq(date_layouts_reading("2026-12-25"), 0);
	ck_assert_uint_eq(date_layouts_reading("03/04/2026"), 3u); /* US and day first */
}
END_TEST

/* A column's values, and what is found: a layout's name, "none", "ambiguous", "clash". */
static const struct {
	const char *values[4];
	const char *found;
} columns[] = {
	{{"12/25/2026", "11/01/2026", "01/15/2027"}, "%m/%d/%Y"}, /* the HubSpot file */
	{{"11/01/2026", "12/25/2026"}, "%m/%d/%Y"},               /* settled by a later value */
	{{"25/12/2026", "01/02/2026 10:00"}, "%d/%m/%Y"},
	{{"01.02.2026"}, "%d.%m.%Y"}, /* dots: only day first is known */
	{{"2026/01/02"}, "%Y/%m/%d"},
	{{"03/04/2026", "11/01/2026"}, "ambiguous"},
	{{"03/04/2026", "", "2026-05-06", "soon"}, "ambiguous"}, /* ISO and junk say nothing */
	{{"2026-05-06", "", "2026-05-07 10:00"}, "none"},
	{{"12/25/2026", "25/12/2026"}, "clash"},
	{{"03/04/2026", "25.12.2026"}, "clash"},
};

START_TEST(test_guess)
{
	struct date_guess g;
	char *why;
	int r;

	date_guess_init(&g);
	for (size_t i = 0; i < N(columns[_i].values) && columns[_i].values[i]; i++)
		date_guess_add(&g, columns[_i].values[i], (long)i + 2);
	r = date_guess_result(&g);
	why = date_guess_problem(&g, "HubSpot", "%m/%d/%Y");
	if (r >= 0)
		ck_assert_str_eq(date_layout_name(r), columns[_i].found);
	else
		ck_assert_str_eq(r == GUESS_NONE        ? "none"
				 : r == GUESS_AMBIGUOUS ? "ambiguous"
							: "clash",
				 columns[_i].found);
	ck_assert_int_eq(why != NULL, r == GUESS_AMBIGUOUS || r == GUESS_CLASH);
	free(why);
}
END_TEST

START_TEST(test_guess_problem)
{
	struct date_guess g;
	char *why;

	date_guess_init(&g);
	date_guess_add(&g, "2026-01-01", 2);
	date_guess_add(&g, "03/04/2026", 3);
	date_guess_add(&g, "11/01/2026", 4);
	ck_assert_int_eq(date_guess_line(&g), 3);
	why = date_guess_problem(&g, "HubSpot", "%m/%d/%Y");
	/* The readings, the flag that chooses, and the vendor's habit: no choice made. */
	ck_assert_str_eq(why, "'03/04/2026' reads as 2026-03-04 (%m/%d/%Y) or 2026-04-03"
			      " (%d/%m/%Y), and so does every date of the column: say which with"
			      " --date-format %m/%d/%Y or --date-format %d/%m/%Y (HubSpot usually"
			      " writes %m/%d/%Y)");
	free(why);
	why = date_guess_problem(&g, NULL, NULL);
	ck_assert_ptr_null(strstr(why, "usually"));
	free(why);
	date_guess_add(&g, "25.12.2026", 9);
	ck_assert_int_eq(date_guess_line(&g), 9);
	why = date_guess_problem(&g, NULL, NULL);
	ck_assert_ptr_nonnull(strstr(why, "'25.12.2026' is not in the date format of '03/04/2026'"
					  " (line 3)"));
	free(why);
}
END_TEST

/* Text shaped like a layout's date, found however the chunks cut it. */
static const struct {
	const char *text;
	int found;
} shapes[] = {
	{"a,12/25/2026,b", 1},
	{"1/2/2024 10:22 AM", 1},
	{"25.12.2026", 1},
	{"2026/12/25", 1},
	{"id,amount\n1,17000.00,USD,2026-03-06 10:00:00\n", 0},
	{"12/25", 0},
	{"1/123/2026", 0}, /* no day or month has three digits */
	{"1/2.2026", 0},   /* two different marks */
	{"x/1/2", 0},
	{"123/45/6", 1}, /* a shape only: the layouts decide */
};

START_TEST(test_scan)
{
	const char *t = shapes[_i].text;
	size_t n = strlen(t);

	for (size_t cut = 0; cut <= n; cut++) {
		struct date_scan sc = {0};
		int found = date_scan_feed(&sc, t, cut);

		found = date_scan_feed(&sc, t + cut, n - cut) || found;
		ck_assert_msg(found == shapes[_i].found, "'%s' cut at %zu", t, cut);
	}
}
END_TEST

/* Every stage a preset maps to is one of the default process (or an outcome). */
START_TEST(test_presets_map_onto_the_default_process)
{
	struct process def;

	unit_load_default(&def);
	ck_assert(import_process_is_default(&def));
	for (const struct import_preset *p = import_presets; p->name; p++) {
		ck_assert_ptr_eq(import_preset_find(p->name), p);
		ck_assert_ptr_nonnull(strstr(import_preset_names(), p->name));
		ck_assert(p->date_format == NULL || date_layout_find(p->date_format) >= 0);
		ck_assert_uint_gt(p->nstages, 0);
		for (size_t i = 0; i < p->nstages; i++)
			ck_assert_msg(process_stage_index(&def, p->stages[i].key) >= 0 ||
					      strcmp(p->stages[i].key, "lost") == 0,
				      "%s: %s -> %s", p->name, p->stages[i].name,
				      p->stages[i].key);
	}
	ck_assert_ptr_null(import_preset_find("zoho"));
	ck_assert_str_eq(import_preset_names(), "hubspot, pipedrive or salesforce");
	/* Another order of the same stages is another process. */
	char *k = def.stages[0].key;
	def.stages[0].key = def.stages[1].key;
	def.stages[1].key = k;
	ck_assert(!import_process_is_default(&def));
	process_free(&def);
}
END_TEST

Suite *
suite_import_dates(void)
{
	Suite *su = suite_create("import_dates");
	TCase *tc = tcase_create("import_dates");

	tcase_add_loop_test(tc, test_layout_read, 0, (int)N(reads));
	tcase_add_test(tc, test_layout_names);
	tcase_add_loop_test(tc, test_guess, 0, (int)N(columns));
	tcase_add_loop_test(tc, test_scan, 0, (int)N(shapes));
	tcase_add_test(tc, test_guess_problem);
	tcase_add_test(tc, test_presets_map_onto_the_default_process);
	suite_add_tcase(su, tc);
	return su;
}
