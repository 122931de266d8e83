#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv_import.h"
#include "date.h"
#include "import_preview.h"
#include "session.h"
#include "unit.h"
#include "xmalloc.h"

#define FIXTURE(name) TOP_SRCDIR "/tests/fixtures/" name
#define N(a)          (sizeof(a) / sizeof((a)[0]))

/* A fresh directory per test, inside the run's (unit_tmp_base, removed after). */
static struct process def;
static struct dd_err err;
static struct session s;
static struct import_result res;
static char *dir, *path;

static void
db_setup(void)
{
	struct db_init init = {&def, "EUR"};

	dir = xasprintf("%s/XXXXXX", unit_tmp_base());
	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/pipeline.db", dir);
	unit_load_default(&def);
	err_init(&err);
	memset(&res, 0, sizeof res);
	ck_assert_msg(session_open(&s, path, DB_CREATE, &init, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
}

static void
db_teardown(void)
{
	import_result_free(&res);
	session_close(&s);
	err_free(&err);
	process_free(&def);
	free(path);
	free(dir);
}

/* Writes text to a new file in the test's directory; the caller frees the name. */
static char *
write_file(const char *name, const char *text, size_t len)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

static long
q_long(const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	long v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(s.db->h, sql, -1, &st, NULL), SQLITE_OK);
	if (arg != NULL)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One text value, "(null)" for NULL; the caller frees. */
static char *
q_text(const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	char *v = NULL;

	ck_assert_int_eq(sqlite3_prepare_v2(s.db->h, sql, -1, &st, NULL), SQLITE_OK);
	if (arg != NULL)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0)
						       : "(null)");
	sqlite3_finalize(st);
	ck_assert_ptr_nonnull(v);
	return v;
}

static void
assert_text(const char *sql, const char *arg, const char *want)
{
	char *v = q_text(sql, arg);

	ck_assert_msg(strcmp(v, want) == 0, "%s [%s]: got '%s', want '%s'", sql, arg ? arg : "", v,
		      want);
	free(v);
}

static int
run(const char *file, const struct import_options *o)
{
	err_clear(&err);
	import_result_free(&res);
	return import_deals(&s, file, o, &res, &err);
}

static void
run_ok(const char *file, const struct import_options *o)
{
	int rc = run(file, o);

	ck_assert_msg(rc == DD_OK, "%s: %d %s", file, rc, strbuf_str(&err.msg));
}

#define DEAL_SQL(col) "SELECT " col " FROM deals WHERE external_id = ?"

START_TEST(test_pipedrive)
{
	const char *maps[] = {"Contact Made=discover"};
	struct import_options o = {.stage_maps = maps, .nstage_maps = 1};

	run_ok(FIXTURE("pipedrive.csv"), &o);
	ck_assert_int_eq(res.added, 2);
	ck_assert_int_eq(res.updated, 0);
	/* Unknown columns: one warning naming them all. */
	ck_assert_ptr_nonnull(res.warning);
	ck_assert_ptr_nonnull(strstr(res.warning, "'Person - Name', 'Deal - Label'"));
	ck_assert_ptr_null(strchr(res.warning, '\n'));
	ck_assert_int_eq(q_long(DEAL_SQL("amount"), "101"), 1250000);
	assert_text(DEAL_SQL("title"), "101", "Acme renewal");
	assert_text(DEAL_SQL("account"), "101", "Acme Corp");
	assert_text(DEAL_SQL("stage"), "101", "discover");
	assert_text(DEAL_SQL("close_date"), "101", "2024-06-30");
	assert_text(DEAL_SQL("created_at"), "101", "2024-01-10 09:15:00");
	assert_text(DEAL_SQL("stage_entered_at"), "101", "2024-01-10 09:15:00");
	assert_text(DEAL_SQL("owner"), "101", s.login);
	assert_text(DEAL_SQL("title"), "102", "Globex pilot, phase 2");
	assert_text(DEAL_SQL("stage"), "102", "qualify");
	ck_assert_int_eq(q_long(DEAL_SQL("amount"), "102"), 120000);
	/* No history in the file: one imported 'create' at the creation time. */
	ck_assert_int_eq(q_long("SELECT count(*) FROM stage_events", NULL), 2);
	assert_text("SELECT group_concat(kind || ' ' || e.stage || ' ' || at || ' ' || imported)"
		    " FROM stage_events e JOIN deals d ON d.id = e.deal_id"
		    " WHERE d.external_id = ?",
		    "101", "create discover 2024-01-10 09:15:00 1");
}
END_TEST

