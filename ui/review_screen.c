/*
 * Review mode (r): the attention queue of src/review_queue.c, one deal per
 * screen, large and readable on a projector: why it is in the queue, what
 * changed since the last snapshot, committee, plan, evidence and history. The
 * board's deal actions open the board's forms over it; the queue is read again
 * when one closes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_ui.h"

#include "board_view.h"
#include "db.h"
#include "deal_report.h"
#include "forecast.h"
#include "hints.h"
#include "input.h"
#include "keys.h"
#include "layout.h"
#include "money.h"
#include "review_diff.h"
#include "review_queue.h"
#include "screen.h"
#include "wrap.h"
#include "xmalloc.h"

#define HEAD_ROWS 3 /* title bar, forecast, rule */

/* A line of the page and its role; the headings mark where s and a jump to. */
struct review_line {
	char *text;
	enum theme_role role;
};

struct review_screen {
	struct queue_row *q; /* the queue as last read */
	size_t n, pos;
	struct forecast f;
	int has_forecast;
	struct review_diff diff;
	int has_diff; /* 0: no snapshot yet (or it could not be read) */
	struct review_line *lines;
	size_t nlines, cap;
	int committee, plan; /* the lines where those sections start; -1: none */
	int top;             /* the first row of the page shown */
	int top_line;        /* the line (of lines) that row is part of, as drawn */
	int dirty;
	int w, h; /* the size it was drawn at */
	char currency[16];
};

static struct review_screen *
rv(struct ui *u)
{
	if (u->screen_data[SCREEN_REVIEW] == NULL)
		u->screen_data[SCREEN_REVIEW] = xcalloc(1, sizeof(struct review_screen));
	return u->screen_data[SCREEN_REVIEW];
}

static void
clear_lines(struct review_screen *r)
{
	for (size_t i = 0; i < r->nlines; i++)
		free(r->lines[i].text);
	r->nlines = 0;
	r->committee = r->plan = -1;
}

