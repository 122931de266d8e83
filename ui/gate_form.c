/*
 * The gate form: every requirement of a forward move and its evidence; a
 * manager's override as a step of its own (why, then y/n), never a field.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_ui.h"

#include "date.h"
#include "facts.h"
#include "input.h"
#include "keys.h"
#include "move.h"
#include "permit.h"
#include "text.h"
#include "xmalloc.h"

/* What a failing check's line tells the user to press, from the key table. */
static const char *
fix_hint(enum fix_where where)
{
	static char buf[128];
	char keys[32];
	enum action a = where == FIX_STAKEHOLDERS ? A_PEOPLE : where == FIX_PLAN ? A_PLAN : A_EDIT;

	keys_of(a, keys, sizeof keys);
	snprintf(buf, sizeof buf, "move here and press %s (%s)", keys,
		 a == A_PEOPLE ? "stakeholders"
		 : a == A_PLAN ? "plan"
			       : "edit the deal");
	return buf;
}

/* The override's keys as a hint names them: "O/C-o"; empty when unbound. */
static void
override_keys(char *buf, size_t len)
{
	keys_of(A_OVERRIDE, buf, len);
	for (char *p = buf; *p; p++)
		if (*p == ' ')
			*p = '/';
}

/* The gate form's bottom line: only a manager is told the override key. */
static void
gate_hint(struct ui *u)
{
	char keys[32], hint[128];

	override_keys(keys, sizeof keys);
	if (u->s->role != ROLE_MANAGER || keys[0] == '\0')
		return;
	snprintf(hint, sizeof hint, " Tab next  Enter next/submit  %s override  Esc cancel ",
		 keys);
	form_hint(&u->form, hint);
}

static const char *
target_label(const struct process *p, int target)
{
	if (target < 0 || target > (int)p->nstages)
		return "?"; /* a process applied since; the form closes on its next step */
	return target == (int)p->nstages ? "Won" : p->stages[target].label;
}

static void override_close(struct ui *u);

/* The gate form, built under a process a manager has replaced since, closes. */
static int
gate_outdated(struct ui *u)
{
	long id = u->gate_suspended ? u->gate_id : u->deal_id;

	if (u->form_rev == u->s->proc.revision)
		return 0;
	if (u->overriding)
		override_close(u);
	else if (u->ov == OV_GATE)
		ui_close_overlay(u);
	return ui_process_changed(u, id);
}

/* The check of the move that the action line number n of the gate form shows. */
static const struct check *
nth_check(const struct process *p, int from, int to, int n, const char **stage)
{
	for (int i = from; i < to; i++)
		for (size_t j = 0; j < p->stages[i].nchecks; j++)
			if (n-- == 0) {
				*stage = p->stages[i].key;
				return &p->stages[i].checks[j];
			}
	return NULL;
}

