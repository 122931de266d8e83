/* A demo deal's own fields: account and title, amount, close date, next step, criteria. */
#ifndef DD_DEMO_FIELDS_H
#define DD_DEMO_FIELDS_H

#include "demo_deal.h"
#include "rng.h"

/* Who buys what: the account, the offering and the motion the title names. */
void demo_pick_account(struct rng *r, struct demo_deal *d);
/* The day a deal is expected to close, before we know whether it will be stored. */
long demo_expect_close(const struct demo_world *w, struct rng *r, const struct demo_deal *d);
/*
 * The fields of the deal row, from what happened: what its gates needed
 * (d->need_*) is set, the rest as such deals usually have it.
 */
void demo_fill_fields(const struct demo_world *w, struct rng *r, struct demo_deal *d);

#endif