static void
add(struct review_screen *r, enum theme_role role, const char *fmt, ...)
{
	va_list ap, again;
	int len;
	char *text;

	if (r->nlines == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->lines = xrealloc(r->lines, r->cap * sizeof *r->lines);
	}
	va_start(ap, fmt);
	va_copy(again, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	text = xmalloc((size_t)(len > 0 ? len : 0) + 1);
	vsnprintf(text, (size_t)(len > 0 ? len : 0) + 1, fmt, again);
	va_end(again);
	va_end(ap);
	r->lines[r->nlines].text = text;
	r->lines[r->nlines++].role = role;
}

/* An amount as the screen shows it: hidden under privacy, as the board does. */
static const char *
amount(struct ui *u, int64_t minor, char out[MONEY_LEN + 20])
{
	char m[MONEY_LEN];

	if (u->b.privacy)
		return glyph(&u->cv, "•••", "***");
	money_format(minor, 1, m);
	snprintf(out, MONEY_LEN + 20, "%s%s%s", m, rv(u)->currency[0] ? " " : "", rv(u)->currency);
	return out;
}

static void
free_reads(struct review_screen *r)
{
	review_queue_free(r->q, r->n);
	r->q = NULL;
	r->n = 0;
	if (r->has_forecast)
		forecast_free(&r->f);
	if (r->has_diff)
		review_diff_free(&r->diff);
	r->has_forecast = r->has_diff = 0;
}

/* What changed since the snapshot, for the deal shown: one line per change. */
static void
add_changes(struct ui *u, struct review_screen *r, long id)
{
	const struct diff_deal *d = NULL;
	char a[MONEY_LEN + 20], b[MONEY_LEN + 20];
	const char *arrow = glyph(&u->cv, "→", "->");

	if (!r->has_diff) {
		add(r, ROLE_HEADER, "Since the last snapshot");
		add(r, ROLE_DIM, "    no snapshot yet (dealdeck review snapshot takes one)");
		return;
	}
	add(r, ROLE_HEADER, "Since the last snapshot (#%ld, %.10s)", r->diff.snap.id,
	    r->diff.snap.taken_at);
	for (size_t i = 0; i < r->diff.n; i++)
		if (r->diff.deals[i].id == id)
			d = &r->diff.deals[i];
	if (d == NULL || d->changes == 0) {
		add(r, ROLE_DIM, "    no change");
		return;
	}
	if (d->changes & (1u << CH_NEW))
		add(r, ROLE_NORMAL, "    new since the snapshot");
	if (d->changes & (1u << CH_ADVANCED))
		add(r, ROLE_NORMAL, "    advanced: %s %s %s", d->was_stage, arrow, d->stage);
	if (d->changes & (1u << CH_MOVED_BACK))
		add(r, ROLE_NORMAL, "    moved back: %s %s %s%s%s", d->was_stage, arrow, d->stage,
		    d->reason ? ", why: " : "", d->reason ? d->reason : "");
	if (d->changes & (1u << CH_REOPENED))
		add(r, ROLE_NORMAL, "    reopened%s%s", d->reason ? ", why: " : "",
		    d->reason ? d->reason : "");
	for (size_t i = 0; i < d->evidence.n; i++)
		add(r, ROLE_NORMAL, "      the buyer: %s", d->evidence.v[i]);
	if (d->override)
		add(r, ROLE_OVERDUE, "      override: %s", d->override);
	if (d->changes & (1u << CH_AMOUNT_UP | 1u << CH_AMOUNT_DOWN))
		add(r, ROLE_NORMAL, "    amount %s: %s %s %s",
		    d->changes & (1u << CH_AMOUNT_UP) ? "up" : "down", amount(u, d->was_amount, a),
		    arrow, amount(u, d->amount, b));
	if (d->changes & (1u << CH_PUSHED_OUT | 1u << CH_PULLED_IN))
		add(r, ROLE_NORMAL, "    close date %s by %ld days: %s %s %s",
		    d->changes & (1u << CH_PUSHED_OUT) ? "pushed out" : "pulled in",
		    labs(d->close_moved), d->was_close ? d->was_close : "-", arrow,
		    d->close_date ? d->close_date : "-");
	if (d->changes & (1u << CH_OWNER))
		add(r, ROLE_NORMAL, "    owner: %s %s %s", d->was_owner, arrow, d->owner);
}

/* The report's sections after its fields: committee, plan, evidence, history. */
static void
add_report(struct ui *u, struct review_screen *r, long id)
{
	struct strvec rep = {0};
	struct dd_err err;
	const char *mask = u->b.privacy ? glyph(&u->cv, "•••", "***") : NULL;
	size_t i = 0;

	err_init(&err);
	if (deal_report_masked(u->s, id, mask, &rep, &err) != DD_OK)
		add(r, ROLE_ERROR, "%s", strbuf_str(&err.msg));
	err_free(&err);
	while (i < rep.n && rep.v[i][0] != '\0')
		i++; /* the fields: shown above, larger */
	for (; i < rep.n; i++) {
		const char *l = rep.v[i];
		int heading = l[0] != ' ' && l[0] != '\0';

		if (heading && strncmp(l, "Stakeholders", 12) == 0)
			r->committee = (int)r->nlines;
		if (heading && strncmp(l, "Mutual action plan", 18) == 0)
			r->plan = (int)r->nlines;
		add(r, heading ? ROLE_HEADER : ROLE_NORMAL, "%s", l);
	}
	strvec_free(&rep);
}

/* The page of the deal at pos: built once per change, wrapped when drawn. */
static void
build(struct ui *u)
{
	struct review_screen *r = rv(u);
	const struct queue_row *q;
	const struct stage *st;
	char a[MONEY_LEN + 20];

	clear_lines(r);
	r->dirty = 1;
	u->view.deal = 0;
	if (r->n == 0) {
		add(r, ROLE_HEADER, "Nothing needs attention: the queue is empty.");
		add(r, ROLE_DIM, "Esc goes back to the board.");
		return;
	}
	q = &r->q[r->pos];
	u->view.deal = q->id;
	st = process_stage(&u->s->proc, q->stage);
	add(r, ROLE_CARD, "%s", q->title);
	add(r, ROLE_DIM, "%s  %s  owner %s", q->account ? q->account : "", glyph(&u->cv, "·", "-"),
	    q->owner);
	add(r, ROLE_NORMAL, "");
	add(r, ROLE_NORMAL, "Amount      %s", amount(u, q->amount, a));
	add(r, q->rot_days > 0 && q->days >= q->rot_days ? ROLE_AGE_ROT : ROLE_NORMAL,
	    "Stage       %s, %d days in it", st ? st->label : q->stage, q->days);
	add(r, ROLE_NORMAL, "Close date  %s", q->close_date ? q->close_date : "-");
	add(r, ROLE_NORMAL, "Next step   %s%s%s", q->next_step ? q->next_step : "-",
	    q->next_step_due ? ", due " : "", q->next_step_due ? q->next_step_due : "");
	add(r, ROLE_NORMAL, "");
	add(r, ROLE_HEADER, "Why it is in the queue");
	for (int k = 0; k < Q_NREASONS; k++)
		if (q->reasons & (1u << k)) {
			char why[512];

			queue_reason_text(q, (enum queue_reason)k, why, sizeof why);
			add(r, ROLE_OVERDUE, "    %s %s: %s", glyph(&u->cv, "•", "*"),
			    queue_reasons[k].code, why);
		}
	add(r, ROLE_NORMAL, "");
	add_changes(u, r, q->id);
	add_report(u, r, q->id);
}

/*
 * Reads the queue, the forecast and the diff again, keeping deal keep on screen
 * when it is still queued, else the deal now at its place.
 */
static void
reread(struct ui *u, long keep)
{
	struct review_screen *r = rv(u);
	struct queue_query qq = {u->b.filter_owner, u->c->as_of};
	struct forecast_query fq = {u->b.filter_owner, u->c->as_of, {0}};
	struct diff_query dq = {NULL, u->b.filter_owner, u->c->as_of, {0}};
	struct as_of t;
	struct dd_err err;
	size_t old = r->pos;

	free_reads(r);
	as_of_init(&t, u->c->as_of);
	period_of_day(t.day, &fq.period);
	dq.period = fq.period;
	if (db_meta(u->s->db, "currency", r->currency, sizeof r->currency) == NULL)
		r->currency[0] = '\0';
	err_init(&err);
	if (review_queue(u->s, &qq, &r->q, &r->n, &err) != DD_OK) {
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
		r->q = NULL;
		r->n = 0;
	}
	err_free(&err);
	err_init(&err);
	r->has_forecast = forecast_compute(u->s, &fq, &r->f, &err) == DD_OK;
	err_free(&err);
	err_init(&err);
	r->has_diff = review_diff_compute(u->s, &dq, &r->diff, &err) == DD_OK;
	err_free(&err);
	r->pos = old < r->n ? old : r->n ? r->n - 1 : 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->q[i].id == keep)
			r->pos = i;
	if (keep != 0 && (r->n == 0 || r->q[r->pos].id != keep)) {
		char was[sizeof u->b.status];

		/* after what the form said ("deal 3 moved to qualify") */
		snprintf(was, sizeof was, "%s", u->b.status);
		board_set_status(&u->b, 0, "%s%sdeal %ld left the queue", was, was[0] ? "; " : "",
				 keep);
		r->top = 0;
	}
	build(u);
}