void
open_gate(struct ui *u, long id, int target, long version)
{
	const struct process *p = &u->s->proc;
	struct deal_facts facts;
	struct deal d;
	struct dd_err err;
	char title[256], today[DATE_LEN];
	int from, nth = 0;

	if (ui_form_deal(u, id, &d) != 0)
		return;
	from = process_stage_index(p, d.stage);
	if (version > 0 && d.version != version) {
		deal_free(&d);
		ui_stale(u, id);
		return;
	}
	if (strcmp(d.status, "open") != 0) {
		board_set_status(&u->b, 1, "deal %ld is %s: reopen it first", d.id, d.status);
		deal_free(&d);
		return;
	}
	if (from < 0 || target <= from || target > (int)p->nstages) {
		board_set_status(&u->b, 1, "deal %ld is in %s now: nothing to advance to", d.id,
				 d.stage);
		deal_free(&d);
		return;
	}
	err_init(&err);
	if (deal_facts_load(u->s->db, &d, &facts, &err) != DD_OK) {
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
		err_free(&err);
		deal_free(&d);
		return;
	}
	err_free(&err);
	snprintf(title, sizeof title, " %s: %s %s %s ", d.title, p->stages[from].label,
		 glyph(&u->cv, "→", "->"), target_label(p, target));
	form_init(&u->form, title);
	date_format(date_today(), today);
	const char **names = xcalloc(facts.npeople + 1, sizeof *names);
	for (size_t i = 0; i < facts.npeople; i++)
		names[i] = facts.people[i].name;
	for (int i = from; i < target; i++) {
		const struct stage *s = &p->stages[i];

		for (size_t j = 0; j < s->nchecks; j++, nth++) {
			char *says = gate_check_describe(&s->checks[j]);
			int met = gate_check_met(&s->checks[j], &facts);
			char line[300];

			enum fix_where where = gate_check_fix_where(&s->checks[j]);

			if (met) {
				form_info(&u->form, glyph(&u->cv, "✓", "+"), says, ROLE_GATE_MET);
			} else {
				snprintf(line, sizeof line, "%s: not yet; %s", says,
					 fix_hint(where));
				form_action(&u->form, glyph(&u->cv, "✗", "x"), line,
					    ROLE_GATE_UNMET, FIX_TAG(where, nth));
			}
			free(says);
		}
		for (size_t j = 0; j < s->nevidence; j++) {
			const struct evidence_req *r = &s->evidence[j];
			char line[300];
			int k = (int)u->nreq;

			u->req_keys = xreallocarray(u->req_keys, u->nreq + 1, sizeof *u->req_keys);
			u->req_keys[u->nreq++] = r->key;
			snprintf(line, sizeof line, "%s: %s", r->key, r->meaning);
			form_info(&u->form, glyph(&u->cv, "•", "*"), line, ROLE_HEADER);
			form_text(&u->form, "what happened", "", TAG_WHAT + k);
			form_choice(&u->form, "buyer contact", names, (int)facts.npeople,
				    TAG_CONTACT + k);
			form_text(&u->form, "date", today, TAG_DATE + k);
		}
	}
	free(names);
	gate_hint(u);
	u->deal_id = d.id;
	u->version = d.version;
	u->target = target;
	u->form_rev = p->revision;
	u->ov = OV_GATE;
	deal_facts_free(&facts);
	deal_free(&d);
}

/* The move a gate form f asks for, its evidence as typed (ev has u->nreq slots). */
static void
gate_request(struct ui *u, struct form *f, struct move_request *rq, struct evidence_in *ev)
{
	const struct process *p = &u->s->proc;
	size_t n = 0;

	for (size_t i = 0; i < u->nreq; i++) {
		struct field *what = form_field(f, TAG_WHAT + (int)i, 0);
		struct field *who = form_field(f, TAG_CONTACT + (int)i, 0);
		struct field *day = form_field(f, TAG_DATE + (int)i, 0);

		/* Left empty: the gate will name it as missing. */
		if (form_value(f, what)[0] == '\0')
			continue;
		ev[n++] = (struct evidence_in){u->req_keys[i], form_value(f, what),
					       who->nchoices ? form_value(f, who) : NULL,
					       form_value(f, day)};
	}
	memset(rq, 0, sizeof *rq);
	rq->deal_id = u->deal_id;
	rq->target = u->target == (int)p->nstages ? "won" : p->stages[u->target].key;
	rq->evidence = ev;
	rq->nevidence = n;
	rq->expected_version = u->version;
}

/* The first unmet requirement of g about evidence key, or NULL. */
static const struct unmet *
unmet_evidence(const struct gate_result *g, const char *key, size_t *count)
{
	const struct unmet *first = NULL;

	*count = 0;
	for (size_t i = 0; i < g->nunmet; i++) {
		const struct unmet *m = &g->unmet[i];

		if ((m->kind == UNMET_EVIDENCE_MISSING || m->kind == UNMET_EVIDENCE_INVALID) &&
		    strcmp(m->key, key) == 0) {
			first = first ? first : m;
			(*count)++;
		}
	}
	return first;
}

