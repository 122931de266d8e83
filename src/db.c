#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "date.h"
#include "db.h"
#include "process_db.h"
#include "schema.h"
#include "xmalloc.h"

#define BUSY_TIMEOUT_MS 5000

static int disk_full(const char *path);

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
			       "%s: the database %s is read-only for you%s; nothing was changed",
			       doing, db->path,
			       db->readonly ? " (no write access to it or its directory)" : "");
	case SQLITE_FULL:
		return err_set(err, DD_FAIL, "%s: the disk is full; nothing was changed", doing);
	case SQLITE_IOERR:
		if (disk_full(db->path))
			return err_set(err, DD_FAIL, "%s: the disk is full; nothing was changed",
				       doing);
		return err_set(err, DD_FAIL, "%s: %s: %s; nothing was changed", doing, db->path,
			       sqlite3_errmsg(db->h));
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(err, DD_FAIL,
			       "%s: the database %s is damaged (%s); restore it from a backup",
			       doing, db->path, sqlite3_errmsg(db->h));
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

/* One small statement per transaction, however many rows it wrote. */
static int
count_write(struct db *db)
{
	int changed = db->counting && sqlite3_total_changes64(db->h) != db->changes_at_begin;

	db->counting = 0;
	if (!changed)
		return SQLITE_OK;
	return sqlite3_exec(db->h,
			    "INSERT INTO meta (key, value) VALUES ('data_writes', 1)"
			    " ON CONFLICT (key) DO UPDATE SET value = value + 1",
			    NULL, NULL, NULL);
}

int
db_commit(struct db *db, struct dd_err *err)
{
	if (count_write(db) != SQLITE_OK ||
	    sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		int rc = db_fail(db, err, "cannot save");

		db_rollback(db);
		return rc;
	}
	return DD_OK;
}

void
db_rollback(struct db *db)
{
	db->counting = 0;
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

int
db_begin_data(struct db *db, struct dd_err *err)
{
	if (db_begin(db, err) != DD_OK)
		return err->code;
	db->counting = 1;
	db->changes_at_begin = sqlite3_total_changes64(db->h);
	return DD_OK;
}

void
db_data_writes(struct db *db, char *buf, size_t len)
{
	if (db_meta(db, "data_writes", buf, len) == NULL)
		snprintf(buf, len, "%s", "");
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

/*
 * Makes the missing directories above path (0700), remembering each in made,
 * outermost first, so that a failed create can take them away again.
 */
static int
mkdir_parents(const char *path, struct strvec *made)
{
	char *dup = xstrdup(path), *dir = dirname(dup);
	struct stat sb;
	int rc = 0;

	if (stat(dir, &sb) != 0 && errno == ENOENT) {
		rc = mkdir_parents(dir, made);
		if (rc == 0 && mkdir(dir, 0700) == 0)
			strvec_push(made, dir);
		else if (rc == 0 && errno != EEXIST)
			rc = -1;
	}
	free(dup);
	return rc;
}

/* Takes away what a failed create made: the file, SQLite's, the directories. */
static void
undo_create(const char *path, struct strvec *made)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *f = xasprintf("%s%s", path, suffixes[i]);

		unlink(f);
		free(f);
	}
	for (size_t i = made->n; i-- > 0;)
		rmdir(made->v[i]);
}

/*
 * Deal data is confidential: 0600, or 0660 in a group-writable setgid directory
 * (the shared team set-up, where the directory's group is the team). SQLite gives
 * the -wal and -shm files the same mode. *made says whether this call created
 * the file: another process may have created it since we looked.
 */