void
review_open(struct ui *u)
{
	struct review_screen *r = rv(u);

	r->pos = 0;
	r->top = 0;
	u->b.status[0] = '\0';
	ui_show_screen(u, SCREEN_REVIEW);
	reread(u, 0);
}

void
review_follow(struct ui *u, long id, int line, int again)
{
	struct review_screen *r = rv(u);

	if (u->view.screen != SCREEN_REVIEW) {
		r->pos = 0;
		ui_show_screen(u, SCREEN_REVIEW);
		again = 1;
	}
	if (again || id != u->view.deal)
		reread(u, id);
	/* A line, not a row: found where it is drawn, at this screen's width. */
	r->top = line > 0 && (size_t)line < r->nlines ? -line - 1 : 0;
	r->dirty = 1;
}

int
review_top_line(struct ui *u)
{
	return u->view.screen == SCREEN_REVIEW ? rv(u)->top_line : 0;
}

static void
review_end(struct ui *u)
{
	struct review_screen *r = u->screen_data[SCREEN_REVIEW];

	if (r == NULL)
		return;
	free_reads(r);
	clear_lines(r);
	free(r->lines);
	free(r);
	u->screen_data[SCREEN_REVIEW] = NULL;
}

/* Esc: the board, with the deal shown selected. */
static void
back_to_board(struct ui *u)
{
	long id = u->view.deal;

	if (id > 0)
		board_select_deal(&u->b, id);
	ui_show_board(u);
	u->view.deal = 0;
}

static void
go(struct ui *u, int delta)
{
	struct review_screen *r = rv(u);

	if (r->n == 0)
		return;
	if ((delta < 0 && r->pos == 0) || (delta > 0 && r->pos + 1 >= r->n)) {
		board_set_status(&u->b, 0, "%s of the queue", delta < 0 ? "the start" : "the end");
		return;
	}
	r->pos = (size_t)((long)r->pos + delta);
	r->top = 0;
	build(u);
}

