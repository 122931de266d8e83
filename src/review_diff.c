#include <stdlib.h>
#include <string.h>

#include "review_diff.h"
#include "xmalloc.h"

const struct change_def change_defs[CH_NKINDS] = {
	[CH_NEW] = {"new", "New deals"},
	[CH_ADVANCED] = {"advanced", "Advanced"},
	[CH_MOVED_BACK] = {"moved_back", "Moved back"},
	[CH_WON] = {"won", "Won"},
	[CH_LOST] = {"lost", "Lost"},
	[CH_REOPENED] = {"reopened", "Reopened"},
	[CH_AMOUNT_UP] = {"amount_up", "Amount up"},
	[CH_AMOUNT_DOWN] = {"amount_down", "Amount down"},
	[CH_PUSHED_OUT] = {"pushed_out", "Close date pushed out"},
	[CH_PULLED_IN] = {"pulled_in", "Close date pulled in"},
	[CH_OWNER] = {"owner_changed", "Owner changed"},
};

// clang-format off
/*
 * Every deal that may have changed: in the snapshot, open at T, or closed
 * after the snapshot. Deals not in the snapshot say where they stood when it
 * was taken (NULL: not there yet), to tell a new deal from a reopened one.
 */
static const char deals_sql[] =
	"SELECT d.id, d.title, d.account, d.owner, d.amount, d.close_date,"
	"  e.stage, e.status, e.at, e.reason, e.note,"
	"  s.deal_id IS NOT NULL, s.stage, s.owner, s.amount, s.close_date,"
	"  CASE WHEN s.deal_id IS NULL THEN (SELECT y.status FROM stage_events y"
	"    WHERE y.deal_id = d.id AND y.at <= :taken ORDER BY y.at DESC, y.id DESC LIMIT 1) END,"
	"  EXISTS (SELECT 1 FROM stage_events y WHERE y.deal_id = d.id AND y.kind = 'reopen'"
	"    AND y.at > :taken AND y.at <= :t_end)"
	" FROM deals d JOIN stage_events e ON e.id = " AS_OF_LAST_EVENT("d.id")
	" LEFT JOIN snapshot_deals s ON s.snapshot_id = :snap AND s.deal_id = d.id"
	" WHERE (:owner IS NULL OR d.owner = :owner)"
	"  AND (s.deal_id IS NOT NULL OR e.status = 'open' OR e.at > :taken)"
	" ORDER BY d.id";

/* The waterfall's start and end counted on their own, to check the buckets against. */
static const char start_sql[] =
	"SELECT count(*), coalesce(sum(s.amount), 0) FROM snapshot_deals s"
	" JOIN deals d ON d.id = s.deal_id"
	" WHERE s.snapshot_id = :snap AND s.close_date >= :first AND s.close_date <= :last"
	"  AND (:owner IS NULL OR d.owner = :owner)";
static const char end_sql[] =
	"SELECT count(*), coalesce(sum(d.amount), 0) FROM deals d"
	" JOIN stage_events e ON e.id = " AS_OF_LAST_EVENT("d.id")
	" WHERE e.status = 'open' AND d.close_date >= :first AND d.close_date <= :last"
	"  AND (:owner IS NULL OR d.owner = :owner)";

/* The moves since the snapshot, with the evidence each recorded. */
static const char moves_sql[] =
	"SELECT e.kind, e.reason, e.override, v.requirement, v.what, v.contact_name, v.acted_on"
	" FROM stage_events e LEFT JOIN evidence v ON v.event_id = e.id"
	" WHERE e.deal_id = :deal AND e.at > :taken AND e.at <= :t_end"
	" ORDER BY e.at, e.id, v.id";
// clang-format on

struct bind {
	const struct diff_query *q;
	const struct review_diff *d;
	char first[DATE_LEN], last[DATE_LEN];
};

