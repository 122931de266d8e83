/*
 * The board screen (board_mode): its keys, drawing and mouse, and the overlays
 * every screen shows over itself (forms, pickers, help, the detail view).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board_text.h"
#include "board_ui.h"
#include "board_view.h"
#include "date.h"
#include "deal_report.h"
#include "help_box.h"
#include "hints.h"
#include "input.h"
#include "keys.h"
#include "layout.h"
#include "legend.h"
#include "permit.h"
#include "screen.h"
#include "text.h"
#include "theme.h"
#include "wrap.h"
#include "xmalloc.h"

#define HANG_LABEL 24 /* a colon before this column ends a label in the detail view */

long
ui_selected_id(const struct ui *u)
{
	const struct card *k = board_selected(&u->b);

	return k ? k->id : 0;
}

/* Reads the board again and keeps the same deal selected. */
void
ui_reload(struct ui *u, long keep_id)
{
	struct dd_err err;

	watch_mark(u->s->db, &u->watch); /* first: a commit while reading shows next poll */
	err_init(&err);
	if (board_reload(&u->b, &err) != DD_OK)
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	if (keep_id > 0)
		board_select_deal(&u->b, keep_id);
	u->day = date_today();
}

void
ui_close_overlay(struct ui *u)
{
	if (u->ov != OV_NONE && u->ov != OV_HELP && u->ov != OV_DETAIL)
		form_free(&u->form);
	picker_free(&u->picker);
	strvec_free(&u->detail);
	for (size_t i = 0; i < NDEAL_FIELDS; i++) {
		free(u->orig[i]);
		u->orig[i] = NULL;
	}
	free(u->req_keys);
	u->req_keys = NULL;
	u->nreq = 0;
	u->ov = OV_NONE;
	board_mark_all(&u->b); /* the overlay covered the columns */
}

void
ui_stale(struct ui *u, long id)
{
	ui_reload(u, id);
	board_set_status(&u->b, 1,
			 "deal %ld was changed by someone else since you read it: "
			 "showing it as it is now",
			 id);
}

int
ui_process_changed(struct ui *u, long id)
{
	if (u->form_rev == u->s->proc.revision)
		return 0;
	ui_reload(u, id);
	board_set_status(&u->b, 1,
			 "a manager applied a new process: nothing was written; "
			 "open the form again for its stages");
	return 1;
}

/* Reads a deal for a form that changes it; refused (no form) when the user may not. */
int
ui_form_deal(struct ui *u, long id, struct deal *d)
{
	struct dd_err err;
	int rc;

	if (ui_read_only(u))
		return -1;
	if (id == 0) {
		board_set_status(&u->b, 1, "no deal selected");
		return -1;
	}
	err_init(&err);
	rc = deal_get(u->s->db, id, d, &err);
	if (rc == DD_OK && (rc = permit_deal(u->s, id, d->owner, &err)) != DD_OK)
		deal_free(d);
	if (rc != DD_OK)
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	return rc == DD_OK ? 0 : -1;
}

void
ui_open_detail(struct ui *u, long id)
{
	struct dd_err err;
	/* Privacy: the amount is masked in the report itself, never drawn. */
	const char *mask = u->b.privacy ? glyph(&u->cv, "•••", "***") : NULL;

	if (id == 0) {
		board_set_status(&u->b, 1, "no deal selected");
		return;
	}
	err_init(&err);
	if (deal_report_masked(u->s, id, mask, &u->detail, &err) != DD_OK) {
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
		strvec_free(&u->detail);
	} else {
		u->detail_top = 0;
		u->ov = OV_DETAIL;
	}
	err_free(&err);
}

/*
 * The keys of a box that scrolls (the detail view, help): the key table's
 * moves, Space a page down; 0 for any other key, which closes it.
 */
static int
scroll_key(int key, int *top, int page)
{
	if (key == ' ') {
		*top += page;
		return 1;
	}
	switch (keys_lookup(key)) {
	case A_UP:
		(*top)--;
		return 1;
	case A_DOWN:
		(*top)++;
		return 1;
	case A_PGUP:
		*top -= page;
		return 1;
	case A_PGDN:
		*top += page;
		return 1;
	case A_TOP:
		*top = 0;
		return 1;
	case A_BOTTOM:
		*top = 1 << 20; /* kept in range where it is drawn */
		return 1;
	default:
		return 0;
	}
}

