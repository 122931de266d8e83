#include <stdlib.h>
#include <string.h>

#include "commit_rule.h"
#include "forecast.h"
#include "xmalloc.h"

// clang-format off
/* Buyer-owned plan steps of deal d open past their due day at T. */
#define BUYER_OVERDUE(d)                                                                        \
	" FROM plan_steps p WHERE p.deal_id = " d " AND p.owner_side = 'buyer'"                  \
	" AND p.due < :today AND (p.done_at IS NULL OR p.done_at > :t_end)"                      \
	" AND p.created_at <= :t_end"

/* The open deals at T closing in the period, with what the commit rule needs. */
static const char deals_sql[] =
	"SELECT d.id, d.title, d.account, d.owner, e.stage, d.close_date, d.amount,"
	"  coalesce(s.probability, 0), coalesce(s.forecast, 'pipeline'), e.kind, e.imported,"
	"  e.override, e.reason,"
	"  (SELECT count(*) FROM evidence v WHERE v.deal_id = d.id AND v.event_id = e.id),"
	"  (SELECT count(*)" BUYER_OVERDUE("d.id") "),"
	"  (SELECT p.title" BUYER_OVERDUE("d.id") " ORDER BY p.due, p.id LIMIT 1),"
	"  (SELECT p.due" BUYER_OVERDUE("d.id") " ORDER BY p.due, p.id LIMIT 1)"
	" FROM deals d JOIN stage_events e ON e.id = " AS_OF_LAST_EVENT("d.id")
	" LEFT JOIN stages s ON s.key = e.stage"
	" WHERE e.status = 'open' AND d.close_date >= :first AND d.close_date <= :last"
	"  AND (:owner IS NULL OR d.owner = :owner)"
	" ORDER BY d.close_date, d.id";

static const char no_close_sql[] =
	"SELECT count(*) FROM deals d JOIN stage_events e ON e.id = " AS_OF_LAST_EVENT("d.id")
	" WHERE e.status = 'open' AND d.close_date IS NULL"
	"  AND (:owner IS NULL OR d.owner = :owner)";

/* Won within the period and still won at T (not reopened by then). */
static const char won_sql[] =
	"SELECT count(*), coalesce(sum(d.amount), 0) FROM stage_events w"
	" JOIN deals d ON d.id = w.deal_id"
	" WHERE w.kind = 'won' AND w.at >= :p_start AND w.at <= :p_end AND w.at <= :t_end"
	"  AND w.id = " AS_OF_LAST_EVENT("w.deal_id") " AND (:owner IS NULL OR d.owner = :owner)";

/* The snapshot's deals forecast for the period, and whether each was won in it by T. */
static const char snap_sql[] =
	"SELECT s.amount, s.probability, s.forecast,"
	"  coalesce((SELECT e.kind = 'won' AND e.at >= :p_start AND e.at <= :p_end"
	"    FROM stage_events e WHERE e.id = " AS_OF_LAST_EVENT("s.deal_id") "), 0)"
	" FROM snapshot_deals s JOIN deals d ON d.id = s.deal_id"
	" WHERE s.snapshot_id = :snap AND s.close_date >= :first AND s.close_date <= :last"
	"  AND (:owner IS NULL OR d.owner = :owner)";
// clang-format on

void
weighted_add(struct weighted_sum *w, int64_t amount, int probability)
{
	int64_t x = amount * probability; /* amounts are bounded far below INT64_MAX / 100 */

	w->whole += x / 100;
	w->hundredths += x % 100;
}

int64_t
weighted_value(const struct weighted_sum *w)
{
	return w->whole + w->hundredths / 100 + (w->hundredths % 100 >= 50);
}

double
forecast_accuracy(int64_t forecast, int64_t won)
{
	if (won <= 0)
		return 0;
	return 1.0 - (double)llabs((long long)(forecast - won)) / (double)won;
}

struct bounds {
	char first[DATE_LEN], last[DATE_LEN];
	char p_start[TIMESTAMP_LEN], p_end[TIMESTAMP_LEN];
};

static sqlite3_stmt *
prepare(struct db *db, const char *sql, const struct forecast_query *q, const struct as_of *t,
	const struct bounds *b)
{
	sqlite3_stmt *st = db_prepare(db, sql);

	as_of_bind(st, t);
	bind_named_text(st, ":owner", q->owner);
	bind_named_text(st, ":first", b->first);
	bind_named_text(st, ":last", b->last);
	bind_named_text(st, ":p_start", b->p_start);
	bind_named_text(st, ":p_end", b->p_end);
	return st;
}

