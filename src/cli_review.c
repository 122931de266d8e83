/* dealdeck review: the weekly review's commands (snapshot, list; diff, queue, forecast). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_review.h"
#include "csv_write.h"
#include "date.h"
#include "output.h"
#include "snapshot.h"
#include "table.h"
#include "text.h"
#include "xmalloc.h"

int
review_out_init(struct cli *c, const struct args *a, struct review_out *o)
{
	memset(o, 0, sizeof *o);
	o->csv = cli_csv(a);
	o->privacy = c->cfg.privacy || args_get(a, "privacy") != NULL;
	o->ascii = cli_ascii(c);
	if (db_meta(c->s.db, "currency", o->currency, sizeof o->currency) == NULL)
		o->currency[0] = '\0';
	return DD_OK;
}

const char *
review_amount(const struct review_out *o, int64_t minor, char out[REVIEW_AMOUNT_LEN])
{
	char m[MONEY_LEN];

	if (o->privacy)
		snprintf(out, REVIEW_AMOUNT_LEN, "%s",
			 o->csv     ? "hidden"
			 : o->ascii ? "***"
				    : "•••");
	else if (o->csv)
		money_format(minor, 0, out);
	else {
		money_format(minor, 1, m);
		snprintf(out, REVIEW_AMOUNT_LEN, "%s%s%s", m, o->currency[0] ? " " : "",
			 o->currency);
	}
	return out;
}

const char *
review_arrow(const struct review_out *o)
{
	return o->ascii ? "->" : "→";
}

int
review_period(struct cli *c, const struct args *a, long today, struct period *p)
{
	const char *v = args_get(a, "period");

	if (v == NULL) {
		period_of_day(today, p);
		return DD_OK;
	}
	if (period_parse(v, today, p) != 0)
		return err_set(&c->err, DD_USAGE,
			       "--period '%s' is not a quarter (YYYY-Qn, this or next)", v);
	return DD_OK;
}

char *
review_cell(const struct review_out *o, const char *text, int width, int right)
{
	char *safe = text_printable(text ? text : "");
	char *fit = text_fit(safe, width, o->ascii);
	int pad = width - text_width(fit);
	char *cell = right ? xasprintf("%*s%s", pad > 0 ? pad : 0, "", fit)
			   : xasprintf("%s%*s", fit, pad > 0 ? pad : 0, "");

	free(safe);
	free(fit);
	return cell;
}

void
review_line(const char *fmt, ...)
{
	struct strbuf line;
	va_list ap;

	strbuf_init(&line);
	va_start(ap, fmt);
	strbuf_vprintf(&line, fmt, ap);
	va_end(ap);
	out_line(stdout, "%s", strbuf_str(&line)); /* cleaned there */
	strbuf_free(&line);
}

