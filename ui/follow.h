/* Follow mode (ui/follow.c): --present and --follow LOGIN on the full-screen board. */
#ifndef DD_FOLLOW_H
#define DD_FOLLOW_H

#include <time.h>

struct ui;

struct follow {
	int presenting, following, detached;
	int force;     /* apply the next read even when unchanged (start, catch up) */
	long id;       /* this process's presence row; 0: neither */
	long presenter; /* the followed presenter's row when live; 0: none */
	char login[64]; /* whom this board follows, or this presenter */
	char *last;     /* the state last written or read */
	time_t beat;    /* the last heartbeat */
	char detach_keys[64], catch_keys[64], quit_keys[64];
};

/* Records the presence; a follower shows the presenter's view at once. */
int follow_start(struct ui *u, int present, const char *login);
void follow_end(struct ui *u);
/* After each draw: a presenter writes its view when it changed. */
void follow_presented(struct ui *u);
/* Each poll: heartbeats, and a follower reads the row when the database changed. */
void follow_tick(struct ui *u, int changed);
/* 1 when a follower's key was taken here (refused, detach, catch up). */
int follow_key(struct ui *u, int key);

#endif
