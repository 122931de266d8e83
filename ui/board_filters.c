/*
 * What the board shows and how: the problem filters and the owner picker,
 * clearing them, the order of the cards, their density, and reopening a won
 * or lost deal from the closed view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_ui.h"

#include "date.h"
#include "deal.h"
#include "move.h"
#include "permit.h"
#include "user_config.h"
#include "xmalloc.h"

int
ui_read_only(struct ui *u)
{
	char day[DATE_LEN];

	if (u->b.as_of <= 0)
		return 0;
	date_format(u->b.as_of, day);
	board_set_status(&u->b, 1, "read-only: the board shows the pipeline as of %s (--as-of)",
			 day);
	return 1;
}

/* Filters changed: from the top of each column, keeping the deal if it is still shown. */
static void
refilter(struct ui *u, long keep)
{
	for (size_t i = 0; i < u->b.ncols; i++)
		u->b.cols[i].sel = u->b.cols[i].offset = 0;
	ui_reload(u, keep);
	u->b.dirty |= DIRTY_TITLE;
}

void
open_problems(struct ui *u)
{
	char value[16];

	picker_init(&u->picker, " Problem filters: deals with every one checked ", 1);
	for (int i = 0; i < PROB_COUNT; i++) {
		snprintf(value, sizeof value, "%d", i);
		picker_add(&u->picker, value, board_problems[i].label, board_problems[i].help,
			   (u->b.problems & PROBLEM_BIT(i)) != 0);
	}
	u->ov = OV_PICK_PROBLEMS;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Everyone, then the team and whoever owns a deal, by login, with the team's names. */
void
open_owner_picker(struct ui *u)
{
	const struct process *p = &u->s->proc;
	struct strvec logins = {0}, owners = {0};
	struct dd_err err;

	for (size_t i = 0; i < p->nteam; i++)
		if (!strvec_contains(&logins, p->team[i].login))
			strvec_push(&logins, p->team[i].login);
	err_init(&err);
	if (deal_owners(u->s->db, &owners, &err) != DD_OK)
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	for (size_t i = 0; i < owners.n; i++)
		if (!strvec_contains(&logins, owners.v[i]))
			strvec_push(&logins, owners.v[i]);
	strvec_free(&owners);
	qsort(logins.v, logins.n, sizeof *logins.v, by_name);
	picker_init(&u->picker, " Show one owner's deals ", 0);
	picker_add(&u->picker, "", "everyone", "all owners", 0);
	for (size_t i = 0; i < logins.n; i++) {
		const char *name = NULL;

		for (size_t k = 0; k < p->nteam; k++)
			if (strcmp(p->team[k].login, logins.v[i]) == 0)
				name = p->team[k].name;
		picker_add(&u->picker, logins.v[i], logins.v[i], name, 0);
	}
	picker_select(&u->picker, u->b.filter_owner);
	strvec_free(&logins);
	u->ov = OV_PICK_OWNER;
}

static void
apply_problems(struct ui *u)
{
	unsigned problems = 0;
	long keep = ui_selected_id(u);

	for (int i = 0; i < PROB_COUNT; i++)
		if (picker_checked(&u->picker, (size_t)i))
			problems |= PROBLEM_BIT(i);
	ui_close_overlay(u);
	u->b.problems = problems;
	refilter(u, keep);
	board_set_status(&u->b, 0, "%s", problems ? "filtered: c clears" : "problem filters off");
}

static void
apply_owner(struct ui *u)
{
	const char *v = picker_value(&u->picker);
	char *owner = v != NULL && v[0] != '\0' ? xstrdup(v) : NULL;

	ui_close_overlay(u);
	free(u->b.filter_owner);
	u->b.filter_owner = owner;
	refilter(u, 0);
	if (owner != NULL)
		board_set_status(&u->b, 0, "owner: %s (c clears)", owner);
	else
		board_set_status(&u->b, 0, "owner: everyone");
}

void
pick_key(struct ui *u, int key)
{
	int before = u->picker.nmatch;
	enum picker_result r = picker_key(&u->picker, key);

	if (r == PICK_CANCEL) {
		ui_close_overlay(u);
		board_set_status(&u->b, 0, "cancelled: the filters are as they were");
	} else if (r == PICK_DONE && u->ov == OV_PICK_PROBLEMS) {
		apply_problems(u);
	} else if (r == PICK_DONE) {
		apply_owner(u);
	} else if (u->picker.nmatch != before) {
		board_mark_all(&u->b); /* the box shrank or grew: draw what it covered */
	}
}

void
clear_filters(struct ui *u)
{
	free(u->b.filter_text);
	free(u->b.filter_owner);
	u->b.filter_text = u->b.filter_owner = NULL;
	u->b.problems = 0;
	refilter(u, ui_selected_id(u));
	board_set_status(&u->b, 0, "filters cleared");
}

void
cycle_order(struct ui *u)
{
	long keep = ui_selected_id(u);

	u->b.order = (u->b.order + 1) % ORDER_COUNT;
	for (size_t i = 0; i < u->b.ncols; i++)
		u->b.cols[i].sel = u->b.cols[i].offset = 0;
	ui_reload(u, keep);
	board_set_status(&u->b, 0, "order: %s", board_orders[u->b.order].name);
}

void
cycle_density(struct ui *u)
{
	enum density d = (u->b.density + 1) % DENSITY_COUNT;
	long keep = ui_selected_id(u);
	struct dd_err err;

	board_set_density(&u->b, d);
	ui_reload(u, keep);
	err_init(&err);
	if (config_save_value(u->c->cfg.path, "ui", "density", densities[d].name, &err) != DD_OK)
		board_set_status(&u->b, 1, "density: %s (not remembered: %s)", densities[d].name,
				 strbuf_str(&err.msg));
	else
		board_set_status(&u->b, 0, "density: %s (remembered in %s)", densities[d].name,
				 u->c->cfg.path);
	err_free(&err);
}

/* A won or lost deal goes back to the stage it closed from: managers, with a reason. */
void
open_reopen(struct ui *u, long id)
{
	const struct card *k = board_selected(&u->b);
	struct dd_err err;
	struct deal d;
	char title[256];

	if (k != NULL && k->status == CARD_OPEN) {
		board_set_status(&u->b, 0,
				 "deal %ld is open: u reopens a won or lost one "
				 "(f: won or lost this quarter)",
				 id);
		return;
	}
	if (ui_form_deal(u, id, &d) != 0)
		return;
	err_init(&err);
	if (permit_manager(u->s, "reopen a deal", &err) != DD_OK) {
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	} else if (strcmp(d.status, "open") == 0) {
		board_set_status(&u->b, 1, "deal %ld is open now: nothing to reopen", id);
	} else {
		const struct stage *s = process_stage(&u->s->proc, d.stage);

		char *why = xasprintf("It goes back to %s, open. Why? What changed on the "
				      "buyer's side?",
				      s != NULL ? s->label : d.stage);

		snprintf(title, sizeof title, " Reopen %s (%s) ", d.title, d.status);
		form_init(&u->form, title);
		form_info(&u->form, "", why, ROLE_DIM);
		free(why);
		form_text(&u->form, "reason", "", TAG_REASON);
		u->deal_id = d.id;
		u->version = d.version;
		u->target = process_stage_index(&u->s->proc, d.stage);
		u->ov = OV_REOPEN;
	}
	err_free(&err);
	deal_free(&d);
}

void
submit_reopen(struct ui *u)
{
	const char *reason = form_value(&u->form, form_field(&u->form, TAG_REASON, 0));
	long id = u->deal_id;
	struct dd_err err;

	err_init(&err);
	if (deal_reopen(u->s, id, reason, &err) == DD_OK) {
		ui_close_overlay(u);
		ui_reload(u, id);
		int t = u->target;

		/* With the won or lost filter on it left the board: say where it went. */
		board_set_status(&u->b, 0, "deal %ld reopened: open in %s again", id,
				 t >= 0 && (size_t)t < u->s->proc.nstages
					 ? u->s->proc.stages[t].label
					 : "its stage");
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	err_free(&err);
}
