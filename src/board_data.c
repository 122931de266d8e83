#include <stdlib.h>
#include <string.h>

#include "as_of.h"
#include "board_data.h"
#include "date.h"
#include "period.h"
#include "strbuf.h"
#include "xmalloc.h"

/*
 * Every statement reads its deals as alias d with these columns. Now: the deals
 * table, so the indexes serve each column. As of a past day T (the stats
 * screen's reading of history, src/stats.c): the open deals are those open now
 * that entered their stage by T, and those that moved or closed since, in the
 * stage the first event after T left (the stay it ended began by T); the
 * closed deals the board ever shows are those closed in T's quarter and still
 * closed at T. SQLite pushes a column's stage into each part, so a column
 * reads its stage's stays from stage_events_left.
 */
#define DEAL_COLS                                                                                 \
	"d.id, d.version, d.title, d.account, d.owner, d.amount, d.close_date,"                   \
	" d.next_step, d.next_step_due"
static const char now_source[] = "deals";
static const char as_of_open[] =
	"(SELECT " DEAL_COLS ", d.stage, d.status, d.stage_entered_at, d.closed_at"
	"  FROM deals d WHERE d.status = 'open' AND d.stage_entered_at <= :tend"
	" UNION ALL SELECT " DEAL_COLS ", e.from_stage, 'open', e.from_entered_at, NULL"
	"  FROM stage_events e JOIN deals d ON d.id = e.deal_id"
	"  WHERE e.at > :tend AND e.from_entered_at <= :tend)";
static const char as_of_closed[] =
	"(SELECT " DEAL_COLS ", e.stage, e.status, e.from_entered_at AS stage_entered_at,"
	"  e.at AS closed_at FROM stage_events e JOIN deals d ON d.id = e.deal_id"
	"  WHERE (e.kind = 'won' OR e.kind = 'lost') AND e.at >= :qstart_ts AND e.at <= :tend"
	"  AND NOT EXISTS (SELECT 1 FROM stage_events y WHERE y.deal_id = e.deal_id"
	"   AND y.at <= :tend AND (y.at > e.at OR (y.at = e.at AND y.id > e.id))))";

/* A deal's committee and plan as they were at the end of T (rows added later do not count). */
#define PEOPLE         " FROM stakeholders k WHERE k.deal_id = d.id AND k.created_at <= :tend"
#define STEPS          " FROM plan_steps p WHERE p.deal_id = d.id AND p.created_at <= :tend"
#define OPEN_LATE_STEP STEPS " AND (p.done_at IS NULL OR p.done_at > :tend) AND p.due < :date"
#define DAYS_IN_STAGE  "(:day - unixepoch(d.stage_entered_at) / 86400)"
#define THRESHOLD(col) "(SELECT s." col " FROM stages s WHERE s.key = d.stage)"

const struct board_order_def board_orders[ORDER_COUNT] = {
	[ORDER_DAYS] = {"days in stage", "days", "d.stage_entered_at, d.id",
			"(d.stage_entered_at, d.id) < (t.stage_entered_at, t.id)"},
	/* Largest first; the index read backwards gives ids backwards too. */
	[ORDER_AMOUNT] = {"amount", "amount", "d.amount DESC, d.id DESC",
			  "(d.amount, d.id) > (t.amount, t.id)"},
	/* Soonest first, deals without a date last. */
	[ORDER_CLOSE] = {"close date", "close", "d.close_date IS NULL, d.close_date, d.id",
			 "(d.close_date IS NULL, coalesce(d.close_date, ''), d.id)"
			 " < (t.close_date IS NULL, coalesce(t.close_date, ''), t.id)"},
	[ORDER_TITLE] = {"title", "title", "d.title COLLATE NOCASE, d.id",
			 "(d.title COLLATE NOCASE < t.title"
			 " OR (d.title COLLATE NOCASE = t.title AND d.id < t.id))"},
};

/*
 * Ages, lateness and closing periods are about open deals; the committee and
 * plan problems are about any deal (a lost deal that was single-threaded).
 */
