#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "deal.h"
#include "facts.h"
#include "history.h"
#include "move.h"
#include "permit.h"
#include "real_text.h"
#include "text.h"

/* A reason a person gives (back, override, reopen) must be real text. */
static int
check_reason(const char *reason, const char *option, const char *doing, struct dd_err *err)
{
	const char *why = real_text_problem(reason);

	if (why == NULL)
		return DD_OK;
	if (reason == NULL || reason[0] == '\0')
		return err_set(err, DD_REFUSED, "%s needs a reason (%s TEXT)", doing, option);
	return err_set(err, DD_REFUSED, "%s needs a reason in real text; the one given is not: %s",
		       doing, why);
}

/* Puts the deal where the event says and bumps its version. */
static int
apply_event(struct db *db, const struct event *e, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(
		db, "UPDATE deals SET stage = ?1, status = ?2,"
		    " stage_entered_at = CASE WHEN ?2 = 'open' THEN ?3 ELSE stage_entered_at END,"
		    " closed_at = CASE WHEN ?2 = 'open' THEN NULL ELSE ?3 END,"
		    " lost_reason = CASE WHEN ?2 = 'lost' THEN ?4 ELSE NULL END,"
		    " lost_note = CASE WHEN ?2 = 'lost' THEN ?5 ELSE NULL END,"
		    " updated_at = ?3, version = version + 1 WHERE id = ?6");
	int rc;

	sqlite3_bind_text(st, 1, e->stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->at, -1, SQLITE_STATIC);
	db_bind_text_or_null(st, 4, e->reason);
	db_bind_text_or_null(st, 5, e->note);
	sqlite3_bind_int64(st, 6, e->deal_id);
	rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(db, err, "moving the deal");
	sqlite3_finalize(st);
	return rc;
}

static int
check_open(const struct deal *d, struct dd_err *err)
{
	if (strcmp(d->status, "open") != 0)
		return err_set(err, DD_REFUSED, "deal %ld is %s: reopen it first", d->id,
			       d->status);
	return DD_OK;
}

/* The forward part: gates, evidence, override. Fills ev and gate. */
static int
move_forward(struct session *s, const struct deal *d, const struct move_request *rq, int from,
	     int to, struct gate_result *gate, struct event *ev, struct dd_err *err)
{
	struct deal_facts facts;

	if (deal_facts_load(s->db, d, &facts, err) != DD_OK)
		return err->code;
	gate_check(&s->proc, &facts, from, to, rq->evidence, rq->nevidence, date_today(), gate);
	if (gate->nunmet > 0 && rq->override == NULL) {
		free(gate->accepted);
		gate->accepted = NULL;
		gate->naccepted = 0;
		deal_facts_free(&facts);
		return err_set(err, DD_REFUSED,
			       "deal %ld cannot move to %s: %zu requirement(s) "
			       "unmet",
			       d->id, rq->target, gate->nunmet);
	}
	if (gate->nunmet > 0) {
		if (permit_manager(s, "override a gate", err) != DD_OK ||
		    check_reason(rq->override, "--override", "an override", err) != DD_OK) {
			deal_facts_free(&facts);
			return err->code;
		}
		ev->override = rq->override;
	}
	ev->kind = to == (int)s->proc.nstages ? "won" : "forward";
	ev->stage = to == (int)s->proc.nstages ? d->stage : s->proc.stages[to].key;
	ev->status = to == (int)s->proc.nstages ? "won" : "open";

	long event_id;
	int rc = apply_event(s->db, ev, err);
	if (rc == DD_OK)
		rc = history_add_event(s->db, ev, &event_id, err);
	for (size_t i = 0; rc == DD_OK && i < gate->naccepted; i++)
		rc = history_add_evidence(s->db, d->id, event_id, &gate->accepted[i], s->login,
					  ev->at, err);
	/* Accepted evidence points into facts, which end here. */
	free(gate->accepted);
	gate->accepted = NULL;
	gate->naccepted = 0;
	deal_facts_free(&facts);
	return rc;
}

int
deal_move(struct session *s, const struct move_request *rq, struct gate_result *gate,
	  struct dd_err *err)
{
	char now[TIMESTAMP_LEN];
	struct deal d;
	struct strbuf stages;
	int from, to, rc;

