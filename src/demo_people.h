/* A demo deal's buying committee: who is mapped when, who acts, who they are. */
#ifndef DD_DEMO_PEOPLE_H
#define DD_DEMO_PEOPLE_H

#include "demo_deal.h"
#include "rng.h"

/* Indices into demo_roles[] and demo_stances[]; a word the demo lacks is fatal. */
int demo_role_index(const char *word);
int demo_stance_index(const char *word);

/*
 * Maps a stakeholder (role -1: a natural one) at a time between lo and hi, with
 * the stance the role usually takes; its index.
 */
int demo_map_person(struct rng *r, struct demo_deal *d, int role, long lo, long hi);
/* The same for one a gate needs now, in the place of one that would have come later. */
int demo_map_needed(struct rng *r, struct demo_deal *d, int role, long lo, long hi);
/* A stakeholder changes their stance (a blocker won over, say). */
void demo_win_over(struct rng *r, struct demo_deal *d, int who);
/*
 * On a full committee, someone whose role no gate asks for, who may turn out to
 * hold a role a gate needs; -1 if nobody can.
 */
int demo_recast(const struct demo_world *w, const struct demo_deal *d);

/* Someone mapped by then, preferring the champion; -1 if nobody. */
int demo_buyer_contact(struct rng *r, const struct demo_deal *d, long by);
/* Who acted by then: early gates hear from the working level, late ones from the top. */
int demo_pick_contact(struct rng *r, const struct demo_deal *d, int late, long by);

/*
 * Who they are, once the deal is lived: name, title, influence, reports-to,
 * last contact; and d->order, the order to write them in.
 */
void demo_finish_people(struct rng *r, struct demo_deal *d);

#endif