START_TEST(test_pipedrive_unmapped_stage)
{
	struct import_options o = {0};

	ck_assert_int_eq(run(FIXTURE("pipedrive.csv"), &o), DD_DATAERR);
	ck_assert_str_eq(strbuf_str(&err.msg),
			 TOP_SRCDIR "/tests/fixtures/pipedrive.csv:2: Deal - Stage: unknown "
				    "stage 'Contact Made' (a stage key or label; or --stage-map)");
	ck_assert_int_eq(q_long("SELECT count(*) FROM deals", NULL), 0);
}
END_TEST

static const char *const events_sql =
	"SELECT group_concat(kind || ' ' || coalesce(from_stage, '-') || ' ' || stage || ' ' ||"
	" status || ' ' || at || ' ' || imported, '; ') FROM (SELECT e.* FROM stage_events e"
	" JOIN deals d ON d.id = e.deal_id WHERE d.external_id = ? ORDER BY e.at, e.id)";

START_TEST(test_hubspot)
{
	struct import_options o = {0};

	run_ok(FIXTURE("hubspot.csv"), &o);
	ck_assert_int_eq(res.added, 2);
	ck_assert_ptr_null(res.warning);
	/* BOM stripped (the id column was found), quoted CRLF kept in the field. */
	assert_text(DEAL_SQL("title"), "9001", "Initech\r\nexpansion");
	assert_text(DEAL_SQL("stage || ' ' || status || ' ' || stage_entered_at"), "9001",
		    "qualify open 2024-02-03 09:30:00");
	assert_text(DEAL_SQL("created_at"), "9001", "2024-01-02 08:00:00");
	assert_text(events_sql, "9001",
		    "create - prospect open 2024-01-02 08:00:00 1; "
		    "forward prospect qualify open 2024-02-03 09:30:00 1");
	/* Closed Won: the outcome, closed from the last stage entered. */
	assert_text(DEAL_SQL("stage || ' ' || status || ' ' || closed_at"), "9002",
		    "qualify won 2024-03-01 12:00:00");
	ck_assert_int_eq(q_long(DEAL_SQL("amount"), "9002"), 1000000);
	assert_text(events_sql, "9002",
		    "create - prospect open 2024-01-05 00:00:00 1; "
		    "forward prospect qualify open 2024-01-20 00:00:00 1; "
		    "won qualify qualify won 2024-03-01 12:00:00 1");
	ck_assert_int_eq(q_long("SELECT count(*) FROM stage_events WHERE imported = 0", NULL), 0);
}
END_TEST

START_TEST(test_reimport_updates)
{
	struct import_options o = {0};
	long events;

	run_ok(FIXTURE("hubspot.csv"), &o);
	events = q_long("SELECT count(*) FROM stage_events", NULL);
	ck_assert_int_eq(q_long("UPDATE deals SET amount = 1 RETURNING amount", NULL), 1);
	run_ok(FIXTURE("hubspot.csv"), &o);
	ck_assert_int_eq(res.added, 0);
	ck_assert_int_eq(res.updated, 2);
	ck_assert_int_eq(q_long("SELECT count(*) FROM deals", NULL), 2);
	ck_assert_int_eq(q_long("SELECT count(*) FROM stage_events", NULL), events);
	ck_assert_int_eq(q_long(DEAL_SQL("amount"), "9001"), 500000);
}
END_TEST

