#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "as_of.h"
#include "review_queue.h"
#include "xmalloc.h"

const struct queue_reason_def queue_reasons[Q_NREASONS] = {
	[Q_ROTTING] = {"rotting", "in the stage for its rot days or more"},
	[Q_NO_NEXT_STEP] = {"no_next_step", "no next step set"},
	[Q_NEXT_STEP_OVERDUE] = {"next_step_overdue", "the next step is past its due day"},
	[Q_PLAN_STEP_OVERDUE] = {"plan_step_overdue", "a plan step is past its due day"},
	[Q_SINGLE_THREADED] = {"single_threaded", "fewer than two stakeholders mapped"},
	[Q_CLOSE_DATE_PAST] = {"close_date_past", "the close date has passed"},
	[Q_CLOSE_BEFORE_PLAN] = {"close_before_plan",
				 "closes before the last open buyer-owned plan step"},
	[Q_NO_ECONOMIC_BUYER] = {"no_economic_buyer", "no economic buyer mapped"},
};

// clang-format off
/* Plan steps of deal d still open at T (created by then, not done by then). */
#define OPEN_STEP                                                                               \
	" FROM plan_steps p WHERE p.deal_id = d.id AND p.created_at <= :t_end"                   \
	" AND (p.done_at IS NULL OR p.done_at > :t_end)"
#define OVERDUE_STEP OPEN_STEP " AND p.due < :today"
#define PEOPLE       " FROM stakeholders k WHERE k.deal_id = d.id AND k.created_at <= :t_end"

static const char queue_sql[] =
	"SELECT d.id, d.title, d.account, d.owner, e.stage, d.amount,"
	"  :day - unixepoch(e.at) / 86400, d.close_date, d.next_step, d.next_step_due,"
	"  (SELECT count(*)" PEOPLE "),"
	"  EXISTS (SELECT 1" PEOPLE " AND k.role = 'economic_buyer'),"
	"  (SELECT count(*)" OVERDUE_STEP "),"
	"  (SELECT p.title" OVERDUE_STEP " ORDER BY p.due, p.id LIMIT 1),"
	"  (SELECT p.due" OVERDUE_STEP " ORDER BY p.due, p.id LIMIT 1),"
	"  (SELECT max(p.due)" OPEN_STEP " AND p.owner_side = 'buyer')"
	" FROM deals d JOIN stage_events e ON e.id = " AS_OF_LAST_EVENT("d.id")
	" WHERE e.status = 'open' AND (:owner IS NULL OR d.owner = :owner)";
// clang-format on

/* The first stage whose exit gate asks for an economic buyer (discover, by default). */
static int
economic_buyer_from(const struct process *p)
{
	for (size_t i = 0; i < p->nstages; i++)
		for (size_t j = 0; j < p->stages[i].nchecks; j++) {
			const struct check *c = &p->stages[i].checks[j];

			if (c->kind == CHECK_HAS_ROLE && strcmp(c->arg, "economic_buyer") == 0)
				return (int)i;
		}
	return -1;
}

static int
before(const char *date, const char *than)
{
	return date != NULL && than != NULL && strcmp(date, than) < 0;
}

static void
add_reason(struct queue_row *r, enum queue_reason k, int holds)
{
	if (holds) {
		r->reasons |= 1u << k;
		r->nreasons++;
	}
}

static void
judge(const struct process *p, int eb_from, const char *today, struct queue_row *r, int has_eb)
{
	int stage = process_stage_index(p, r->stage);
	const struct stage *st = process_stage(p, r->stage);

	r->rot_days = st ? st->rot_days : 0;
	add_reason(r, Q_ROTTING, st != NULL && r->days >= st->rot_days);
	add_reason(r, Q_NO_NEXT_STEP, r->next_step == NULL);
	add_reason(r, Q_NEXT_STEP_OVERDUE, before(r->next_step_due, today));
	add_reason(r, Q_PLAN_STEP_OVERDUE, r->plan_overdue > 0);
	add_reason(r, Q_SINGLE_THREADED, r->stakeholders < 2);
	add_reason(r, Q_CLOSE_DATE_PAST, before(r->close_date, today));
	add_reason(r, Q_CLOSE_BEFORE_PLAN, before(r->close_date, r->last_buyer_due));
	add_reason(r, Q_NO_ECONOMIC_BUYER, eb_from >= 0 && stage >= eb_from && !has_eb);
}

