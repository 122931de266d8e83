/* Where things go on the board for a given terminal size: pure arithmetic. */
#ifndef DD_LAYOUT_H
#define DD_LAYOUT_H

#define CARD_LINES      4                /* title; account and owner; amount and age; markers */
#define CARD_H          (CARD_LINES + 1) /* and a rule below */
#define COL_MIN_W       24               /* narrower columns scroll sideways instead */
#define LAYOUT_MIN_W    30
#define LAYOUT_MIN_H    10
#define LAYOUT_MAX_COLS 32

struct layout {
	int w, h;
	int too_small;
	int first_col, ncols; /* stages shown: first_col .. first_col + ncols - 1 */
	int col_x[LAYOUT_MAX_COLS], col_w[LAYOUT_MAX_COLS];
	int head_y;                /* stage name; totals below it; rule below that */
	int cards_y;               /* first card row */
	int cards_per_col;         /* whole cards that fit */
	int status_y;              /* the last row */
	int more_left, more_right; /* stages hidden to either side */
};

/*
 * Lays out nstages columns on a w x h screen, keeping column `selected`
 * visible; `first` is the first column shown before (for stable scrolling).
 */
void layout_compute(struct layout *l, int w, int h, int nstages, int first, int selected);

/* The first row of a window of `visible` rows, moved only as far as needed to show sel. */
long scroll_follow(long top, long sel, long visible);
/* top kept where a window of `visible` rows stays inside `total` rows (0 when they all fit). */
long scroll_clamp(long top, long total, long visible);

#endif
