/* A realistic demo pipeline, generated deterministically from a seed. */
#ifndef DD_DEMO_H
#define DD_DEMO_H

#include "db.h"
#include "process.h"

struct demo_options {
	long deals;         /* how many deals (default 60) */
	unsigned long seed; /* same seed and today: same data */
	long today;         /* day number (date.h) the history ends on */
};

/*
 * Fills the database with deals, stakeholders, plans, stage history and evidence
 * that obey the process's gates, in one transaction. Refuses (DD_REFUSED) a
 * database that already has deals.
 */
int demo_fill(struct db *db, const struct process *p, const struct demo_options *o,
	      struct dd_err *err);

#endif