/* Reads the deals into out and sums the categories; returns the last sqlite3_step. */
static int
read_deals(sqlite3_stmt *st, struct forecast *out)
{
	struct weighted_sum w[FORECAST_NCATS] = {{0, 0}};
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct forecast_deal *d;
		struct commit_facts f = {0};

		out->deals = xreallocarray(out->deals, out->ndeals + 1, sizeof *out->deals);
		d = &out->deals[out->ndeals++];
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(st, 0);
		d->title = db_column_text(st, 1);
		d->account = db_column_text(st, 2);
		d->owner = db_column_text(st, 3);
		d->stage = db_column_text(st, 4);
		d->close_date = db_column_text(st, 5);
		d->amount = sqlite3_column_int64(st, 6);
		d->probability = sqlite3_column_int(st, 7);
		if (forecast_parse((const char *)sqlite3_column_text(st, 8), &f.stage_cat) != 0)
			f.stage_cat = FORECAST_PIPELINE;
		f.entry_kind = (const char *)sqlite3_column_text(st, 9);
		f.imported = sqlite3_column_int(st, 10);
		f.overridden = sqlite3_column_type(st, 11) != SQLITE_NULL;
		f.evidence = sqlite3_column_int(st, 13);
		f.buyer_overdue = sqlite3_column_int(st, 14);
		d->stage_cat = f.stage_cat;
		d->cat = commit_rule(&f, &d->demoted);
		d->entry_reason = db_column_text(st, f.overridden ? 11 : 12);
		d->buyer_overdue = f.buyer_overdue;
		d->overdue_step = db_column_text(st, 15);
		d->overdue_due = db_column_text(st, 16);
		out->cat[d->cat].deals++;
		out->cat[d->cat].amount += d->amount;
		weighted_add(&w[d->cat], d->amount, d->probability);
	}
	for (int c = 0; c < FORECAST_NCATS; c++)
		out->cat[c].weighted = weighted_value(&w[c]);
	return rc;
}

/* Runs a statement that returns one row of integers into v[0..n). */
static int
one_row(struct db *db, sqlite3_stmt *st, int64_t *v, int n, struct dd_err *err)
{
	int rc = sqlite3_step(st);

	for (int i = 0; rc == SQLITE_ROW && i < n; i++)
		v[i] = sqlite3_column_int64(st, i);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? DD_OK : db_fail(db, err, "computing the forecast");
}

static int
accuracy(struct session *s, const struct forecast_query *q, const struct bounds *b,
	 struct forecast *out, struct dd_err *err)
{
	struct weighted_sum w = {0, 0};
	sqlite3_stmt *st;
	int rc;

	out->ended = out->period.last < out->t.day;
	if (!out->ended)
		return DD_OK;
	if (snapshot_latest_by(s->db, out->period.first, &out->t, &out->snap, &out->has_snapshot,
			       err) != DD_OK ||
	    !out->has_snapshot)
		return err->code;
	st = prepare(s->db, snap_sql, q, &out->t, b);
	bind_named_int(st, ":snap", out->snap.id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t amount = sqlite3_column_int64(st, 0);

		weighted_add(&w, amount, sqlite3_column_int(st, 1));
		if (strcmp((const char *)sqlite3_column_text(st, 2), "commit") == 0)
			out->snap_commit += amount;
		out->snap_deals++;
		out->snap_deals_won += sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, err, "computing the forecast's accuracy");
	out->snap_weighted = weighted_value(&w);
	out->weighted_accuracy = forecast_accuracy(out->snap_weighted, out->won.amount);
	out->commit_accuracy = forecast_accuracy(out->snap_commit, out->won.amount);
	out->won_share = out->snap_deals > 0 ? (double)out->snap_deals_won / out->snap_deals : 0;
	return DD_OK;
}

static int
compute(struct session *s, const struct forecast_query *q, const struct bounds *b,
	struct forecast *out, struct dd_err *err)
{
	sqlite3_stmt *st = prepare(s->db, deals_sql, q, &out->t, b);
	int64_t v[2];
	int rc;

	rc = read_deals(st, out) == SQLITE_DONE ? DD_OK
						: db_fail(s->db, err, "computing the forecast");
	sqlite3_finalize(st);
	if (rc != DD_OK)
		return err->code;
	if (one_row(s->db, prepare(s->db, no_close_sql, q, &out->t, b), v, 1, err) != DD_OK)
		return err->code;
	out->no_close_date = (long)v[0];
	if (one_row(s->db, prepare(s->db, won_sql, q, &out->t, b), v, 2, err) != DD_OK)
		return err->code;
	out->won.deals = (long)v[0];
	out->won.amount = out->won.weighted = v[1]; /* won is certain: weighted in full */
	return accuracy(s, q, b, out, err);
}

int
forecast_compute(struct session *s, const struct forecast_query *q, struct forecast *out,
		 struct dd_err *err)
{
	struct bounds b;
	int rc;

	memset(out, 0, sizeof *out);
	out->period = q->period;
	as_of_init(&out->t, q->as_of);
	date_format(q->period.first, b.first);
	date_format(q->period.last, b.last);
	timestamp_start_of_day(q->period.first, b.p_start);
	timestamp_end_of_day(q->period.last, b.p_end);
	/* One read transaction: every figure from the same state of the database. */
	if (db_exec(s->db, "BEGIN", err) != DD_OK)
		return err->code;
	rc = compute(s, q, &b, out, err);
	db_rollback(s->db);
	if (rc != DD_OK)
		forecast_free(out);
	return rc;
}

void
forecast_free(struct forecast *f)
{
	for (size_t i = 0; i < f->ndeals; i++) {
		struct forecast_deal *d = &f->deals[i];

		free(d->title);
		free(d->account);
		free(d->owner);
		free(d->stage);
		free(d->close_date);
		free(d->entry_reason);
		free(d->overdue_step);
		free(d->overdue_due);
	}
	free(f->deals);
	snapshot_clear(&f->snap);
	memset(f, 0, sizeof *f);
}
