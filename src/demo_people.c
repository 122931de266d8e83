/*
 * The buying committee of a demo deal: stakeholders come in over the deal's
 * life (the first usually with the lead) with a role and a stance, gates may
 * need someone more or someone won over, and once the deal is lived each gets a
 * name from the account's region, a title and a place in the reports-to tree.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "demo_people.h"
#include "demo_story.h"
#include "xmalloc.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

int
demo_role_index(const char *word)
{
	for (size_t i = 0; i < DEMO_NROLES; i++)
		if (strcmp(demo_roles[i].word, word) == 0)
			return (int)i;
	fatal("demo: no stakeholder role '%s'", word);
}

int
demo_stance_index(const char *word)
{
	for (size_t i = 0; i < DEMO_NSTANCES; i++)
		if (strcmp(demo_stances[i], word) == 0)
			return (int)i;
	fatal("demo: no stance '%s'", word);
}

/* A role for a new stakeholder: the first is an entry point, few deals have two champions. */
static int
natural_role(struct rng *r, const struct demo_deal *d)
{
	int w[DEMO_NROLES];

	for (size_t i = 0; i < DEMO_NROLES; i++) {
		w[i] = d->npeople == 0 ? demo_roles[i].entry : demo_roles[i].weight;
		for (size_t k = 0; k < d->npeople && demo_roles[i].unique; k++)
			if (d->people[k].role == (int)i)
				w[i] = 0;
	}
	return (int)rng_weighted(r, w, DEMO_NROLES);
}

/* A stance the role usually takes, other than `except` (-1: none). */
static int
draw_stance(struct rng *r, int role, int except)
{
	int w[DEMO_NSTANCES];

	for (int s = 0; s < DEMO_NSTANCES; s++)
		w[s] = s == except ? 0 : demo_roles[role].stance[s] + 1;
	return (int)rng_weighted(r, w, DEMO_NSTANCES);
}

int
demo_map_person(struct rng *r, struct demo_deal *d, int role, long lo, long hi)
{
	struct demo_person *p;

	DEMO_GROW(d->people, d->npeople, d->cap_people);
	p = &d->people[d->npeople];
	int natural = role >= 0 ? role : natural_role(r, d); /* drawn before the time */
	*p = (struct demo_person){.role = natural,
				  .parent = -1,
				  .mapped = demo_stamp_between(r, lo, hi),
				  .acted = -1,
				  .last = -1};
	/* Known from the first meeting: a gate with "no_stance" sees it. */
	p->stance = draw_stance(r, natural, -1);
	snprintf(p->key, sizeof p->key, "%zu", d->npeople + 1);
	return (int)d->npeople++;
}

void
demo_win_over(struct rng *r, struct demo_deal *d, int who)
{
	d->people[who].stance = draw_stance(r, d->people[who].role, d->people[who].stance);
}

int
demo_map_needed(struct rng *r, struct demo_deal *d, int role, long lo, long hi)
{
	if (d->nsched > d->next_sched)
		d->nsched--;
	return demo_map_person(r, d, role, lo, hi);
}

int
demo_recast(const struct demo_world *w, const struct demo_deal *d)
{
	if (d->npeople < MAX_PEOPLE || d->nsched > d->next_sched)
		return -1;
	for (size_t i = 0; i < d->npeople; i++)
		if (!demo_roles[d->people[i].role].unique &&
		    !(w->gated_roles & (1u << d->people[i].role)))
			return (int)i;
	return -1;
}

int
demo_buyer_contact(struct rng *r, const struct demo_deal *d, long by)
{
	int any = -1, champ = -1, seen = 0;

	for (size_t i = 0; i < d->npeople; i++) {
		if (d->people[i].mapped > by)
			continue;
		if (strcmp(demo_roles[d->people[i].role].word, "champion") == 0)
			champ = (int)i;
		if (rng_int(r, ++seen) == 0)
			any = (int)i;
	}
	return champ >= 0 && rng_chance(r, 60) ? champ : any;
}