/*
 * Where a wrapped report line goes on: under the value of "  label:  value"
 * (a colon early in the line), else after the first gap of two spaces (a
 * history line's date), else a little in.
 */
static int
hang_of(const char *line)
{
	const char *p = line + strspn(line, " "), *colon = strstr(p, ": ");
	const char *gap = colon != NULL && colon - line < HANG_LABEL ? colon + 1 : strstr(p, "  ");
	int at;

	if (gap == NULL || gap[strspn(gap, " ")] == '\0')
		return (int)(p - line) + 2;
	char *head = xstrndup(line, (size_t)(gap - line) + strspn(gap, " "));
	at = text_width(head);
	free(head);
	return at;
}

/*
 * The report wrapped to the view's width: long titles, next steps and
 * criteria whole. Returns the rows of its first line (the deal's title).
 */
static int
detail_lines(struct ui *u, struct strvec *out)
{
	int w = u->cv.w - 6, first = 0;

	for (size_t i = 0; i < u->detail.n; i++) {
		wrap_push(out, u->detail.v[i], w > 1 ? w : 1, hang_of(u->detail.v[i]));
		if (i == 0)
			first = (int)out->n;
	}
	return first;
}

static void
detail_key(struct ui *u, int key)
{
	if (!scroll_key(key, &u->detail_top, u->cv.h - 4))
		ui_close_overlay(u);
}

static void
draw_detail(struct ui *u)
{
	struct canvas *c = &u->cv;
	int h = c->h - 2, w = c->w - 2, rows = h - 2;
	struct strvec lines = {0};
	char more[32];
	int head = detail_lines(u, &lines);

	u->detail_top = (int)scroll_clamp(u->detail_top, (long)lines.n, rows);
	canvas_fill(c, 1, 1, h, w, ROLE_NORMAL);
	canvas_box(c, 1, 1, h, w, ROLE_BORDER);
	canvas_text(c, 1, 3, w - 4, " Deal (arrows scroll, any other key closes) ", ROLE_HEADER);
	for (int i = 0; i < rows && u->detail_top + i < (int)lines.n; i++)
		canvas_text(c, 2 + i, 3, w - 4, lines.v[u->detail_top + i],
			    u->detail_top + i < head ? ROLE_HEADER : ROLE_NORMAL);
	/* What lies above or below the window is counted, never just cut. */
	if (u->detail_top > 0) {
		snprintf(more, sizeof more, " %s %d more ", glyph(c, "▲", "^"), u->detail_top);
		canvas_text_right(c, 1, 3, w - 4, more, ROLE_BORDER);
	}
	if (u->detail_top + rows < (int)lines.n) {
		snprintf(more, sizeof more, " %s %d more ", glyph(c, "▼", "v"),
			 (int)lines.n - u->detail_top - rows);
		canvas_text_right(c, h, 3, w - 4, more, ROLE_BORDER);
	}
	strvec_free(&lines);
}

/* Every bound key, as the key table has them, then what a card's markers say. */
static void
draw_help(struct ui *u)
{
	enum { NLEGEND = 32 };
	const char *keys[A_COUNT + NLEGEND + 1], *helps[A_COUNT + NLEGEND + 1];
	char buf[A_COUNT][64], scroll[32], title[96];
	int n = 0;

	for (size_t i = 0; i < nkey_actions; i++, n++) {
		keys_of(key_actions[i].action, buf[i], sizeof buf[i]);
		keys[n] = buf[i];
		helps[n] = key_actions[i].help;
	}
	keys[n] = NULL;
	helps[n++] = "What the cards show";
	n += legend_rows(&u->cv, keys + n, helps + n, NLEGEND);
	hints_line(HINT_HELP, 12, scroll, sizeof scroll);
	snprintf(title, sizeof title, " Keys and card markers (%s, any other key closes) ",
		 scroll);
	help_box(&u->cv, title, n, keys, helps, 12, 76, &u->help_top);
}