static sqlite3_stmt *
prepare(struct db *db, const char *sql, const struct bind *b)
{
	sqlite3_stmt *st = db_prepare(db, sql);

	as_of_bind(st, &b->d->t);
	bind_named_text(st, ":owner", b->q->owner);
	bind_named_text(st, ":taken", b->d->snap.taken_at);
	bind_named_int(st, ":snap", b->d->snap.id);
	bind_named_text(st, ":first", b->first);
	bind_named_text(st, ":last", b->last);
	return st;
}

static long
day_or_none(const char *date)
{
	long day;

	return date != NULL && date_parse(date, &day) == 0 ? day : NO_DAY;
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
mark(struct diff_deal *d, enum change_kind k)
{
	d->changes |= 1u << k;
}

/* The changes of a deal in the snapshot. */
static void
compare(const struct process *p, struct diff_deal *d)
{
	int open = strcmp(d->status, "open") == 0;

	if (open) {
		int was = process_stage_index(p, d->was_stage),
		    now = process_stage_index(p, d->stage);

		if (!same(d->was_stage, d->stage) && was >= 0 && now >= 0)
			mark(d, now > was ? CH_ADVANCED : CH_MOVED_BACK);
		if (!same(d->was_close, d->close_date)) {
			long a = day_or_none(d->was_close), b = day_or_none(d->close_date);

			/* newly set pulls in, cleared pushes out */
			mark(d,
			     b == NO_DAY || (a != NO_DAY && b > a) ? CH_PUSHED_OUT : CH_PULLED_IN);
			d->close_moved = a != NO_DAY && b != NO_DAY ? b - a : 0;
		}
	}
	if (d->amount != d->was_amount)
		mark(d, d->amount > d->was_amount ? CH_AMOUNT_UP : CH_AMOUNT_DOWN);
	if (!same(d->was_owner, d->owner))
		mark(d, CH_OWNER);
}

/* Reads the evidence, override and reasons of the moves since the snapshot. */
static int
read_moves(struct db *db, const struct bind *b, struct diff_deal *d, struct dd_err *err)
{
	sqlite3_stmt *st = prepare(db, moves_sql, b);
	int rc;

	bind_named_int(st, ":deal", d->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);
		const char *key = (const char *)sqlite3_column_text(st, 3);

		if (strcmp(kind, "back") == 0 || strcmp(kind, "reopen") == 0) {
			free(d->reason);
			d->reason = db_column_text(st, 1);
		}
		if (strcmp(kind, "forward") != 0)
			continue;
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			free(d->override);
			d->override = db_column_text(st, 2);
		}
		if (key != NULL) {
			const char *who = (const char *)sqlite3_column_text(st, 5);

			strvec_push_owned(&d->evidence,
					  xasprintf("%s: %s (%s%s%s)", key,
						    (const char *)sqlite3_column_text(st, 4),
						    who ? who : "", who ? ", " : "",
						    (const char *)sqlite3_column_text(st, 6)));
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "reading the deal's moves");
}

/* One candidate row: its changes and its waterfall bucket. 1 to keep it. */
static int
classify(const struct process *p, sqlite3_stmt *st, struct review_diff *out, struct diff_deal *d)
{
	const char *then = (const char *)sqlite3_column_text(st, 16);
	int open, closed_then, new_since;
	struct wf_deal w = {0};

	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	d->title = db_column_text(st, 1);
	d->account = db_column_text(st, 2);
	d->owner = db_column_text(st, 3);
	d->amount = sqlite3_column_int64(st, 4);
	d->close_date = db_column_text(st, 5);
	d->stage = db_column_text(st, 6);
	d->status = db_column_text(st, 7);
	d->event_at = db_column_text(st, 8);
	open = strcmp(d->status, "open") == 0;
	if (strcmp(d->status, "lost") == 0) {
		d->lost_reason = db_column_text(st, 9);
		d->lost_note = db_column_text(st, 10);
	}
	d->in_snapshot = sqlite3_column_int(st, 11);
	closed_then = then != NULL && strcmp(then, "open") != 0;
	new_since = !d->in_snapshot && !closed_then;
	if (d->in_snapshot) {
		d->was_stage = db_column_text(st, 12);
		d->was_owner = db_column_text(st, 13);
		d->was_amount = sqlite3_column_int64(st, 14);
		d->was_close = db_column_text(st, 15);
		compare(p, d);
	} else if (new_since) {
		mark(d, CH_NEW);
	}
	if (!open)
		mark(d, strcmp(d->status, "won") == 0 ? CH_WON : CH_LOST);
	if (sqlite3_column_int(st, 17))
		mark(d, CH_REOPENED);

	w.in_snapshot = d->in_snapshot;
	w.was_amount = d->was_amount;
	w.was_close = day_or_none(d->was_close);
	w.new_since = new_since;
	w.now = open ? WF_NOW_OPEN : strcmp(d->status, "won") == 0 ? WF_NOW_WON : WF_NOW_LOST;
	w.amount = d->amount;
	w.close = day_or_none(d->close_date);
	d->bucket = waterfall_add(&out->wf, &w);
	waterfall_bucket(&out->wf.period, &w, &d->bucket_value);
	if (!d->in_snapshot && !open) {
		out->came_and_went.deals++;
		out->came_and_went.amount += d->amount;
	}
	return d->changes != 0;
}

