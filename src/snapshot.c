#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commit_rule.h"
#include "permit.h"
#include "snapshot.h"
#include "text.h"
#include "xmalloc.h"

// clang-format off
/*
 * The open pipeline in one statement (100,000 open deals: about 0.4 s for the
 * whole command, tests/bench_review.sh). Only deals in a commit stage need
 * their last event, the evidence it carried and their overdue buyer steps: the
 * commit rule.
 */
static const char rows_sql[] =
	"INSERT INTO snapshot_deals (snapshot_id, deal_id, stage, owner, amount, close_date,"
	"  probability, forecast, days_in_stage)"
	" SELECT :id, d.id, d.stage, d.owner, d.amount, d.close_date,"
	"  coalesce(s.probability, 0),"
	"  CASE WHEN s.forecast = 'commit' THEN dd_forecast(s.forecast, e.kind, e.imported,"
	"    e.override,"
	"    (SELECT count(*) FROM evidence v WHERE v.deal_id = d.id AND v.event_id = e.id),"
	"    (SELECT count(*) FROM plan_steps p WHERE p.deal_id = d.id"
	"      AND p.owner_side = 'buyer' AND p.done_at IS NULL AND p.due < :today))"
	"   ELSE coalesce(s.forecast, 'pipeline') END,"
	"  :day - unixepoch(d.stage_entered_at) / 86400"
	" FROM deals d LEFT JOIN stages s ON s.key = d.stage"
	" LEFT JOIN stage_events e ON s.forecast = 'commit' AND e.id = (SELECT y.id"
	"   FROM stage_events y WHERE y.deal_id = d.id ORDER BY y.at DESC, y.id DESC LIMIT 1)"
	" WHERE d.status = 'open'";

static int find_one(struct db *db, const char *sql, long id, const char *until,
		    struct snapshot *out, int *found, struct dd_err *err);
#define COLUMNS "id, taken_at, login, note, open_deals, open_amount"
static const char by_id_sql[] = "SELECT " COLUMNS " FROM snapshots WHERE id = :id";
// clang-format on

/* The next id: past the rows too, so rows someone left without a header never clash. */
static const char next_id_sql[] =
	"SELECT max(coalesce((SELECT max(id) FROM snapshots), 0),"
	"  coalesce((SELECT max(snapshot_id) FROM snapshot_deals), 0)) + 1";
/* The header closes the snapshot (schema.c): its totals are its rows'. */
static const char header_sql[] =
	"INSERT INTO snapshots (id, taken_at, login, note, open_deals, open_amount)"
	" SELECT :id, :now, :login, :note, count(*), coalesce(sum(amount), 0)"
	" FROM snapshot_deals WHERE snapshot_id = :id";

static int
step_done(struct db *db, sqlite3_stmt *st, struct dd_err *err)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(db, err, "taking a snapshot");

	sqlite3_finalize(st);
	return rc;
}

int
snapshot_take(struct session *s, const char *note, struct snapshot *out, struct dd_err *err)
{
	struct as_of t;
	char now[TIMESTAMP_LEN];
	sqlite3_stmt *st;
	long id;
	int rc, found;

	memset(out, 0, sizeof *out);
	if (note != NULL && !utf8_valid(note, strlen(note)))
		return err_set(err, DD_USAGE, "the note is not valid UTF-8");
	if (permit_write(s, err) != DD_OK || commit_rule_register(s->db, err) != DD_OK)
		return err->code;
	if (session_begin(s, err) != DD_OK)
		return err->code;
	as_of_init(&t, -1);
	timestamp_now(now);
	st = db_prepare(s->db, next_id_sql);
	id = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (id <= 0)
		return db_end(s->db, db_fail(s->db, err, "taking a snapshot"), err);
	st = db_prepare(s->db, rows_sql);
	bind_named_int(st, ":id", id);
	bind_named_int(st, ":day", t.day);
	as_of_bind(st, &t);
	rc = step_done(s->db, st, err);
	if (rc == DD_OK) {
		st = db_prepare(s->db, header_sql);
		bind_named_int(st, ":id", id);
		bind_named_text(st, ":now", now);
		bind_named_text(st, ":login", s->login);
		bind_named_text(st, ":note", note != NULL && note[0] != '\0' ? note : NULL);
		rc = step_done(s->db, st, err);
	}
	if (rc == DD_OK)
		rc = find_one(s->db, by_id_sql, id, NULL, out, &found, err);
	return db_end(s->db, rc, err);
}