static int
create_file(const char *path, struct strvec *dirs, int *made, struct dd_err *err)
{
	char *dup = xstrdup(path);
	struct stat sb;
	mode_t mode = 0600;
	int fd;

	*made = 0;
	if (mkdir_parents(path, dirs) != 0) {
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
	*made = 1;
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

/* What the file at a path holds, as far as dealdeck is concerned. */
enum db_kind {
	DB_OURS,    /* ours, or empty: ours to set up */
	DB_FOREIGN, /* another program's SQLite file */
	DB_NEWER,   /* ours, from a newer dealdeck */
	DB_NOT_SQLITE,
	DB_CUT_SHORT, /* shorter than its header says: a copy that did not finish */
};

#define SQLITE_HEADER "SQLite format 3"

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A -wal with frames in it: what the main file says may be out of date. */
static int
wal_pending(const char *path)
{
	char *f = xasprintf("%s-wal", path);
	struct stat sb;
	int r = stat(f, &sb) == 0 && sb.st_size > 0;

	free(f);
	return r;
}

/*
 * Reads the file's header itself, before SQLite sees the file: a file that is
 * not SQLite, or carries another program's application id, or ours from a
 * newer dealdeck, is refused without SQLite touching it (or its -wal). An
 * application id of 0 cannot tell (a new file, or another program's): then
 * SQLite looks, with a connection that does not checkpoint on close.
 */
static int
read_header(const char *path, enum db_kind *kind, int *version, struct dd_err *err)
{
	unsigned char h[100];
	struct stat sb;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	*kind = DB_OURS;
	*version = 0;
	if (fd < 0)
		return err_set(err, DD_FAIL, "cannot read %s: %s", path, strerror(errno));
	n = read(fd, h, sizeof h);
	if (fstat(fd, &sb) != 0)
		n = -1;
	close(fd);
	if (n < 0)
		return err_set(err, DD_FAIL, "cannot read %s: %s", path, strerror(errno));
	if (n == 0)
		return DD_OK; /* empty: ours to set up */
	if (n < (ssize_t)sizeof h || memcmp(h, SQLITE_HEADER, sizeof SQLITE_HEADER) != 0) {
		*kind = DB_NOT_SQLITE;
		return DD_OK;
	}
	*version = (int)be32(h + 60);
	/* The page count is valid when the change counter says so; a -wal may add pages. */
	unsigned long long page = h[16] << 8 | h[17], pages = be32(h + 28);
	if (page == 1)
		page = 65536;
	if (be32(h + 24) == be32(h + 92) && pages > 0 &&
	    (unsigned long long)sb.st_size < page * pages && !wal_pending(path)) {
		*kind = DB_CUT_SHORT;
		*version = (int)(page * pages);
		return DD_OK;
	}
	if (be32(h + 68) == 0)
		return DD_OK; /* SQLite decides, below */
	if (be32(h + 68) != DB_APPLICATION_ID)
		*kind = DB_FOREIGN;
	else if (*version > SCHEMA_VERSION)
		*kind = DB_NEWER;
	return DD_OK;
}

/* Little free space left where path lives: an I/O error there is a full disk. */
static int
disk_full(const char *path)
{
	char *dup = xstrdup(path);
	struct statvfs v;
	int full = statvfs(dirname(dup), &v) == 0 &&
		   (unsigned long long)v.f_bavail * v.f_frsize < 64 * 1024;

	free(dup);
	return full;
}

/*
 * Says what went wrong when SQLite could not read the file at all, rather
 * than "not a dealdeck database" for everything.
 */
static int
open_failed(struct db *db, const char *path, struct dd_err *err)
{
	int rc = db->h ? sqlite3_extended_errcode(db->h) : SQLITE_NOMEM;
	const char *msg = db->h ? sqlite3_errmsg(db->h) : "out of memory";
	int sys = db->h ? sqlite3_system_errno(db->h) : 0;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(err, DD_FAIL,
			       "%s is locked by another program, which kept it for more than %d "
			       "seconds; try again later",
			       path, BUSY_TIMEOUT_MS / 1000);
	case SQLITE_NOTADB:
		return err_set(err, DD_FAIL,
			       "%s is not a dealdeck database (not an SQLite file); it was not "
			       "touched",
			       path);
	case SQLITE_CORRUPT:
		return err_set(err, DD_FAIL,
			       "%s is damaged (%s): shorter than it should be, or overwritten; it "
			       "was not touched. Restore it from a backup",
			       path, msg);
	case SQLITE_FULL:
		return err_set(err, DD_FAIL, "cannot open %s: the disk is full", path);
	case SQLITE_IOERR:
		if (disk_full(path))
			return err_set(err, DD_FAIL, "cannot open %s: the disk is full", path);
		return err_set(err, DD_FAIL, "cannot read %s: %s%s%s", path, msg,
			       sys ? ": " : "", sys ? strerror(sys) : "");
	default:
		return err_set(err, DD_FAIL, "cannot open %s: %s%s%s", path, msg,
			       sys ? ": " : "", sys ? strerror(sys) : "");
	}
}

/* The tables, version and application id SQLite sees (through any -wal). */
static int
look(struct db *db, int *version, int *app, int *tables)
{
	sqlite3_stmt *st;
	int rc;

	if ((*version = pragma_int(db, "PRAGMA user_version")) < 0 ||
	    (*app = pragma_int(db, "PRAGMA application_id")) < 0)
		return -1;
	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*tables = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Opens a connection; immutable: read the file as it is, no locks, no -wal. */
static int
connect(struct db *db, const char *path, int readonly, int immutable)
{
	char *uri = NULL;
	int rc;

	if (immutable) {
		/* A URI, so a path with ? or # in it must be escaped. */
		char *esc = sqlite3_mprintf("%s", path);
		struct strbuf b;

		strbuf_init(&b);
		strbuf_puts(&b, "file:");
		for (const char *p = esc; *p; p++)
			if (*p == '?' || *p == '#' || *p == '%')
				strbuf_printf(&b, "%%%02X", (unsigned char)*p);
			else
				strbuf_putc(&b, *p);
		strbuf_puts(&b, "?immutable=1");
		sqlite3_free(esc);
		uri = strbuf_detach(&b);
	}
	rc = sqlite3_open_v2(uri ? uri : path, &db->h,
			     (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
				     (uri ? SQLITE_OPEN_URI : 0) |
				     (db->nofollow ? SQLITE_OPEN_NOFOLLOW : 0),
			     NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->h, 1);
	/* Until the file is known to be ours, closing must not checkpoint it. */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	return SQLITE_OK;
}

static void
disconnect(struct db *db)
{
	sqlite3_close(db->h);
	db->h = NULL;
}

/* Sets a PRAGMA the program relies on and reads it back. */
static int
pragma_set(struct db *db, const char *set, const char *get, const char *want,
	   struct dd_err *err)
{
	sqlite3_stmt *st;
	int ok = 0;

	if (sqlite3_exec(db->h, set, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "cannot set up the database");
	if (sqlite3_prepare_v2(db->h, get, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err, "cannot set up the database");
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		ok = strcmp((const char *)sqlite3_column_text(st, 0), want) == 0;
	sqlite3_finalize(st);
	if (!ok)
		return err_set(err, DD_FAIL, "cannot set up %s: %s did not take", db->path, set);
	return DD_OK;
}

static int
refuse(struct db *db, enum db_kind kind, int version, struct dd_err *err)
{
	switch (kind) {
	case DB_NOT_SQLITE:
		return err_set(err, DD_FAIL,
			       "%s is not a dealdeck database (not an SQLite file); it was not "
			       "touched",
			       db->path);
	case DB_FOREIGN:
		return err_set(err, DD_FAIL, "%s is not a dealdeck database; it was not touched",
			       db->path);
	case DB_CUT_SHORT:
		return err_set(err, DD_FAIL,
			       "%s is cut short: its header says %d bytes, the file is shorter (a "
			       "copy or a download that did not finish?); it was not touched",
			       db->path, version);
	case DB_NEWER:
		return err_set(err, DD_FAIL,
			       "%s was written by a newer dealdeck (schema %d; this one knows %d): "
			       "upgrade dealdeck. The database was not touched.",
			       db->path, version, SCHEMA_VERSION);
	default:
		return DD_OK;
	}
}

/*
 * Opens an existing file, or the one just created, for reading and writing;
 * where that is not allowed (a read-only file or directory), for reading.
 * Refuses, leaving every file as it was, what is not ours.
 */
/* Refuses what is not ours to open, from what SQLite saw. */
static int
classify(struct db *db, int exists, int version, int app, int tables, struct dd_err *err)
{
	if (exists && !(tables == 0 && version == 0 && app == 0) && app != DB_APPLICATION_ID)
		return refuse(db, DB_FOREIGN, version, err);
	if (version > SCHEMA_VERSION)
		return refuse(db, DB_NEWER, version, err);
	return DD_OK;
}

/*
 * Opens an existing file, or the one just created, for reading and writing;
 * where that is not allowed (a read-only file or directory), for reading.
 * What is not ours is refused with every file as it was: checked from the
 * header, then, when no -wal is pending, by an immutable connection that
 * creates and changes nothing; a pending -wal is read by a connection that
 * does not checkpoint on close.
 */
static int
connect_checked(struct db *db, int exists, struct dd_err *err)
{
	enum db_kind kind = DB_OURS;
	int version = 0, app = 0, tables = 0, rc;

	if (exists) {
		if (read_header(db->path, &kind, &version, err) != DD_OK)
			return err->code;
		if (kind != DB_OURS)
			return refuse(db, kind, version, err);
		if (!wal_pending(db->path)) {
			rc = connect(db, db->path, 1, 1);
			if (rc == SQLITE_OK && look(db, &version, &app, &tables) != 0)
				rc = sqlite3_extended_errcode(db->h);
			if (rc != SQLITE_OK)
				return open_failed(db, db->path, err);
			disconnect(db);
			if (classify(db, exists, version, app, tables, err) != DD_OK)
				return err->code;
		}
	}
	rc = connect(db, db->path, 0, 0);
	if (rc == SQLITE_OK && look(db, &version, &app, &tables) != 0)
		rc = sqlite3_extended_errcode(db->h);
	if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN ||
	    (rc & 0xff) == SQLITE_PERM) {
		/* A reader without write access: -wal and -shm cannot be made here. */
		disconnect(db);
		db->readonly = 1;
		rc = connect(db, db->path, 1, 0);
		if (rc == SQLITE_OK && look(db, &version, &app, &tables) != 0)
			rc = sqlite3_extended_errcode(db->h);
		if (rc != SQLITE_OK && !wal_pending(db->path)) {
			disconnect(db);
			rc = connect(db, db->path, 1, 1);
			if (rc == SQLITE_OK && look(db, &version, &app, &tables) != 0)
				rc = sqlite3_extended_errcode(db->h);
		}
	}
	if (rc != SQLITE_OK)
		return open_failed(db, db->path, err);
	if (classify(db, exists, version, app, tables, err) != DD_OK)
		return err->code;
	/* Ours: closing may checkpoint again. */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, (int *)NULL);
	db->version = version;
	return DD_OK;
}

int
db_open(const char *path, int flags, const struct db_init *init, struct db **out,
	struct dd_err *err)
{
	struct strvec dirs = {0};
	struct db *db;
	struct stat sb;
	int exists, made = 0;

	*out = NULL;
	exists = stat(path, &sb) == 0;
	if (!exists && errno != ENOENT)
		/* A directory that cannot be searched, a file in place of a directory. */
		return err_set(err, DD_FAIL, "cannot reach %s: %s", path, strerror(errno));
	if (exists && (flags & DB_MUST_CREATE))
		return err_set(err, DD_FAIL, "%s already exists; refusing to overwrite it", path);
	if (!exists && !(flags & (DB_CREATE | DB_MUST_CREATE)))
		return err_set(err, DD_FAIL, "no database at %s; create it with dealdeck init",
			       path);
	if (exists && S_ISDIR(sb.st_mode))
		return err_set(err, DD_FAIL, "%s is a directory, not a database", path);
	if (!exists && create_file(path, &dirs, &made, err) != DD_OK) {
		undo_create(path, &dirs);
		strvec_free(&dirs);
		return err->code;
	}

	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->created = made;
	db->nofollow = (flags & DB_NOFOLLOW) != 0;
	/* Created by another process since we looked: check it as any existing file. */
	if (connect_checked(db, exists || !made, err) != DD_OK)
		goto fail;
	if (!db->readonly &&
	    pragma_set(db, "PRAGMA journal_mode = WAL", "PRAGMA journal_mode", "wal", err))
		goto fail;
	/* Stats scan the history: reading it mapped costs no read() per page (NOTES.md). */
	sqlite3_exec(db->h, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
	if (db->version < SCHEMA_VERSION && migrate(db, init, err) != DD_OK)
		goto fail;
	/* After the migration, which turns foreign keys off while it rebuilds tables. */
	if (pragma_set(db, "PRAGMA foreign_keys = ON", "PRAGMA foreign_keys", "1", err) ||
	    /* So REPLACE cannot delete history behind the append-only triggers' back. */
	    pragma_set(db, "PRAGMA recursive_triggers = ON", "PRAGMA recursive_triggers", "1",
		       err))
		goto fail;
	strvec_free(&dirs);
	*out = db;
	return DD_OK;
fail:
	db_close(db);
	if (made)
		undo_create(path, &dirs);
	strvec_free(&dirs);
	return err->code;
}

int
db_read_once(struct db *db, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM meta");
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? DD_OK : db_fail(db, err, "cannot read the database");
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
