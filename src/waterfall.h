/*
 * The waterfall of a forecast period between a snapshot and now:
 * start + created + pulled in + increased - decreased - pushed out - lost - won
 * = end, to the cent. Each deal's change counts in exactly one bucket:
 *
 * - In the start and in the end (open, closing in the period, both times): the
 *   change of amount, as increased or decreased (none when equal).
 * - In the start, not in the end: how it left, at its snapshot amount: won,
 *   lost, else pushed out (its close date moved out of the period, either way,
 *   or was cleared). A change of amount on the way out is part of leaving.
 * - In the end, not in the start: at its amount now, created when it is new
 *   since the snapshot, else pulled in (its close date moved into the period,
 *   or it was reopened).
 * - In neither (say created and won since the snapshot): no bucket.
 */
#ifndef DD_WATERFALL_H
#define DD_WATERFALL_H

#include <stdint.h>

#include "period.h"

enum wf_row {
	WF_START,
	WF_CREATED,
	WF_PULLED_IN,
	WF_INCREASED,
	WF_DECREASED,
	WF_PUSHED_OUT,
	WF_LOST,
	WF_WON,
	WF_END,
	WF_NROWS,
	WF_NONE = WF_NROWS, /* a deal that changes neither start nor end */
};

/* Each row's key (CSV), words and sign in the sum (0 for start and end). */
extern const struct wf_row_def {
	const char *key, *label;
	int sign;
} waterfall_rows[WF_NROWS];

struct wf_line {
	long deals;
	int64_t amount; /* minor units */
};

struct waterfall {
	struct period period;
	struct wf_line row[WF_NROWS];
};

enum wf_now { WF_NOW_OPEN, WF_NOW_WON, WF_NOW_LOST };

/* One deal: as the snapshot had it, and now. */
struct wf_deal {
	int in_snapshot;    /* an open deal in the snapshot */
	int64_t was_amount; /* the snapshot's */
	long was_close;     /* the snapshot's close date, or NO_DAY */
	int new_since;      /* not in the snapshot because it was added since (else reopened) */
	enum wf_now now;
	int64_t amount;
	long close; /* NO_DAY when none */
};

/* Which bucket the deal's change goes to, and how much it moves. */
enum wf_row waterfall_bucket(const struct period *p, const struct wf_deal *d, int64_t *value);
/* Adds the deal to the start, end and its bucket; returns the bucket. */
enum wf_row waterfall_add(struct waterfall *w, const struct wf_deal *d);
/* Whether start and the signed buckets sum to end, in amount and in deals. */
int waterfall_adds_up(const struct waterfall *w);
/*
 * The invariant, checked: the waterfall adds up, and its start and end are the
 * totals counted on their own (start, end: from the snapshot and the pipeline
 * directly). A failure is a bug in the buckets: fatal(), loudly.
 */
void waterfall_check(const struct waterfall *w, const struct wf_line *start,
		     const struct wf_line *end);

#endif
