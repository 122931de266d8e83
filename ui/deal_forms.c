/* The smaller forms over the board: back, lost, move-to, edit, new deal, filters. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_ui.h"

#include "money.h"
#include "move.h"
#include "permit.h"
#include "xmalloc.h"

enum { ON_BOTH, ON_EDIT, ON_NEW };

/* The deal fields the edit and new forms show: label, where the value goes, which form. */
static const struct deal_field_row {
	const char *label;
	size_t offset; /* in struct deal_fields */
	int on;
} deal_field_rows[] = {
	{"title", offsetof(struct deal_fields, title), ON_BOTH},
	{"account", offsetof(struct deal_fields, account), ON_BOTH},
	{"amount", offsetof(struct deal_fields, amount), ON_BOTH},
	{"close date", offsetof(struct deal_fields, close_date), ON_BOTH},
	{"next step", offsetof(struct deal_fields, next_step), ON_BOTH},
	{"next step due", offsetof(struct deal_fields, next_step_due), ON_BOTH},
	{"success criteria", offsetof(struct deal_fields, success_criteria), ON_EDIT},
	{"owner", offsetof(struct deal_fields, owner), ON_EDIT},
	/* A live deal entered late starts when it really started (empty: today). */
	{"started on", offsetof(struct deal_fields, created), ON_NEW},
};
_Static_assert(sizeof deal_field_rows / sizeof deal_field_rows[0] == NDEAL_FIELDS,
	       "NDEAL_FIELDS must count deal_field_rows");

/* A move needs an open deal: a won or lost one is reopened first. */
static int
deal_is_open(struct ui *u, struct deal *d)
{
	if (strcmp(d->status, "open") == 0)
		return 1;
	board_set_status(&u->b, 1, "deal %ld is %s: reopen it first", d->id, d->status);
	deal_free(d);
	return 0;
}