const struct board_problem_def board_problems[PROB_COUNT] = {
	[PROB_ROTTING] = {"rotting", "at or past the stage's rot days",
			  "d.status = 'open' AND " DAYS_IN_STAGE " >= " THRESHOLD("rot_days"),
			  NULL},
	[PROB_WARN] = {"past warn", "at or past the stage's warn days",
		       "d.status = 'open' AND " DAYS_IN_STAGE " >= " THRESHOLD("warn_days"), NULL},
	[PROB_NO_NEXT] = {"no next step", "no next step set", "coalesce(d.next_step, '') = ''",
			  NULL},
	[PROB_OVERDUE] = {"overdue", "the next step or a plan step is past due",
			  "d.status = 'open' AND (d.next_step_due < :date"
			  " OR EXISTS (SELECT 1" OPEN_LATE_STEP "))",
			  NULL},
	[PROB_SINGLE] = {"single-threaded", "fewer than two stakeholders",
			 "(SELECT count(*)" PEOPLE ") < 2", NULL},
	[PROB_NO_PLAN] = {"no plan", "no mutual action plan step",
			  "NOT EXISTS (SELECT 1" STEPS ")", NULL},
	[PROB_NO_EB] = {"no economic buyer", "no economic buyer mapped",
			"NOT EXISTS (SELECT 1" PEOPLE " AND k.role = 'economic_buyer')", NULL},
	[PROB_CLOSE_MONTH] = {"closing this month", "open, close date in this month",
			      "d.status = 'open' AND d.close_date BETWEEN :mstart AND :mend",
			      NULL},
	[PROB_CLOSE_QUARTER] = {"closing this quarter", "open, close date in this quarter",
				"d.status = 'open' AND d.close_date BETWEEN :qstart AND :qend",
				NULL},
	[PROB_WON] = {"won this quarter", "closed won, in the stage it closed from", NULL, "won"},
	[PROB_LOST] = {"lost this quarter", "closed lost, in the stage it closed from", NULL,
		       "lost"},
};

/* The day T and the periods around it, as the statements bind them. */
struct when {
	long day;
	char date[DATE_LEN], tend[TIMESTAMP_LEN], qstart_ts[TIMESTAMP_LEN];
	char mstart[DATE_LEN], mend[DATE_LEN], qstart[DATE_LEN], qend[DATE_LEN];
};

int
board_quarter(long day)
{
	struct period q;

	period_of_day(day, &q);
	return q.quarter;
}

int64_t
board_weighted(int64_t amount, int probability)
{
	/* amount * probability / 100 without the product: a column may hold 9e18. */
	return amount / 100 * probability + amount % 100 * probability / 100;
}

static void
when_of(const struct board_filter *f, long today, struct when *w)
{
	struct period q;
	int y, m, d;

	w->day = f->as_of > 0 ? f->as_of : today;
	date_format(w->day, w->date);
	timestamp_end_of_day(w->day, w->tend);
	date_to_ymd(w->day, &y, &m, &d);
	date_format(date_from_ymd(y, m, 1), w->mstart);
	date_format(m == 12 ? date_from_ymd(y + 1, 1, 1) - 1 : date_from_ymd(y, m + 1, 1) - 1,
		    w->mend);
	period_of_day(w->day, &q);
	date_format(q.first, w->qstart);
	timestamp_start_of_day(q.first, w->qstart_ts);
	date_format(q.last, w->qend);
}

static int
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* A LIKE pattern for "contains text", with % and _ taken literally. */
static char *
like_pattern(const char *text)
{
	struct strbuf b;

	strbuf_init(&b);
	strbuf_putc(&b, '%');
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			strbuf_putc(&b, '\\');
		strbuf_putc(&b, *text);
	}
	strbuf_putc(&b, '%');
	return strbuf_detach(&b);
}

/* Which deals: the open ones, or the quarter's won and lost the filter asks for. */
enum which { OPEN, CLOSED, QUARTER };

static const char *
source(const struct board_filter *f, enum which which)
{
	if (f->as_of <= 0)
		return now_source;
	return which == OPEN ? as_of_open : as_of_closed;
}

static void
put_status(struct strbuf *sql, const struct board_filter *f, enum which which)
{
	unsigned closed = which == QUARTER ? PROBLEMS_CLOSED : f->problems & PROBLEMS_CLOSED;

	if (which == OPEN) {
		strbuf_puts(sql, " d.status = 'open'");
		return;
	}
	if (closed == PROBLEMS_CLOSED)
		strbuf_puts(sql, " d.status IN ('won', 'lost')");
	else
		strbuf_printf(sql, " d.status = '%s'",
			      board_problems[closed & PROBLEM_BIT(PROB_WON) ? PROB_WON : PROB_LOST]
				      .status);
	strbuf_puts(sql, " AND d.closed_at >= :qstart_ts AND d.closed_at <= :tend");
}