static void
row_clear(struct queue_row *r)
{
	char *texts[] = {r->title,       r->account,       r->owner,         r->stage,
			 r->close_date,  r->next_step,     r->next_step_due, r->overdue_step,
			 r->overdue_due, r->last_buyer_due};

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		free(texts[i]);
}

static int
by_urgency(const void *a, const void *b)
{
	const struct queue_row *x = a, *y = b;

	if (x->nreasons != y->nreasons)
		return y->nreasons - x->nreasons;
	if (x->amount != y->amount)
		return x->amount < y->amount ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int
review_queue(struct session *s, const struct queue_query *q, struct queue_row **out, size_t *n,
	     struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(s->db, queue_sql);
	int eb_from = economic_buyer_from(&s->proc);
	struct as_of t;
	int rc;

	*out = NULL;
	*n = 0;
	as_of_init(&t, q->as_of);
	as_of_bind(st, &t);
	bind_named_int(st, ":day", t.day);
	bind_named_text(st, ":owner", q->owner);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct queue_row r = {0};

		r.id = sqlite3_column_int64(st, 0);
		r.title = db_column_text(st, 1);
		r.account = db_column_text(st, 2);
		r.owner = db_column_text(st, 3);
		r.stage = db_column_text(st, 4);
		r.amount = sqlite3_column_int64(st, 5);
		r.days = sqlite3_column_int(st, 6);
		r.close_date = db_column_text(st, 7);
		r.next_step = db_column_text(st, 8);
		r.next_step_due = db_column_text(st, 9);
		r.stakeholders = sqlite3_column_int(st, 10);
		r.plan_overdue = sqlite3_column_int(st, 12);
		r.overdue_step = db_column_text(st, 13);
		r.overdue_due = db_column_text(st, 14);
		r.last_buyer_due = db_column_text(st, 15);
		judge(&s->proc, eb_from, t.date, &r, sqlite3_column_int(st, 11));
		if (r.nreasons == 0) {
			row_clear(&r);
			continue;
		}
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = r;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		review_queue_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_fail(s->db, err, "reading the attention queue");
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, by_urgency);
	return DD_OK;
}

void
review_queue_free(struct queue_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		row_clear(&v[i]);
	free(v);
}

void
queue_reason_text(const struct queue_row *r, enum queue_reason k, char *out, size_t len)
{
	switch (k) {
	case Q_ROTTING:
		snprintf(out, len, "%d days in %s, rots at %d", r->days, r->stage, r->rot_days);
		break;
	case Q_NO_NEXT_STEP:
		snprintf(out, len, "no next step set");
		break;
	case Q_NEXT_STEP_OVERDUE:
		snprintf(out, len, "next step due %s", r->next_step_due ? r->next_step_due : "");
		break;
	case Q_PLAN_STEP_OVERDUE:
		if (r->plan_overdue > 1)
			snprintf(out, len, "plan step \"%s\" due %s, and %d more",
				 r->overdue_step ? r->overdue_step : "",
				 r->overdue_due ? r->overdue_due : "", r->plan_overdue - 1);
		else
			snprintf(out, len, "plan step \"%s\" due %s",
				 r->overdue_step ? r->overdue_step : "",
				 r->overdue_due ? r->overdue_due : "");
		break;
	case Q_SINGLE_THREADED:
		snprintf(out, len, "%d stakeholder%s mapped", r->stakeholders,
			 r->stakeholders == 1 ? "" : "s");
		break;
	case Q_CLOSE_DATE_PAST:
		snprintf(out, len, "close date %s has passed", r->close_date ? r->close_date : "");
		break;
	case Q_CLOSE_BEFORE_PLAN:
		snprintf(out, len, "closes %s, the buyer's last plan step is due %s",
			 r->close_date ? r->close_date : "",
			 r->last_buyer_due ? r->last_buyer_due : "");
		break;
	case Q_NO_ECONOMIC_BUYER:
		snprintf(out, len, "no economic buyer mapped in %s", r->stage);
		break;
	default:
		snprintf(out, len, "%s", "");
		break;
	}
}
