/*
 * The mutual action plan of a demo deal: the steps of demo_step_texts[] in the
 * order things happen, spread from the day it is written to the expected close,
 * the buyer's steps naming a stakeholder.
 */
#include "demo_people.h"
#include "demo_plan.h"
#include "demo_story.h"
#include "xmalloc.h"

static void
add_step(struct rng *r, struct demo_deal *d, int text, long created, long due)
{
	enum demo_side side = demo_step_texts[text].side;
	struct demo_step *s;

	DEMO_GROW(d->steps, d->nsteps, d->cap_steps);
	s = &d->steps[d->nsteps++];
	*s = (struct demo_step){text, -1, created, due, -1};
	if (side == DEMO_BUYER || (side == DEMO_JOINT && rng_chance(r, 50)))
		s->who = demo_buyer_contact(r, d, created);
	d->used_steps |= 1u << text;
}

void
demo_write_plan(struct rng *r, struct demo_deal *d, int s, int n, long lo, long hi)
{
	long created = demo_stamp_between(r, lo, hi), start = day_of(created);
	long end = d->expect_close;
	long first = max_l((long)s * (long)(DEMO_NSTEP_TEXTS - 1) / n - 1, 0);
	long left = (long)DEMO_NSTEP_TEXTS - first, want = min_l(rng_range(r, 3, 8), left);

	if (end < start + 14)
		end = start + 14 + rng_int(r, 30);
	for (size_t t = (size_t)first; t < DEMO_NSTEP_TEXTS && want > 0; t++, left--) {
		/* Spread over the plan; the last (the handoff) lands after the close. */
		long due = start + (end - start) * ((long)t - first + 1) /
					   max_l((long)DEMO_NSTEP_TEXTS - 1 - first, 1);

		if (rng_int(r, left) >= want)
			continue;
		add_step(r, d, (int)t, created, max_l(start + 1, due + rng_range(r, -2, 2)));
		want--;
	}
	d->have_plan = 1;
}

void
demo_add_needed_step(struct rng *r, struct demo_deal *d, int side, long lo, long hi)
{
	int cand[DEMO_NSTEP_TEXTS], ncand = 0, fresh;
	long created = demo_stamp_between(r, lo, hi);

	for (fresh = 1; fresh >= 0 && ncand == 0; fresh--)
		for (size_t t = 0; t < DEMO_NSTEP_TEXTS; t++)
			if ((side < 0 || (int)demo_step_texts[t].side == side) &&
			    (!fresh || !(d->used_steps & (1u << t))))
				cand[ncand++] = (int)t;
	int pick = cand[rng_int(r, ncand)];
	add_step(r, d, pick, created, day_of(created) + rng_range(r, 5, 35));
}

void
demo_finish_steps(struct rng *r, struct demo_deal *d)
{
	int done = d->outcome == DEMO_WON ? 95 : d->outcome == DEMO_LOST ? 55 : 65;

	for (size_t i = 0; i < d->nsteps; i++) {
		struct demo_step *s = &d->steps[i];
		long first = day_of(s->created), day;

		if (s->due <= d->end_day ? !rng_chance(r, done) : !rng_chance(r, 8))
			continue;
		day = s->due <= d->end_day ? s->due + rng_range(r, -4, 3)
					   : rng_range(r, first, d->end_day);
		day = min_l(max_l(day, first), d->end_day);
		s->done = day * DAY + rng_range(r, WORK_START, WORK_END - 1);
		s->done = min_l(max_l(s->done, s->created + 60), d->end_at);
	}
}
