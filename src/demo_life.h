/* A demo deal lived stay by stay: people come in, the plan is written, gates are passed. */
#ifndef DD_DEMO_LIFE_H
#define DD_DEMO_LIFE_H

#include "demo_deal.h"
#include "rng.h"

/*
 * Lives the shaped deal d: maps its committee over time, writes its plan, and
 * before every forward or won move makes the gates it passes true and records
 * their evidence (or a manager's override).
 */
void demo_live_deal(const struct demo_world *w, struct demo_deal *d, struct rng *r);

#endif
