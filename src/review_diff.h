/*
 * What changed between a snapshot and now (the end of T): each change once, by
 * section, and the waterfall of a forecast period (src/waterfall.h).
 * Net changes: a deal that went forward twice shows once, from -> to.
 */
#ifndef DD_REVIEW_DIFF_H
#define DD_REVIEW_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "as_of.h"
#include "period.h"
#include "session.h"
#include "snapshot.h"
#include "waterfall.h"

enum change_kind {
	CH_NEW,        /* added since the snapshot */
	CH_ADVANCED,   /* open in a later stage */
	CH_MOVED_BACK, /* open in an earlier stage */
	CH_WON,        /* won since */
	CH_LOST,       /* lost since */
	CH_REOPENED,   /* reopened since */
	CH_AMOUNT_UP,
	CH_AMOUNT_DOWN,
	CH_PUSHED_OUT, /* open, close date later or cleared */
	CH_PULLED_IN,  /* open, close date earlier or newly set */
	CH_OWNER,
	CH_NKINDS,
};

/* Each section's key (CSV) and title (text), in the order they print. */
extern const struct change_def {
	const char *key, *title;
} change_defs[CH_NKINDS];

struct diff_query {
	const char *since; /* snapshot id or date; NULL for the latest */
	const char *owner; /* the deals this login owns now; NULL for everyone */
	long as_of;        /* day number, or -1 for today */
	struct period period;
};

struct diff_deal {
	long id;
	char *title, *account, *owner;
	int in_snapshot;
	char *was_stage, *was_owner, *was_close; /* as the snapshot had them */
	int64_t was_amount;
	char *stage, *status, *close_date; /* at T; stage: the one it closed from when closed */
	char *event_at;                    /* when it entered its stage, or closed */
	int64_t amount;
	char *lost_reason, *lost_note;
	unsigned changes;       /* 1 << enum change_kind */
	long close_moved;       /* days the close date moved: > 0 later */
	struct strvec evidence; /* what the buyer did on the moves forward since */
	char *override;         /* the last override of a move forward since */
	char *reason;           /* the last back or reopen reason since */
	enum wf_row bucket;
	int64_t bucket_value;
};

struct review_diff {
	struct snapshot snap;
	struct as_of t;
	struct diff_deal *deals; /* the deals that changed, by id */
	size_t n;
	struct waterfall wf;
	struct wf_line came_and_went; /* added or reopened since and closed again: no bucket */
};

int review_diff_compute(struct session *s, const struct diff_query *q, struct review_diff *out,
			struct dd_err *err);
void review_diff_free(struct review_diff *d);

#endif