/*
 * Only the filters given: an ":owner IS NULL OR" clause would keep SQLite off
 * the owner index. The quarter's won and lost take the owner and text only.
 */
static void
put_filter(struct strbuf *sql, const struct board_filter *f, enum which which)
{
	put_status(sql, f, which);
	if (given(f->owner))
		strbuf_puts(sql, " AND d.owner = :owner");
	if (given(f->text))
		strbuf_puts(sql, " AND (d.title LIKE :text ESCAPE '\\'"
				 " OR d.account LIKE :text ESCAPE '\\')");
	for (int i = 0; which != QUARTER && i < PROB_COUNT; i++)
		if ((f->problems & PROBLEM_BIT(i)) && board_problems[i].sql != NULL)
			strbuf_printf(sql, " AND (%s)", board_problems[i].sql);
}

/* Prepares the SQL and binds whichever of the day's and the filter's names it uses. */
static sqlite3_stmt *
prepare(struct db *db, struct strbuf *sql, const struct board_filter *f, const struct when *w)
{
	sqlite3_stmt *st = db_prepare(db, strbuf_str(sql));
	int i = sqlite3_bind_parameter_index(st, ":text");

	strbuf_free(sql);
	bind_named_int(st, ":day", w->day);
	bind_named_text(st, ":date", w->date);
	bind_named_text(st, ":tend", w->tend);
	bind_named_text(st, ":qstart_ts", w->qstart_ts);
	bind_named_text(st, ":mstart", w->mstart);
	bind_named_text(st, ":mend", w->mend);
	bind_named_text(st, ":qstart", w->qstart);
	bind_named_text(st, ":qend", w->qend);
	if (given(f->owner))
		bind_named_text(st, ":owner", f->owner);
	if (i > 0 && given(f->text))
		sqlite3_bind_text(st, i, like_pattern(f->text), -1, free);
	return st;
}

/* Sums past 64 bits are an error, not a wrap (amounts are at most 10^12 each). */
static int
too_much(struct dd_err *err)
{
	return err_set(err, DD_FAIL,
		       "the amounts on the board add up to more than dealdeck can count");
}

static int
add_amount(int64_t *to, int64_t v, struct dd_err *err)
{
	return __builtin_add_overflow(*to, v, to) ? too_much(err) : DD_OK;
}

/* A statement's end: SQLite's sum() stops at an overflow with this message. */
static int
sum_done(struct db *db, int rc, struct dd_err *err)
{
	if (rc == SQLITE_DONE)
		return DD_OK;
	if (strcmp(sqlite3_errmsg(db->h), "integer overflow") == 0)
		return too_much(err);
	return db_fail(db, err, "reading the board");
}

/* Adds count and sum per stage (column 0 the stage, 1 the count, 2 the sum) to t. */
static int
add_per_stage(struct db *db, const struct process *p, sqlite3_stmt *st, struct totals *t,
	      struct dd_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = process_stage_index(p, (const char *)sqlite3_column_text(st, 0));

		if (i < 0 || (size_t)i >= p->nstages)
			continue; /* a stage the process no longer has */
		t[i].count += sqlite3_column_int64(st, 1);
		/* A kept sum past 64 bits turns real in SQLite: too much all the same. */
		if (sqlite3_column_type(st, 2) == SQLITE_FLOAT) {
			sqlite3_finalize(st);
			return too_much(err);
		}
		if (add_amount(&t[i].amount, sqlite3_column_int64(st, 2), err) != DD_OK) {
			sqlite3_finalize(st);
			return err->code;
		}
	}
	rc = sum_done(db, rc, err);
	sqlite3_finalize(st);
	return rc;
}

/*
 * The open deals under no filter but the owner: the few rows triggers keep
 * (deal_totals), the same cost at any size. Text and problem filters, and
 * the past, count the deals they pick.
 */
static int
kept_totals(const struct board_filter *f, enum which which)
{
	return which == OPEN && f->as_of <= 0 && !given(f->text) && f->problems == 0;
}

