/* dealdeck stats: the stats screen's figures as aligned tables or CSV. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "csv_write.h"
#include "date.h"
#include "output.h"
#include "stats.h"
#include "table.h"

#define MAX_ROW 16 /* metrics in one row: a stage section has at most 7 */

/* Section titles for the text tables, in the order stats_each_metric gives them. */
static const struct {
	const char *section, *title;
} titles[] = {
	{"aging", "Stage aging: open deals at the end of %s"},
	{"duration", "Time in stage: stays that ended in the period"},
	{"conversion", "Conversion: deals that entered a stage in the period"},
	{"summary", "Summary"},
	{"lost_reasons", "Lost reasons: deals lost in the period"},
};

/* The text output groups a section's metrics into one row per stage. */
struct text_out {
	const struct stats *st;
	const char *section, *stage;
	struct column cols[MAX_ROW + 1];
	char values[MAX_ROW][STATS_VALUE_LEN];
	const char *cells[MAX_ROW + 1];
	size_t n;
	int header_done;
};

static void
flush_row(struct text_out *o)
{
	if (o->n == 0)
		return;
	if (!o->header_done)
		table_header(stdout, o->cols, o->n + 1);
	o->header_done = 1;
	o->cells[0] = o->stage;
	for (size_t i = 0; i < o->n; i++)
		o->cells[i + 1] = o->values[i];
	table_row(stdout, o->cols, o->n + 1, o->cells);
	o->n = 0;
}

static void
section_title(const struct text_out *o, const char *section)
{
	char day[DATE_LEN], title[128];

	date_format(o->st->as_of, day);
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (strcmp(titles[i].section, section) == 0) {
			snprintf(title, sizeof title, titles[i].title, day);
			out_line(stdout, "%s", "");
			out_line(stdout, "%s", title);
		}
}

/* Summary and lost reasons are name/value lists; stage sections are tables. */
static void
text_metric(const struct stats_metric *m, void *arg)
{
	struct text_out *o = arg;
	char value[STATS_VALUE_LEN];

	if (o->section == NULL || strcmp(o->section, m->section) != 0) {
		flush_row(o);
		section_title(o, m->section);
		o->section = m->section;
		o->stage = NULL;
		o->header_done = 0;
	}
	if (*m->stage == '\0') {
		stats_format(m->kind, m->value, value);
		out_line(stdout, "  %-20s %14s", m->name, value);
		return;
	}
	if (o->stage == NULL || strcmp(o->stage, m->stage) != 0)
		flush_row(o);
	o->stage = m->stage;
	if (o->n == MAX_ROW)
		return;
	if (!o->header_done) {
		int w = (int)strlen(m->name);

		o->cols[0] = (struct column){"stage", 12, 0};
		o->cols[o->n + 1] = (struct column){m->name, w < 9 ? 9 : w, 1};
	}
	stats_format(m->kind, m->value, o->values[o->n++]);
}

static void
csv_metric(const struct stats_metric *m, void *arg)
{
	char value[STATS_VALUE_LEN];
	const char *cells[4] = {m->section, m->stage, m->name, value};

	stats_format(m->kind, m->value, value);
	csv_write_row(arg, cells, 4);
}

static int
cmd_stats(struct cli *c, const struct args *a)
{
	struct stats_query q = {args_get(a, "owner"), c->as_of, -1, -1, NULL};
	struct stats st;
	char from[DATE_LEN], to[DATE_LEN], day[DATE_LEN];

	if ((args_get(a, "from") && cli_date(c, args_get(a, "from"), "--from", &q.from)) ||
	    (args_get(a, "to") && cli_date(c, args_get(a, "to"), "--to", &q.to)))
		return c->err.code;
	if (stats_compute(&c->s, &q, &st, &c->err) != DD_OK)
		return c->err.code;
	if (cli_csv(a)) {
		const char *header[4] = {"section", "stage", "metric", "value"};
		struct csv_writer w;

		csv_writer_init(&w, stdout);
		csv_write_row(&w, header, 4);
		stats_each_metric(&st, csv_metric, &w);
		csv_writer_free(&w);
	} else {
		struct text_out o = {.st = &st};

		date_format(st.from, from);
		date_format(st.to, to);
		date_format(st.as_of, day);
		out_line(stdout, "Stats as of %s; period %s to %s; owner: %s", day, from, to,
		       q.owner ? q.owner : "everyone");
		stats_each_metric(&st, text_metric, &o);
		flush_row(&o);
	}
	stats_free(&st);
	return DD_OK;
}

/* The period, as stats_compute will take it, checked before the database is opened. */
static int
check_stats(struct cli *c, const struct args *a)
{
	long from, to = c->as_of >= 0 ? c->as_of : date_today();
	char f[DATE_LEN], t[DATE_LEN];

	if (args_get(a, "to") != NULL && date_parse(args_get(a, "to"), &to) != 0)
		return DD_OK; /* opt_date said so already */
	if (args_get(a, "from") == NULL || date_parse(args_get(a, "from"), &from) != 0 ||
	    from <= to)
		return DD_OK;
	date_format(from, f);
	date_format(to, t);
	return err_set(&c->err, DD_USAGE, "the period starts (%s) after it ends (%s)", f, t);
}

static const struct opt stats_opts[] = {
	{"owner", "LOGIN", "only this owner's deals", 0, NULL},
	{"from", "DATE", "first day of the period (default: 89 days before --to)", 0, opt_date},
	{"to", "DATE", "last day of the period (default: today, or --as-of)", 0, opt_date},
	{"format", "F", "text (default) or csv", 0, opt_text_or_csv},
};

const struct command cli_stats_commands[] = {
	{"stats", "[--owner LOGIN] [--from DATE] [--to DATE] [--format text|csv]",
	 "The numbers of the stats screen: stage aging, time in stage, conversion, win rate,\n"
	 "cycle length, velocity, bypass rate and lost reasons. With --as-of DATE, from\n"
	 "history up to the end of DATE.",
	 stats_opts, NOPTS(stats_opts), 0, 0, 1, cmd_stats, NULL, check_stats, CMD_AS_OF},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
