/*
 * The database: opening (creating with safe permissions), schema migrations,
 * transactions and SQLite errors turned into messages a user can act on.
 */
#ifndef DD_DB_H
#define DD_DB_H

#include <sqlite3.h>

#include "error.h"
#include "process.h"

#define SCHEMA_VERSION    8
#define DB_APPLICATION_ID 0x6464636b /* "ddck" */

struct db {
	sqlite3 *h;
	char *path;
	int created;  /* this open created the file */
	int readonly; /* no write access to the file or its directory: reading only */
	int version;  /* the schema version the file had when opened */
	int nofollow; /* a symbolic link is refused, not followed */
	/* A write of deal data is open (db_begin_data): rows it changed are counted. */
	int counting;
	sqlite3_int64 changes_at_begin;
};

enum db_open_flags {
	DB_CREATE = 1,      /* create a missing database */
	DB_MUST_CREATE = 2, /* refuse an existing file (init) */
	DB_NOFOLLOW = 4,    /* refuse a symbolic link (the team host's open) */
};

/* What a new database starts with. */
struct db_init {
	const struct process *process;
	const char *currency;
};

int db_open(const char *path, int flags, const struct db_init *init, struct db **out,
	    struct dd_err *err);
void db_close(struct db *db);
/*
 * One read: in WAL mode it opens the -wal and -shm files, which the connection
 * then keeps (the team host opens them with its group, then gives it up).
 */
int db_read_once(struct db *db, struct dd_err *err);

/* BEGIN IMMEDIATE: every write is one transaction that takes the lock up front. */
int db_begin(struct db *db, struct dd_err *err);
int db_commit(struct db *db, struct dd_err *err);
void db_rollback(struct db *db);
/* Ends a write: commits when rc is DD_OK, else rolls back and returns rc. */
int db_end(struct db *db, int rc, struct dd_err *err);
/*
 * db_begin for a write of deal data (deals, history, people, plans, snapshots,
 * the process): when it changed a row, its commit moves the meta counter
 * data_writes in the same transaction, so an open board tells such a commit
 * from a presence heartbeat (which moves PRAGMA data_version too) and reads
 * the pipeline again only for it. A write that changes nothing writes nothing.
 */
int db_begin_data(struct db *db, struct dd_err *err);
/* The data_writes counter ("" before the first such write). */
void db_data_writes(struct db *db, char *buf, size_t len);

/* Prepares SQL that is part of the program: failure is a bug. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);
/* Turns the last SQLite error into a message for the user; returns the status. */
int db_fail(struct db *db, struct dd_err *err, const char *doing);
/* Runs SQL with no results; 0 or an error set through db_fail. */
int db_exec(struct db *db, const char *sql, struct dd_err *err);

/* Text column or NULL; the copy is the caller's. */
char *db_column_text(sqlite3_stmt *st, int col);
/* Binds text, or NULL for a NULL or empty string. */
void db_bind_text_or_null(sqlite3_stmt *st, int i, const char *s);

const char *db_meta(struct db *db, const char *key, char *buf, size_t len);
int db_set_meta(struct db *db, const char *key, const char *value, struct dd_err *err);

/* The schema version a database file has (PRAGMA user_version). */
int db_schema_version(struct db *db);

/* Changes whenever another connection commits (PRAGMA data_version). */
long db_data_version(struct db *db);

#endif