void
open_back(struct ui *u, long id, int target, long version)
{
	struct deal d;
	char title[256];
	int from;

	if (ui_form_deal(u, id, &d) != 0 || !deal_is_open(u, &d))
		return;
	from = process_stage_index(&u->s->proc, d.stage);
	if (version > 0 && d.version != version) {
		deal_free(&d);
		ui_stale(u, id);
		return;
	}
	if (target < 0 || target >= from) {
		if (target < 0)
			board_set_status(&u->b, 1, "%s is the first stage", d.stage);
		else
			board_set_status(&u->b, 1, "deal %ld is in %s now", id, d.stage);
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
	u->form_rev = u->s->proc.revision;
	u->ov = OV_BACK;
	deal_free(&d);
}

void
open_lost(struct ui *u, long id)
{
	const struct strvec *r = &u->s->proc.lost_reasons;
	struct deal d;
	char title[256];

	if (ui_form_deal(u, id, &d) != 0 || !deal_is_open(u, &d))
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

void
open_move_to(struct ui *u, long id)
{
	const struct process *p = &u->s->proc;
	const char **labels;
	struct deal d;

	if (ui_form_deal(u, id, &d) != 0 || !deal_is_open(u, &d))
		return;
	labels = xcalloc(p->nstages + 1, sizeof *labels);
	for (size_t i = 0; i < p->nstages; i++)
		labels[i] = p->stages[i].key;
	labels[p->nstages] = "won";
	form_init(&u->form, " Move to stage ");
	struct field *f = form_choice(&u->form, "stage", labels, (int)p->nstages + 1, TAG_STAGE);
	f->choice = process_stage_index(p, d.stage);
	/* The next form is for this deal as shown here, not for the selected card. */
	u->deal_id = d.id;
	u->version = d.version;
	u->form_rev = p->revision;
	u->ov = OV_MOVE_TO;
	free(labels);
	deal_free(&d);
}

/* Submits the back, lost and move-to forms. */
void
submit_simple(struct ui *u)
{
	struct move_request rq = {0};
	struct gate_result g = {0};
	struct dd_err err;
	long id = u->deal_id;
	int rc;

	/* M's choice and back's target are stage numbers of the process they showed. */
	if ((u->ov == OV_MOVE_TO || u->ov == OV_BACK) && u->form_rev != u->s->proc.revision) {
		ui_close_overlay(u);
		ui_process_changed(u, id);
		return;
	}
	err_init(&err);
	if (u->ov == OV_MOVE_TO) {
		int to = u->form.fields[0].choice;
		long version = u->version;
		struct deal d;

		ui_close_overlay(u);
		if (deal_get(u->s->db, id, &d, &err) != DD_OK) {
			board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
		} else {
			int from = process_stage_index(&u->s->proc, d.stage);

			/* The stage was chosen for the deal as M showed it. */
			if (d.version != version)
				ui_stale(u, id);
			else if (to > from)
				open_gate(u, id, to, version);
			else if (to < from)
				open_back(u, id, to, version);
			else
				board_set_status(&u->b, 0, "deal %ld stays in %s", id, d.stage);
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
		ui_close_overlay(u);
		ui_reload(u, id);
		board_set_status(&u->b, 0, "deal %ld %s", id,
				 rq.target ? "moved back" : "marked lost");
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	gate_result_free(&g);
	err_free(&err);
}

static const char **
field_slot(struct deal_fields *f, size_t row)
{
	return (const char **)((char *)f + deal_field_rows[row].offset);
}

void
open_deal_form(struct ui *u, long id, int is_new)
{
	struct deal d;
	struct deal_fields cur = {0};
	char amount[MONEY_LEN];
	struct dd_err err;

	memset(&d, 0, sizeof d);
	if (is_new && ui_read_only(u))
		return;
	err_init(&err);
	if (is_new && permit_write(u->s, &err) != DD_OK) {
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
		err_free(&err);
		return;
	}
	err_free(&err);
	if (!is_new) {
		if (ui_form_deal(u, id, &d) != 0)
			return;
		money_format(d.amount, 0, amount);
		cur = (struct deal_fields){.title = d.title,
					   .account = d.account,
					   .owner = d.owner,
					   .amount = amount,
					   .close_date = d.close_date,
					   .next_step = d.next_step,
					   .next_step_due = d.next_step_due,
					   .success_criteria = d.success_criteria};
	}
	form_init(&u->form, is_new ? " New deal (in the first stage) " : " Edit deal ");
	for (size_t i = 0; i < NDEAL_FIELDS; i++) {
		const char *v = *field_slot(&cur, i);

		if (deal_field_rows[i].on != ON_BOTH &&
		    deal_field_rows[i].on != (is_new ? ON_NEW : ON_EDIT))
			continue;
		if (deal_field_rows[i].offset == offsetof(struct deal_fields, owner) &&
		    u->s->role != ROLE_MANAGER)
			continue; /* only managers reassign */
		const char *label = deal_field_rows[i].label;

		/* Privacy: the amount shows hidden; left as it is, it is not written back. */
		if (deal_field_rows[i].offset == offsetof(struct deal_fields, amount) && !is_new &&
		    u->b.privacy) {
			v = glyph(&u->cv, "•••", "***");
			label = "amount (hidden)";
		}
		form_text(&u->form, label, v ? v : "", TAG_FIELD + (int)i);
		u->orig[i] = xstrdup(v ? v : "");
	}
	u->deal_id = d.id;
	u->version = d.version;
	u->ov = is_new ? OV_NEW : OV_EDIT;
	deal_free(&d);
}

void
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
	else if ((rc = deal_edit(u->s, id, &f, u->version, &err)) == DD_OK)
		ui_wrote(u, id);
	if (rc == DD_OK) {
		int was_new = u->ov == OV_NEW;

		ui_close_overlay(u);
		ui_reload(u, id);
		board_set_status(&u->b, 0, "deal %ld %s", id, was_new ? "added" : "saved");
		resume_gate(u);
	} else if (err.stale) {
		ui_close_overlay(u);
		ui_reload(u, id);
		board_set_status(&u->b, 1, "%s: showing it as it is now", strbuf_str(&err.msg));
		resume_gate(u); /* a gate form waiting on this fix is stale too: it says so */
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	err_free(&err);
}

void
open_filter(struct ui *u, int owner)
{
	const char *cur = owner ? u->b.filter_owner : u->b.filter_text;

	form_init(&u->form, owner ? " Show one owner's deals " : " Show deals containing ");
	form_text(&u->form, owner ? "owner (login)" : "text", cur ? cur : "", TAG_TEXT);
	u->ov = owner ? OV_OWNER : OV_FILTER;
}

void
apply_filter(struct ui *u, int which, const char *v)
{
	char **slot = which == OV_OWNER ? &u->b.filter_owner : &u->b.filter_text;

	free(*slot);
	*slot = v != NULL && v[0] != '\0' ? xstrdup(v) : NULL;
	for (size_t i = 0; i < u->s->proc.nstages; i++)
		u->b.cols[i].sel = u->b.cols[i].offset = 0;
	ui_reload(u, 0);
	u->b.dirty |= DIRTY_TITLE;
}

void
submit_filter(struct ui *u)
{
	char *v = xstrdup(form_value(&u->form, form_field(&u->form, TAG_TEXT, 0)));
	int which = u->ov;

	ui_close_overlay(u);
	apply_filter(u, which, v);
	board_set_status(&u->b, 0, "%s", v[0] ? "filtered: c clears" : "filter cleared");
	free(v);
}
