/*
 * What other users' commits were, for a screen that polls for them: deal data
 * (read the pipeline again) or something else, such as a presenter's heartbeat
 * in the presence table (read at most that one row). No curses here.
 */
#ifndef DD_WATCH_H
#define DD_WATCH_H

#include "db.h"

struct watch {
	long version;    /* PRAGMA data_version as last seen */
	char writes[32]; /* meta data_writes as last seen */
};

enum watch_change {
	WATCH_NONE,  /* no other connection committed */
	WATCH_OTHER, /* others committed, but no deal data (presence) */
	WATCH_DATA,  /* deal data changed: read it again */
};

/* Remembers the database as it is now: call before reading it. */
void watch_mark(struct db *db, struct watch *w);
/* Since the mark or the last poll; a WATCH_DATA answer marks again. */
enum watch_change watch_poll(struct db *db, struct watch *w);

#endif