/* A re-import that moves a deal on: refused, or a manager's overrides. */
START_TEST(test_reimport_moves_on)
{
	const char first[] = "id,title,account,stage,entered_prospect\n"
			     "X1,Deal,Acme,prospect,2024-01-01\n";
	const char later[] = "id,title,account,stage,entered_prospect,entered_present,status,"
			     "closed,lost_reason\n"
			     "X1,Deal,Acme,present,2024-01-01,2024-02-01,lost,2024-03-01,price\n";
	struct import_options o = {0};
	char *a = write_file("a.csv", first, sizeof first - 1);
	char *b = write_file("b.csv", later, sizeof later - 1);

	run_ok(a, &o);
	/* The deal is here now: moving it on is a move, not history. */
	ck_assert_int_eq(run(b, &o), DD_DATAERR);
	ck_assert_ptr_nonnull(
		strstr(strbuf_str(&err.msg),
		       "b.csv:2: entered_present: deal 1 would go from prospect to lost,"
		       " which is a move: use move, or import with --override REASON"));
	ck_assert_int_eq(q_long("SELECT count(*) FROM stage_events", NULL), 1);
	/* A manager's override records each step as an override, not as imported. */
	o.override = "The old CRM says the buyer chose a competitor";
	run_ok(b, &o);
	ck_assert_int_eq(res.updated, 1);
	assert_text(events_sql, "X1",
		    "create - prospect open 2024-01-01 00:00:00 1; "
		    "forward prospect present open 2024-02-01 00:00:00 0; "
		    "lost present present lost 2024-03-01 00:00:00 0");
	ck_assert_int_eq(
		q_long("SELECT count(*) FROM stage_events WHERE override = ?", o.override), 2);
	assert_text(DEAL_SQL("stage || ' ' || status || ' ' || closed_at || ' ' || lost_reason"),
		    "X1", "present lost 2024-03-01 00:00:00 price");
	run_ok(b, &o);
	ck_assert_int_eq(q_long("SELECT count(*) FROM stage_events", NULL), 3);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_us_dates_and_apostrophe)
{
	struct import_options o = {.date_format = "%m/%d/%Y"};
	struct import_options plain = {.dry_run = 1};
	const char *us = "close_date=03/15/2024";
	struct import_options pipe = {.defaults = &us, .ndefaults = 1, .dry_run = 1};

	/* 03/15/2024 is month first or nothing: found without --date-format. */
	run_ok(FIXTURE("us_dates.csv"), &plain);
	ck_assert_ptr_nonnull(res.preview);
	ck_assert_str_eq(res.preview->cols[5].header, "close_date");
	ck_assert_str_eq(res.preview->cols[5].dates, "%m/%d/%Y");
	ck_assert_str_eq(res.preview->cols[5].how, "found");
	/* An option's date is not a column's: YYYY-MM-DD, or --date-format. */
	ck_assert_int_eq(run(FIXTURE("us_dates.csv"), &pipe), DD_USAGE);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "--default close_date=03/15/2024: "));
	run_ok(FIXTURE("us_dates.csv"), &o);
	assert_text("SELECT close_date FROM deals", NULL, "2024-03-15");
	/* The exporter's neutralising apostrophe goes, exactly one. */
	assert_text("SELECT next_step FROM deals", NULL, "=HYPERLINK(\"x\")");
}
END_TEST

START_TEST(test_dry_run)
{
	const char *maps[] = {"Contact Made=discover"};
	struct import_options o = {.stage_maps = maps, .nstage_maps = 1, .dry_run = 1};

	run_ok(FIXTURE("pipedrive.csv"), &o);
	ck_assert_int_eq(res.added, 2);
	ck_assert_int_eq(q_long("SELECT count(*) FROM deals", NULL), 0);
}
END_TEST