/* The stage index of the deal shown, for the move forms; -1 when none. */
static int
stage_now(struct ui *u)
{
	struct review_screen *r = rv(u);

	return r->n ? process_stage_index(&u->s->proc, r->q[r->pos].stage) : -1;
}

static void
act(struct ui *u, enum action a)
{
	struct review_screen *r = rv(u);
	long id = u->view.deal;
	int page = u->cv.h - HEAD_ROWS - 3;

	if (ui_deal_action(u, a, id, stage_now(u)))
		return;
	switch (a) {
	case A_NEXT:
	case A_DOWN:
		go(u, 1);
		break;
	case A_PREV:
	case A_UP:
		go(u, -1);
		break;
	case A_PGDN:
		r->top += page;
		break;
	case A_PGUP:
		r->top -= page;
		break;
	case A_TOP:
		r->top = 0;
		break;
	case A_BOTTOM:
		r->top = 1 << 20; /* kept in range where it is drawn */
		break;
	case A_PEOPLE: /* the committee and the plan are on the page: s and a go there */
	case A_PLAN: {
		int line = a == A_PEOPLE ? r->committee : r->plan;

		if (line >= 0)
			r->top = -line - 1; /* a line, not a row: found where it is drawn */
		break;
	}
	case A_PRIVACY:
		u->b.privacy = !u->b.privacy; /* the board's too: one switch for the screen */
		board_mark_all(&u->b);
		board_set_status(&u->b, 0, "amounts %s", u->b.privacy ? "hidden" : "shown");
		build(u);
		break;
	case A_REDRAW:
		screen_invalidate();
		break;
	case A_HELP:
		u->ov = OV_HELP;
		u->help_top = 0;
		break;
	case A_REVIEW:
	case A_QUIT:
		back_to_board(u);
		break;
	default:
		break;
	}
}

static void
review_key(struct ui *u, int key)
{
	struct review_screen *r = rv(u);

	r->dirty = 1;
	if (key == K_CTRL_C) {
		u->quit = 1;
		return;
	}
	if (u->ov != OV_NONE) {
		int form = u->ov != OV_HELP && u->ov != OV_DETAIL;

		ui_overlay_key(u, key);
		/* A form closed: written or not, the queue may have changed. */
		if (form && u->ov == OV_NONE && !u->gate_suspended)
			reread(u, u->view.deal);
		/* A gate check is fixed in a pane beside the board: go there for it. */
		if (u->gate_suspended && u->pane.kind != PANE_NONE)
			back_to_board(u);
		return;
	}
	u->b.status[0] = '\0';
	if (key == K_ESC) {
		back_to_board(u);
		return;
	}
	if (key == ' ') {
		act(u, A_PGDN);
		return;
	}
	act(u, keys_lookup_review(key));
}

static void
review_mouse(struct ui *u, int y, int x, int button)
{
	(void)y;
	(void)x;
	if (u->ov != OV_NONE || (button != 4 && button != 5))
		return;
	rv(u)->top += button == 4 ? -3 : 3;
	rv(u)->dirty = 1;
}

static void
review_changed(struct ui *u, int new_process)
{
	(void)new_process;
	reread(u, u->view.deal);
	if (u->ov == OV_NONE && u->b.status[0] == '\0')
		board_set_status(&u->b, 0, "updated: someone else changed the pipeline");
}

static void
review_resize(struct ui *u)
{
	rv(u)->dirty = 1;
}

/* An amount of the header: no currency, so the forecast fits in 80 columns. */
static const char *
head_amount(struct ui *u, int64_t minor, char out[MONEY_LEN + 20])
{
	if (u->b.privacy)
		return glyph(&u->cv, "•••", "***");
	money_format(minor, 1, out);
	return out;
}

