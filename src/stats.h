/*
 * Stats, as PRODUCT.md defines them: stage aging, stay durations, conversion,
 * the summary and lost reasons, computed by SQLite for one owner or everyone,
 * over a period, as the pipeline stood at the end of a day.
 */
#ifndef DD_STATS_H
#define DD_STATS_H

#include <stddef.h>

#include "error.h"
#include "give_way.h"
#include "session.h"

struct stats_query {
	const char *owner;         /* a login, or NULL for everyone */
	long as_of;                /* day number T, or -1 for today */
	long from, to;             /* the period, both included; -1 for the 90 days ending at T */
	struct give_way *give_way; /* NULL: run to the end; else stop when a key waits */
};

/* Every figure is a double so one table of metrics can describe them all. */
struct stats_stage {
	const char *key, *label; /* the process's */
	/* aging: open deals in the stage at T, by days since they entered it */
	double deals, amount, median_days, p90_days, max_days, over_warn, over_rot;
	double weighted; /* amount x probability / 100, for the summary */
	/* duration: stays in the stage that ended within the period */
	double exits, stay_median_days, stay_mean_days;
	/* conversion: deals that entered within the period, and how many went further */
	double entered, advanced, rate;
};

struct stats_summary {
	double open_deals, open_amount, weighted_amount;
	double won, lost, win_rate, avg_won_amount, median_cycle_days, velocity_per_day;
	double forward_moves, overrides, bypass_rate;
};

struct stats_reason {
	char *code;
	double deals; /* lost within the period with this reason */
};

struct stats {
	long as_of, from, to; /* the days used: T and the period */
	struct stats_stage *stages;
	size_t nstages;
	struct stats_summary summary;
	struct stats_reason *reasons; /* the process's, then any others found */
	size_t nreasons;
};

/* How a metric prints: counts, rates, amounts (minor units), days. */
enum stats_kind { STATS_COUNT, STATS_RATE, STATS_AMOUNT, STATS_DAYS1, STATS_DAYS };

/* One figure, as the CSV names it: section, stage (or ""), metric, value. */
struct stats_metric {
	const char *section, *stage, *name;
	enum stats_kind kind;
	double value;
};

/*
 * Fills out (free with stats_free; on failure there is nothing to free). A
 * period that ends before it starts is DD_USAGE. A computation that gave way
 * to a key (q->give_way->gave_way) fails as DD_FAIL and leaves nothing behind.
 */
int stats_compute(struct session *s, const struct stats_query *q, struct stats *out,
		  struct dd_err *err);
void stats_free(struct stats *st);
/* DD_USAGE, saying so, when the period (day numbers) ends before it starts. */
int stats_check_period(long from, long to, struct dd_err *err);

/* Every metric in the CSV's order: aging, duration, conversion, summary, lost reasons. */
void stats_each_metric(const struct stats *st, void (*cb)(const struct stats_metric *m, void *arg),
		       void *arg);

/* The contract's format: counts as integers, rates 4 decimals, amounts 2 (major units). */
#define STATS_VALUE_LEN 40
void stats_format(enum stats_kind kind, double value, char out[STATS_VALUE_LEN]);

#endif