static int
contact_required(const struct process *p, const char *key)
{
	for (size_t i = 0; i < p->nstages; i++)
		for (size_t j = 0; j < p->stages[i].nevidence; j++)
			if (strcmp(p->stages[i].evidence[j].key, key) == 0)
				return p->stages[i].evidence[j].contact_required;
	return 0;
}

/*
 * Which of evidence k's fields a refusal is about. The gate engine names the
 * requirement, not the field; it checks what, contact and date in that order,
 * so whatever the contact and the date do not explain is about the text.
 */
static struct field *
evidence_fix(struct ui *u, int k, const struct gate_result *g, const struct deal_facts *facts)
{
	struct field *what = form_field(&u->form, TAG_WHAT + k, 0);
	struct field *who = form_field(&u->form, TAG_CONTACT + k, 0);
	struct field *day = form_field(&u->form, TAG_DATE + k, 0);
	const struct unmet *m = NULL;
	size_t count, bad_who = 0, bad_day = 0;
	long d;

	m = unmet_evidence(g, u->req_keys[k], &count);
	if (m == NULL || m->kind == UNMET_EVIDENCE_MISSING)
		return what;
	for (size_t i = 0; i < g->nunmet; i++)
		if (g->unmet[i].kind == UNMET_EVIDENCE_INVALID &&
		    g->unmet[i].where == FIX_STAKEHOLDERS &&
		    strcmp(g->unmet[i].key, u->req_keys[k]) == 0)
			bad_who = 1;
	if (who != NULL && who->nchoices == 0 && contact_required(&u->s->proc, u->req_keys[k]))
		bad_who = 1;
	if (day != NULL && (date_parse(form_value(&u->form, day), &d) != 0 || d > date_today() ||
			    d < facts->created_day))
		bad_day = 1;
	if (count > bad_who + bad_day)
		return what;
	return bad_who ? who : bad_day ? day : what;
}

/*
 * The field to fix first after a refused submit, in the form's order: an unmet
 * check's line, or the evidence field at fault. *why is the unmet it is about.
 */
static struct field *
first_fix(struct ui *u, const struct gate_result *g, const char **why)
{
	const struct process *p = &u->s->proc;
	struct field *found = NULL;
	struct deal_facts facts;
	struct dd_err err;
	struct deal d;
	int from;

	*why = g->unmet[0].message;
	err_init(&err);
	if (deal_get(u->s->db, u->deal_id, &d, &err) != DD_OK) {
		err_free(&err);
		return NULL;
	}
	from = process_stage_index(p, d.stage);
	if (from < 0 || from >= u->target || u->target > (int)p->nstages ||
	    deal_facts_load(u->s->db, &d, &facts, &err) != DD_OK) {
		err_free(&err);
		deal_free(&d);
		return NULL;
	}
	for (int i = 0; i < u->form.n && found == NULL; i++) {
		struct field *fl = &u->form.fields[i];
		const struct check *c;
		const char *stage;
		size_t count;

		if (fl->kind == FIELD_INFO && fl->focusable && fl->tag >= TAG_FIX) {
			c = nth_check(p, from, u->target, (fl->tag - TAG_FIX) / FIX_SLOTS, &stage);
			if (c == NULL || gate_check_met(c, &facts))
				continue;
			for (size_t k = 0; k < g->nunmet && found == NULL; k++)
				if (g->unmet[k].kind == UNMET_CHECK &&
				    strcmp(g->unmet[k].stage, stage) == 0) {
					found = fl;
					*why = g->unmet[k].message;
				}
		} else if (fl->kind == FIELD_TEXT && fl->tag >= TAG_WHAT &&
			   fl->tag < TAG_WHAT + (int)u->nreq) {
			int k = fl->tag - TAG_WHAT;
			const struct unmet *m = unmet_evidence(g, u->req_keys[k], &count);

			if (m != NULL) {
				found = evidence_fix(u, k, g, &facts);
				*why = m->message;
			}
		}
	}
	deal_facts_free(&facts);
	deal_free(&d);
	err_free(&err);
	return found;
}

