/*
 * The stats screen's figures, computed between keys: the figures asked for
 * are computed while no key waits; a key stops the computation (give_way.h),
 * the figures already there stay whole, and the next idle turn starts again
 * from the beginning. Under a stream of keys the figures come once the keys
 * pause; a computation that fails is not tried again until asked again.
 */
#ifndef DD_STATS_JOB_H
#define DD_STATS_JOB_H

#include "stats.h"

struct stats_job {
	struct stats_query want; /* the figures asked for; owner is the job's copy */
	int due;                 /* want is not computed yet */
	long gave_way;           /* how often want's computation gave way to a key */
	int steps;               /* SQLite steps between looks at the keys; 0: the default */
};

enum stats_job_result {
	STATS_JOB_IDLE,     /* nothing due */
	STATS_JOB_DONE,     /* out holds the figures asked for */
	STATS_JOB_GAVE_WAY, /* a key waits: still due, out untouched */
	STATS_JOB_FAILED,   /* err says why; no longer due, out untouched */
};

/* Asks for q's figures (the owner is copied; q->give_way is ignored). */
void stats_job_want(struct stats_job *j, const struct stats_query *q);
/*
 * Computes what is due unless waiting(arg) says a key waits, before or during
 * the computation. On DONE the figures in out are replaced (stats_free first).
 */
enum stats_job_result stats_job_run(struct stats_job *j, struct session *s,
				    int (*waiting)(void *arg), void *arg, struct stats *out,
				    struct dd_err *err);
void stats_job_free(struct stats_job *j);

#endif
