/*
 * The attention queue of the weekly review: open deals with every reason they
 * need a look, ordered by number of reasons, then amount. Plain rows, so the
 * command line and review mode on screen walk the same queue.
 */
#ifndef DD_REVIEW_QUEUE_H
#define DD_REVIEW_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "session.h"

enum queue_reason {
	Q_ROTTING, /* at or past the stage's rot days */
	Q_NO_NEXT_STEP,
	Q_NEXT_STEP_OVERDUE,
	Q_PLAN_STEP_OVERDUE,
	Q_SINGLE_THREADED, /* fewer than two stakeholders */
	Q_CLOSE_DATE_PAST,
	Q_CLOSE_BEFORE_PLAN, /* close date before the last open buyer-owned plan step */
	Q_NO_ECONOMIC_BUYER, /* from the first stage whose gate asks for one on */
	Q_NREASONS,
};

/* Each reason's code and its words in general (the man page's). */
extern const struct queue_reason_def {
	const char *code, *words;
} queue_reasons[Q_NREASONS];

struct queue_query {
	const char *owner; /* a login, or NULL for everyone */
	long as_of;        /* day number, or -1 for today */
};

struct queue_row {
	long id;
	char *title, *account, *owner, *stage;
	int64_t amount;
	int days;     /* in the stage at T */
	int rot_days; /* the stage's */
	char *close_date, *next_step, *next_step_due;
	int stakeholders;
	int plan_overdue; /* open plan steps past due; the first: */
	char *overdue_step, *overdue_due;
	char *last_buyer_due; /* the last open buyer-owned step's due day */
	unsigned reasons;     /* 1 << enum queue_reason */
	int nreasons;
};

/* The queue as of the end of T; rows the caller frees with review_queue_free. */
int review_queue(struct session *s, const struct queue_query *q, struct queue_row **out, size_t *n,
		 struct dd_err *err);
void review_queue_free(struct queue_row *v, size_t n);

/* The reason in words for this deal ("41 days in propose, rots at 30"). */
void queue_reason_text(const struct queue_row *r, enum queue_reason k, char *out, size_t len);

#endif
