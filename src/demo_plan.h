/* A demo deal's mutual action plan: written, extended for gates, worked through. */
#ifndef DD_DEMO_PLAN_H
#define DD_DEMO_PLAN_H

#include "demo_deal.h"
#include "rng.h"

/*
 * The plan, written once the deal is far enough along (stage s of n) at a time
 * between lo and hi: the steps from where the deal is to the handoff.
 */
void demo_write_plan(struct rng *r, struct demo_deal *d, int s, int n, long lo, long hi);
/* One more step a gate asks for, of a side (-1: any) not yet in the plan if possible. */
void demo_add_needed_step(struct rng *r, struct demo_deal *d, int side, long lo, long hi);
/* Steps due before the deal ended are mostly done; an open deal has some overdue. */
void demo_finish_steps(struct rng *r, struct demo_deal *d);

#endif
