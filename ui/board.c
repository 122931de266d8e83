#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "board_model.h"
#include "board_text.h"
#include "board_view.h"
#include "canvas.h"
#include "date.h"
#include "deal.h"
#include "deal_report.h"
#include "facts.h"
#include "form.h"
#include "input.h"
#include "keys.h"
#include "money.h"
#include "move.h"
#include "pane.h"
#include "vocab.h"
#include "screen.h"
#include "theme.h"
#include "xmalloc.h"

#define POLL_MS 250 /* how often another user's commit is looked for */

enum overlay {
	OV_NONE,
	OV_HELP,
	OV_DETAIL,
	OV_GATE,
	OV_BACK,
	OV_LOST,
	OV_MOVE_TO,
	OV_EDIT,
	OV_NEW,
	OV_FILTER,
	OV_OWNER,
	OV_PERSON,
	OV_STEP,
	OV_CONFIRM
};

/* Form field tags: evidence fields carry their requirement's index. */
enum {
	TAG_WHAT = 1000,
	TAG_CONTACT = 2000,
	TAG_DATE = 3000,
	TAG_OVERRIDE = 1,
	TAG_REASON,
	TAG_NOTE,
	TAG_STAGE,
	TAG_TEXT,
	TAG_NAME,
	TAG_ROLE,
	TAG_TITLE,
	TAG_STANCE,
	TAG_INFLUENCE,
	TAG_REPORTS,
	TAG_LAST,
	TAG_SIDE,
	TAG_WHO,
	TAG_DUE,
	TAG_YES,
	TAG_FIX = 5000 /* + enum fix_where: an unmet check the user can go and fix */
};

#define PANE_MIN_W 44 /* narrower: the pane takes the whole width */

/* The deal fields the edit and new forms show: label, where the value goes. */
static const struct deal_field_row {
	const char *label;
	size_t offset; /* in struct deal_fields */
	int on_new;
} deal_field_rows[] = {
	{"title", offsetof(struct deal_fields, title), 1},
	{"account", offsetof(struct deal_fields, account), 1},
	{"amount", offsetof(struct deal_fields, amount), 1},
	{"close date", offsetof(struct deal_fields, close_date), 1},
	{"next step", offsetof(struct deal_fields, next_step), 1},
	{"next step due", offsetof(struct deal_fields, next_step_due), 1},
	{"success criteria", offsetof(struct deal_fields, success_criteria), 0},
	{"owner", offsetof(struct deal_fields, owner), 0},
};
#define NDEAL_FIELDS (sizeof deal_field_rows / sizeof deal_field_rows[0])
#define TAG_FIELD    4000 /* + the row */

struct ui {
	struct cli *c;
	struct session *s;
	struct board b;
	struct canvas cv;
	enum overlay ov;
	struct form form;
	long deal_id, version; /* the deal the open form is about, as it was shown */
	int target;            /* the stage index the form moves to */
	const char **req_keys; /* the evidence keys of the gate form, by index */
	size_t nreq;
	struct pane pane;
	int pane_stale;
	struct form gate_saved; /* a gate form put aside while its pane fixes a check */
	int gate_suspended;
	long edit_id;         /* the stakeholder or step a form edits; 0 = a new one */
	struct strvec detail; /* the detail view's lines */
	int detail_top;
	char *orig[NDEAL_FIELDS]; /* the edit form's values as shown */
	long data_version;
	int quit, redraw_all;
};

static void resume_gate(struct ui *u);

static long
selected_id(const struct ui *u)
{
	const struct card *k = board_selected(&u->b);

	return k ? k->id : 0;
}

/* Reads the board again and keeps the same deal selected. */
static void
reload(struct ui *u, long keep_id)
{
	struct dd_err err;

	err_init(&err);
	if (board_reload(&u->b, &err) != DD_OK)
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	if (keep_id > 0)
		board_select_deal(&u->b, keep_id);
	u->data_version = db_data_version(u->s->db);
}

static void
close_overlay(struct ui *u)
{
	if (u->ov != OV_NONE && u->ov != OV_HELP && u->ov != OV_DETAIL)
		form_free(&u->form);
	strvec_free(&u->detail);
	for (size_t i = 0; i < NDEAL_FIELDS; i++) {
		free(u->orig[i]);
		u->orig[i] = NULL;
	}
	free(u->req_keys);
	u->req_keys = NULL;
	u->nreq = 0;
	u->ov = OV_NONE;
	u->b.dirty = DIRTY_ALL; /* the overlay covered the columns */
	u->b.dirty_cols = ~0ULL;
}

