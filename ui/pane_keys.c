/* The side panes on the board: opening, keys, and the person and step forms. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_ui.h"

#include "date.h"
#include "input.h"
#include "keys.h"
#include "layout.h"
#include "vocab.h"
#include "xmalloc.h"

#define PANE_MIN_W 44 /* narrower: the pane takes the whole width */

/* The pane's width for a terminal w wide: a third, or all of it when narrow. */
static int
pane_width(const struct ui *u, int w)
{
	int pw = w / 3 > PANE_MIN_W ? w / 3 : PANE_MIN_W;

	if (u->pane.kind == PANE_NONE)
		return 0;
	return w - pw < LAYOUT_MIN_W ? w : pw;
}

void
ui_relayout(struct ui *u)
{
	long id = ui_selected_id(u);
	int pw = pane_width(u, u->cv.w);

	/* A full-width pane covers the board; the board keeps its own layout. */
	board_resize(&u->b, pw == u->cv.w ? u->cv.w : u->cv.w - pw, u->cv.h);
	ui_reload(u, id);
	u->pane_stale = 1;
}

void
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
		ui_relayout(u);
	u->pane_stale = 1;
	board_mark_all(&u->b);
}

void
close_pane(struct ui *u)
{
	if (u->pane.kind != PANE_NONE)
		open_pane(u, u->pane.kind, 0);
}

/* The pane's forms open only for a deal the user may change; else the status says who may. */
static int
may_change(struct ui *u)
{
	struct deal d;

	if (ui_form_deal(u, u->pane.deal_id, &d) != 0)
		return 0;
	deal_free(&d);
	return 1;
}

/*
 * A choice field at the stored value. A value this version does not know (a
 * newer one's, or written by hand) is shown as it is, last, rather than read as
 * choices[-1] or silently replaced; the save then asks for a known one.
 */
static void
choice_at(struct form *form, const char *label, const struct vocab *v, const char *value, int tag)
{
	int n = vocab_count(v), at = value != NULL ? vocab_find(v, value) : 0;
	const char **words = xcalloc((size_t)n + 1, sizeof *words);
	struct field *f;

	memcpy(words, v->words, (size_t)n * sizeof *words);
	if (at < 0) {
		words[n] = value;
		at = n++;
	}
	f = form_choice(form, label, words, n, tag);
	f->choice = at;
	free(words);
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
	choice_at(&u->form, "role", &vocab_roles, p ? p->role : NULL, TAG_ROLE);
	form_text(&u->form, "title", p && p->title ? p->title : "", TAG_TITLE);
	choice_at(&u->form, "stance", &vocab_stances, p ? p->stance : "neutral", TAG_STANCE);
	choice_at(&u->form, "influence", &vocab_influence, p ? p->influence : "medium",
		  TAG_INFLUENCE);
	struct field *f = form_choice(&u->form, "reports to", names, n, TAG_REPORTS);
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

	date_format(date_today() + 7, due);
	form_init(&u->form, st ? " Edit plan step " : " Add a plan step ");
	form_text(&u->form, "title", st ? st->title : "", TAG_TITLE);
	choice_at(&u->form, "owner", &vocab_plan_owner, st ? st->owner_side : NULL, TAG_SIDE);
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
void
submit_pane_form(struct ui *u)
{
	struct dd_err err;
	long id = 0;
	int rc = DD_OK;
	const char *done = "saved";

	err_init(&err);
	if (u->ov == OV_PERSON) {
		struct stakeholder_fields f = {
			value_of(u, TAG_NAME),      value_of(u, TAG_ROLE),
			value_of(u, TAG_TITLE),     value_of(u, TAG_STANCE),
			value_of(u, TAG_INFLUENCE), value_of(u, TAG_REPORTS),
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
		done = NULL;
	}
	if (rc == DD_OK && done != NULL)
		ui_wrote(u, u->pane.deal_id);
	if (rc == DD_OK) {
		ui_close_overlay(u);
		ui_reload(u, u->pane.deal_id);
		u->pane_stale = 1;
		board_set_status(&u->b, 0, "%s", done ? done : "nothing deleted");
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	err_free(&err);
}

void
pane_key(struct ui *u, int key)
{
	enum action a = keys_lookup(key);
	struct dd_err err;

	if (key == K_ESC) {
		close_pane(u);
		resume_gate(u);
		return;
	}
	/* As on the board, a key clears the last message: the pane's keys show again. */
	u->b.status[0] = '\0';
	u->b.dirty |= DIRTY_STATUS;
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
		if (!may_change(u))
			break;
		if (u->pane.kind == PANE_PEOPLE)
			open_person(u, NULL);
		else
			open_step(u, NULL);
		break;
	case A_EDIT:
		if ((pane_person(&u->pane) || pane_step(&u->pane)) && !may_change(u))
			break;
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
	case A_DELETE:
		if ((pane_person(&u->pane) || pane_step(&u->pane)) && may_change(u))
			open_confirm(u);
		break;
	case A_DONE:
		if (pane_step(&u->pane)) {
			const struct plan_step *st = pane_step(&u->pane);

			err_init(&err);
			if (plan_set_done(u->s, st->id, st->done_at == NULL, &err) != DD_OK) {
				board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
			} else {
				ui_wrote(u, u->pane.deal_id);
				board_set_status(&u->b, 0, "step %s",
						 st->done_at ? "reopened" : "done");
			}
			err_free(&err);
			ui_reload(u, u->pane.deal_id);
			u->pane_stale = 1;
		}
		break;
	case A_HELP:
		u->ov = OV_HELP;
		u->help_top = 0;
		break;
	case A_QUIT:
		u->quit = 1;
		break;
	default:
		break;
	}
	u->b.dirty |= DIRTY_OVERLAY;
}

void
draw_pane(struct ui *u)
{
	int pw = pane_width(u, u->cv.w), top = 1, h = u->cv.h - 2;
	/* While it fixes a gate form's check, the pane stays on that form's deal. */
	long id = u->gate_suspended ? u->gate_id : ui_selected_id(u);

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
	pane_draw(&u->pane, &u->cv, top, u->cv.w - pw, h, pw, date_today());
}