static void
deal_clear(struct diff_deal *d)
{
	char *texts[] = {d->title,       d->account,   d->owner,    d->was_stage,  d->was_owner,
			 d->was_close,   d->stage,     d->status,   d->close_date, d->event_at,
			 d->lost_reason, d->lost_note, d->override, d->reason};

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		free(texts[i]);
	strvec_free(&d->evidence);
}

static int
totals(struct db *db, const char *sql, const struct bind *b, struct wf_line *out,
       struct dd_err *err)
{
	sqlite3_stmt *st = prepare(db, sql, b);
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		out->deals = sqlite3_column_int64(st, 0);
		out->amount = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? DD_OK : db_fail(db, err, "computing the waterfall");
}

static int
compute(struct session *s, const struct bind *b, struct review_diff *out, struct dd_err *err)
{
	sqlite3_stmt *st = prepare(s->db, deals_sql, b);
	struct wf_line start, end;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct diff_deal d;

		if (!classify(&s->proc, st, out, &d)) {
			deal_clear(&d);
			continue;
		}
		out->deals = xreallocarray(out->deals, out->n + 1, sizeof *out->deals);
		out->deals[out->n++] = d;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, err, "comparing with the snapshot");
	for (size_t i = 0; i < out->n; i++) {
		struct diff_deal *d = &out->deals[i];
		unsigned moved = 1u << CH_ADVANCED | 1u << CH_MOVED_BACK | 1u << CH_REOPENED;

		if ((d->changes & moved) && read_moves(s->db, b, d, err) != DD_OK)
			return err->code;
	}
	if (totals(s->db, start_sql, b, &start, err) != DD_OK ||
	    totals(s->db, end_sql, b, &end, err) != DD_OK)
		return err->code;
	waterfall_check(&out->wf, &start, &end);
	return DD_OK;
}

int
review_diff_compute(struct session *s, const struct diff_query *q, struct review_diff *out,
		    struct dd_err *err)
{
	struct bind b = {q, out, "", ""};
	int rc;

	memset(out, 0, sizeof *out);
	as_of_init(&out->t, q->as_of);
	out->wf.period = q->period;
	date_format(q->period.first, b.first);
	date_format(q->period.last, b.last);
	/* One read transaction: the changes and both totals from the same state. */
	if (db_exec(s->db, "BEGIN", err) != DD_OK)
		return err->code;
	rc = snapshot_find(s->db, q->since, &out->t, &out->snap, err);
	if (rc == DD_OK)
		rc = compute(s, &b, out, err);
	db_rollback(s->db);
	if (rc != DD_OK)
		review_diff_free(out);
	return rc;
}

void
review_diff_free(struct review_diff *d)
{
	for (size_t i = 0; i < d->n; i++)
		deal_clear(&d->deals[i]);
	free(d->deals);
	snapshot_clear(&d->snap);
	memset(d, 0, sizeof *d);
}