/* The title bar and the quarter's forecast under it. */
static void
draw_head(struct ui *u, struct review_screen *r)
{
	struct canvas *c = &u->cv;
	char pos[64], fc[256], a[3][MONEY_LEN + 20], name[PERIOD_LEN];

	canvas_fill(c, 0, 0, 1, c->w, ROLE_TITLE);
	if (r->n)
		snprintf(pos, sizeof pos, "deal %ld  %zu/%zu", r->q[r->pos].id, r->pos + 1, r->n);
	else
		snprintf(pos, sizeof pos, "0/0");
	canvas_text(c, 0, 1, c->w - 2, " dealdeck review mode", ROLE_TITLE);
	canvas_text_right(c, 0, 1, c->w - 2, pos, ROLE_TITLE);
	canvas_style(c, 0, 0, c->w, ROLE_TITLE, 0, 1);
	if (r->has_forecast) {
		period_name(&r->f.period, name);
		snprintf(fc, sizeof fc, "Forecast %s  commit %s  best case %s  pipeline %s", name,
			 head_amount(u, r->f.cat[FORECAST_COMMIT].amount, a[0]),
			 head_amount(u, r->f.cat[FORECAST_BEST_CASE].amount, a[1]),
			 head_amount(u, r->f.cat[FORECAST_PIPELINE].amount, a[2]));
	} else {
		snprintf(fc, sizeof fc, "no forecast");
	}
	canvas_text(c, 1, 1, c->w - 2, fc, ROLE_TOTALS);
	canvas_hline(c, 2, 0, c->w, ROLE_BORDER);
}

static void
review_draw(struct ui *u)
{
	struct review_screen *r = rv(u);
	struct canvas *c = &u->cv;
	struct strvec rows = {0};
	enum theme_role *roles = NULL;
	int *first = NULL; /* the row each line starts on */
	int cy = -1, cx = -1, body = c->h - HEAD_ROWS - 2, w = c->w - 4;
	char more[32], hint[256];

	if (!r->dirty && r->w == c->w && r->h == c->h)
		return;
	if (c->w < LAYOUT_MIN_W || c->h < LAYOUT_MIN_H) {
		draw_too_small(c);
		goto out;
	}
	canvas_fill(c, 0, 0, c->h, c->w, ROLE_NORMAL);
	draw_head(u, r);
	first = xcalloc(r->nlines + 1, sizeof *first);
	for (size_t i = 0; i < r->nlines; i++) {
		size_t before = rows.n;

		first[i] = (int)before;
		if (r->top < 0 && -r->top - 1 == (int)i)
			r->top = (int)rows.n; /* s or a: this section's first row */
		wrap_push(&rows, r->lines[i].text, w, 4);
		roles = xrealloc(roles, (rows.n + 1) * sizeof *roles);
		for (size_t k = before; k < rows.n; k++)
			roles[k] = r->lines[i].role;
	}
	r->top = (int)scroll_clamp(r->top, (long)rows.n, body);
	r->top_line = 0;
	for (size_t i = 0; i < r->nlines; i++)
		if (first[i] <= r->top)
			r->top_line = (int)i;
	for (int i = 0; i < body && r->top + i < (int)rows.n; i++) {
		int k = r->top + i;

		canvas_text(c, HEAD_ROWS + i, 2, w, rows.v[k], roles[k]);
		if (roles[k] == ROLE_CARD || roles[k] == ROLE_HEADER)
			canvas_style(c, HEAD_ROWS + i, 2, w, roles[k], 0, 1);
	}
	if (r->top > 0) {
		snprintf(more, sizeof more, " %s %d more ", glyph(c, "▲", "^"), r->top);
		canvas_text_right(c, 2, 1, c->w - 2, more, ROLE_BORDER);
	}
	if (r->top + body < (int)rows.n) {
		snprintf(more, sizeof more, " %s %d more ", glyph(c, "▼", "v"),
			 (int)rows.n - r->top - body);
		canvas_text_right(c, c->h - 2, 1, c->w - 2, more, ROLE_BORDER);
	}
	canvas_fill(c, c->h - 1, 0, 1, c->w, ROLE_STATUS);
	if (u->b.status[0] != '\0') {
		canvas_text(c, c->h - 1, 1, c->w - 2, u->b.status,
			    u->b.status_error ? ROLE_ERROR : ROLE_STATUS);
	} else {
		hints_line(HINT_REVIEW, c->w - 2, hint, sizeof hint);
		canvas_text(c, c->h - 1, 1, c->w - 2, hint, ROLE_STATUS);
	}
	ui_overlay_draw(u, &cy, &cx);
out:
	strvec_free(&rows);
	free(roles);
	free(first);
	r->dirty = 0;
	r->w = c->w;
	r->h = c->h;
	screen_put(c, 0, c->h);
	screen_flush(cy, cx);
}

const struct screen_mode review_mode = {
	.name = "review",
	.draw = review_draw,
	.key = review_key,
	.mouse = review_mouse,
	.changed = review_changed,
	.resize = review_resize,
	.end = review_end,
};