int
ui_deal_action(struct ui *u, enum action a, long id, int stage)
{
	switch (a) {
	case A_ADVANCE:
		if (stage >= 0)
			open_gate(u, id, stage + 1, 0);
		return 1;
	case A_WON:
		if (stage >= 0)
			open_gate(u, id, (int)u->s->proc.nstages, 0);
		return 1;
	case A_BACK:
		if (stage >= 0)
			open_back(u, id, stage - 1, 0);
		return 1;
	case A_MOVE_TO:
		open_move_to(u, id);
		return 1;
	case A_LOST:
		open_lost(u, id);
		return 1;
	case A_EDIT:
		open_deal_form(u, id, 0);
		return 1;
	default:
		return 0;
	}
}

static void
act(struct ui *u, enum action a)
{
	struct board *b = &u->b;
	long per = b->lay.cards_per_col, id = ui_selected_id(u);

	if (ui_deal_action(u, a, id, b->sel_col))
		return;
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
	case A_ADVANCE: /* ui_deal_action, above */
	case A_WON:
	case A_BACK:
	case A_MOVE_TO:
	case A_LOST:
	case A_EDIT:
		break;
	case A_REOPEN:
		open_reopen(u, id);
		break;
	case A_DETAIL:
		ui_open_detail(u, id);
		break;
	case A_PEOPLE:
		open_pane(u, PANE_PEOPLE, 0);
		break;
	case A_PLAN:
		open_pane(u, PANE_PLAN, 0);
		break;
	case A_STATS:
		stats_open(u);
		break;
	case A_REVIEW:
		review_open(u);
		break;
	case A_FOCUS:
		if (u->pane.kind != PANE_NONE) {
			u->pane.focus = 1;
			u->b.dirty |= DIRTY_OVERLAY;
		}
		break;
	case A_NEW:
		open_deal_form(u, 0, 1);
		break;
	case A_FILTER:
		open_filter(u, 0);
		break;
	case A_OWNER:
		open_owner_picker(u);
		break;
	case A_PROBLEMS:
		open_problems(u);
		break;
	case A_CLEAR:
		clear_filters(u);
		break;
	case A_ORDER:
		cycle_order(u);
		break;
	case A_DENSITY:
		cycle_density(u);
		break;
	case A_PRIVACY:
		b->privacy = !b->privacy;
		board_mark_all(b);
		board_set_status(b, 0, "amounts %s", b->privacy ? "hidden" : "shown");
		break;
	case A_REDRAW:
		screen_invalidate();
		board_mark_all(b);
		break;
	case A_HELP:
		u->ov = OV_HELP;
		u->help_top = 0;
		break;
	case A_QUIT:
		u->quit = 1;
		break;
	case A_DETACH: /* a follower's: ui/follow.c */
	case A_CATCHUP:
		board_set_status(b, 0, "not following anyone (dealdeck --follow LOGIN)");
		break;
	case A_OVERRIDE: /* the gate form's own key */
	case A_DELETE:   /* the panes' own keys */
	case A_DONE:
	case A_NEXT: /* review mode's own keys */
	case A_PREV:
	case A_NONE:
	case A_COUNT:
		break;
	}
}

void
ui_overlay_key(struct ui *u, int key)
{
	if (u->ov == OV_HELP) {
		if (!scroll_key(key, &u->help_top, u->cv.h - 5))
			ui_close_overlay(u);
		return;
	}
	if (u->ov == OV_DETAIL) {
		detail_key(u, key);
		return;
	}
	if (u->ov == OV_OVERRIDE) {
		override_key(u, key);
		return;
	}
	if (u->ov == OV_GATE && gate_key(u, key))
		return;
	if (u->ov == OV_PICK_PROBLEMS || u->ov == OV_PICK_OWNER) {
		pick_key(u, key);
		return;
	}
	if (u->ov != OV_NONE) {
		enum form_result r = form_key(&u->form, key);

		if (r == FORM_ACTION && u->ov == OV_GATE) {
			gate_action(u);
		} else if (r == FORM_CANCEL) {
			int resume = u->ov == OV_EDIT && u->gate_suspended;

			ui_close_overlay(u);
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
			else if (u->ov == OV_REOPEN)
				submit_reopen(u);
			else
				submit_simple(u);
		}
	}
}

