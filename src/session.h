/* One user's session on one database: who is acting, under which process. */
#ifndef DD_SESSION_H
#define DD_SESSION_H

#include "db.h"
#include "process.h"

struct session {
	struct db *db;
	struct process proc;
	/*
	 * The process before the last reload, kept one more turn: a caller in the
	 * middle of a write may still hold a stage key or an evidence key of it.
	 */
	struct process retired;
	char login[64];
	enum team_role role;
};

/* Opens (creating if allowed) the database and loads its process. */
int session_open(struct session *s, const char *path, int flags, const struct db_init *init,
		 struct dd_err *err);
/* The same on a database already open (which the session then owns, even on failure). */
int session_start(struct session *s, struct db *db, struct dd_err *err);
void session_close(struct session *s);
/* Re-reads the process, e.g. after it was applied. */
int session_reload_process(struct session *s, struct dd_err *err);
/*
 * Re-reads the process when a manager applied another since it was loaded (one
 * meta lookup otherwise). *changed says whether it did; may be NULL.
 */
int session_refresh_process(struct session *s, int *changed, struct dd_err *err);
/*
 * Starts a write of deal data (db_begin_data: BEGIN IMMEDIATE, counted for the
 * boards that watch) under the process as it is now: every write checks the
 * rules it is about to apply inside its own transaction.
 */
int session_begin(struct session *s, struct dd_err *err);

/* The OS login of the acting user; never taken from the environment. */
void session_login(char *out, size_t len);

#endif