static int
per_stage(struct db *db, const struct process *p, const struct board_filter *f,
	  const struct when *w, enum which which, struct totals *t, struct dd_err *err)
{
	struct strbuf sql;

	if (kept_totals(f, which)) {
		sqlite3_stmt *st = db_prepare(db, "SELECT stage, count, amount FROM deal_totals"
						  " WHERE owner = ?");

		sqlite3_bind_text(st, 1, given(f->owner) ? f->owner : "", -1, SQLITE_STATIC);
		return add_per_stage(db, p, st, t, err);
	}
	strbuf_init(&sql);
	/*
	 * A text filter reads every open deal: in table order, not by an index and
	 * a row lookup each (a million deals 0.67 -> 0.18 s). An owner's index
	 * still narrows it more.
	 */
	strbuf_printf(&sql,
		      "SELECT d.stage, count(*), coalesce(sum(d.amount), 0) FROM %s d%s WHERE",
		      source(f, which),
		      which == OPEN && f->as_of <= 0 && given(f->text) && !given(f->owner)
			      ? " NOT INDEXED"
			      : "");
	put_filter(&sql, f, which);
	strbuf_puts(&sql, " GROUP BY d.stage");
	return add_per_stage(db, p, prepare(db, &sql, f, w), t, err);
}

static int
quarter_closed(struct db *db, const struct board_filter *f, const struct when *w,
	       struct board_sums *sums, struct dd_err *err)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	int rc;

	if (f->as_of <= 0 && !given(f->text)) {
		/* Now, with no text filter: the rows closed_totals keeps for the quarter. */
		st = db_prepare(db, "SELECT status, count, amount FROM closed_totals"
				    " WHERE owner = ? AND quarter = ?");
		sqlite3_bind_text(st, 1, given(f->owner) ? f->owner : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, w->qstart, -1, SQLITE_STATIC);
	} else {
		strbuf_init(&sql);
		/* One range of deals_closed, no sort: SQLite's sum() says when it overflows. */
		strbuf_printf(&sql,
			      "SELECT d.status, count(*), coalesce(sum(d.amount), 0) FROM %s d"
			      " WHERE",
			      source(f, QUARTER));
		put_filter(&sql, f, QUARTER);
		strbuf_puts(&sql, " GROUP BY d.status");
		st = prepare(db, &sql, f, w);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct totals *t = strcmp((const char *)sqlite3_column_text(st, 0), "won") == 0
					   ? &sums->won
					   : &sums->lost;

		t->count += sqlite3_column_int64(st, 1);
		if (sqlite3_column_type(st, 2) == SQLITE_FLOAT ||
		    add_amount(&t->amount, sqlite3_column_int64(st, 2), err) != DD_OK) {
			if (sqlite3_column_type(st, 2) == SQLITE_FLOAT)
				too_much(err);
			sqlite3_finalize(st);
			return err->code;
		}
	}
	rc = sum_done(db, rc, err);
	sqlite3_finalize(st);
	return rc;
}

int
board_totals(struct db *db, const struct process *p, const struct board_filter *f, long today,
	     struct totals *stages, struct board_sums *sums, struct dd_err *err)
{
	struct totals *open = xcalloc(p->nstages ? p->nstages : 1, sizeof *open);
	struct when w;
	int rc;

	when_of(f, today, &w);
	memset(stages, 0, p->nstages * sizeof *stages);
	memset(sums, 0, sizeof *sums);
	rc = per_stage(db, p, f, &w, OPEN, open, err);
	for (size_t i = 0; rc == DD_OK && i < p->nstages; i++) {
		sums->open.count += open[i].count;
		if ((rc = add_amount(&sums->open.amount, open[i].amount, err)) == DD_OK)
			rc = add_amount(&sums->weighted,
					board_weighted(open[i].amount, p->stages[i].probability),
					err);
	}
	if (rc == DD_OK && (f->problems & PROBLEMS_CLOSED))
		rc = per_stage(db, p, f, &w, CLOSED, stages, err);
	else if (rc == DD_OK)
		memcpy(stages, open, p->nstages * sizeof *stages);
	if (rc == DD_OK)
		rc = quarter_closed(db, f, &w, sums, err);
	free(open);
	return rc;
}

static enum which
shown(const struct board_filter *f)
{
	return f->problems & PROBLEMS_CLOSED ? CLOSED : OPEN;
}

