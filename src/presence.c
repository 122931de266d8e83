/* The presence table (schema 7): follow mode's only writes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "presence.h"
#include "xmalloc.h"

/* Rows of processes gone without a word (kill -9, a dropped ssh). */
static void
expire(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM presence WHERE beat < ?");

	sqlite3_bind_int64(st, 1, (sqlite3_int64)time(NULL) - PRESENCE_STALE_S);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

int
presence_begin(struct db *db, enum presence_role role, const char *login,
	       const char *target, long *id, struct dd_err *err)
{
	sqlite3_stmt *st;
	int rc;

	expire(db);
	st = db_prepare(db, "INSERT INTO presence (login, pid, role, target, since, beat) "
			    "VALUES (?, ?, ?, ?, strftime('%Y-%m-%d %H:%M:%S', 'now'), ?)");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)getpid());
	sqlite3_bind_text(st, 3, role == PRESENCE_PRESENT ? "present" : "follow", -1,
			  SQLITE_STATIC);
	db_bind_text_or_null(st, 4, target);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)time(NULL));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "recording presence");
	*id = (long)sqlite3_last_insert_rowid(db->h);
	return DD_OK;
}

int
presence_update(struct db *db, long id, const char *state, struct dd_err *err)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, state != NULL ? "UPDATE presence SET beat = ?, state = ? WHERE id = ?"
					  : "UPDATE presence SET beat = ? WHERE id = ?");
	sqlite3_bind_int64(st, 1, (sqlite3_int64)time(NULL));
	if (state != NULL)
		sqlite3_bind_text(st, 2, state, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, state != NULL ? 3 : 2, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "updating presence");
	return DD_OK;
}

void
presence_end(struct db *db, long id)
{
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM presence WHERE id = ?");

	sqlite3_bind_int64(st, 1, id);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

int
presence_read(struct db *db, const char *login, long *id, char **state, struct dd_err *err)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	*state = NULL;
	st = db_prepare(db, "SELECT id, state FROM presence WHERE role = 'present' AND login = ?"
			    " AND beat >= ? ORDER BY id DESC LIMIT 1");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)time(NULL) - PRESENCE_STALE_S);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = (long)sqlite3_column_int64(st, 0);
		*state = db_column_text(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, "reading presence");
	return DD_OK;
}

int
presence_list(struct db *db, struct presence_row **rows, size_t *n, struct dd_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT login, role, target, since, pid FROM presence WHERE beat >= ?"
			    " ORDER BY role = 'follow', id");
	sqlite3_bind_int64(st, 1, (sqlite3_int64)time(NULL) - PRESENCE_STALE_S);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct presence_row *r;

		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*rows = xrealloc(*rows, cap * sizeof **rows);
		}
		r = &(*rows)[(*n)++];
		r->login = db_column_text(st, 0);
		r->role = db_column_text(st, 1);
		r->target = db_column_text(st, 2);
		r->since = db_column_text(st, 3);
		r->pid = (long)sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "listing presence");
	return DD_OK;
}

void
presence_free(struct presence_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].login);
		free(rows[i].role);
		free(rows[i].target);
		free(rows[i].since);
	}
	free(rows);
}