/* The board's keys: an open overlay's first, then a focused pane's, then the board's. */
static void
board_key(struct ui *u, int key)
{
	if (u->ov != OV_NONE) {
		ui_overlay_key(u, key);
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
board_mouse(struct ui *u, int y, int x, int button)
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
			board_sel_to(&u->b, u->b.cols[col].offset + (y - l->cards_y) / l->card_h);
		}
}

/* s without the spaces around it (a form's keys are padded for its border). */
static void
trimmed(const char *s, char *buf, size_t len)
{
	size_t n;

	s += strspn(s, " ");
	for (n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
		;
	snprintf(buf, len, "%.*s", (int)n, s);
}

/* The status line lists the keys of what has the focus: a form, a pane, a view. */
static void
update_hint(struct ui *u)
{
	char now[sizeof u->hint];
	int w = u->cv.w - 4, focus = 1;

	if (u->ov == OV_HELP)
		hints_line(HINT_HELP, w, now, sizeof now);
	else if (u->ov == OV_DETAIL)
		hints_line(HINT_DETAIL, w, now, sizeof now);
	else if (u->ov != OV_NONE)
		trimmed(form_keys(&u->form), now, sizeof now);
	else if (u->pane.kind != PANE_NONE && u->pane.focus)
		hints_line(u->pane.kind == PANE_PEOPLE ? HINT_PEOPLE : HINT_PLAN, w, now,
			   sizeof now);
	else
		focus = 0; /* the board's own, drawn by the board */
	if (!focus && u->b.hint == NULL)
		return;
	if (focus && u->b.hint != NULL && strcmp(now, u->hint) == 0)
		return;
	snprintf(u->hint, sizeof u->hint, "%s", focus ? now : "");
	u->b.hint = focus ? u->hint : NULL;
	u->b.dirty |= DIRTY_STATUS;
}

void
ui_overlay_draw(struct ui *u, int *cy, int *cx)
{
	if (u->ov == OV_HELP)
		draw_help(u);
	else if (u->ov == OV_DETAIL)
		draw_detail(u);
	else if (u->ov == OV_PICK_PROBLEMS || u->ov == OV_PICK_OWNER)
		picker_draw(&u->picker, &u->cv, cy, cx);
	else if (u->ov != OV_NONE)
		form_draw(&u->form, &u->cv, cy, cx);
}

static void
board_draw(struct ui *u)
{
	int cy = -1, cx = -1;

	update_hint(u);
	if (u->ov != OV_NONE) /* the overlay is drawn over whatever the board redrew */
		u->b.dirty |= DIRTY_OVERLAY;
	if (u->ov != OV_NONE && u->ov != OV_HELP && u->ov != OV_DETAIL && u->form.reshaped) {
		/* a box that shrank leaves no trace */
		board_mark_all(&u->b);
		u->form.reshaped = 0;
	}
	if (!u->b.dirty && !u->pane_stale)
		return;
	if (u->pane.kind != PANE_NONE)
		u->b.dirty |= DIRTY_OVERLAY;
	board_view_draw(&u->b, &u->cv);
	if (!u->b.lay.too_small) { /* else it says so; panes and forms come back on a resize */
		draw_pane(u);
		ui_overlay_draw(u, &cy, &cx);
	}
	u->b.dirty = 0;
	screen_put(&u->cv, 0, u->cv.h);
	screen_flush(cy, cx);
}

static void
board_changed(struct ui *u, int new_process)
{
	if (new_process)
		board_set_status(&u->b, 0,
				 "a manager applied a new process: the board and its "
				 "gates follow it now");
	else if (u->ov == OV_NONE)
		board_set_status(&u->b, 0, "updated: someone else changed the pipeline");
}

static void
board_mode_resize(struct ui *u)
{
	(void)u; /* the loop laid the board out already */
}

const struct screen_mode board_mode = {
	.name = "board",
	.draw = board_draw,
	.key = board_key,
	.mouse = board_mouse,
	.changed = board_changed,
	.resize = board_mode_resize,
	.end = NULL, /* the loop owns the board: it outlives every screen */
};
