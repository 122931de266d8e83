/*
 * Living a demo deal forward, stay by stay, so that every gate it passes is met
 * as the real product would have demanded: stakeholders are mapped, plans
 * written and buyer evidence recorded before the move.
 */
#include <string.h>

#include "demo_fields.h"
#include "demo_life.h"
#include "demo_people.h"
#include "demo_plan.h"
#include "demo_story.h"
#include "xmalloc.h"

static size_t
buyer_steps(const struct demo_deal *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nsteps; i++)
		n += demo_step_texts[d->steps[i].text].side == DEMO_BUYER;
	return n;
}

/* Makes a data check of a gate true before the move that passes it (lo..hi: the stay). */
static void
meet_check(const struct demo_world *w, struct demo_deal *d, struct rng *r, const struct check *c,
	   long lo, long hi)
{
	int role, has = 0, who;

	switch (c->kind) {
	case CHECK_MIN_STAKEHOLDERS:
		while (d->npeople < (size_t)c->n)
			demo_map_needed(r, d, -1, lo, hi);
		break;
	case CHECK_HAS_ROLE:
		role = demo_role_index(c->arg);
		for (size_t i = 0; i < d->npeople; i++)
			has |= d->people[i].role == role;
		if (!has && (who = demo_recast(w, d)) >= 0)
			d->people[who].role = role;
		else if (!has)
			demo_map_needed(r, d, role, lo, hi);
		break;
	case CHECK_NO_STANCE:
		d->forbidden_stances |= 1u << demo_stance_index(c->arg);
		break;
	case CHECK_MIN_PLAN_STEPS:
		while (d->nsteps < (size_t)c->n)
			demo_add_needed_step(r, d, -1, lo, hi);
		break;
	case CHECK_MIN_BUYER_STEPS:
		while (buyer_steps(d) < (size_t)c->n)
			demo_add_needed_step(r, d, DEMO_BUYER, lo, hi);
		break;
	case CHECK_CLOSE_DATE_SET:
		d->need_close = 1;
		break;
	case CHECK_SUCCESS_CRITERIA_SET:
		d->need_criteria = 1;
		break;
	case CHECK_NEXT_STEP_SET:
		d->need_next = 1;
		break;
	case CHECK_AMOUNT_SET:
		d->need_amount = 1;
		break;
	}
}

static const char *
proof_sentence(struct rng *r, const struct evidence_req *req, const char **arg)
{
	*arg = NULL;
	for (size_t i = 0; i < demo_nproof_texts; i++)
		if (strcmp(demo_proof_texts[i].key, req->key) == 0)
			return RNG_PICK(r, demo_proof_texts[i].what);
	*arg = req->meaning != NULL && req->meaning[0] != '\0' ? req->meaning : req->key;
	return demo_proof_generic[rng_int(r, (long)demo_nproof_generic)];
}

/* Evidence for one requirement of a gate the move of event j passes. */
static void
record_proof(const struct demo_world *w, struct demo_deal *d, struct rng *r, size_t j, int s,
	     size_t q, long lo, long hi)
{
	const struct evidence_req *req = &w->p->stages[s].evidence[q];
	struct demo_proof *pr;
	int who = demo_pick_contact(r, d, s * 2 >= w->n, hi);
	long first, last = day_of(hi);

	if (who < 0 && req->contact_required)
		who = demo_map_needed(r, d, -1, lo, hi);
	first = max_l(day_of(lo), who >= 0 ? day_of(d->people[who].mapped) : 0);
	DEMO_GROW(d->proofs, d->nproofs, d->cap_proofs);
	pr = &d->proofs[d->nproofs++];
	pr->ev = j;
	pr->stage = s;
	pr->req = q;
	pr->who = who;
	pr->day = last - rng_int(r, min_l(last - first, 6) + 1);
	pr->text = proof_sentence(r, req, &pr->arg);
	if (who >= 0)
		d->people[who].acted = max_l(d->people[who].acted, pr->day);
}

/*
 * The move of event j leaves the stay lo..hi: first make every data check of the
 * gates it passes true, then record their evidence, unless a manager overrode.
 */
static void
pass_gates(const struct demo_world *w, struct demo_deal *d, struct rng *r, size_t j, long lo,
	   long hi)
{
	struct demo_event *e = &d->ev[j];

	for (int s = e->from; s < e->to; s++)
		for (size_t c = 0; c < w->p->stages[s].nchecks; c++)
			meet_check(w, d, r, &w->p->stages[s].checks[c], lo, hi);
	if (w->p->stages[e->from].nevidence > 0 && rng_chance(r, 3))
		e->override = (int)rng_int(r, demo_noverride_reasons);
	for (int s = e->from; s < e->to; s++)
		for (size_t q = 0; q < w->p->stages[s].nevidence; q++)
			if (e->override < 0 || s != e->from) /* the gate overridden */
				record_proof(w, d, r, j, s, q, lo, hi);
}

void
demo_live_deal(const struct demo_world *w, struct demo_deal *d, struct rng *r)
{
	size_t nstays = d->outcome == DEMO_OPEN ? d->nev : d->nev - 1;
	int reached = 0, plan_stage = (w->n - 1) / 2;
	long m;

	d->npeople = d->nsteps = d->nproofs = 0;
	d->next_sched = 0;
	d->used_steps = d->forbidden_stances = 0;
	d->have_plan = 0;
	d->need_close = d->need_criteria = d->need_next = d->need_amount = 0;
	d->end_at =
		d->outcome == DEMO_OPEN ? (w->today - 1) * DAY + WORK_END : d->ev[d->nev - 1].at;
	d->end_day = day_of(d->end_at);
	d->expect_close = demo_expect_close(w, r, d);
	d->want_plan = rng_chance(r, 85);
	for (size_t j = 0; j < d->nev; j++)
		reached = d->ev[j].to > reached ? d->ev[j].to : reached;
	/* Committees grow with the deal; a few early ones hang on a single thread. */
	m = 1 + (4L * reached + w->n / 2) / w->n + rng_range(r, -1, 1);
	m = m < 1 && rng_chance(r, 60) ? 1 : m;
	d->nsched = (size_t)(m < 0 ? 0 : m > MAX_PEOPLE ? MAX_PEOPLE : m);
	for (size_t i = 0; i < d->nsched; i++) {
		long s = i == 0 ? 0 : rng_int(r, (long)nstays);
		size_t k = i;

		for (; k > 0 && d->sched[k - 1] > s; k--)
			d->sched[k] = d->sched[k - 1];
		d->sched[k] = s;
	}
	for (size_t j = 0; j < nstays; j++) {
		long lo = d->ev[j].at, hi = j + 1 < d->nev ? d->ev[j + 1].at : d->end_at;

		for (; d->next_sched < d->nsched && d->sched[d->next_sched] == (long)j;
		     d->next_sched++)
			/* The first contact usually comes with the lead. */
			demo_map_person(r, d, -1, lo,
					d->npeople == 0 && rng_chance(r, 70) ? min_l(hi, lo + 1800)
									     : hi);
		if (d->want_plan && !d->have_plan && demo_stage_after(&d->ev[j]) >= plan_stage)
			demo_write_plan(r, d, demo_stage_after(&d->ev[j]), w->n, lo, hi);
		if (j + 1 < d->nev &&
		    (d->ev[j + 1].kind == EV_FORWARD || d->ev[j + 1].kind == EV_WON))
			pass_gates(w, d, r, j + 1, lo, hi);
	}
}