static int
cmd_snapshot(struct cli *c, const struct args *a)
{
	struct review_out o;
	struct snapshot snap;
	char amount[REVIEW_AMOUNT_LEN];

	if (c->as_of >= 0)
		return err_set(&c->err, DD_USAGE,
			       "review snapshot records the pipeline as it is now: --as-of does "
			       "not apply");
	if (review_out_init(c, a, &o) != DD_OK)
		return c->err.code;
	if (snapshot_take(&c->s, args_get(a, "note"), &snap, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "snapshot %ld: %ld open deals, %s", snap.id, snap.open_deals,
	       review_amount(&o, snap.open_amount, amount));
	snapshot_clear(&snap);
	return DD_OK;
}

static const struct column list_columns[] = {
	{"id", 4, 1},          {"taken (UTC)", 16, 0}, {"by", 12, 0},
	{"open deals", 10, 1}, {"open amount", 20, 1}, {"note", 200, 0},
};

static int
cmd_list(struct cli *c, const struct args *a)
{
	struct review_out o;
	struct snapshot *v;
	struct as_of t;
	size_t n;

	if (review_out_init(c, a, &o) != DD_OK)
		return c->err.code;
	as_of_init(&t, c->as_of);
	if (snapshot_list(c->s.db, &t, &v, &n, &c->err) != DD_OK)
		return c->err.code;
	if (o.csv) {
		const char *h[] = {"id", "taken_at", "login", "note", "open_deals", "open_amount"};

		csv_row(stdout, h, 6);
	} else {
		table_header(stdout, list_columns, NOPTS(list_columns));
	}
	for (size_t i = 0; i < n; i++) {
		char id[24], deals[24], amount[REVIEW_AMOUNT_LEN], when[TIMESTAMP_LEN];

		snprintf(id, sizeof id, "%ld", v[i].id);
		snprintf(deals, sizeof deals, "%ld", v[i].open_deals);
		review_amount(&o, v[i].open_amount, amount);
		if (o.csv) {
			const char *row[] = {id,        v[i].taken_at, v[i].login,
					     v[i].note, deals,         amount};

			csv_row(stdout, row, 6);
		} else {
			snprintf(when, sizeof when, "%.16s", v[i].taken_at); /* to the minute */
			const char *row[] = {id, when, v[i].login, deals, amount, v[i].note};

			table_row(stdout, list_columns, NOPTS(list_columns), row);
		}
	}
	snapshot_free(v, n);
	return DD_OK;
}

static int
check_period(const char *name, const char *v, struct dd_err *err)
{
	struct period p;

	if (period_parse(v, date_today(), &p) != 0)
		return err_set(err, DD_USAGE,
			       "--period '%s' is not a quarter (YYYY-Qn, this or next)", v);
	return DD_OK;
}

#define FORMAT_OPT                                                                                \
	{                                                                                         \
		"format", "F", "text (default) or csv", 0, opt_text_or_csv                          \
	}
#define PRIVACY_OPT                                                                               \
	{                                                                                         \
		"privacy", NULL, "hide amounts (also [ui] privacy = true)", 0, NULL               \
	}
#define OWNER_OPT                                                                                 \
	{                                                                                         \
		"owner", "LOGIN", "only the deals this login owns now", 0, NULL                   \
	}
#define PERIOD_OPT                                                                                \
	{                                                                                         \
		"period", "P", "YYYY-Qn, this or next (default: this quarter)", 0, check_period   \
	}

static const struct opt snapshot_opts[] = {
	{"note", "TEXT", "a note to know it by, e.g. \"week 49\"", 0, NULL},
	PRIVACY_OPT,
};
static const struct opt list_opts[] = {FORMAT_OPT, PRIVACY_OPT};
static const struct opt diff_opts[] = {
	{"since", "ID|DATE", "the snapshot: an id, or the latest taken on or before DATE", 0,
	 NULL},
	OWNER_OPT,
	PERIOD_OPT,
	FORMAT_OPT,
	PRIVACY_OPT,
};
static const struct opt queue_opts[] = {OWNER_OPT, FORMAT_OPT, PRIVACY_OPT};
static const struct opt forecast_opts[] = {PERIOD_OPT, OWNER_OPT, FORMAT_OPT, PRIVACY_OPT};

const struct command cli_review_commands[] = {
	{"review snapshot", "[--note TEXT]",
	 "Record the open pipeline as it is now: every open deal's stage, owner, amount,\n"
	 "close date, forecast category and days in stage, with the note, your login and\n"
	 "the time. Snapshots are append-only.",
	 snapshot_opts, NOPTS(snapshot_opts), 0, 0, 1, cmd_snapshot, NULL, NULL, 0},
	{"review list", "[--format text|csv]",
	 "List the snapshots: id, when, who, note, open deals, open amount.", list_opts,
	 NOPTS(list_opts), 0, 0, 1, cmd_list, NULL, NULL, CMD_AS_OF},
	{"review diff",
	 "[--since ID|DATE] [--owner LOGIN] [--period YYYY-Qn|this|next] [--format text|csv]",
	 "What changed since a snapshot (default the latest): new deals, advanced (with what\n"
	 "the buyer did), moved back, won, lost, reopened, amount up or down, close date\n"
	 "pushed out or pulled in, owner changed; then the waterfall of the period:\n"
	 "start + created + pulled in + increased - decreased - pushed out - lost - won = end.",
	 diff_opts, NOPTS(diff_opts), 0, 0, 1, cmd_review_diff, NULL, NULL, CMD_AS_OF},
	{"review queue", "[--owner LOGIN] [--format text|csv]",
	 "The attention list: open deals with every reason they need a look (rotting,\n"
	 "no_next_step, next_step_overdue, plan_step_overdue, single_threaded,\n"
	 "close_date_past, close_before_plan, no_economic_buyer), most reasons first, then\n"
	 "by amount.",
	 queue_opts, NOPTS(queue_opts), 0, 0, 1, cmd_review_queue, NULL, NULL, CMD_AS_OF},
	{"review forecast", "[--period YYYY-Qn|this|next] [--owner LOGIN] [--format text|csv]",
	 "Open deals closing in the period as pipeline, best case and commit (deals, amount,\n"
	 "weighted), and what was won in it. Commit is earned: the move into the stage\n"
	 "carried buyer evidence and no buyer plan step is overdue; the text says why a\n"
	 "deal is not. For an ended period, the accuracy of the snapshot taken before it.",
	 forecast_opts, NOPTS(forecast_opts), 0, 0, 1, cmd_review_forecast, NULL, NULL,
	 CMD_AS_OF},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
