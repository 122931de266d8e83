#include "layout.h"

long
scroll_follow(long top, long sel, long visible)
{
	if (sel < top)
		top = sel;
	if (sel >= top + visible)
		top = sel - visible + 1;
	return top;
}

long
scroll_clamp(long top, long total, long visible)
{
	if (top > total - visible)
		top = total - visible;
	if (top < 0)
		top = 0;
	return top;
}

void
layout_compute(struct layout *l, int w, int h, int nstages, int first, int selected)
{
	int ncols, x;

	l->w = w;
	l->h = h;
	l->too_small = w < LAYOUT_MIN_W || h < LAYOUT_MIN_H || nstages < 1;
	l->head_y = 1;
	l->cards_y = l->head_y + 3;
	l->status_y = h - 1;
	l->cards_per_col = (l->status_y - l->cards_y) / CARD_H;
	if (l->cards_per_col < 1)
		l->cards_per_col = 1;
	if (l->too_small) {
		l->ncols = 0;
		l->first_col = 0;
		l->more_left = l->more_right = 0;
		return;
	}
	ncols = w / COL_MIN_W;
	if (ncols < 1)
		ncols = 1;
	if (ncols > nstages)
		ncols = nstages;
	if (ncols > LAYOUT_MAX_COLS)
		ncols = LAYOUT_MAX_COLS;
	first = (int)scroll_clamp(scroll_follow(first, selected, ncols), nstages, ncols);
	l->first_col = first;
	l->ncols = ncols;
	x = 0;
	for (int i = 0; i < ncols; i++) {
		/* Spread the remainder over the first columns so they all fill the width. */
		l->col_w[i] = w / ncols + (i < w % ncols);
		l->col_x[i] = x;
		x += l->col_w[i];
	}
	l->more_left = first > 0;
	l->more_right = first + ncols < nstages;
}
