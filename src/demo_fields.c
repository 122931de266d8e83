/*
 * The fields a demo deal row carries besides its stage: what a rep would have
 * typed in by the end of the story. A gate that needed a field (a close date,
 * success criteria) got it; otherwise later deals have more filled in.
 */
#include <stdio.h>
#include <string.h>

#include "demo_fields.h"
#include "demo_people.h"

void
demo_pick_account(struct rng *r, struct demo_deal *d)
{
	d->account = (int)rng_int(r, demo_naccounts);
	d->offering = rng_chance(r, 55) ? -1 : (int)rng_int(r, demo_nofferings);
	d->motion = (int)rng_int(r, demo_nmotions);
}

long
demo_expect_close(const struct demo_world *w, struct rng *r, const struct demo_deal *d)
{
	long created = day_of(d->ev[0].at), last = day_of(d->ev[d->nev - 1].at), day;

	switch (d->outcome) {
	case DEMO_WON:
		return last;
	case DEMO_LOST:
		day = last + rng_range(r, 0, 60);
		break;
	case DEMO_OPEN:
	default:
		day = rng_chance(r, 12) ? w->today - rng_range(r, 1, 25) /* slipped */
					: w->today + (w->n - d->stage) * 9L + rng_range(r, 0, 35);
		break;
	}
	return max_l(day, created + 7);
}

/* A next step for a stage bucket, naming a stakeholder when one can be named. */
static const char *
next_step_text(struct rng *r, struct demo_deal *d, int bucket, int who)
{
	const char *t;

	do
		t = RNG_PICK(r, demo_next_steps[bucket]);
	while (who < 0 && strstr(t, "%s") != NULL);
	if (who < 0 || strstr(t, "%s") == NULL)
		return t;
	snprintf(d->next_buf, sizeof d->next_buf, t, d->people[who].name);
	return d->next_buf;
}

void
demo_fill_fields(const struct demo_world *w, struct rng *r, struct demo_deal *d)
{
	const struct demo_band *b =
		&demo_bands[rng_weighted(r, (const int[]){35, 35, 20, 10}, demo_nbands)];
	int reached = 0, late = (d->stage * 3 + w->n / 2) / w->n,
	    who = demo_buyer_contact(r, d, d->end_at);

	d->amount = rng_range(r, b->lo / b->step, b->hi / b->step) * b->step;
	d->close_day = d->due_day = -1;
	d->next = d->criteria = NULL;
	for (size_t j = 0; j < d->nev; j++)
		reached = d->ev[j].to > reached ? d->ev[j].to : reached;
	late = late > 2 ? 2 : late;
	/* A new lead often has no amount yet. */
	if (d->outcome == DEMO_OPEN && d->stage == 0 && !d->need_amount && rng_chance(r, 8))
		d->amount = 0;
	if (d->outcome == DEMO_WON || d->need_close ||
	    rng_chance(r, d->outcome == DEMO_LOST ? 50 : 35 + 60 * d->stage / w->n))
		d->close_day = d->expect_close;
	if (d->outcome == DEMO_OPEN ? rng_chance(r, 88) || d->need_next : d->need_next) {
		d->next = next_step_text(r, d, d->outcome == DEMO_OPEN ? late : 2, who);
		if (d->outcome != DEMO_OPEN)
			d->due_day = d->end_day + rng_range(r, 3, 14);
		else if (rng_chance(r, 90))
			d->due_day = rng_chance(r, 72) ? w->today + rng_range(r, 0, 14)
						       : max_l(day_of(d->ev[0].at),
							       w->today - rng_range(r, 1, 21));
	}
	if (d->outcome == DEMO_WON || reached >= w->n - 1 || d->need_criteria ||
	    (d->stage == w->n - 2 && rng_chance(r, 30)))
		d->criteria = demo_success_criteria[rng_int(r, (long)demo_nsuccess_criteria)];
	snprintf(d->title, sizeof d->title, "%s — %s %s", demo_accounts[d->account].name,
		 d->offering < 0 ? demo_accounts[d->account].special : demo_offerings[d->offering],
		 demo_motions[d->motion]);
}
