/*
 * The story of a demo deal: outcome and stage as a category spread evenly over
 * the deals, a path of moves (now and then a jump or a step back), and stays
 * sized by each stage's warn and rot days, fitted into about nine months.
 */
#include "demo_story.h"
#include "xmalloc.h"

enum age { FRESH, WARN, ROT };

long
demo_stamp_between(struct rng *r, long lo, long hi)
{
	long t;

	if (hi - lo < 2)
		return lo;
	/* One draw per statement: C leaves the order of operands open, and the same
	 * seed must give the same data whichever compiler built us. */
	t = rng_range(r, day_of(lo), day_of(hi)) * DAY;
	t += rng_range(r, WORK_START, WORK_END - 1);
	if (t <= lo || t >= hi)
		t = t <= lo ? lo + 1 + rng_int(r, min_l(hi - lo - 1, 3600))
			    : hi - 1 - rng_int(r, min_l(hi - lo - 1, 3600));
	return t;
}

/* Days in a stage, by how long the stage should take (its warn and rot days). */
static long
stay_days(struct rng *r, const struct stage *s, enum age age)
{
	long warn = s->warn_days > 2 ? s->warn_days : 2;
	long rot = s->rot_days > warn ? s->rot_days : warn + 1;

	switch (age) {
	case FRESH:
		return rng_range(r, 1, warn - 1);
	case WARN:
		return rng_range(r, warn, rot - 1);
	case ROT:
		break;
	}
	return rng_range(r, rot, rot + rot / 2 + 5);
}

static struct demo_event *
add_ev(struct demo_deal *d, enum demo_ev_kind kind, int from, int to)
{
	struct demo_event *e;

	DEMO_GROW(d->ev, d->nev, d->cap_ev);
	e = &d->ev[d->nev++];
	*e = (struct demo_event){kind, from, to, 0, 0, -1, -1, -1, 0};
	return e;
}

/* The stage path: forward moves, now and then a jump or a step back, then the outcome. */
static void
shape_path(const struct demo_world *w, struct demo_deal *d, struct rng *r)
{
	int n = w->n, cur = 0, goal = d->outcome == DEMO_WON ? n : d->stage, over, backs;

	/* Now and then a deal pushed ahead too early, and moved back. */
	over = d->outcome == DEMO_OPEN && goal + 1 < n && rng_chance(r, 5);
	backs = !over && rng_chance(r, 12);
	goal += over;
	add_ev(d, EV_CREATE, -1, 0);
	while (cur < goal) {
		int to = cur + (cur + 2 <= goal && rng_chance(r, 7) ? 2 : 1);

		add_ev(d, to == n ? EV_WON : EV_FORWARD, cur, to);
		cur = to;
		if (backs && cur < n && rng_chance(r, 30)) {
			int back = cur >= 2 && rng_chance(r, 25) ? 2 : 1;

			add_ev(d, EV_BACK, cur, cur - back)->why =
				(int)rng_int(r, demo_nback_reasons);
			cur -= back;
			backs = 0;
		}
	}
	if (over) {
		add_ev(d, EV_BACK, cur, cur - 1)->why = (int)rng_int(r, demo_nback_reasons);
		cur--;
	}
	if (d->outcome == DEMO_WON)
		d->stage = d->ev[d->nev - 1].from;
	if (d->outcome == DEMO_LOST) {
		struct demo_event *e = add_ev(d, EV_LOST, cur, cur);

		e->why = (int)rng_weighted(r, w->lost_weight, w->p->lost_reasons.n);
		e->note = rng_chance(r, 60) ? (int)rng_int(r, 2) : -1;
	}
}

/* Squeezes the stays into the history, longest first. */
static long
fit_stays(struct demo_deal *d, long room)
{
	long sum = 0, total = 0;

	for (size_t j = 1; j < d->nev; j++)
		total += d->ev[j].gap;
	if (total <= room)
		return total;
	for (size_t j = 1; j < d->nev; j++) {
		d->ev[j].gap = max_l(1, d->ev[j].gap * room / total);
		sum += d->ev[j].gap;
	}
	while (sum > room) {
		size_t big = 1;

		for (size_t j = 2; j < d->nev; j++)
			if (d->ev[j].gap > d->ev[big].gap)
				big = j;
		if (d->ev[big].gap <= 1)
			break; /* more stages than days: the history starts earlier */
		d->ev[big].gap--;
		sum--;
	}
	return sum;
}

