#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "db.h"
#include "process_db.h"
#include "schema.h"
#include "xmalloc.h"

#define BUSY_TIMEOUT_MS 5000

sqlite3_stmt *
db_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("SQL error: %s\nin: %s", sqlite3_errmsg(db->h), sql);
	return st;
}

int
db_fail(struct db *db, struct dd_err *err, const char *doing)
{
	int rc = sqlite3_extended_errcode(db->h);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(err, DD_FAIL,
			       "%s: the database is busy (another user is writing); nothing was "
			       "changed, try again",
			       doing);
	case SQLITE_READONLY:
		return err_set(err, DD_FAIL,
			       "%s: the database %s is read-only for you; nothing was changed",
			       doing, db->path);
	case SQLITE_FULL:
		return err_set(err, DD_FAIL, "%s: the disk is full; nothing was changed", doing);
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_TRIGGER)
			return err_set(err, DD_REFUSED, "%s: refused: %s", doing,
				       sqlite3_errmsg(db->h));
		return err_set(err, DD_REFUSED, "%s: %s", doing, sqlite3_errmsg(db->h));
	default:
		return err_set(err, DD_FAIL, "%s: %s", doing, sqlite3_errmsg(db->h));
	}
}

int
db_exec(struct db *db, const char *sql, struct dd_err *err)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "database");
	return DD_OK;
}

int
db_begin(struct db *db, struct dd_err *err)
{
	if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "cannot start writing");
	return DD_OK;
}

int
db_commit(struct db *db, struct dd_err *err)
{
	if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		int rc = db_fail(db, err, "cannot save");

		db_rollback(db);
		return rc;
	}
	return DD_OK;
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int
db_end(struct db *db, int rc, struct dd_err *err)
{
	if (rc != DD_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err); /* rolls back itself when the commit fails */
}

char *
db_column_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s != NULL ? xstrdup((const char *)s) : NULL;
}

void
db_bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || s[0] == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static int
pragma_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int
db_schema_version(struct db *db)
{
	return pragma_int(db, "PRAGMA user_version");
}

long
db_data_version(struct db *db)
{
	return pragma_int(db, "PRAGMA data_version");
}

const char *
db_meta(struct db *db, const char *key, char *buf, size_t len)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT value FROM meta WHERE key = ?");
	const char *r = NULL;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf, len, "%s", (const char *)sqlite3_column_text(st, 0));
		r = buf;
	}
	sqlite3_finalize(st);
	return r;
}

int
db_set_meta(struct db *db, const char *key, const char *value, struct dd_err *err)
{
	sqlite3_stmt *st =
		db_prepare(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
	int rc;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(db, err, "saving settings");
	sqlite3_finalize(st);
	return rc;
}

static int
mkdir_parents(const char *path)
{
	char *dup = xstrdup(path), *dir = dirname(dup);
	struct stat sb;
	int rc = 0;

	if (stat(dir, &sb) != 0) {
		rc = mkdir_parents(dir);
		if (rc == 0 && mkdir(dir, 0700) != 0 && errno != EEXIST)
			rc = -1;
	}
	free(dup);
	return rc;
}

/*
 * Deal data is confidential: 0600, or 0660 in a group-writable setgid directory
 * (the shared team set-up, where the directory's group is the team). SQLite gives
 * the -wal and -shm files the same mode.
 */
static int
create_file(const char *path, struct dd_err *err)
{
	char *dup = xstrdup(path);
	struct stat sb;
	mode_t mode = 0600;
	int fd;

	if (mkdir_parents(path) != 0) {
		free(dup);
		return err_set(err, DD_FAIL, "cannot create the directory for %s: %s", path,
			       strerror(errno));
	}
	if (stat(dirname(dup), &sb) == 0 && (sb.st_mode & S_ISGID) && (sb.st_mode & S_IWGRP))
		mode = 0660;
	free(dup);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0)
		return errno == EEXIST ? DD_OK
				       : err_set(err, DD_FAIL, "cannot create %s: %s", path,
						 strerror(errno));
	fchmod(fd, mode); /* whatever the umask */
	close(fd);
	return DD_OK;
}

