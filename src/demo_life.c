/*
 * Living a demo deal forward, stay by stay, so that every gate it passes is met
 * as the real product would have demanded: stakeholders are mapped, plans
 * written and buyer evidence recorded before the move. Whether a gate is met is
 * the gate engine's answer (gate.h), never ours: we only make its checks true,
 * and a move the engine would refuse is a bug in the demo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "demo_fields.h"
#include "demo_life.h"
#include "demo_people.h"
#include "demo_plan.h"
#include "demo_story.h"
#include "real_text.h"
#include "xmalloc.h"

#define MAX_FIXES 1000 /* steps to meet one move's checks; more is a bug */

/*
 * The deal as the gate engine would load it for the move of event j at time at:
 * the stakeholders and plan steps there by then, the evidence recorded with
 * earlier moves, and the fields the demo has promised to set. It points into d
 * (the engine only reads it): no deal_facts_free.
 */
static void
view_deal(const struct demo_world *w, struct demo_deal *d, size_t j, long at, struct deal_facts *f)
{
	memset(f, 0, sizeof *f);
	f->created_day = day_of(d->ev[0].at);
	f->has_close_date = d->need_close;
	f->has_success_criteria = d->need_criteria;
	f->has_next_step = d->need_next;
	f->has_amount = d->need_amount;
	if (d->cap_seen < d->cap_people) {
		d->cap_seen = d->cap_people;
		d->seen = xreallocarray(d->seen, d->cap_seen, sizeof *d->seen);
	}
	for (size_t i = 0; i < d->npeople; i++) {
		struct demo_person *p = &d->people[i];

		if (p->mapped > at)
			continue;
		d->seen[f->npeople++] = (struct facts_person){
			.id = (long)i + 1,
			.name = p->key,
			.role = (char *)demo_roles[p->role].word,
			.stance = (char *)demo_stances[p->stance],
		};
	}
	f->people = d->seen;
	for (size_t i = 0; i < d->nsteps; i++) {
		if (d->steps[i].created > at)
			continue;
		f->plan_steps++;
		f->buyer_steps += demo_step_texts[d->steps[i].text].side == DEMO_BUYER;
	}
	if (d->cap_said < d->cap_proofs) {
		d->cap_said = d->cap_proofs;
		d->said = xreallocarray(d->said, d->cap_said, sizeof *d->said);
	}
	for (size_t i = 0; i < d->nproofs && d->proofs[i].ev < j; i++) {
		const struct demo_proof *pr = &d->proofs[i];

		d->said[f->nsaid++] = (struct facts_said){
			.key = w->p->stages[pr->stage].evidence[pr->req].key,
			.what = d->texts.s + pr->what,
		};
	}
	f->said = d->said;
}

/* Someone mapped by `at` who holds the stance. */
static int
holder_of(const struct demo_deal *d, int stance, long at)
{
	for (size_t i = 0; i < d->npeople; i++)
		if (d->people[i].stance == stance && d->people[i].mapped <= at)
			return (int)i;
	fatal("demo: the gate engine sees a stance nobody holds");
}

