/*
 * What the board shows, read per visible column: totals from the indexes and
 * the window of cards on screen, never every deal. Now, or (--as-of) as the
 * pipeline stood at the end of a past day, from the history up to it.
 */
#ifndef DD_BOARD_DATA_H
#define DD_BOARD_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "process.h"

/* The orders of a column's cards (S on the board). */
enum board_order { ORDER_DAYS, ORDER_AMOUNT, ORDER_CLOSE, ORDER_TITLE, ORDER_COUNT };

struct board_order_def {
	const char *name;       /* "days in stage", as the title bar and the man page say */
	const char *short_name; /* "days": when the title bar is narrow */
	const char *order_by;   /* SQL on alias d */
	const char *before;     /* SQL: d comes before t in this order */
};
extern const struct board_order_def board_orders[ORDER_COUNT];

/* The problem filters (f on the board): a deal shows when it has every one checked. */
enum board_problem {
	PROB_ROTTING,
	PROB_WARN,
	PROB_NO_NEXT,
	PROB_OVERDUE,
	PROB_SINGLE,
	PROB_NO_PLAN,
	PROB_NO_EB,
	PROB_CLOSE_MONTH,
	PROB_CLOSE_QUARTER,
	PROB_WON, /* these two show won or lost deals instead of open ones */
	PROB_LOST,
	PROB_COUNT
};

struct board_problem_def {
	const char *label;  /* "rotting": in the picker and the title bar */
	const char *help;   /* what it means, beside it in the picker */
	const char *sql;    /* a condition on alias d; NULL for won and lost */
	const char *status; /* "won" or "lost" for those two, else NULL */
};
extern const struct board_problem_def board_problems[PROB_COUNT];

#define PROBLEM_BIT(p)  (1u << (p))
#define PROBLEMS_CLOSED (PROBLEM_BIT(PROB_WON) | PROBLEM_BIT(PROB_LOST))

struct board_filter {
	const char *owner; /* a login, or NULL */
	const char *text;  /* part of the title or account, or NULL */
	unsigned problems; /* PROBLEM_BIT()s, all must hold */
	enum board_order order;
	long as_of; /* a day number: the pipeline at its end; 0 or less: now */
};

struct totals {
	long count;
	int64_t amount;
};

/* The title bar's figures. */
struct board_sums {
	struct totals open;      /* open deals under every filter */
	int64_t weighted;        /* their amounts times their stages' probabilities */
	struct totals won, lost; /* closed in the quarter of the day, owner and text filters */
};

/*
 * The deals each column shows (nstages entries: open ones, or with the won or
 * lost filter the quarter's closed ones, in the stage they closed from), and
 * the title bar's sums. today: the day it is (as_of in f overrides it).
 */
int board_totals(struct db *db, const struct process *p, const struct board_filter *f, long today,
		 struct totals *stages, struct board_sums *sums, struct dd_err *err);

enum card_status { CARD_OPEN, CARD_WON, CARD_LOST };

struct card {
	long id, version;
	char *title, *account, *owner;
	int64_t amount;
	enum card_status status;
	int days; /* in the stage (until it closed, for a won or lost deal) */
	enum aging aging;
	char *close_date, *next_step, *next_step_due;
	int next_overdue; /* next step due before today */
	int plan_total, plan_done, plan_overdue;
	int people, has_economic_buyer, has_champion;
};

/* The cards of one stage from offset, at most limit, in the filter's order. */
int board_cards(struct db *db, const struct stage *s, const struct board_filter *f, long offset,
		int limit, long today, struct card **out, size_t *n, struct dd_err *err);
void board_cards_free(struct card *v, size_t n);

/*
 * Where a deal sits on the board now: its stage index and its position in that
 * column (to keep it selected when others change the board). -1 if the filter
 * does not show it.
 */
int board_locate(struct db *db, const struct process *p, const struct board_filter *f, long today,
		 long deal_id, int *stage, long *index);

/* The quarter (1-4) of a day, for "Q4 won ...". */
int board_quarter(long day);
/* A stage's weighted amount: amount times probability percent, rounded down. */
int64_t board_weighted(int64_t amount, int probability);

#endif
