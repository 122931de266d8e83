/* Gathers what the gate engine needs to know about a deal from the database. */
#ifndef DD_FACTS_H
#define DD_FACTS_H

#include "deal.h"
#include "gate.h"

int deal_facts_load(struct db *db, const struct deal *d, struct deal_facts *f, struct dd_err *err);

#endif
