#include <stdio.h>
#include <string.h>

#include "layout.h"

/* One line density shows title, amount and days; compact adds a line of markers. */
const struct density_def densities[DENSITY_COUNT] = {
	[DENSITY_FULL] = {"full", 4, 1, 24},
	[DENSITY_COMPACT] = {"compact", 2, 1, 17},
	[DENSITY_LINE] = {"line", 1, 0, 17},
};

enum density
density_of(const char *name)
{
	for (int i = 0; name != NULL && i < DENSITY_COUNT; i++)
		if (strcmp(densities[i].name, name) == 0)
			return (enum density)i;
	return DENSITY_FULL;
}

int
layout_fit_tokens(const int *w, int n, int room)
{
	int used = 0, k;

	for (k = 0; k < n; k++) {
		int next = used + (k > 0) + w[k];
		char more[16];
		/* Room for what follows: nothing when this is the last, else " +K". */
		int tail = k + 1 < n ? snprintf(more, sizeof more, " +%d", n - k - 1) : 0;

		if (next + tail > room)
			break;
		used = next;
	}
	return k;
}

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
layout_compute(struct layout *l, int w, int h, int nstages, int first, int selected,
	       enum density d)
{
	const struct density_def *dd = &densities[d];
	int ncols, x;

	l->w = w;
	l->h = h;
	l->too_small = w < LAYOUT_MIN_W || h < LAYOUT_MIN_H || nstages < 1;
	l->head_y = 1;
	l->cards_y = l->head_y + 3;
	l->status_y = h - 1;
	l->card_lines = dd->card_lines;
	l->card_h = dd->card_lines + dd->rule;
	/* The last card's text stays off the bottom row, where "▼ N more" goes. */
	l->cards_per_col = (l->status_y - 1 - l->cards_y - l->card_lines) / l->card_h + 1;
	if (l->cards_per_col < 1)
		l->cards_per_col = 1;
	if (l->too_small) {
		l->ncols = 0;
		l->first_col = 0;
		l->more_left = l->more_right = 0;
		return;
	}
	ncols = w / dd->col_min_w;
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
	l->more_left = first;
	l->more_right = nstages - first - ncols;
}