/* Reads the selected deal for a form; NULL with a status message when none. */
static int
form_deal(struct ui *u, struct deal *d)
{
	struct dd_err err;
	long id = selected_id(u);
	int rc;

	if (id == 0) {
		board_set_status(&u->b, 1, "no deal selected");
		return -1;
	}
	err_init(&err);
	rc = deal_get(u->s->db, id, d, &err);
	if (rc != DD_OK)
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	return rc == DD_OK ? 0 : -1;
}

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

static void
open_gate(struct ui *u, int target)
{
	const struct process *p = &u->s->proc;
	struct deal_facts facts;
	struct deal d;
	struct dd_err err;
	char title[256], today[DATE_LEN];
	int from;

	if (form_deal(u, &d) != 0)
		return;
	from = process_stage_index(p, d.stage);
	if (target <= from) {
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
	date_format(u->s->today, today);
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

static void
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

		close_overlay(u);
		reload(u, id);
		board_set_status(&u->b, 0, "deal %ld moved to %s%s", id, rq.target,
				 g.nunmet ? " (override recorded)" : "");
	} else if (rc == DD_REFUSED && g.nunmet > 0) {
		char msg[600];

		snprintf(msg, sizeof msg, "%zu unmet: %s%s", g.nunmet, g.unmet[0].message,
			 u->s->role == ROLE_MANAGER ? " (or give an override reason)" : "");
		form_message(&u->form, 1, msg);
	} else if (strstr(strbuf_str(&err.msg), "changed by someone else") != NULL) {
		long id = u->deal_id;

		close_overlay(u);
		reload(u, id);
		board_set_status(&u->b, 1, "%s: showing it as it is now", strbuf_str(&err.msg));
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	gate_result_free(&g);
	err_free(&err);
	free(ev);
}

static void
open_back(struct ui *u, int target)
{
	struct deal d;
	char title[256];

	if (form_deal(u, &d) != 0)
		return;
	if (target < 0 || target >= process_stage_index(&u->s->proc, d.stage)) {
		board_set_status(&u->b, 1, "%s is the first stage", d.stage);
		deal_free(&d);
		return;
	}
	snprintf(title, sizeof title, " Move %s back to %s ", d.title,
		 u->s->proc.stages[target].label);
	form_init(&u->form, title);
	form_info(&u->form, "", "A move back needs a reason: what did the buyer do or not do?",
		  ROLE_DIM);
	form_text(&u->form, "reason", "", TAG_REASON);
	u->deal_id = d.id;
	u->version = d.version;
	u->target = target;
	u->ov = OV_BACK;
	deal_free(&d);
}

static void
open_lost(struct ui *u)
{
	const struct strvec *r = &u->s->proc.lost_reasons;
	struct deal d;
	char title[256];

	if (form_deal(u, &d) != 0)
		return;
	snprintf(title, sizeof title, " Mark %s lost ", d.title);
	form_init(&u->form, title);
	form_choice(&u->form, "reason", (const char *const *)r->v, (int)r->n, TAG_REASON);
	form_text(&u->form, "note", "", TAG_NOTE);
	u->deal_id = d.id;
	u->version = d.version;
	u->ov = OV_LOST;
	deal_free(&d);
}

static void
open_move_to(struct ui *u)
{
	const struct process *p = &u->s->proc;
	const char **labels = xcalloc(p->nstages + 1, sizeof *labels);
	struct deal d;

	if (form_deal(u, &d) != 0) {
		free(labels);
		return;
	}
	for (size_t i = 0; i < p->nstages; i++)
		labels[i] = p->stages[i].key;
	labels[p->nstages] = "won";
	form_init(&u->form, " Move to stage ");
	struct field *f = form_choice(&u->form, "stage", labels, (int)p->nstages + 1, TAG_STAGE);
	f->choice = process_stage_index(p, d.stage);
	u->deal_id = d.id;
	u->ov = OV_MOVE_TO;
	free(labels);
	deal_free(&d);
}

/* Submits the back, lost and move-to forms. */
static void
submit_simple(struct ui *u)
{
	struct move_request rq = {0};
	struct gate_result g = {0};
	struct dd_err err;
	long id = u->deal_id;
	int rc;

	err_init(&err);
	if (u->ov == OV_MOVE_TO) {
		int to = u->form.fields[0].choice;
		struct deal d;

		close_overlay(u);
		if (deal_get(u->s->db, id, &d, &err) == DD_OK) {
			int from = process_stage_index(&u->s->proc, d.stage);

			if (to > from)
				open_gate(u, to);
			else if (to < from)
				open_back(u, to);
			deal_free(&d);
		}
		err_free(&err);
		return;
	}
	if (u->ov == OV_BACK) {
		rq.deal_id = id;
		rq.target = u->s->proc.stages[u->target].key;
		rq.reason = form_value(&u->form, form_field(&u->form, TAG_REASON, 0));
		rq.expected_version = u->version;
		rc = deal_move(u->s, &rq, &g, &err);
	} else {
		rc = deal_lose(u->s, id, form_value(&u->form, form_field(&u->form, TAG_REASON, 0)),
			       form_value(&u->form, form_field(&u->form, TAG_NOTE, 0)), u->version,
			       &err);
	}
	if (rc == DD_OK) {
		close_overlay(u);
		reload(u, id);
		board_set_status(&u->b, 0, "deal %ld %s", id,
				 rq.target ? "moved back" : "marked lost");
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	gate_result_free(&g);
	err_free(&err);
}

static void
open_detail(struct ui *u)
{
	struct dd_err err;
	long id = selected_id(u);

	if (id == 0) {
		board_set_status(&u->b, 1, "no deal selected");
		return;
	}
	err_init(&err);
	if (deal_report(u->s, id, &u->detail, &err) != DD_OK) {
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
		strvec_free(&u->detail);
	} else {
		u->detail_top = 0;
		u->ov = OV_DETAIL;
	}
	err_free(&err);
}

static void
detail_key(struct ui *u, int key)
{
	int page = u->cv.h - 4, max = (int)u->detail.n - page;

	switch (key) {
	case K_UP:
	case 'k':
		u->detail_top--;
		break;
	case K_DOWN:
	case 'j':
		u->detail_top++;
		break;
	case K_PGUP:
		u->detail_top -= page;
		break;
	case K_PGDN:
	case ' ':
		u->detail_top += page;
		break;
	default:
		close_overlay(u);
		return;
	}
	if (u->detail_top > max)
		u->detail_top = max;
	if (u->detail_top < 0)
		u->detail_top = 0;
}

static void
draw_detail(struct ui *u)
{
	struct canvas *c = &u->cv;
	int h = c->h - 2, w = c->w - 2;

	canvas_fill(c, 1, 1, h, w, ROLE_NORMAL);
	canvas_box(c, 1, 1, h, w, ROLE_BORDER);
	canvas_text(c, 1, 3, w - 4, " Deal (arrows scroll, any other key closes) ", ROLE_HEADER);
	for (int i = 0; i < h - 2 && u->detail_top + i < (int)u->detail.n; i++)
		canvas_text(c, 2 + i, 3, w - 4, u->detail.v[u->detail_top + i],
			    i == 0 && u->detail_top == 0 ? ROLE_HEADER : ROLE_NORMAL);
}

static const char **
field_slot(struct deal_fields *f, size_t row)
{
	return (const char **)((char *)f + deal_field_rows[row].offset);
}

static void
open_deal_form(struct ui *u, int is_new)
{
	struct deal d;
	struct deal_fields cur = {0};
	char amount[MONEY_LEN];

	memset(&d, 0, sizeof d);
	if (!is_new) {
		if (form_deal(u, &d) != 0)
			return;
		money_format(d.amount, 0, amount);
		cur = (struct deal_fields){d.title,         d.account,         d.owner,
					   amount,          d.close_date,      d.next_step,
					   d.next_step_due, d.success_criteria};
	}
	form_init(&u->form, is_new ? " New deal (in the first stage) " : " Edit deal ");
	for (size_t i = 0; i < NDEAL_FIELDS; i++) {
		const char *v = *field_slot(&cur, i);

		if (is_new && !deal_field_rows[i].on_new)
			continue;
		if (deal_field_rows[i].offset == offsetof(struct deal_fields, owner) &&
		    u->s->role != ROLE_MANAGER)
			continue; /* only managers reassign */
		form_text(&u->form, deal_field_rows[i].label, v ? v : "", TAG_FIELD + (int)i);
		u->orig[i] = xstrdup(v ? v : "");
	}
	u->deal_id = d.id;
	u->version = d.version;
	u->ov = is_new ? OV_NEW : OV_EDIT;
	deal_free(&d);
}

static void
submit_deal_form(struct ui *u)
{
	struct deal_fields f = {0};
	struct dd_err err;
	long id = u->deal_id;
	int rc;

	for (size_t i = 0; i < NDEAL_FIELDS; i++) {
		struct field *fl = form_field(&u->form, TAG_FIELD + (int)i, 0);
		const char *v = fl ? form_value(&u->form, fl) : NULL;

		/* Only what changed: an edit never rewrites fields it did not touch. */
		if (v == NULL || (u->ov == OV_EDIT && strcmp(v, u->orig[i]) == 0))
			continue;
		if (u->ov == OV_NEW && v[0] == '\0')
			continue;
		if (deal_field_rows[i].offset == offsetof(struct deal_fields, amount) &&
		    v[0] == '\0')
			v = "0";
		*field_slot(&f, i) = v;
	}
	err_init(&err);
	if (u->ov == OV_NEW)
		rc = deal_create(u->s, &f, &id, &err);
	else if (memcmp(&f, &(struct deal_fields){0}, sizeof f) == 0)
		rc = DD_OK; /* nothing changed */
	else
		rc = deal_edit(u->s, id, &f, u->version, &err);
	if (rc == DD_OK) {
		int was_new = u->ov == OV_NEW;

		close_overlay(u);
		reload(u, id);
		board_set_status(&u->b, 0, "deal %ld %s", id, was_new ? "added" : "saved");
		resume_gate(u);
	} else if (strstr(strbuf_str(&err.msg), "changed by someone else") != NULL) {
		close_overlay(u);
		reload(u, id);
		board_set_status(&u->b, 1, "%s: showing it as it is now", strbuf_str(&err.msg));
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	err_free(&err);
}

static void
open_filter(struct ui *u, int owner)
{
	const char *cur = owner ? u->b.filter_owner : u->b.filter_text;

	form_init(&u->form, owner ? " Show one owner's deals " : " Show deals containing ");
	form_text(&u->form, owner ? "owner (login)" : "text", cur ? cur : "", TAG_TEXT);
	u->ov = owner ? OV_OWNER : OV_FILTER;
}

static void
apply_filter(struct ui *u, int which, const char *v)
{
	char **slot = which == OV_OWNER ? &u->b.filter_owner : &u->b.filter_text;

	free(*slot);
	*slot = v != NULL && v[0] != '\0' ? xstrdup(v) : NULL;
	for (size_t i = 0; i < u->s->proc.nstages; i++)
		u->b.cols[i].sel = u->b.cols[i].offset = 0;
	reload(u, 0);
	u->b.dirty |= DIRTY_TITLE;
}

static void
submit_filter(struct ui *u)
{
	char *v = xstrdup(form_value(&u->form, form_field(&u->form, TAG_TEXT, 0)));
	int which = u->ov;

	close_overlay(u);
	apply_filter(u, which, v);
	board_set_status(&u->b, 0, "%s", v[0] ? "filtered: c clears" : "filter cleared");
	free(v);
}

/* The pane's width for a terminal w wide: a third, or all of it when narrow. */
static int
pane_width(const struct ui *u, int w)
{
	int pw = w / 3 > PANE_MIN_W ? w / 3 : PANE_MIN_W;

	if (u->pane.kind == PANE_NONE)
		return 0;
	return w - pw < LAYOUT_MIN_W ? w : pw;
}

static void
relayout(struct ui *u)
{
	long id = selected_id(u);
	int pw = pane_width(u, u->cv.w);

	/* A full-width pane covers the board; the board keeps its own layout. */
	board_resize(&u->b, pw == u->cv.w ? u->cv.w : u->cv.w - pw, u->cv.h);
	reload(u, id);
	u->pane_stale = 1;
}

static void
open_pane(struct ui *u, enum pane_kind kind, int focus)
{
	enum pane_kind was = u->pane.kind;

	if (was == kind && !focus) { /* the same key again closes it */
		u->pane.kind = PANE_NONE;
		u->pane.focus = 0;
		pane_clear(&u->pane);
	} else {
		u->pane.kind = kind;
		u->pane.focus = focus;
		u->pane.sel = u->pane.top = 0;
	}
	if ((was == PANE_NONE) != (u->pane.kind == PANE_NONE))
		relayout(u);
	u->pane_stale = 1;
	u->b.dirty = DIRTY_ALL;
	u->b.dirty_cols = ~0ULL;
}

static void
close_pane(struct ui *u)
{
	if (u->pane.kind != PANE_NONE)
		open_pane(u, u->pane.kind, 0);
}

/* A gate form put aside to fix a check comes back, re-checked, with what was typed. */
static void
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
	board_select_deal(&u->b, u->deal_id);
	open_gate(u, u->target);
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

static void
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
	memset(&u->form, 0, sizeof u->form);
	u->ov = OV_NONE;
	if (want == A_EDIT)
		open_deal_form(u, 0);
	else
		open_pane(u, want == A_PEOPLE ? PANE_PEOPLE : PANE_PLAN, 1);
	board_set_status(&u->b, 0, "fix it here; Esc goes back to the gate form");
}

static void
open_person(struct ui *u, const struct stakeholder *p)
{
	const char **names = xcalloc(u->pane.npeople + 2, sizeof *names);
	int n = 0, at = 0;

	names[n++] = "none";
	for (size_t i = 0; i < u->pane.npeople; i++)
		if (p == NULL || u->pane.people[i].id != p->id) {
			if (p != NULL && u->pane.people[i].id == p->reports_to)
				at = n;
			names[n++] = u->pane.people[i].name;
		}
	form_init(&u->form, p ? " Edit stakeholder " : " Add a stakeholder ");
	form_text(&u->form, "name", p ? p->name : "", TAG_NAME);
	struct field *f = form_choice(&u->form, "role", vocab_roles.words, 10, TAG_ROLE);
	f->choice = p ? vocab_find(&vocab_roles, p->role) : 0;
	form_text(&u->form, "title", p && p->title ? p->title : "", TAG_TITLE);
	f = form_choice(&u->form, "stance", vocab_stances.words, 4, TAG_STANCE);
	f->choice = vocab_find(&vocab_stances, p ? p->stance : "neutral");
	f = form_choice(&u->form, "influence", vocab_influence.words, 3, TAG_INFLUENCE);
	f->choice = vocab_find(&vocab_influence, p ? p->influence : "medium");
	f = form_choice(&u->form, "reports to", names, n, TAG_REPORTS);
	f->choice = at;
	form_text(&u->form, "last contact", p && p->last_contact ? p->last_contact : "", TAG_LAST);
	free(names);
	u->edit_id = p ? p->id : 0;
	u->deal_id = u->pane.deal_id;
	u->ov = OV_PERSON;
}

static void
open_step(struct ui *u, const struct plan_step *st)
{
	char due[DATE_LEN];
	struct field *f;

	date_format(u->s->today + 7, due);
	form_init(&u->form, st ? " Edit plan step " : " Add a plan step ");
	form_text(&u->form, "title", st ? st->title : "", TAG_TITLE);
	f = form_choice(&u->form, "owner", vocab_plan_owner.words, 3, TAG_SIDE);
	f->choice = st ? vocab_find(&vocab_plan_owner, st->owner_side) : 0;
	form_text(&u->form, "who", st && st->who ? st->who : "", TAG_WHO);
	form_text(&u->form, "due", st ? st->due : due, TAG_DUE);
	u->edit_id = st ? st->id : 0;
	u->deal_id = u->pane.deal_id;
	u->ov = OV_STEP;
}

static void
open_confirm(struct ui *u)
{
	static const char *const answers[] = {"no", "yes"};
	const struct stakeholder *p = pane_person(&u->pane);
	const struct plan_step *st = pane_step(&u->pane);
	char title[300];

	if (p == NULL && st == NULL)
		return;
	snprintf(title, sizeof title, " Delete %s? ", p ? p->name : st->title);
	form_init(&u->form, title);
	form_choice(&u->form, "delete", answers, 2, TAG_YES);
	u->edit_id = p ? p->id : st->id;
	u->ov = OV_CONFIRM;
}

static const char *
value_of(struct ui *u, int tag)
{
	struct field *f = form_field(&u->form, tag, 0);

	return f ? form_value(&u->form, f) : NULL;
}

/* Submits the stakeholder, step and delete forms of the panes. */
static void
submit_pane_form(struct ui *u)
{
	struct dd_err err;
	long id = 0;
	int rc = DD_OK;
	const char *done = "saved";

	err_init(&err);
	if (u->ov == OV_PERSON) {
		const char *boss = value_of(u, TAG_REPORTS);
		struct stakeholder_fields f = {
			value_of(u, TAG_NAME),      value_of(u, TAG_ROLE),
			value_of(u, TAG_TITLE),     value_of(u, TAG_STANCE),
			value_of(u, TAG_INFLUENCE), strcmp(boss, "none") == 0 ? "none" : boss,
			value_of(u, TAG_LAST)};
		rc = u->edit_id ? people_edit(u->s, u->edit_id, &f, &err)
				: people_add(u->s, u->deal_id, &f, &id, &err);
	} else if (u->ov == OV_STEP) {
		struct plan_fields f = {value_of(u, TAG_TITLE), value_of(u, TAG_SIDE),
					value_of(u, TAG_WHO), value_of(u, TAG_DUE)};
		rc = u->edit_id ? plan_edit(u->s, u->edit_id, &f, &err)
				: plan_add(u->s, u->deal_id, &f, &id, &err);
	} else if (strcmp(value_of(u, TAG_YES), "yes") == 0) {
		rc = u->pane.kind == PANE_PEOPLE ? people_remove(u->s, u->edit_id, &err)
						 : plan_remove(u->s, u->edit_id, &err);
		done = "deleted";
	} else {
		done = "nothing deleted";
	}
	if (rc == DD_OK) {
		close_overlay(u);
		reload(u, u->pane.deal_id);
		u->pane_stale = 1;
		board_set_status(&u->b, 0, "%s", done);
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	err_free(&err);
}

static void
pane_key(struct ui *u, int key)
{
	enum action a = keys_lookup(key);
	struct dd_err err;

	if (key == K_ESC) {
		close_pane(u);
		resume_gate(u);
		return;
	}
	switch (a) {
	case A_UP:
		pane_move(&u->pane, -1);
		break;
	case A_DOWN:
		pane_move(&u->pane, 1);
		break;
	case A_TOP:
		pane_move(&u->pane, -pane_rows(&u->pane));
		break;
	case A_BOTTOM:
		pane_move(&u->pane, pane_rows(&u->pane));
		break;
	case A_FOCUS:
		u->pane.focus = 0;
		resume_gate(u);
		break;
	case A_NEW:
		if (u->pane.kind == PANE_PEOPLE)
			open_person(u, NULL);
		else
			open_step(u, NULL);
		break;
	case A_EDIT:
		if (pane_person(&u->pane))
			open_person(u, pane_person(&u->pane));
		else if (pane_step(&u->pane))
			open_step(u, pane_step(&u->pane));
		break;
	case A_PEOPLE:
	case A_PLAN:
		if (u->pane.kind == (a == A_PEOPLE ? PANE_PEOPLE : PANE_PLAN)) {
			close_pane(u); /* the same key again closes it */
			resume_gate(u);
		} else {
			open_pane(u, a == A_PEOPLE ? PANE_PEOPLE : PANE_PLAN, 1);
		}
		break;
	case A_QUIT:
		u->quit = 1;
		break;
	default:
		if (key == 'd') {
			open_confirm(u);
		} else if (key == ' ' && pane_step(&u->pane)) {
			const struct plan_step *st = pane_step(&u->pane);

			err_init(&err);
			if (plan_set_done(u->s, st->id, st->done_at == NULL, &err) != DD_OK)
				board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
			else
				board_set_status(&u->b, 0, "step %s",
						 st->done_at ? "reopened" : "done");
			err_free(&err);
			reload(u, u->pane.deal_id);
			u->pane_stale = 1;
		}
	}
	u->b.dirty |= DIRTY_OVERLAY;
}

static void
draw_pane(struct ui *u)
{
	int pw = pane_width(u, u->cv.w), top = 1, h = u->cv.h - 2;
	long id = selected_id(u);

	if (u->pane.kind == PANE_NONE)
		return;
	if (u->pane_stale || id != u->pane.deal_id) {
		struct dd_err err;

		err_init(&err);
		if (pane_load(&u->pane, u->s, id, &err) != DD_OK)
			board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
		err_free(&err);
		u->pane_stale = 0;
	}
	pane_draw(&u->pane, &u->cv, top, u->cv.w - pw, h, pw, u->s->today);
}

/* Every bound key, in two columns when one does not fit (80x24 must show all). */
static void
draw_help(struct ui *u)
{
	struct canvas *c = &u->cv;
	int n = (int)nkey_actions, ncol = n + 4 > c->h - 2 ? 2 : 1;
	int rows = (n + ncol - 1) / ncol, w = c->w - 2 < 70 * ncol ? c->w - 2 : 70 * ncol;
	int h = rows + 4 > c->h ? c->h : rows + 4, y = (c->h - h) / 2, x = (c->w - w) / 2;
	int colw = (w - 2) / ncol;

	canvas_fill(c, y, x, h, w, ROLE_NORMAL);
	canvas_box(c, y, x, h, w, ROLE_BORDER);
	canvas_text(c, y, x + 2, w - 4, " Keys (any key closes) ", ROLE_HEADER);
	for (int i = 0; i < n; i++) {
		int row = i % rows, cx = x + 2 + (i / rows) * colw;
		char keys[64];

		if (row + 2 >= h - 1)
			continue;
		keys_of(key_actions[i].action, keys, sizeof keys);
		canvas_text(c, y + 2 + row, cx, 10, keys, ROLE_HEADER);
		canvas_text(c, y + 2 + row, cx + 11, colw - 12, key_actions[i].help, ROLE_NORMAL);
	}
}

static void
act(struct ui *u, enum action a)
{
	struct board *b = &u->b;
	long per = b->lay.cards_per_col;

	switch (a) {
	case A_LEFT:
		board_move_sel(b, -1, 0);
		break;
	case A_RIGHT:
		board_move_sel(b, 1, 0);
		break;
	case A_UP:
		board_move_sel(b, 0, -1);
		break;
	case A_DOWN:
		board_move_sel(b, 0, 1);
		break;
	case A_PGUP:
		board_move_sel(b, 0, -per);
		break;
	case A_PGDN:
		board_move_sel(b, 0, per);
		break;
	case A_TOP:
		board_sel_to(b, 0);
		break;
	case A_BOTTOM:
		board_sel_to(b, b->cols[b->sel_col].totals.count - 1);
		break;
	case A_ADVANCE:
		open_gate(u, b->sel_col + 1);
		break;
	case A_WON:
		open_gate(u, (int)u->s->proc.nstages);
		break;
	case A_BACK:
		open_back(u, b->sel_col - 1);
		break;
	case A_MOVE_TO:
		open_move_to(u);
		break;
	case A_LOST:
		open_lost(u);
		break;
	case A_DETAIL:
		open_detail(u);
		break;
	case A_PEOPLE:
		open_pane(u, PANE_PEOPLE, 0);
		break;
	case A_PLAN:
		open_pane(u, PANE_PLAN, 0);
		break;
	case A_FOCUS:
		if (u->pane.kind != PANE_NONE) {
			u->pane.focus = 1;
			u->b.dirty |= DIRTY_OVERLAY;
		}
		break;
	case A_EDIT:
		open_deal_form(u, 0);
		break;
	case A_NEW:
		open_deal_form(u, 1);
		break;
	case A_FILTER:
		open_filter(u, 0);
		break;
	case A_OWNER:
		open_filter(u, 1);
		break;
	case A_CLEAR:
		apply_filter(u, OV_FILTER, NULL);
		apply_filter(u, OV_OWNER, NULL);
		board_set_status(b, 0, "filters cleared");
		break;
	case A_PRIVACY:
		b->privacy = !b->privacy;
		b->dirty = DIRTY_ALL;
		b->dirty_cols = ~0ULL;
		board_set_status(b, 0, "amounts %s", b->privacy ? "hidden" : "shown");
		break;
	case A_REDRAW:
		screen_invalidate();
		b->dirty = DIRTY_ALL;
		b->dirty_cols = ~0ULL;
		break;
	case A_HELP:
		u->ov = OV_HELP;
		break;
	case A_QUIT:
		u->quit = 1;
		break;
	case A_NONE:
	case A_COUNT:
		break;
	}
}

static void
on_key(struct ui *u, int key)
{
	if (u->ov == OV_HELP) {
		close_overlay(u);
		return;
	}
	if (u->ov == OV_DETAIL) {
		detail_key(u, key);
		return;
	}
	if (u->ov != OV_NONE) {
		enum form_result r = form_key(&u->form, key);

		if (r == FORM_ACTION && u->ov == OV_GATE) {
			gate_action(u);
		} else if (r == FORM_CANCEL) {
			int resume = u->ov == OV_EDIT && u->gate_suspended;

			close_overlay(u);
			board_set_status(&u->b, 0, "cancelled: nothing was changed");
			if (resume)
				resume_gate(u);
		} else if (r == FORM_SUBMIT) {
			if (u->ov == OV_GATE)
				submit_gate(u);
			else if (u->ov == OV_EDIT || u->ov == OV_NEW)
				submit_deal_form(u);
			else if (u->ov == OV_PERSON || u->ov == OV_STEP || u->ov == OV_CONFIRM)
				submit_pane_form(u);
			else if (u->ov == OV_FILTER || u->ov == OV_OWNER)
				submit_filter(u);
			else
				submit_simple(u);
		}
		return;
	}
	if (u->pane.kind != PANE_NONE && u->pane.focus) {
		pane_key(u, key);
		return;
	}
	if (key == K_ESC) {
		if (u->pane.kind != PANE_NONE)
			close_pane(u);
		u->b.status[0] = '\0';
		u->b.dirty |= DIRTY_STATUS;
		return;
	}
	if (key == K_CTRL_C) {
		u->quit = 1;
		return;
	}
	u->b.status[0] = '\0';
	u->b.dirty |= DIRTY_STATUS;
	act(u, keys_lookup(key));
}

static void
on_mouse(struct ui *u, int y, int x, int button)
{
	const struct layout *l = &u->b.lay;

	if (u->ov != OV_NONE || l->too_small)
		return;
	if (button == 4 || button == 5) {
		board_move_sel(&u->b, 0, button == 4 ? -1 : 1);
		return;
	}
	for (int k = 0; k < l->ncols; k++)
		if (x >= l->col_x[k] && x < l->col_x[k] + l->col_w[k] && y >= l->cards_y) {
			int col = l->first_col + k;

			board_move_sel(&u->b, col - u->b.sel_col, 0);
			board_sel_to(&u->b, u->b.cols[col].offset + (y - l->cards_y) / CARD_H);
		}
}

static void
resize(struct ui *u)
{
	int w, h;
	long id = selected_id(u);

	screen_size(&w, &h);
	canvas_free(&u->cv);
	canvas_init(&u->cv, w, h, u->b.ascii);
	(void)id;
	relayout(u);
}

static void
draw(struct ui *u)
{
	int cy = -1, cx = -1;

	if (u->ov != OV_NONE) /* the overlay is drawn over whatever the board redrew */
		u->b.dirty |= DIRTY_OVERLAY;
	if (!u->b.dirty && !u->pane_stale)
		return;
	if (u->pane.kind != PANE_NONE)
		u->b.dirty |= DIRTY_OVERLAY;
	board_view_draw(&u->b, &u->cv);
	draw_pane(u);
	if (u->ov == OV_HELP)
		draw_help(u);
	else if (u->ov == OV_DETAIL)
		draw_detail(u);
	else if (u->ov != OV_NONE)
		form_draw(&u->form, &u->cv, &cy, &cx);
	u->b.dirty = 0;
	screen_put(&u->cv, 0, u->cv.h);
	screen_flush(cy, cx);
}

/* Another user's commit: show it, keep the selection, never lose a form. */
static void
poll_changes(struct ui *u)
{
	long v = db_data_version(u->s->db);

	if (v == u->data_version)
		return;
	reload(u, selected_id(u));
	u->pane_stale = 1;
	if (u->ov == OV_NONE)
		board_set_status(&u->b, 0, "updated: someone else changed the pipeline");
}

int
board_run(struct cli *c)
{
	struct theme theme;
	struct ui u;
	const char *name = c->theme ? c->theme : c->cfg.theme ? c->cfg.theme : "default";
	int rc;

	if (theme_load(name, &theme, &c->err) != DD_OK)
		return c->err.code;
	/* Not a terminal (a pipe, a cron job): print the board instead of waiting for keys. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return board_print(c, 120, 40, NULL);
	memset(&u, 0, sizeof u);
	u.c = c;
	u.s = &c->s;
	board_init(&u.b, u.s);
	u.b.ascii = cli_ascii(c);
	u.b.privacy = c->cfg.privacy;
	if ((rc = screen_start(&theme, theme_use_color(), &c->err)) != DD_OK) {
		board_free(&u.b);
		return rc;
	}
	screen_catch_signals();
	canvas_init(&u.cv, 1, 1, u.b.ascii);
	resize(&u);
	while (!u.quit && !screen_quit_signal) {
		int my = 0, mx = 0, mb = 0, key;

		draw(&u);
		key = screen_key(POLL_MS, &my, &mx, &mb);
		if (key == K_TICK && screen_check_size())
			resize(&u);
		else if (key == K_TICK)
			poll_changes(&u);
		else if (key == K_RESIZE)
			resize(&u);
		else if (key == K_MOUSE)
			on_mouse(&u, my, mx, mb);
		else
			on_key(&u, key);
	}
	screen_stop();
	if (u.ov != OV_NONE)
		close_overlay(&u);
	if (u.gate_suspended)
		form_free(&u.gate_saved);
	pane_clear(&u.pane);
	canvas_free(&u.cv);
	board_free(&u.b);
	/* Killed by a signal: say so in the exit status, as shells do (128 + N). */
	return screen_quit_signal ? 128 + screen_quit_signal : DD_OK;
}
