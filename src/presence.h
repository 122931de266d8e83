/*
 * Follow mode's presence in the shared database: who presents, who follows,
 * and the presenter's view as plain text. No deal data; no curses here.
 */
#ifndef DD_PRESENCE_H
#define DD_PRESENCE_H

#include <time.h>

#include "db.h"
#include "error.h"

#define PRESENCE_BEAT_S  2 /* a running presenter or follower beats this often */
#define PRESENCE_STALE_S 6 /* a row this long without a beat is gone (kill -9) */

enum presence_role { PRESENCE_PRESENT, PRESENCE_FOLLOW };

/* Adds this process's row; *id names it from now on. Old stale rows go too. */
int presence_begin(struct db *db, enum presence_role role, const char *login,
		   const char *target, long *id, struct dd_err *err);
/* A view change (state not NULL) or a heartbeat (NULL): one small UPDATE. */
int presence_update(struct db *db, long id, const char *state, struct dd_err *err);
/* The row goes: the presenter quit, or the follower stopped. */
void presence_end(struct db *db, long id);

/*
 * The newest live presenter login's state (copied into *state, the caller's,
 * NULL when none), and the row's id (0 when login presents nowhere).
 */
int presence_read(struct db *db, const char *login, long *id, char **state,
		  struct dd_err *err);

struct presence_row {
	char *login, *role, *target, *since;
	long pid;
};

/* Live rows, presenters first, oldest first. */
int presence_list(struct db *db, struct presence_row **rows, size_t *n, struct dd_err *err);
void presence_free(struct presence_row *rows, size_t n);

#endif