/* A refused move: the reason in the form, the cursor on what to fix first. */
static void
gate_refused(struct ui *u, const struct gate_result *g)
{
	char msg[700], keys[32] = "";
	const char *why;
	struct field *fl = first_fix(u, g, &why);

	if (fl != NULL)
		form_focus(&u->form, fl);
	if (u->s->role == ROLE_MANAGER)
		override_keys(keys, sizeof keys);
	snprintf(msg, sizeof msg, "%zu unmet: %s%s%s%s", g->nunmet, why,
		 keys[0] ? " (or override: " : "", keys, keys[0] ? ")" : "");
	form_message(&u->form, 1, msg);
}

void
submit_gate(struct ui *u)
{
	struct evidence_in *ev = xcalloc(u->nreq ? u->nreq : 1, sizeof *ev);
	struct move_request rq;
	struct gate_result g;
	struct dd_err err;

	if (gate_outdated(u)) {
		free(ev);
		return;
	}
	gate_request(u, &u->form, &rq, ev);
	err_init(&err);
	int rc = deal_move(u->s, &rq, &g, &err);
	if (rc == DD_OK) {
		long id = u->deal_id;

		ui_close_overlay(u);
		ui_reload(u, id);
		board_set_status(&u->b, 0, "deal %ld moved to %s", id, rq.target);
	} else if (rc == DD_REFUSED && g.nunmet > 0) {
		gate_refused(u, &g);
	} else if (err.stale) {
		long id = u->deal_id;

		ui_close_overlay(u);
		ui_reload(u, id);
		board_set_status(&u->b, 1, "%s: showing it as it is now", strbuf_str(&err.msg));
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	gate_result_free(&g);
	err_free(&err);
	free(ev);
}

/* A gate form put aside to fix a check comes back, re-checked, with what was typed. */
void
resume_gate(struct ui *u)
{
	struct form saved = u->gate_saved;
	int outdated;

	if (!u->gate_suspended)
		return;
	outdated = gate_outdated(u); /* its stage numbers are another process's */
	u->gate_suspended = 0;
	memset(&u->gate_saved, 0, sizeof u->gate_saved);
	free(u->req_keys);
	u->req_keys = NULL;
	u->nreq = 0;
	if (!outdated) {
		board_select_deal(&u->b, u->gate_id);
		/* The version it was opened with (and the user's own fixes): else stale. */
		open_gate(u, u->gate_id, u->gate_target, u->gate_version);
	}
	if (!outdated && u->ov == OV_GATE)
		for (int i = 0; i < saved.n; i++) {
			struct field *old = &saved.fields[i], *now;

			if (old->kind == FIELD_INFO ||
			    (now = form_field(&u->form, old->tag, 0)) == NULL)
				continue;
			if (old->kind == FIELD_TEXT)
				line_edit_set(&now->edit, line_edit_text(&old->edit));
			else if (old->choice < now->nchoices)
				now->choice = old->choice;
		}
	form_free(&saved);
}

void
ui_wrote(struct ui *u, long id)
{
	if (u->gate_suspended && id == u->gate_id)
		u->gate_version++; /* each write of a deal bumps its version once */
}

void
gate_action(struct ui *u)
{
	struct field *fl = form_focused(&u->form);
	int key = u->form.action_key;
	enum fix_where where;
	enum action want;

	if (fl == NULL || fl->tag < TAG_FIX)
		return;
	where = (enum fix_where)((fl->tag - TAG_FIX) % FIX_SLOTS);
	want = where == FIX_STAKEHOLDERS ? A_PEOPLE : where == FIX_PLAN ? A_PLAN : A_EDIT;
	if (key != K_ENTER && keys_lookup(key) != want)
		return;
	/* Put the form aside (its typed text kept) while the user fixes the deal. */
	u->gate_saved = u->form;
	u->gate_suspended = 1;
	u->gate_id = u->deal_id;
	u->gate_version = u->version;
	u->gate_target = u->target;
	memset(&u->form, 0, sizeof u->form);
	u->ov = OV_NONE;
	board_mark_all(&u->b);
	if (want == A_EDIT) {
		open_deal_form(u, u->gate_id, 0);
		if (u->ov != OV_EDIT) { /* refused: the status says why; the form comes back */
			resume_gate(u);
			return;
		}
	} else {
		open_pane(u, want == A_PEOPLE ? PANE_PEOPLE : PANE_PLAN, 1);
	}
	board_set_status(&u->b, 0, "fix it here; Esc goes back to the gate form");
}

/* --- the override step ------------------------------------------------------------ */

static void
override_hint(struct ui *u)
{
	form_hint(&u->form, u->confirming ? " y override and move  n no  Esc no "
					  : " Enter confirm  Esc back to the gate form ");
}

/* The override step ends: the gate form comes back as it was, with a word. */
static void
override_back(struct ui *u, const char *msg)
{
	form_free(&u->form);
	u->form = u->gate_saved;
	memset(&u->gate_saved, 0, sizeof u->gate_saved);
	u->overriding = u->confirming = 0;
	u->ov = OV_GATE;
	form_message(&u->form, 0, msg);
	board_mark_all(&u->b);
}

/* The override step and the gate form under it close: the move is done or stale. */
static void
override_close(struct ui *u)
{
	ui_close_overlay(u);
	form_free(&u->gate_saved);
	u->overriding = u->confirming = 0;
}

/* O in the gate form: the unmet requirements as they stand, and why override them. */
static void
open_override(struct ui *u)
{
	const struct process *p = &u->s->proc;
	struct evidence_in *ev;
	struct move_request rq;
	struct deal_facts facts;
	struct gate_result g;
	struct dd_err err;
	struct deal d;
	char title[300];
	int from;

	if (gate_outdated(u))
		return;
	err_init(&err);
	if (permit_manager(u->s, "override a gate", &err) != DD_OK) {
		form_message(&u->form, 1, strbuf_str(&err.msg));
		err_free(&err);
		return;
	}
	if (deal_get(u->s->db, u->deal_id, &d, &err) != DD_OK) {
		form_message(&u->form, 1, strbuf_str(&err.msg));
		err_free(&err);
		return;
	}
	from = process_stage_index(p, d.stage);
	if (d.version != u->version || from < 0 || from >= u->target ||
	    u->target > (int)p->nstages) {
		long id = u->deal_id;

		deal_free(&d);
		err_free(&err);
		ui_close_overlay(u);
		ui_stale(u, id);
		return;
	}
	if (deal_facts_load(u->s->db, &d, &facts, &err) != DD_OK) {
		form_message(&u->form, 1, strbuf_str(&err.msg));
		err_free(&err);
		deal_free(&d);
		return;
	}
	ev = xcalloc(u->nreq ? u->nreq : 1, sizeof *ev);
	gate_request(u, &u->form, &rq, ev);
	gate_check(p, &facts, from, u->target, rq.evidence, rq.nevidence, date_today(), &g);
	if (g.nunmet == 0) {
		form_message(&u->form, 0,
			     "nothing is unmet: Enter on the last field moves the deal");
	} else {
		/* The gate form waits under the step, its typed evidence kept. */
		snprintf(title, sizeof title, " Override: %s: %s %s %s ", d.title,
			 p->stages[from].label, glyph(&u->cv, "→", "->"),
			 target_label(p, u->target));
		u->gate_saved = u->form;
		u->overriding = 1;
		u->confirming = 0;
		u->gate_unmet = g.nunmet;
		form_init(&u->form, title);
		for (size_t i = 0; i < g.nunmet; i++)
			form_info(&u->form, glyph(&u->cv, "✗", "x"), g.unmet[i].message,
				  ROLE_GATE_UNMET);
		form_info(&u->form, "",
			  "The deal moves without these, recorded as an override (a gate bypass "
			  "in the stats). Why? In real words, as for evidence.",
			  ROLE_DIM);
		form_text(&u->form, "reason (why)", "", TAG_OVERRIDE);
		override_hint(u);
		u->ov = OV_OVERRIDE;
		board_mark_all(&u->b);
	}
	gate_result_free(&g);
	free(ev);
	deal_facts_free(&facts);
	deal_free(&d);
	err_free(&err);
}

int
gate_key(struct ui *u, int key)
{
	struct field *fl = form_focused(&u->form);

	if (keys_lookup(key) != A_OVERRIDE)
		return 0;
	/* In a text field a letter is text: "Our CFO..." must not open the override. */
	if (fl != NULL && fl->kind == FIELD_TEXT && key < K_NAMED &&
	    !text_is_control((uint32_t)key))
		return 0;
	open_override(u);
	return 1;
}

/* y: the move, with the override and whatever evidence the gate form holds. */
static void
override_submit(struct ui *u)
{
	struct evidence_in *ev = xcalloc(u->nreq ? u->nreq : 1, sizeof *ev);
	struct field *why = form_field(&u->form, TAG_OVERRIDE, 0);
	struct move_request rq;
	struct gate_result g;
	struct dd_err err;
	long id = u->deal_id;

	if (gate_outdated(u)) {
		free(ev);
		return;
	}
	gate_request(u, &u->gate_saved, &rq, ev);
	rq.override = form_value(&u->form, why);
	err_init(&err);
	int rc = deal_move(u->s, &rq, &g, &err);
	if (rc == DD_OK) {
		override_close(u);
		ui_reload(u, id);
		board_set_status(&u->b, 0, "deal %ld moved to %s%s", id, rq.target,
				 g.nunmet ? " (override recorded)" : "");
	} else if (err.stale) {
		override_close(u);
		ui_reload(u, id);
		board_set_status(&u->b, 1, "%s: showing it as it is now", strbuf_str(&err.msg));
	} else {
		/* The reason refused (the real-text rule), or the move: say why, stay. */
		u->confirming = 0;
		override_hint(u);
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	gate_result_free(&g);
	err_free(&err);
	free(ev);
}

void
override_key(struct ui *u, int key)
{
	const char *why;
	char msg[300];

	if (u->confirming) {
		if (key == 'y' || key == 'Y') {
			override_submit(u);
		} else if (key == 'n' || key == 'N' || key == K_ESC) {
			u->confirming = 0;
			override_hint(u);
			form_message(
				&u->form, 0,
				"not overridden: change the reason, or Esc for the gate form");
		}
		return; /* anything else (Enter too) leaves the question asked */
	}
	switch (form_key(&u->form, key)) {
	case FORM_CANCEL:
		override_back(u, "override cancelled: nothing was changed");
		break;
	case FORM_SUBMIT:
		why = form_value(&u->form, form_field(&u->form, TAG_OVERRIDE, 0));
		if (text_alnum_count(why) == 0) {
			form_message(&u->form, 1, "an override needs a reason: say why it moves");
			break;
		}
		/* Enter on the reason only asks: the move needs an explicit yes. */
		u->confirming = 1;
		override_hint(u);
		snprintf(msg, sizeof msg, "Override %zu unmet requirement(s) and move to %s? y/n",
			 u->gate_unmet, target_label(&u->s->proc, u->target));
		form_message(&u->form, 0, msg);
		break;
	default:
		break;
	}
}
