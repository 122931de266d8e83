#include "date.h"
#include "history.h"

sqlite3_stmt *
history_prepare_event(struct db *db)
{
	return db_prepare(
		db,
		"INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor,"
		" reason, note, override, imported, from_entered_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
}

int
history_insert_event(struct db *db, sqlite3_stmt *st, const struct event *e, long *id,
		     struct dd_err *err)
{
	int rc;

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_int64(st, 1, e->deal_id);
	sqlite3_bind_text(st, 2, e->kind, -1, SQLITE_STATIC);
	db_bind_text_or_null(st, 3, e->from_stage);
	sqlite3_bind_text(st, 4, e->stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, e->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->actor, -1, SQLITE_STATIC);
	db_bind_text_or_null(st, 8, e->reason);
	db_bind_text_or_null(st, 9, e->note);
	db_bind_text_or_null(st, 10, e->override);
	sqlite3_bind_int(st, 11, e->imported);
	db_bind_text_or_null(st, 12, e->from_entered_at);
	rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(db, err, "recording the move");
	/* Reset now: the statement may hold pointers to the caller's strings. */
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == DD_OK && id != NULL)
		*id = (long)sqlite3_last_insert_rowid(db->h);
	return rc;
}

int
history_add_event(struct db *db, const struct event *e, long *id, struct dd_err *err)
{
	sqlite3_stmt *st = history_prepare_event(db);
	int rc = history_insert_event(db, st, e, id, err);

	sqlite3_finalize(st);
	return rc;
}

int
history_add_evidence(struct db *db, long deal_id, long event_id, const struct evidence_ok *ev,
		     const char *actor, const char *at, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(
		db,
		"INSERT INTO evidence (deal_id, event_id, stage, requirement, what, contact_id,"
		" contact_name, acted_on, recorded_by, recorded_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	char day[DATE_LEN];
	int rc;

	date_format(ev->day, day);
	sqlite3_bind_int64(st, 1, deal_id);
	sqlite3_bind_int64(st, 2, event_id);
	sqlite3_bind_text(st, 3, ev->stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, ev->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, ev->what, -1, SQLITE_STATIC);
	if (ev->contact_id > 0)
		sqlite3_bind_int64(st, 6, ev->contact_id);
	db_bind_text_or_null(st, 7, ev->contact_name);
	sqlite3_bind_text(st, 8, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(db, err, "recording evidence");
	sqlite3_finalize(st);
	return rc;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int
history_each_event(struct db *db, long deal_id, void (*cb)(const struct event *e, void *arg),
		   void *arg, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(
		db,
		"SELECT id, kind, from_stage, stage, status, at, actor, reason, note, override,"
		" imported, from_entered_at FROM stage_events WHERE deal_id = ? ORDER BY at, id");
	int rc;

	sqlite3_bind_int64(st, 1, deal_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct event e = {
			.id = sqlite3_column_int64(st, 0),
			.deal_id = deal_id,
			.kind = col(st, 1),
			.from_stage = col(st, 2),
			.stage = col(st, 3),
			.status = col(st, 4),
			.at = col(st, 5),
			.actor = col(st, 6),
			.reason = col(st, 7),
			.note = col(st, 8),
			.override = col(st, 9),
			.imported = sqlite3_column_int(st, 10),
			.from_entered_at = col(st, 11),
		};
		cb(&e, arg);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "reading history");
}

int
history_each_evidence(struct db *db, long deal_id,
		      void (*cb)(const struct evidence_row *e, void *arg), void *arg,
		      struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(
		db, "SELECT id, event_id, stage, requirement, what, contact_name, acted_on,"
		    " recorded_by, recorded_at FROM evidence WHERE deal_id = ?"
		    " ORDER BY acted_on, id");
	int rc;

	sqlite3_bind_int64(st, 1, deal_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct evidence_row e = {
			.id = sqlite3_column_int64(st, 0),
			.deal_id = deal_id,
			.event_id = sqlite3_column_int64(st, 1),
			.stage = col(st, 2),
			.requirement = col(st, 3),
			.what = col(st, 4),
			.contact_name = col(st, 5),
			.acted_on = col(st, 6),
			.recorded_by = col(st, 7),
			.recorded_at = col(st, 8),
		};
		cb(&e, arg);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "reading evidence");
}