/* Each class of broken file, with the exact start of its first message. */
#define B(what, text, want)                                                                       \
	{                                                                                         \
		what, text, want, sizeof text - 1                                                 \
	}
static const struct broken {
	const char *what, *text, *want;
	size_t len;
} broken[] = {
	B("bad date", "title,account,close_date\nA,B,2024-01-01\nC,D,2024-02-30\n",
	  ":3: close_date: '2024-02-30' is not a date"),
	B("bad amount", "title,account,amount\nA,B,ten\n", ":2: amount: 'ten' is not money"),
	B("ragged", "title,account,amount\nA,B,1\nC,D\n", ":3: amount: missing"),
	B("too many", "title,account\nA,B,C\n", ":2: (extra): "),
	B("unterminated quote", "title,account\nA,B\n\"C,D\n", ":3: title: a quoted field"),
	B("bad quoting", "title,account\n\"A\"x,B\n", ":2: title: bad quoting"),
	B("invalid UTF-8", "title,account\nA,\xff\xfe\n", ":2: account: not valid UTF-8"),
	B("NUL byte", "title,account\nA,B\0C\n", ":2: account: contains a NUL byte"),
	B("byte order mark inside", "title,account\nA,\357\273\277B\n",
	  ":2: account: contains U+FEFF"),
	B("CR-only line ends", "title,account\rA,B\r,C\r", ":3: title: the title cannot be empty"),
	B("unknown stage", "title,account,Deal Stage\nA,B,Nowhere\n",
	  ":2: Deal Stage: unknown stage 'Nowhere'"),
	B("empty title", "Deal Name,Company\n,B\n", ":2: Deal Name: the title cannot be empty"),
	B("empty account", "title,account\nA,\"\"\n", ":2: account: the account cannot be empty"),
	B("unknown reason", "title,account,status,lost_reason\nA,B,lost,bored\n",
	  ":2: lost_reason: 'bored' is not a lost reason"),
	B("bad status", "title,account,status\nA,B,maybe\n", ":2: status: status 'maybe'"),
	B("other currency", "title,account,currency\nA,B,USD\n", ":2: currency: "),
	B("closed before entered",
	  "title,account,entered_qualify,status,closed\n"
	  "A,B,2024-05-01,won,2024-04-01\n",
	  ":2: closed: 2024-04-01 00:00:00 is before"),
	B("no title column", "Subject,account\nA,B\n", ":1: title: no title column"),
	B("twice the title", "Deal Name,Name,account\nA,B,C\n", ":1: Name: means the same"),
	B("one stage thrice",
	  "title,account,entered_qualify,Date entered Qualify,Entered Qualify\n"
	  "A,B,2024-01-01,2024-01-02,2024-01-03\n",
	  ":1: Date entered Qualify: means the same"),
	B("empty file", "", ":1: (header): the file is empty"),
	/* The record after a quoted newline starts on line 4, not 3. */
	B("line after a quoted newline", "title,account,amount\n\"A\nB\",C,1\nD,E,zz\n",
	  ":4: amount: 'zz'"),
	B("CRLF and BOM",
	  "\xEF\xBB\xBFtitle,account,created\r\nA,B,2024-01-01\r\n\r\nC,D,soon\r\n",
	  ":4: created: 'soon'"),
};

START_TEST(test_broken)
{
	const struct broken *b = &broken[_i];
	const char seed[] = "id,title,account\nS1,Seed,Acme\n";
	struct import_options o = {0};
	char *ok = write_file("seed.csv", seed, sizeof seed - 1);
	char *bad = write_file("bad.csv", b->text, b->len);
	char *want = xasprintf("%s%s", bad, b->want);
	long deals, events;

	run_ok(ok, &o);
	deals = q_long("SELECT count(*) FROM deals", NULL);
	events = q_long("SELECT count(*) FROM stage_events", NULL);
	ck_assert_int_eq(run(bad, &o), DD_DATAERR);
	ck_assert_int_eq(err.code, DD_DATAERR);
	ck_assert_msg(strncmp(strbuf_str(&err.msg), want, strlen(want)) == 0,
		      "%s: got '%s', want '%s…'", b->what, strbuf_str(&err.msg), want);
	ck_assert_int_eq(res.added + res.updated, 0);
	ck_assert_int_eq(q_long("SELECT count(*) FROM deals", NULL), deals);
	ck_assert_int_eq(q_long("SELECT count(*) FROM stage_events", NULL), events);
	/* A broken file must not leave a transaction open. */
	run_ok(ok, &o);
	free(want);
	free(bad);
	free(ok);
}
END_TEST

