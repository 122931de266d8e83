/*
 * What the board shows, read per visible column: totals from the indexes and
 * the window of cards on screen, never every deal.
 */
#ifndef DD_BOARD_DATA_H
#define DD_BOARD_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "process.h"

struct board_filter {
	const char *owner; /* a login, or NULL */
	const char *text;  /* part of the title or account, or NULL */
};

struct totals {
	long count;
	int64_t amount;
};

/* Open deals per stage (nstages entries), and won and lost. */
int board_totals(struct db *db, const struct process *p, const struct board_filter *f,
		 struct totals *stages, struct totals *won, struct totals *lost,
		 struct dd_err *err);

struct card {
	long id, version;
	char *title, *account, *owner;
	int64_t amount;
	int days; /* in the stage */
	enum aging aging;
	char *close_date, *next_step, *next_step_due;
	int next_overdue; /* next step due before today */
	int plan_total, plan_done, plan_overdue;
	int people, has_economic_buyer, has_champion;
};

/* The cards of one stage from offset, at most limit, longest in stage first. */
int board_cards(struct db *db, const struct stage *s, const struct board_filter *f, long offset,
		int limit, long today, struct card **out, size_t *n, struct dd_err *err);
void board_cards_free(struct card *v, size_t n);

/*
 * Where a deal sits on the board now: its stage index and its position in that
 * column (to keep it selected when others change the board). -1 if it is not
 * an open deal that the filter shows.
 */
int board_locate(struct db *db, const struct process *p, const struct board_filter *f,
		 long deal_id, int *stage, long *index);

#endif