/* One step towards making a failing check true before the move at hi (lo..hi: the stay). */
static void
fix_check(const struct demo_world *w, struct demo_deal *d, struct rng *r, const struct check *c,
	  long lo, long hi)
{
	int role, who;

	switch (c->kind) {
	case CHECK_MIN_STAKEHOLDERS:
		demo_map_needed(r, d, -1, lo, hi);
		break;
	case CHECK_HAS_ROLE:
		role = demo_role_index(c->arg);
		if ((who = demo_recast(w, d)) >= 0)
			d->people[who].role = role;
		else
			demo_map_needed(r, d, role, lo, hi);
		break;
	case CHECK_NO_STANCE:
		demo_win_over(r, d, holder_of(d, demo_stance_index(c->arg), hi));
		break;
	case CHECK_MIN_PLAN_STEPS:
		demo_add_needed_step(r, d, -1, lo, hi);
		break;
	case CHECK_MIN_BUYER_STEPS:
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

/* Asks the gate engine about each data check of the gates the move passes, until all hold. */
static void
meet_checks(const struct demo_world *w, struct demo_deal *d, struct rng *r,
	    const struct demo_event *e, long lo, long hi)
{
	struct deal_facts f;

	for (int s = e->from; s < e->to; s++)
		for (size_t k = 0; k < w->p->stages[s].nchecks; k++) {
			const struct check *c = &w->p->stages[s].checks[k];

			for (int fixes = 0;; fixes++) {
				view_deal(w, d, (size_t)(e - d->ev), hi, &f);
				if (gate_check_met(c, &f))
					break;
				if (fixes == MAX_FIXES)
					fatal("demo: cannot meet a check of stage %s",
					      w->p->stages[s].key);
				fix_check(w, d, r, c, lo, hi);
			}
		}
}

/* Sentence t for the requirement: a generic one is about what it means (arg). */
static void
put_sentence(struct strbuf *b, const char *const *what, size_t t, const char *arg)
{
	if (arg != NULL)
		strbuf_printf(b, what[t], arg);
	else
		strbuf_puts(b, what[t]);
}

/* Whether this deal already recorded the text for the requirement key, as a person reads it. */
static int
recorded(const struct demo_deal *d, const struct process *p, const char *key, const char *text)
{
	for (size_t k = 0; k < d->nproofs; k++) {
		const struct demo_proof *pr = &d->proofs[k];

		if (strcmp(p->stages[pr->stage].evidence[pr->req].key, key) == 0 &&
		    real_text_same(d->texts.s + pr->what, text))
			return 1;
	}
	return 0;
}

/*
 * What the buyer did, in words: a sentence for the requirement (the default
 * gates have their own) that this deal has not yet recorded for it, since
 * evidence must not repeat. Appended to d->texts; its offset.
 */
static size_t
proof_text(struct demo_deal *d, struct rng *r, const struct process *p,
	   const struct evidence_req *req)
{
	const char *const *what = demo_proof_generic;
	const char *arg =
		req->meaning != NULL && req->meaning[0] != '\0' ? req->meaning : req->key;
	size_t n = demo_nproof_generic, fresh[8], nfresh = 0, at;
	struct strbuf b;

	for (size_t i = 0; i < demo_nproof_texts; i++)
		if (strcmp(demo_proof_texts[i].key, req->key) == 0) {
			what = demo_proof_texts[i].what;
			n = sizeof demo_proof_texts[i].what / sizeof *demo_proof_texts[i].what;
			arg = NULL;
		}
	strbuf_init(&b);
	for (size_t t = 0; t < n && nfresh < sizeof fresh / sizeof *fresh; t++) {
		strbuf_reset(&b);
		put_sentence(&b, what, t, arg);
		if (!recorded(d, p, req->key, strbuf_str(&b)))
			fresh[nfresh++] = t;
	}
	strbuf_free(&b);
	at = d->texts.len;
	if (nfresh > 0) {
		put_sentence(&d->texts, what, fresh[rng_int(r, (long)nfresh)], arg);
	} else { /* every sentence used: this time is the nth */
		put_sentence(&d->texts, what, 0, arg);
		strbuf_printf(&d->texts, " (confirmed again, time %zu)", d->nproofs + 1);
	}
	strbuf_putc(&d->texts, '\0');
	return at;
}

/* Evidence for one requirement of a gate the move of event j passes. */
static void
record_proof(const struct demo_world *w, struct demo_deal *d, struct rng *r, size_t j, int s,
	     size_t q, long lo, long hi)
{
	const struct evidence_req *req = &w->p->stages[s].evidence[q];
	struct demo_proof *pr;
	int who = demo_pick_contact(r, d, s * 2 >= w->n, hi);
	long first, last = day_of(hi), day;

	if (who < 0 && req->contact_required)
		who = demo_map_needed(r, d, -1, lo, hi);
	first = max_l(day_of(lo), who >= 0 ? day_of(d->people[who].mapped) : 0);
	day = last - rng_int(r, min_l(last - first, 6) + 1);
	DEMO_GROW(d->proofs, d->nproofs, d->cap_proofs);
	pr = &d->proofs[d->nproofs];
	*pr = (struct demo_proof){j, s, q, who, day, proof_text(d, r, w->p, req)};
	d->nproofs++;
	if (who >= 0)
		d->people[who].acted = max_l(d->people[who].acted, pr->day);
}

/*
 * The gate engine's verdict on the move of event j with the evidence recorded
 * for it: it must accept it, or, for an override, refuse it for the overridden
 * gate's missing evidence alone.
 */
static void
check_verdict(const struct demo_world *w, struct demo_deal *d, size_t j, long hi)
{
	const struct demo_event *e = &d->ev[j];
	const char *from = w->p->stages[e->from].key, *why = NULL;
	size_t first = d->nproofs, n = 0;
	struct evidence_in *in;
	char(*days)[DATE_LEN];
	struct gate_result g;
	struct deal_facts f;

	while (first > 0 && d->proofs[first - 1].ev == j) /* this move's, recorded last */
		first--;
	in = xcalloc(d->nproofs - first + 1, sizeof *in);
	days = xcalloc(d->nproofs - first + 1, sizeof *days);
	for (size_t k = first; k < d->nproofs; k++, n++) {
		const struct demo_proof *pr = &d->proofs[k];

		date_format(pr->day, days[n]);
		in[n] = (struct evidence_in){
			.key = w->p->stages[pr->stage].evidence[pr->req].key,
			.what = d->texts.s + pr->what,
			.contact = pr->who >= 0 ? d->people[pr->who].key : NULL,
			.date = days[n],
		};
	}
	view_deal(w, d, j, hi, &f);
	gate_check(w->p, &f, e->from, e->to, in, n, day_of(hi), &g);
	for (size_t k = 0; k < g.nunmet && why == NULL; k++)
		if (e->override < 0 || g.unmet[k].kind != UNMET_EVIDENCE_MISSING ||
		    strcmp(g.unmet[k].stage, from) != 0)
			why = g.unmet[k].message;
	if (why == NULL && e->override >= 0 && g.nunmet == 0)
		why = "nothing to override";
	if (why != NULL)
		fatal("demo: the gate engine %s a move from %s: %s",
		      e->override < 0 ? "refuses" : "disagrees with an override of", from, why);
	gate_result_free(&g);
	free(in);
	free(days);
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

	meet_checks(w, d, r, e, lo, hi);
	if (w->p->stages[e->from].nevidence > 0 && rng_chance(r, 3))
		e->override = (int)rng_int(r, demo_noverride_reasons);
	for (int s = e->from; s < e->to; s++)
		for (size_t q = 0; q < w->p->stages[s].nevidence; q++)
			if (e->override < 0 || s != e->from) /* the gate overridden */
				record_proof(w, d, r, j, s, q, lo, hi);
	/* A contact mapped for the evidence may hold a stance a check forbids. */
	meet_checks(w, d, r, e, lo, hi);
	check_verdict(w, d, j, hi);
}

void
demo_live_deal(const struct demo_world *w, struct demo_deal *d, struct rng *r)
{
	size_t nstays = d->outcome == DEMO_OPEN ? d->nev : d->nev - 1;
	int reached = 0, plan_stage = (w->n - 1) / 2;
	long m;

	d->npeople = d->nsteps = d->nproofs = 0;
	d->next_sched = 0;
	d->used_steps = 0;
	d->have_plan = 0;
	d->need_close = d->need_criteria = d->need_next = d->need_amount = 0;
	strbuf_reset(&d->texts);
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