	memset(gate, 0, sizeof *gate);
	/* Inside the write, under the process as it is now (a manager may have applied one). */
	if (deal_change_begin(s, rq->deal_id, &d, err) != DD_OK)
		return err->code;
	to = process_stage_index(&s->proc, rq->target);
	if (to < 0) {
		strbuf_init(&stages);
		process_stage_list(&s->proc, &stages);
		rc = err_set(err, DD_USAGE, "unknown stage '%s' (stages: %s, won%s)", rq->target,
			     strbuf_str(&stages),
			     strcmp(rq->target, "lost") == 0 ? "; to lose a deal use 'lost'" : "");
		strbuf_free(&stages);
		return deal_change_end(s, &d, rc, err);
	}
	timestamp_now(now);
	struct event ev = {.deal_id = d.id,
			   .from_stage = d.stage,
			   .from_entered_at = d.stage_entered_at,
			   .at = now,
			   .actor = s->login};
	from = process_stage_index(&s->proc, d.stage);
	if (check_open(&d, err) || deal_check_version(&d, rq->expected_version, err))
		goto fail;
	if (from < 0) {
		err_set(err, DD_REFUSED, "deal %ld is in stage %s, which the process does not have",
			d.id, d.stage);
		goto fail;
	}
	if (to == from) {
		err_set(err, DD_REFUSED, "deal %ld is already in %s", d.id, d.stage);
		goto fail;
	}
	if (to < from) {
		if (rq->nevidence > 0) {
			err_set(err, DD_USAGE,
				"evidence is for forward moves; a move back needs "
				"only --reason");
			goto fail;
		}
		char doing[128];

		snprintf(doing, sizeof doing, "deal %ld: a move back to %s", d.id, rq->target);
		if (check_reason(rq->reason, "--reason", doing, err) != DD_OK)
			goto fail;
		ev.kind = "back";
		ev.stage = s->proc.stages[to].key;
		ev.status = "open";
		ev.reason = rq->reason;
		if (apply_event(s->db, &ev, err) || history_add_event(s->db, &ev, NULL, err))
			goto fail;
	} else if (move_forward(s, &d, rq, from, to, gate, &ev, err) != DD_OK) {
		goto fail;
	}
	return deal_change_end(s, &d, DD_OK, err);
fail:
	return deal_change_end(s, &d, err->code, err);
}

int
deal_lose(struct session *s, long id, const char *code, const char *note, long expected_version,
	  struct dd_err *err)
{
	char now[TIMESTAMP_LEN];
	struct deal d;
	struct strbuf codes;

	if (code == NULL || !process_has_lost_reason(&s->proc, code)) {
		strbuf_init(&codes);
		for (size_t i = 0; i < s->proc.lost_reasons.n; i++)
			strbuf_printf(&codes, "%s%s", i ? ", " : "", s->proc.lost_reasons.v[i]);
		err_set(err, DD_USAGE, "lost reason '%s' is not one of the process's: %s",
			code ? code : "", strbuf_str(&codes));
		strbuf_free(&codes);
		return err->code;
	}
	if (deal_change_begin(s, id, &d, err) != DD_OK)
		return err->code;
	if (check_open(&d, err) || deal_check_version(&d, expected_version, err))
		goto fail;
	timestamp_now(now);
	struct event ev = {.deal_id = id,
			   .kind = "lost",
			   .from_stage = d.stage,
			   .from_entered_at = d.stage_entered_at,
			   .stage = d.stage,
			   .status = "lost",
			   .at = now,
			   .actor = s->login,
			   .reason = code,
			   .note = note};
	if (apply_event(s->db, &ev, err) || history_add_event(s->db, &ev, NULL, err))
		goto fail;
	return deal_change_end(s, &d, DD_OK, err);
fail:
	return deal_change_end(s, &d, err->code, err);
}

int
deal_reopen(struct session *s, long id, const char *reason, struct dd_err *err)
{
	char now[TIMESTAMP_LEN];
	struct deal d;

	if (permit_manager(s, "reopen a deal", err) != DD_OK)
		return err->code;
	if (deal_change_begin(s, id, &d, err) != DD_OK)
		return err->code;
	if (strcmp(d.status, "open") == 0) {
		err_set(err, DD_REFUSED, "deal %ld is open: only won or lost deals reopen", id);
		goto fail;
	}
	char doing[64];

	snprintf(doing, sizeof doing, "reopening deal %ld", id);
	if (check_reason(reason, "--reason", doing, err) != DD_OK)
		goto fail;
	if (process_stage(&s->proc, d.stage) == NULL) {
		err_set(err, DD_REFUSED,
			"deal %ld closed from stage %s, which the process no "
			"longer has",
			id, d.stage);
		goto fail;
	}
	timestamp_now(now);
	struct event ev = {.deal_id = id,
			   .kind = "reopen",
			   .from_stage = d.stage,
			   .stage = d.stage,
			   .status = "open",
			   .at = now,
			   .actor = s->login,
			   .reason = reason};
	if (apply_event(s->db, &ev, err) || history_add_event(s->db, &ev, NULL, err))
		goto fail;
	return deal_change_end(s, &d, DD_OK, err);
fail:
	return deal_change_end(s, &d, err->code, err);
}
