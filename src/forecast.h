/*
 * The forecast of a period: open deals closing in it by category (pipeline,
 * best case, commit, with commit earned: src/commit_rule.h), what was won in
 * it, and for an ended period the accuracy of the snapshot taken before it.
 */
#ifndef DD_FORECAST_H
#define DD_FORECAST_H

#include <stddef.h>
#include <stdint.h>

#include "as_of.h"
#include "period.h"
#include "process.h"
#include "session.h"
#include "snapshot.h"

struct forecast_query {
	const char *owner; /* the deals this login owns now; NULL for everyone */
	long as_of;        /* day number, or -1 for today */
	struct period period;
};

/* Weighted: each amount times its stage's probability, summed, rounded half up once. */
struct forecast_total {
	long deals;
	int64_t amount, weighted;
};

/* Adds one deal's amount at probability percent to t (exact: no float, no overflow). */
struct weighted_sum {
	int64_t whole, hundredths;
};
void weighted_add(struct weighted_sum *w, int64_t amount, int probability);
int64_t weighted_value(const struct weighted_sum *w);

struct forecast_deal {
	long id;
	char *title, *account, *owner, *stage, *close_date;
	int64_t amount;
	int probability;
	enum forecast_cat stage_cat, cat; /* the stage's, and the one it counts in */
	unsigned demoted;                 /* enum demotion bits when cat is not stage_cat */
	char *entry_reason;               /* the override, back or reopen reason */
	int buyer_overdue;                /* buyer steps overdue; the first: */
	char *overdue_step, *overdue_due;
};

struct forecast {
	struct period period;
	struct as_of t;
	struct forecast_total cat[FORECAST_NCATS];
	struct forecast_total won;   /* won within the period, still won at T */
	long no_close_date;          /* open deals in no period */
	struct forecast_deal *deals; /* the open deals closing in the period, by close date */
	size_t ndeals;

	/* Accuracy: only for a period that ended before T. */
	int ended, has_snapshot;
	struct snapshot snap; /* the latest taken on or before the period's first day */
	long snap_deals, snap_deals_won;
	int64_t snap_weighted, snap_commit;
	double weighted_accuracy, commit_accuracy, won_share;
};

int forecast_compute(struct session *s, const struct forecast_query *q, struct forecast *out,
		     struct dd_err *err);
void forecast_free(struct forecast *f);

/* 1 - |forecast - won| / won; 0 when nothing was won (a rate over nothing). */
double forecast_accuracy(int64_t forecast, int64_t won);

#endif
