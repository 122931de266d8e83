#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_model.h"
#include "date.h"
#include "xmalloc.h"

void
board_init(struct board *b, struct session *s)
{
	memset(b, 0, sizeof *b);
	b->s = s;
	b->ncols = s->proc.nstages;
	b->cols = xcalloc(b->ncols, sizeof *b->cols);
	b->revision = s->proc.revision;
	b->dirty = DIRTY_ALL;
}

static void
unload(struct board_column *c)
{
	board_cards_free(c->cards, c->ncards);
	c->cards = NULL;
	c->ncards = 0;
	c->loaded = 0;
}

void
board_free(struct board *b)
{
	for (size_t i = 0; i < b->ncols; i++)
		unload(&b->cols[i]);
	free(b->cols);
	free(b->filter_text);
	free(b->filter_owner);
	memset(b, 0, sizeof *b);
}

struct board_filter
board_filter_of(const struct board *b)
{
	return (struct board_filter){.owner = b->filter_owner,
				     .text = b->filter_text,
				     .problems = b->problems,
				     .order = b->order,
				     .as_of = b->as_of};
}

int
board_filtered(const struct board *b)
{
	return b->filter_owner != NULL || b->filter_text != NULL || b->problems != 0;
}

static void
mark_col(struct board *b, int col)
{
	b->dirty |= DIRTY_COLUMNS;
	if (col >= 0 && col < 64)
		b->dirty_cols |= 1ULL << col;
}

void
board_mark_all(struct board *b)
{
	b->dirty = DIRTY_ALL;
	b->dirty_cols = ~0ULL;
}

/* Keeps the selected card inside the window, sliding the window as needed. */
static int
fit_window(struct board *b, int i)
{
	struct board_column *c = &b->cols[i];
	long per = b->lay.cards_per_col, off = c->offset;

	if (c->sel >= c->totals.count)
		c->sel = c->totals.count - 1;
	if (c->sel < 0)
		c->sel = 0;
	off = scroll_clamp(scroll_follow(off, c->sel, per), c->totals.count, per);
	if (off == c->offset && c->loaded)
		return 0;
	c->offset = off;
	return 1;
}

static int
load_column(struct board *b, int i, struct dd_err *err)
{
	struct board_column *c = &b->cols[i];
	struct board_filter f = board_filter_of(b);

	unload(c);
	if (board_cards(b->s->db, &b->s->proc.stages[i], &f, c->offset, b->lay.cards_per_col,
			date_today(), &c->cards, &c->ncards, err) != DD_OK)
		return err->code;
	c->loaded = 1;
	mark_col(b, i);
	return DD_OK;
}

/* Loads the visible columns that are not loaded (or whose window moved). */
static int
load_visible(struct board *b, struct dd_err *err)
{
	for (int k = 0; k < b->lay.ncols; k++) {
		int i = b->lay.first_col + k;

		if ((fit_window(b, i) || !b->cols[i].loaded) && load_column(b, i, err) != DD_OK)
			return err->code;
	}
	return DD_OK;
}

void
board_resize(struct board *b, int w, int h)
{
	int per = b->lay.cards_per_col;

	layout_compute(&b->lay, w, h, (int)b->ncols, b->first_col, b->sel_col, b->density);
	b->first_col = b->lay.first_col;
	if (per != b->lay.cards_per_col)
		for (size_t i = 0; i < b->ncols; i++)
			unload(&b->cols[i]);
	board_mark_all(b);
}

void
board_set_density(struct board *b, enum density d)
{
	b->density = d;
	board_resize(b, b->lay.w, b->lay.h);
	for (size_t i = 0; i < b->ncols; i++)
		unload(&b->cols[i]);
}

int
board_stale(const struct board *b)
{
	return b->revision != b->s->proc.revision;
}

/* A manager applied another process: one column per stage of it (callers select again). */
static void
rebuild_columns(struct board *b)
{
	const struct process *p = &b->s->proc;

	for (size_t i = 0; i < b->ncols; i++)
		unload(&b->cols[i]);
	free(b->cols);
	b->ncols = p->nstages;
	b->cols = xcalloc(b->ncols, sizeof *b->cols);
	b->revision = p->revision;
	if (b->sel_col >= (int)b->ncols)
		b->sel_col = (int)b->ncols - 1;
	layout_compute(&b->lay, b->lay.w, b->lay.h, (int)b->ncols, b->first_col, b->sel_col,
		       b->density);
	b->first_col = b->lay.first_col;
}

int
board_reload(struct board *b, struct dd_err *err)
{
	struct board_filter f;
	struct totals *t;

	if (board_stale(b))
		rebuild_columns(b);
	f = board_filter_of(b);
	t = xcalloc(b->ncols, sizeof *t);

	if (board_totals(b->s->db, &b->s->proc, &f, date_today(), t, &b->sums, err) != DD_OK) {
		free(t);
		return err->code;
	}
	for (size_t i = 0; i < b->ncols; i++) {
		b->cols[i].totals = t[i];
		unload(&b->cols[i]);
	}
	free(t);
	board_mark_all(b);
	if (b->lay.too_small)
		return DD_OK;
	return load_visible(b, err);
}

const struct card *
board_selected(const struct board *b)
{
	const struct board_column *c = &b->cols[b->sel_col];
	long k = c->sel - c->offset;

	if (!c->loaded || k < 0 || (size_t)k >= c->ncards)
		return NULL;
	return &c->cards[k];
}

static void
after_move(struct board *b, int old_col, long old_off)
{
	struct dd_err err;
	int first = b->lay.first_col;

	layout_compute(&b->lay, b->lay.w, b->lay.h, (int)b->ncols, b->first_col, b->sel_col,
		       b->density);
	b->first_col = b->lay.first_col;
	if (first != b->lay.first_col)
		board_mark_all(b); /* the columns slid sideways */
	err_init(&err);
	if (b->cols[b->sel_col].offset != old_off || first != b->lay.first_col)
		board_mark_all(b);
	if (load_visible(b, &err) != DD_OK)
		board_set_status(b, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	mark_col(b, old_col);
	mark_col(b, b->sel_col);
	b->dirty |= DIRTY_STATUS;
}

void
board_move_sel(struct board *b, int dcol, long drow)
{
	int old = b->sel_col;
	long old_off = b->cols[old].offset;
	int n = (int)b->ncols;

	b->sel_col += dcol;
	if (b->sel_col < 0)
		b->sel_col = 0;
	if (b->sel_col >= n)
		b->sel_col = n - 1;
	b->cols[b->sel_col].sel += drow;
	after_move(b, old, old_off);
}

void
board_sel_to(struct board *b, long row)
{
	long old_off = b->cols[b->sel_col].offset;

	b->cols[b->sel_col].sel = row;
	after_move(b, b->sel_col, old_off);
}

void
board_select_deal(struct board *b, long deal_id)
{
	struct board_filter f = board_filter_of(b);
	int stage;
	long index;

	if (board_locate(b->s->db, &b->s->proc, &f, date_today(), deal_id, &stage, &index) != 0)
		return;
	int old = b->sel_col;
	b->sel_col = stage;
	b->cols[stage].sel = index;
	after_move(b, old, -1);
}

void
board_set_status(struct board *b, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->status, sizeof b->status, fmt, ap);
	va_end(ap);
	b->status_error = error;
	b->dirty |= DIRTY_STATUS;
}