int
demo_pick_contact(struct rng *r, const struct demo_deal *d, int late, long by)
{
	int pref = -1, any = -1, npref = 0, nany = 0;

	for (size_t i = 0; i < d->npeople; i++) {
		int rank = demo_roles[d->people[i].role].rank;

		if (d->people[i].mapped > by)
			continue;
		if (rng_int(r, ++nany) == 0)
			any = (int)i;
		if ((late ? rank <= 2 : rank >= 2) && rng_int(r, ++npref) == 0)
			pref = (int)i;
	}
	return pref >= 0 && rng_chance(r, 75) ? pref : any;
}

/* A name nobody else in this deal has: mostly from the account's region. */
static void
name_person(struct rng *r, struct demo_deal *d, size_t self)
{
	static const int elsewhere[DEMO_NREGIONS] = {8, 3, 3, 2, 2, 1, 1};
	struct demo_person *p = &d->people[self];
	size_t dup;

	for (int tries = 0;; tries++) {
		const struct demo_name_pool *np =
			&demo_name_pools[rng_chance(r, 55)
						 ? demo_accounts[d->account].region
						 : rng_weighted(r, elsewhere, DEMO_NREGIONS)];
		const char *given = np->given[rng_int(r, (long)np->ngiven)];
		const char *family = np->family[rng_int(r, (long)np->nfamily)];

		if (np->family_first)
			snprintf(p->name, sizeof p->name, "%s%s%s", family, np->sep, given);
		else
			snprintf(p->name, sizeof p->name, "%s%s%s", given, np->sep, family);
		if (tries >= 20) /* a committee larger than our lists of names */
			snprintf(p->name + strlen(p->name), sizeof p->name - strlen(p->name),
				 " %d", tries);
		/* Two of one family in a committee happens, but rarely. */
		for (dup = 0; dup < self; dup++)
			if (strcasecmp(d->people[dup].name, p->name) == 0 ||
			    (tries < 10 && d->people[dup].family == family && rng_chance(r, 85)))
				break;
		if (dup == self) {
			p->family = family;
			return;
		}
	}
}

/* Insertion order: the top of each reports-to tree first, so parents exist. */
static void
order_people(struct demo_deal *d)
{
	if (d->cap_order < d->npeople) {
		d->cap_order = d->cap_people;
		d->order = xreallocarray(d->order, d->cap_order, sizeof *d->order);
	}
	for (size_t i = 0; i < d->npeople; i++) {
		size_t k = i;
		int rank = demo_roles[d->people[i].role].rank;

		for (; k > 0 && demo_roles[d->people[d->order[k - 1]].role].rank > rank; k--)
			d->order[k] = d->order[k - 1];
		d->order[k] = (int)i;
	}
}

void
demo_finish_people(struct rng *r, struct demo_deal *d)
{
	for (size_t i = 0; i < d->npeople; i++) {
		struct demo_person *p = &d->people[i];
		const struct demo_role *ro = &demo_roles[p->role];
		long lo;

		name_person(r, d, i);
		p->title = rng_chance(r, 93) ? (int)rng_int(r, LEN(demo_role_titles[0])) : -1;
		p->influence = (int)rng_weighted(r, ro->influence, DEMO_NINFLUENCES);
		lo = max_l(day_of(p->mapped), p->acted);
		p->last = p->acted < 0 && rng_chance(r, 10) ? -1
							    : max_l(rng_range(r, lo, d->end_day),
								    rng_range(r, lo, d->end_day));
	}
	order_people(d);
	for (size_t i = 1; i < d->npeople; i++) {
		struct demo_person *p = &d->people[d->order[i]];
		size_t above = 0;

		while (above < i &&
		       demo_roles[d->people[d->order[above]].role].rank < demo_roles[p->role].rank)
			above++;
		if (above > 0 && rng_chance(r, 80))
			p->parent = d->order[rng_int(r, (long)above)];
	}
}
