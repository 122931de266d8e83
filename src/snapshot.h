/*
 * Snapshots of the open pipeline for the weekly review: taken in one
 * INSERT ... SELECT, append-only, listed, and found by id or by day.
 */
#ifndef DD_SNAPSHOT_H
#define DD_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "as_of.h"
#include "session.h"

struct snapshot {
	long id;
	char taken_at[TIMESTAMP_LEN];
	char *login, *note; /* note may be NULL */
	long open_deals;
	int64_t open_amount;
};

/* Records every open deal as it is now, with the note (NULL: none); out: what it took. */
int snapshot_take(struct session *s, const char *note, struct snapshot *out, struct dd_err *err);
/* The snapshots taken by the end of T, oldest first. */
int snapshot_list(struct db *db, const struct as_of *t, struct snapshot **out, size_t *n,
		  struct dd_err *err);
void snapshot_free(struct snapshot *v, size_t n);
void snapshot_clear(struct snapshot *s);

/*
 * The snapshot a review compares with: since NULL, the latest taken by the end
 * of T; an id; or a date, the latest taken on or before that day. DD_FAIL when
 * there is none, DD_USAGE when since is neither an id nor a date or names one
 * taken after T.
 */
int snapshot_find(struct db *db, const char *since, const struct as_of *t, struct snapshot *out,
		  struct dd_err *err);
/* The latest taken by the end of day (and of T); *found 0 when none. */
int snapshot_latest_by(struct db *db, long day, const struct as_of *t, struct snapshot *out,
		       int *found, struct dd_err *err);

#endif
