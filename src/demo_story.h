/* A demo deal's story: its outcome, the stages it went through, and when. */
#ifndef DD_DEMO_STORY_H
#define DD_DEMO_STORY_H

#include "demo_deal.h"
#include "rng.h"

/*
 * The shape of deal idx: owner, outcome, stage events and their times. It is
 * drawn first from the deal's own stream, so sorting deals by creation needs
 * only this. Resets d's events.
 */
void demo_shape_deal(const struct demo_world *w, struct demo_deal *d, struct rng *r, long idx);

/* A time strictly between lo and hi when there is room, in working hours if it can be. */
long demo_stamp_between(struct rng *r, long lo, long hi);

#endif