/* Brings the schema up to date and gives a new database its process, in one write. */
static int
migrate_steps(struct db *db, const struct db_init *init, struct dd_err *err)
{
	char buf[64], pragma[64], now[TIMESTAMP_LEN];
	int v;

	if (db_begin(db, err) != DD_OK)
		return err->code;
	v = db_schema_version(db); /* again, now that we hold the lock */
	for (; v < schema_nmigrations; v++) {
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (sqlite3_exec(db->h, schema_migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(db->h, pragma, NULL, NULL, NULL) != SQLITE_OK) {
			db_fail(db, err, "cannot update the database schema");
			goto out;
		}
	}
	/* A new database, whoever of several racing processes created the file. */
	if (init != NULL && db_meta(db, "currency", buf, sizeof buf) == NULL) {
		timestamp_now(now);
		if (process_db_save(db, init->process, err) != DD_OK ||
		    db_set_meta(db, "currency", init->currency ? init->currency : "USD", err) ||
		    db_set_meta(db, "created_at", now, err))
			goto out;
	}
	return db_commit(db, err);
out:
	return db_end(db, err->code, err);
}

/*
 * A migration may rebuild a table others refer to (SQLite adds a CHECK no
 * other way), which needs foreign keys off: a pragma that only takes effect
 * outside a transaction. A rebuild keeps every id, so every reference holds.
 */
static int
migrate(struct db *db, const struct db_init *init, struct dd_err *err)
{
	int rc;

	sqlite3_exec(db->h, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	rc = migrate_steps(db, init, err);
	sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return rc;
}

/* Another program's SQLite file: it has tables, or a version, but not our id. */
static int
is_foreign(struct db *db, int version)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM sqlite_master");
	int n = 0, app;

	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	app = pragma_int(db, "PRAGMA application_id");
	if (n == 0 && version == 0 && app == 0)
		return 0; /* empty: ours to set up */
	return app != DB_APPLICATION_ID;
}

int
db_open(const char *path, int flags, const struct db_init *init, struct db **out,
	struct dd_err *err)
{
	struct db *db;
	struct stat sb;
	int exists = stat(path, &sb) == 0, v;

	*out = NULL;
	if (exists && (flags & DB_MUST_CREATE))
		return err_set(err, DD_FAIL, "%s already exists; refusing to overwrite it", path);
	if (!exists && !(flags & (DB_CREATE | DB_MUST_CREATE)))
		return err_set(err, DD_FAIL, "no database at %s; create it with dealdeck init",
			       path);
	if (exists && S_ISDIR(sb.st_mode))
		return err_set(err, DD_FAIL, "%s is a directory, not a database", path);
	if (!exists && create_file(path, err) != DD_OK)
		return err->code;

	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->created = !exists;
	if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(err, DD_FAIL, "cannot open %s: %s", path,
			db->h ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(db);
		return DD_FAIL;
	}
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->h, 1);
	v = db_schema_version(db);
	if (v < 0) {
		err_set(err, DD_FAIL, "%s is not a dealdeck database (%s)", path,
			sqlite3_errmsg(db->h));
		db_close(db);
		return DD_FAIL;
	}
	if (exists && is_foreign(db, v)) {
		/* An SQLite file that is not ours: never turn it into one. */
		err_set(err, DD_FAIL, "%s is not a dealdeck database; it was not touched", path);
		db_close(db);
		return DD_FAIL;
	}
	if (v > SCHEMA_VERSION) {
		err_set(err, DD_FAIL,
			"%s was written by a newer dealdeck (schema %d; this one knows %d): "
			"upgrade dealdeck. The database was not touched.",
			path, v, SCHEMA_VERSION);
		db_close(db);
		return DD_FAIL;
	}
	sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	/* So REPLACE cannot delete history behind the append-only triggers' back. */
	sqlite3_exec(db->h, "PRAGMA recursive_triggers = ON", NULL, NULL, NULL);
	sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	/* Stats scan the history: reading it mapped costs no read() per page (NOTES.md). */
	sqlite3_exec(db->h, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
	if (v < SCHEMA_VERSION) {
		if (migrate(db, init, err) != DD_OK) {
			db_close(db);
			if (!exists)
				unlink(path);
			return err->code;
		}
	}
	*out = db;
	return DD_OK;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}