int
board_cards(struct db *db, const struct stage *s, const struct board_filter *f, long offset,
	    int limit, long today, struct card **out, size_t *n, struct dd_err *err)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	struct when w;
	int rc;

	when_of(f, today, &w);
	strbuf_init(&sql);
	strbuf_printf(&sql,
		      "SELECT d.id, d.version, d.title, d.account, d.owner, d.amount,"
		      " d.stage_entered_at, d.close_date, d.next_step, d.next_step_due,"
		      " (SELECT count(*)" STEPS "),"
		      " (SELECT count(*)" STEPS " AND p.done_at <= :tend),"
		      " (SELECT count(*)" OPEN_LATE_STEP "),"
		      " (SELECT count(*)" PEOPLE "),"
		      " EXISTS (SELECT 1" PEOPLE " AND k.role = 'economic_buyer'),"
		      " EXISTS (SELECT 1" PEOPLE " AND k.role = 'champion'),"
		      " d.status, d.closed_at"
		      " FROM %s d WHERE d.stage = :stage AND",
		      source(f, shown(f)));
	put_filter(&sql, f, shown(f));
	strbuf_printf(&sql, " ORDER BY %s LIMIT :limit OFFSET :offset",
		      board_orders[f->order].order_by);
	st = prepare(db, &sql, f, &w);
	bind_named_text(st, ":stage", s->key);
	bind_named_int(st, ":limit", limit);
	bind_named_int(st, ":offset", offset);

	*n = 0;
	*out = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof **out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < (size_t)limit) {
		struct card *c = &(*out)[(*n)++];
		long entered = date_of_timestamp((const char *)sqlite3_column_text(st, 6));
		const char *status = (const char *)sqlite3_column_text(st, 16);
		long until = w.day, due;

		c->id = sqlite3_column_int64(st, 0);
		c->version = sqlite3_column_int64(st, 1);
		c->title = db_column_text(st, 2);
		c->account = db_column_text(st, 3);
		c->owner = db_column_text(st, 4);
		c->amount = sqlite3_column_int64(st, 5);
		c->status = strcmp(status, "won") == 0    ? CARD_WON
			    : strcmp(status, "lost") == 0 ? CARD_LOST
							  : CARD_OPEN;
		if (c->status != CARD_OPEN)
			until = date_of_timestamp((const char *)sqlite3_column_text(st, 17));
		c->days = entered >= 0 && until >= entered ? (int)(until - entered) : 0;
		c->aging = c->status == CARD_OPEN ? stage_aging(s, c->days) : AGING_OK;
		c->close_date = db_column_text(st, 7);
		c->next_step = db_column_text(st, 8);
		c->next_step_due = db_column_text(st, 9);
		c->next_overdue = c->status == CARD_OPEN && c->next_step_due != NULL &&
				  date_parse(c->next_step_due, &due) == 0 && due < w.day;
		c->plan_total = sqlite3_column_int(st, 10);
		c->plan_done = sqlite3_column_int(st, 11);
		c->plan_overdue = c->status == CARD_OPEN ? sqlite3_column_int(st, 12) : 0;
		c->people = sqlite3_column_int(st, 13);
		c->has_economic_buyer = sqlite3_column_int(st, 14);
		c->has_champion = sqlite3_column_int(st, 15);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		board_cards_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_fail(db, err, "reading the board");
	}
	return DD_OK;
}

void
board_cards_free(struct card *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].account);
		free(v[i].owner);
		free(v[i].close_date);
		free(v[i].next_step);
		free(v[i].next_step_due);
	}
	free(v);
}

int
board_locate(struct db *db, const struct process *p, const struct board_filter *f, long today,
	     long deal_id, int *stage, long *index)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	struct when w;
	int found = -1;

	when_of(f, today, &w);
	strbuf_init(&sql);
	strbuf_printf(&sql, "WITH t AS (SELECT d.* FROM %s d WHERE d.id = :id AND",
		      source(f, shown(f)));
	put_filter(&sql, f, shown(f));
	strbuf_printf(&sql,
		      ") SELECT t.stage, (SELECT count(*) FROM %s d WHERE d.stage = t.stage"
		      " AND",
		      source(f, shown(f)));
	put_filter(&sql, f, shown(f));
	strbuf_printf(&sql, " AND %s) FROM t", board_orders[f->order].before);
	st = prepare(db, &sql, f, &w);
	bind_named_int(st, ":id", deal_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*stage = process_stage_index(p, (const char *)sqlite3_column_text(st, 0));
		*index = sqlite3_column_int64(st, 1);
		found = *stage >= 0 && (size_t)*stage < p->nstages ? 0 : -1;
	}
	sqlite3_finalize(st);
	return found;
}
