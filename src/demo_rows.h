/* Writing demo deals: a deal's row, stakeholders, plan, stage events and evidence. */
#ifndef DD_DEMO_ROWS_H
#define DD_DEMO_ROWS_H

#include "db.h"
#include "demo_deal.h"
#include "insert_batch.h"

enum { T_DEALS, T_PEOPLE, T_STEPS, T_EVENTS, T_PROOFS, DEMO_NTABLES }; /* parents first */

struct demo_rows {
	struct insert_batch out[DEMO_NTABLES];
	long long last_id[DEMO_NTABLES]; /* we number rows ourselves, to batch them */
};

/* Rows are numbered after those the database already has. */
void demo_rows_open(struct demo_rows *rows, struct db *db);
void demo_rows_close(struct demo_rows *rows);
/* Puts the rows of a generated deal (and numbers them: the ids in d are set). */
void demo_rows_put(struct demo_rows *rows, const struct demo_world *w, struct demo_deal *d);
/* Writes the rows put so far, parents first. */
int demo_rows_flush(struct demo_rows *rows, struct dd_err *err);

#endif