static void
from_row(sqlite3_stmt *st, struct snapshot *out)
{
	out->id = sqlite3_column_int64(st, 0);
	snprintf(out->taken_at, sizeof out->taken_at, "%s",
		 (const char *)sqlite3_column_text(st, 1));
	out->login = db_column_text(st, 2);
	out->note = db_column_text(st, 3);
	out->open_deals = sqlite3_column_int64(st, 4);
	out->open_amount = sqlite3_column_int64(st, 5);
}

int
snapshot_list(struct db *db, const struct as_of *t, struct snapshot **out, size_t *n,
	      struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " COLUMNS " FROM snapshots"
					  " WHERE taken_at <= :t_end ORDER BY taken_at, id");
	int rc;

	*out = NULL;
	*n = 0;
	as_of_bind(st, t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		from_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return DD_OK;
	snapshot_free(*out, *n);
	*out = NULL;
	*n = 0;
	return db_fail(db, err, "listing snapshots");
}

void
snapshot_clear(struct snapshot *s)
{
	free(s->login);
	free(s->note);
	memset(s, 0, sizeof *s);
}

void
snapshot_free(struct snapshot *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		snapshot_clear(&v[i]);
	free(v);
}

/* One snapshot by a query binding :id or :until; *found 0 when none. */
static int
find_one(struct db *db, const char *sql, long id, const char *until, struct snapshot *out,
	 int *found, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	memset(out, 0, sizeof *out);
	bind_named_int(st, ":id", id);
	bind_named_text(st, ":until", until);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found)
		from_row(st, out);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DD_OK
						     : db_fail(db, err, "reading snapshots");
}

static const char latest_sql[] = "SELECT " COLUMNS " FROM snapshots WHERE taken_at <= :until"
				 " ORDER BY taken_at DESC, id DESC LIMIT 1";

int
snapshot_latest_by(struct db *db, long day, const struct as_of *t, struct snapshot *out,
		   int *found, struct dd_err *err)
{
	char until[TIMESTAMP_LEN];

	timestamp_end_of_day(day < t->day ? day : t->day, until);
	return find_one(db, latest_sql, 0, until, out, found, err);
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int
snapshot_find(struct db *db, const char *since, const struct as_of *t, struct snapshot *out,
	      struct dd_err *err)
{
	long day;
	int found;

	memset(out, 0, sizeof *out);
	if (since == NULL) {
		if (find_one(db, latest_sql, 0, t->end, out, &found, err) != DD_OK)
			return err->code;
		if (!found)
			return err_set(err, DD_FAIL,
				       "no snapshot taken by %s: take one with 'dealdeck review "
				       "snapshot'",
				       t->date);
		return DD_OK;
	}
	if (all_digits(since)) {
		if (find_one(db, by_id_sql, strtol(since, NULL, 10), NULL, out, &found, err) !=
		    DD_OK)
			return err->code;
		if (!found)
			return err_set(err, DD_FAIL, "no snapshot %s (see dealdeck review list)",
				       since);
		if (strcmp(out->taken_at, t->end) > 0) {
			snapshot_clear(out);
			return err_set(err, DD_USAGE, "snapshot %s was taken after %s (--as-of)",
				       since, t->date);
		}
		return DD_OK;
	}
	if (date_parse(since, &day) != 0)
		return err_set(err, DD_USAGE,
			       "--since '%s' is neither a snapshot id nor a date (YYYY-MM-DD)",
			       since);
	if (snapshot_latest_by(db, day, t, out, &found, err) != DD_OK)
		return err->code;
	if (!found)
		return err_set(err, DD_FAIL, "no snapshot taken on or before %s", since);
	return DD_OK;
}
