/* Where things go on the board for a given terminal size: pure arithmetic. */
#ifndef DD_LAYOUT_H
#define DD_LAYOUT_H

#define LAYOUT_MIN_W    30
#define LAYOUT_MIN_H    10
#define LAYOUT_MAX_COLS 32

/* How much of a card shows (z on the board). */
enum density { DENSITY_FULL, DENSITY_COMPACT, DENSITY_LINE, DENSITY_COUNT };

struct density_def {
	const char *name; /* as [ui] density in the user config has it */
	int card_lines;   /* full: title; account and owner; amount and age; markers */
	int rule;         /* a rule below each card */
	int col_min_w;    /* narrower columns scroll sideways instead */
};
extern const struct density_def densities[DENSITY_COUNT];
/* The density of a name; DENSITY_FULL for NULL or a name it does not know. */
enum density density_of(const char *name);

struct layout {
	int w, h;
	int too_small;
	int first_col, ncols; /* stages shown: first_col .. first_col + ncols - 1 */
	int col_x[LAYOUT_MAX_COLS], col_w[LAYOUT_MAX_COLS];
	int head_y;                /* stage name; totals below it; rule below that */
	int cards_y;               /* first card row */
	int card_lines, card_h;    /* rows of a card, and to the next card (its rule) */
	int cards_per_col;         /* whole cards that fit, the last row kept for "more" */
	int status_y;              /* the last row */
	int more_left, more_right; /* how many stages are hidden to either side */
};

/*
 * Lays out nstages columns of cards of density d on a w x h screen, keeping
 * column `selected` visible; `first` is the first column shown before (for
 * stable scrolling).
 */
void layout_compute(struct layout *l, int w, int h, int nstages, int first, int selected,
		    enum density d);

/*
 * How many of n tokens (their widths in w, one space apart) fit in room
 * columns, leaving room for " +K" that counts the rest when not all fit.
 */
int layout_fit_tokens(const int *w, int n, int room);

/* The first row of a window of `visible` rows, moved only as far as needed to show sel. */
long scroll_follow(long top, long sel, long visible);
/* top kept where a window of `visible` rows stays inside `total` rows (0 when they all fit). */
long scroll_clamp(long top, long total, long visible);

#endif
