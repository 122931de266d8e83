/* The gate form: every requirement of a forward move, its evidence, an override. */
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

void
open_gate(struct ui *u, long id, int target, long version)
{
	const struct process *p = &u->s->proc;
	struct deal_facts facts;
	struct deal d;
	struct dd_err err;
	char title[256], today[DATE_LEN];
	int from;

	if (ui_form_deal(u, id, &d) != 0)
		return;
	from = process_stage_index(p, d.stage);
	if (version > 0 && d.version != version) {
		deal_free(&d);
		ui_stale(u, id);
		return;
	}
	if (strcmp(d.status, "open") != 0 || from < 0 || target <= from ||
	    target > (int)p->nstages) {
		board_set_status(&u->b, 1, "deal %ld is %s in %s: nothing to advance to", d.id,
				 d.status, d.stage);
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
		 glyph(&u->cv, "→", "->"),
		 target == (int)p->nstages ? "Won" : p->stages[target].label);
	form_init(&u->form, title);
	date_format(date_today(), today);
	const char **names = xcalloc(facts.npeople + 1, sizeof *names);
	for (size_t i = 0; i < facts.npeople; i++)
		names[i] = facts.people[i].name;
	for (int i = from; i < target; i++) {
		const struct stage *s = &p->stages[i];

		for (size_t j = 0; j < s->nchecks; j++) {
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
					    ROLE_GATE_UNMET, TAG_FIX + (int)where);
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
	if (u->s->role == ROLE_MANAGER)
		form_text(&u->form, "override (why)", "", TAG_OVERRIDE);
	free(names);
	u->deal_id = d.id;
	u->version = d.version;
	u->target = target;
	u->ov = OV_GATE;
	deal_facts_free(&facts);
	deal_free(&d);
}

void
submit_gate(struct ui *u)
{
	struct evidence_in *ev = xcalloc(u->nreq ? u->nreq : 1, sizeof *ev);
	struct move_request rq = {0};
	struct gate_result g;
	struct dd_err err;
	const struct process *p = &u->s->proc;
	size_t n = 0;

	for (size_t i = 0; i < u->nreq; i++) {
		struct field *what = form_field(&u->form, TAG_WHAT + (int)i, 0);
		struct field *who = form_field(&u->form, TAG_CONTACT + (int)i, 0);
		struct field *day = form_field(&u->form, TAG_DATE + (int)i, 0);

		/* Left empty: the gate will name it as missing. */
		if (form_value(&u->form, what)[0] == '\0')
			continue;
		ev[n++] = (struct evidence_in){u->req_keys[i], form_value(&u->form, what),
					       who->nchoices ? form_value(&u->form, who) : NULL,
					       form_value(&u->form, day)};
	}
	struct field *ov = form_field(&u->form, TAG_OVERRIDE, 0);
	rq.deal_id = u->deal_id;
	rq.target = u->target == (int)p->nstages ? "won" : p->stages[u->target].key;
	rq.evidence = ev;
	rq.nevidence = n;
	rq.override = ov && form_value(&u->form, ov)[0] ? form_value(&u->form, ov) : NULL;
	rq.expected_version = u->version;
	err_init(&err);
	int rc = deal_move(u->s, &rq, &g, &err);
	if (rc == DD_OK) {
		long id = u->deal_id;

		ui_close_overlay(u);
		ui_reload(u, id);
		board_set_status(&u->b, 0, "deal %ld moved to %s%s", id, rq.target,
				 g.nunmet ? " (override recorded)" : "");
	} else if (rc == DD_REFUSED && g.nunmet > 0) {
		char msg[600];

		snprintf(msg, sizeof msg, "%zu unmet: %s%s", g.nunmet, g.unmet[0].message,
			 u->s->role == ROLE_MANAGER ? " (or give an override reason)" : "");
		form_message(&u->form, 1, msg);
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

	if (!u->gate_suspended)
		return;
	u->gate_suspended = 0;
	memset(&u->gate_saved, 0, sizeof u->gate_saved);
	free(u->req_keys);
	u->req_keys = NULL;
	u->nreq = 0;
	board_select_deal(&u->b, u->gate_id);
	/* The version it was opened with (and the user's own fixes): else it is stale. */
	open_gate(u, u->gate_id, u->gate_target, u->gate_version);
	if (u->ov == OV_GATE)
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
	where = (enum fix_where)(fl->tag - TAG_FIX);
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
