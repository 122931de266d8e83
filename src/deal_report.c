#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "deal.h"
#include "deal_report.h"
#include "history.h"
#include "money.h"
#include "people.h"
#include "plan.h"
#include "text.h"
#include "vocab.h"
#include "xmalloc.h"

/* Adds one line; what users typed may hold newlines or escapes, so clean it. */
static void __attribute__((format(printf, 2, 3)))
line(struct strvec *out, const char *fmt, ...)
{
	va_list ap;
	char buf[2048];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	strvec_push_owned(out, text_printable(buf));
}

static const char *
or_dash(const char *s)
{
	return s != NULL ? s : "-";
}

static void
report_people(struct session *s, long id, struct strvec *out, struct dd_err *err)
{
	struct stakeholder *v;
	size_t n;

	if (people_list(s->db, id, &v, &n, err) != DD_OK)
		return;
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	int *depth = xcalloc(n ? n : 1, sizeof *depth);
	people_tree(v, n, order, depth);
	strvec_push(out, "");
	line(out, "Stakeholders (%zu)%s", n, n < 2 ? ": single-threaded" : "");
	for (size_t k = 0; k < n; k++) {
		const struct stakeholder *p = &v[order[k]];

		line(out, "  %*s[%ld] %s, %s%s%s; %s, influence %s; last contact %s", depth[k] * 2,
		     "", p->id, p->name, vocab_human(p->role), p->title ? ", " : "",
		     p->title ? p->title : "", p->stance, p->influence,
		     p->last_contact ? p->last_contact : "never");
	}
	free(order);
	free(depth);
	people_free(v, n);
}

static void
report_plan(struct session *s, long id, struct strvec *out, struct dd_err *err)
{
	struct plan_step *v;
	size_t n, done = 0;

	if (plan_list(s->db, id, &v, &n, err) != DD_OK)
		return;
	for (size_t i = 0; i < n; i++)
		done += v[i].done_at != NULL;
	strvec_push(out, "");
	line(out, "Mutual action plan (%zu/%zu done)", done, n);
	for (size_t i = 0; i < n; i++) {
		enum plan_status st = plan_step_status(&v[i], date_today());
		char done_by[128] = "";

		if (st == PLAN_DONE)
			snprintf(done_by, sizeof done_by, "  done %.10s by %s", v[i].done_at,
				 or_dash(v[i].done_by));
		line(out, "  [%ld] %s  %-7s %-6s %s%s%s%s%s", v[i].id, v[i].due,
		     plan_status_word(st), v[i].owner_side, v[i].title, v[i].who ? " (" : "",
		     v[i].who ? v[i].who : "", v[i].who ? ")" : "", done_by);
	}
	plan_free(v, n);
}

static void
add_evidence(const struct evidence_row *e, void *arg)
{
	struct strvec *out = arg;

	line(out, "  %s  %s (leaving %s): %s", e->acted_on, e->requirement, e->stage, e->what);
	line(out, "      contact: %s; recorded by %s at %s", or_dash(e->contact_name),
	     e->recorded_by, e->recorded_at);
}

static void
add_event(const struct event *e, void *arg)
{
	struct strvec *out = arg;
	int open = strcmp(e->status, "open") == 0;
	char move[160];

	if (e->from_stage != NULL && open)
		snprintf(move, sizeof move, "%s -> %s", e->from_stage, e->stage);
	else if (!open)
		snprintf(move, sizeof move, "%s from %s", e->status, e->stage);
	else
		snprintf(move, sizeof move, "%s", e->stage);
	line(out, "  %s  %-7s %s  by %s%s%s%s%s%s%s%s", e->at, e->kind, move, e->actor,
	     e->reason ? "  reason: " : "", e->reason ? e->reason : "",
	     e->note ? "  note: " : "", e->note ? e->note : "",
	     e->override ? "  OVERRIDE: " : "", e->override ? e->override : "",
	     e->imported ? "  (imported)" : "");
}

int
deal_report(struct session *s, long id, struct strvec *out, struct dd_err *err)
{
	return deal_report_masked(s, id, NULL, out, err);
}

int
deal_report_masked(struct session *s, long id, const char *mask, struct strvec *out,
		   struct dd_err *err)
{
	char amount[MONEY_LEN], cur[16], days[32] = "", closed[64] = "", reason[600] = "";
	struct deal d;

	if (deal_get(s->db, id, &d, err) != DD_OK)
		return err->code;
	const struct stage *st = process_stage(&s->proc, d.stage);
	money_format(d.amount, 1, amount);
	if (strcmp(d.status, "open") == 0)
		snprintf(days, sizeof days, ", %ld days in stage",
			 date_today() - date_of_timestamp(d.stage_entered_at));
	if (d.closed_at)
		snprintf(closed, sizeof closed, " on %.10s", d.closed_at);
	if (d.lost_reason)
		snprintf(reason, sizeof reason, ", reason %s%s%s", d.lost_reason,
			 d.lost_note ? ": " : "", d.lost_note ? d.lost_note : "");
	line(out, "Deal %ld: %s", d.id, d.title);
	line(out, "  account:          %s", d.account);
	line(out, "  owner:            %s", d.owner);
	line(out, "  stage:            %s (%s)%s", d.stage, st ? st->label : "not in the process",
	     days);
	line(out, "  status:           %s%s%s", d.status, closed, reason);
	if (mask != NULL)
		line(out, "  amount:           %s (hidden)", mask);
	else
		line(out, "  amount:           %s %s", amount,
		     db_meta(s->db, "currency", cur, sizeof cur) ? cur : "");
	line(out, "  close date:       %s", or_dash(d.close_date));
	line(out, "  next step:        %s%s%s%s", or_dash(d.next_step),
	     d.next_step_due ? " (due " : "", d.next_step_due ? d.next_step_due : "",
	     d.next_step_due ? ")" : "");
	line(out, "  success criteria: %s", or_dash(d.success_criteria));
	line(out, "  created:          %s", d.created_at);
	if (d.external_id)
		line(out, "  external id:      %s", d.external_id);
	deal_free(&d);
	report_people(s, id, out, err);
	report_plan(s, id, out, err);
	strvec_push(out, "");
	line(out, "Evidence");
	history_each_evidence(s->db, id, add_evidence, out, err);
	strvec_push(out, "");
	line(out, "History");
	history_each_event(s->db, id, add_event, out, err);
	return err->code;
}