/*
 * Outcome and stage, as a category: open in stage k (k < n), won (n), lost from
 * stage k (n + 1 + k). A Weyl sequence over the deal index spreads them evenly, so
 * even 60 deals show every column with a believable funnel.
 */
static size_t
pick_spread(const struct demo_world *w, long idx)
{
	uint64_t x = (uint64_t)(idx + 1) * 0x9e3779b97f4a7c15u + w->spread;
	uint64_t at = ((x >> 32) * (uint64_t)w->total) >> 32;

	for (size_t c = 0; c < w->ncats; c++) {
		if (at < (uint64_t)w->cat_weight[c])
			return c;
		at -= (uint64_t)w->cat_weight[c];
	}
	return 0;
}

void
demo_shape_deal(const struct demo_world *w, struct demo_deal *d, struct rng *r, long idx)
{
	int n = w->n, aw[3] = {62, 24, 14};
	long final = 0, room, sum, last;
	size_t c = pick_spread(w, idx);

	d->nev = 0;
	d->seller = (int)rng_weighted(r, w->owner_weight, w->nowners);
	if (w->tendency != NULL)
		aw[ROT] += w->tendency[d->seller].rot;
	d->age = (int)rng_weighted(r, aw, 3);
	d->outcome = c < (size_t)n ? DEMO_OPEN : c == (size_t)n ? DEMO_WON : DEMO_LOST;
	d->stage = c < (size_t)n ? (int)c : c == (size_t)n ? 0 : (int)c - n - 1;
	/* Some sellers close more than others. */
	if (w->tendency != NULL && d->outcome != DEMO_OPEN) {
		int won = w->tendency[d->seller].won;

		if (d->outcome == DEMO_LOST && won > 0 && rng_chance(r, 3 * won))
			d->outcome = DEMO_WON;
		else if (d->outcome == DEMO_WON && won < 0 && rng_chance(r, -3 * won) &&
			 w->p->lost_reasons.n > 0)
			d->outcome = DEMO_LOST;
	}
	/* The first deals cover every stage and outcome, so even a small demo shows all. */
	if (idx < n) {
		d->outcome = DEMO_OPEN;
		d->stage = (int)idx;
		d->age = idx == 0 ? ROT : idx == 1 ? WARN : d->age;
	} else if (idx == n || (idx == n + 1 && w->p->lost_reasons.n > 0)) {
		d->outcome = idx == n ? DEMO_WON : DEMO_LOST;
		d->stage = (int)rng_int(r, n);
	}
	shape_path(w, d, r);

	/* Each event ends a stay in the stage before it; an open deal is still in one. */
	for (size_t j = 1; j < d->nev; j++) {
		int s = demo_stage_after(&d->ev[j - 1]);
		int age = (int)rng_weighted(r, (const int[]){72, 20, 8}, 3);

		d->ev[j].gap = stay_days(r, &w->p->stages[s], (enum age)age);
	}
	if (d->outcome == DEMO_OPEN)
		final = min_l(stay_days(r, &w->p->stages[d->stage], (enum age)d->age),
			      HISTORY_DAYS / 2);
	room = d->outcome == DEMO_OPEN ? HISTORY_DAYS - final : HISTORY_DAYS - 1;
	sum = fit_stays(d, room);
	/* Nothing happens today: a time of today could still be in the future. */
	last = d->outcome == DEMO_OPEN ? w->today - final
				       : w->today - 1 - rng_int(r, max_l(room - sum, 0) + 1);
	d->ev[d->nev - 1].at = last;
	for (size_t j = d->nev - 1; j > 0; j--)
		d->ev[j - 1].at = d->ev[j].at - d->ev[j].gap;
	for (size_t j = 0; j < d->nev; j++)
		d->ev[j].at = d->ev[j].at * DAY + rng_range(r, WORK_START, WORK_END - 1);
}