START_TEST(test_error_cap)
{
	struct strbuf t;
	struct import_options o = {0};
	char *f;
	size_t lines = 0;

	strbuf_init(&t);
	strbuf_puts(&t, "title,account,amount\n");
	for (int i = 0; i < 60; i++)
		strbuf_puts(&t, "A,B,nope\n");
	f = write_file("many.csv", t.s, t.len);
	ck_assert_int_eq(run(f, &o), DD_DATAERR);
	for (const char *p = strbuf_str(&err.msg); *p; p++)
		lines += *p == '\n';
	ck_assert_uint_eq(lines, IMPORT_MAX_ERRORS); /* 50 errors, then the count */
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "\n… and 10 more"));
	strbuf_free(&t);
	free(f);
}
END_TEST

START_TEST(test_huge_field)
{
	size_t big = 2 * 1024 * 1024;
	char *text = xmalloc(big + 64);
	struct import_options o = {0};
	char *f;
	int n = sprintf(text, "title,account\nA,\"");

	memset(text + n, 'x', big);
	n += (int)big;
	n += sprintf(text + n, "\"\n");
	f = write_file("huge.csv", text, (size_t)n);
	ck_assert_int_eq(run(f, &o), DD_DATAERR);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "huge.csv:2: account: a field is"));
	ck_assert_int_eq(q_long("SELECT count(*) FROM deals", NULL), 0);
	free(text);
	free(f);
}
END_TEST

START_TEST(test_bad_options)
{
	const char *bad_stage[] = {"Contact Made=nowhere"};
	const char *bad_map[] = {"Foo=bar"};
	struct import_options a = {.stage_maps = bad_stage, .nstage_maps = 1};
	struct import_options b = {.maps = bad_map, .nmaps = 1};

	ck_assert_int_eq(run(FIXTURE("pipedrive.csv"), &a), DD_USAGE);
	ck_assert_int_eq(run(FIXTURE("pipedrive.csv"), &b), DD_USAGE);
}
END_TEST

START_TEST(test_map_option)
{
	const char text[] = "Subject,Client,Phase\nA,B,Negotiation\n";
	const char *maps[] = {"Subject=title", "client=account", "PHASE=stage"};
	const char *stages[] = {"Negotiation=negotiate"};
	struct import_options o = {
		.maps = maps, .nmaps = N(maps), .stage_maps = stages, .nstage_maps = N(stages)};
	char *f = write_file("mapped.csv", text, sizeof text - 1);

	run_ok(f, &o);
	ck_assert_ptr_null(res.warning);
	assert_text("SELECT title || ' ' || account || ' ' || stage FROM deals", NULL,
		    "A B negotiate");
	free(f);
}
END_TEST

