/*
 * A long read that gives way to the user: SQLite calls back every few thousand
 * steps, and when `waiting` says a key is there the statement stops
 * (SQLITE_INTERRUPT); the caller keeps what it had and tries again later. It
 * runs on the one connection: a team-host build has dropped the group it would
 * need to open a second one.
 */
#ifndef DD_GIVE_WAY_H
#define DD_GIVE_WAY_H

#include "db.h"

/* SQLite steps between two looks at the keyboard: a look every few tenths of a ms. */
#define GIVE_WAY_STEPS 10000

struct give_way {
	int (*waiting)(void *arg); /* whether a key waits (the ui's poll of its input) */
	void *arg;
	int steps;    /* steps between looks; 0: GIVE_WAY_STEPS */
	int armed;    /* looks only while a statement steps: a failed prepare is fatal */
	int gave_way; /* a key came: every later look stops its statement too */
	long looks;   /* how often SQLite called back while armed */
};

/* From now on db's statements give way while g is armed. */
void give_way_start(struct db *db, struct give_way *g);
/* Statements run to their end again. */
void give_way_stop(struct db *db);

#endif
