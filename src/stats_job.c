#include <stdlib.h>

#include "stats_job.h"
#include "xmalloc.h"

void
stats_job_want(struct stats_job *j, const struct stats_query *q)
{
	char *owner = q->owner != NULL ? xstrdup(q->owner) : NULL;

	free((char *)j->want.owner);
	j->want = *q;
	j->want.owner = owner;
	j->want.give_way = NULL;
	j->due = 1;
	j->gave_way = 0;
}

enum stats_job_result
stats_job_run(struct stats_job *j, struct session *s, int (*waiting)(void *arg), void *arg,
	      struct stats *out, struct dd_err *err)
{
	struct give_way g = {.waiting = waiting, .arg = arg, .steps = j->steps};
	struct stats_query q = j->want;
	struct stats st;

	if (!j->due)
		return STATS_JOB_IDLE;
	if (waiting != NULL && waiting(arg)) { /* the key first: not even a start */
		j->gave_way++;
		return STATS_JOB_GAVE_WAY;
	}
	q.give_way = &g;
	if (stats_compute(s, &q, &st, err) == DD_OK) {
		stats_free(out);
		*out = st;
		j->due = 0;
		return STATS_JOB_DONE;
	}
	if (g.gave_way) {
		err_clear(err);
		j->gave_way++;
		return STATS_JOB_GAVE_WAY;
	}
	j->due = 0; /* until asked again: a failure on every idle turn would spin */
	return STATS_JOB_FAILED;
}

void
stats_job_free(struct stats_job *j)
{
	free((char *)j->want.owner);
	j->want.owner = NULL;
	j->due = 0;
}