/* Who may import is the core's rule, whoever calls it: not only the command line. */
START_TEST(test_only_managers_import)
{
	const char people[] = "deal_external_id,name,role\n101,Bea,champion\n";
	const char plan[] = "deal_external_id,title,owner,due\n101,Kickoff,joint,2030-01-01\n";
	const char *maps[] = {"Contact Made=discover"};
	struct import_options o = {.stage_maps = maps, .nstage_maps = 1}, rel = {0};
	char *p = write_file("people.csv", people, sizeof people - 1);
	char *q = write_file("plan.csv", plan, sizeof plan - 1);

	run_ok(FIXTURE("pipedrive.csv"), &o);
	s.role = ROLE_REP;
	ck_assert_int_eq(run(FIXTURE("pipedrive.csv"), &o), DD_DENIED);
	ck_assert_str_eq(strbuf_str(&err.msg), "only a manager may import deals");
	err_clear(&err);
	ck_assert_int_eq(import_stakeholders(&s, p, &rel, &res, &err), DD_DENIED);
	ck_assert_str_eq(strbuf_str(&err.msg), "only a manager may import stakeholders");
	err_clear(&err);
	ck_assert_int_eq(import_plan(&s, q, &rel, &res, &err), DD_DENIED);
	ck_assert_int_eq(q_long("SELECT count(*) FROM stakeholders", NULL), 0);
	ck_assert_int_eq(q_long("SELECT count(*) FROM plan_steps", NULL), 0);
	/* Checking a file writes nothing: a rep may. */
	o.dry_run = 1;
	run_ok(FIXTURE("pipedrive.csv"), &o);
	ck_assert_int_eq(res.updated, 2);
	/* Someone outside the team may not even check one. */
	s.role = ROLE_NONE;
	ck_assert_int_eq(run(FIXTURE("pipedrive.csv"), &o), DD_DENIED);
	s.role = ROLE_MANAGER;
	free(p);
	free(q);
}
END_TEST

/* History and done steps may reach now, to the second, and not past it (a pinned clock). */
START_TEST(test_not_in_the_future)
{
	const char late[] = "title,account,created\nA,B,2024-06-15 12:00:01\n";
	const char now[] = "title,account,created\nA,B,2024-06-15T12:00:00Z\n";
	const char done[] = "deal_id,title,owner,due,done_at\n1,S,joint,2024-07-01,"
			    "2024-06-15 12:00:01\n1,T,joint,2024-07-01,2024-06-15 12:00\n";
	char *p = write_file("late.csv", late, sizeof late - 1);
	char *q = write_file("now.csv", now, sizeof now - 1);
	char *r = write_file("done.csv", done, sizeof done - 1);
	struct import_options o = {0};

	clock_pin(1718452800); /* 2024-06-15 12:00:00 UTC */
	ck_assert_int_eq(run(p, &o), DD_DATAERR);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), ":2: created: '2024-06-15 12:00:01' is"
							   " in the future"));
	run_ok(q, &o);
	err_clear(&err);
	ck_assert_int_eq(import_plan(&s, r, &o, &res, &err), DD_DATAERR);
	ck_assert_msg(strstr(strbuf_str(&err.msg), ":2: done_at: ") != NULL &&
			      strstr(strbuf_str(&err.msg), ":3:") == NULL,
		      "%s", strbuf_str(&err.msg));
	clock_pin(0);
	free(p);
	free(q);
	free(r);
}
END_TEST

Suite *
suite_import(void)
{
	Suite *su = suite_create("import");
	TCase *tc = tcase_create("import");

	tcase_add_checked_fixture(tc, db_setup, db_teardown);
	tcase_add_test(tc, test_pipedrive);
	tcase_add_test(tc, test_pipedrive_unmapped_stage);
	tcase_add_test(tc, test_hubspot);
	tcase_add_test(tc, test_not_in_the_future);
	tcase_add_test(tc, test_reimport_updates);
	tcase_add_test(tc, test_reimport_moves_on);
	tcase_add_test(tc, test_us_dates_and_apostrophe);
	tcase_add_test(tc, test_dry_run);
	tcase_add_loop_test(tc, test_broken, 0, (int)N(broken));
	tcase_add_test(tc, test_error_cap);
	tcase_add_test(tc, test_huge_field);
	tcase_add_test(tc, test_bad_options);
	tcase_add_test(tc, test_map_option);
	tcase_add_test(tc, test_only_managers_import);
	suite_add_tcase(su, tc);
	return su;
}
