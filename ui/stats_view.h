/*
 * The stats screen's drawing: a struct stats (computed by src/stats.c) as
 * tables and bars in a canvas, one column or two, scrolled. No curses and no
 * SQL here; the figures print as stats_format prints them for `dealdeck stats`.
 */
#ifndef DD_STATS_VIEW_H
#define DD_STATS_VIEW_H

#include "canvas.h"
#include "process.h"
#include "stats.h"

/* The periods `p` cycles through: the N days ending at T. */
struct stats_period {
	int days;
	const char *label;
};
extern const struct stats_period stats_periods[];
extern const size_t nstats_periods;
#define STATS_PERIOD_DEFAULT 1 /* 90 days, as `dealdeck stats` without --from/--to */

struct stats_view {
	struct stats st; /* what is shown (st.as_of, st.from, st.to: T and the period) */
	const struct process *proc; /* warn and rot days of each stage */
	char *owner;                /* NULL: everyone */
	int preset;                 /* index in stats_periods, or -1: typed from/to */
	int privacy;                /* amounts hidden */
	char keys[200];             /* the key hints of the bottom line */
	int top;                    /* the first content row on screen */
	char computed[16];          /* when st was computed, "HH:MM:SS" local, or "" */
	int computing;              /* other figures are being computed; st stays until then */
	char status[256];           /* a message instead of the key hints */
	int status_error;
};

/*
 * Draws the whole screen: title, sections, key hints (or the too-small
 * message); before the first figures (st.stages NULL), a line saying they come.
 */
void stats_view_draw(struct stats_view *v, struct canvas *c);
/* Scrolls by delta rows, kept inside the content for a screen of c's size. */
void stats_view_scroll(struct stats_view *v, const struct canvas *c, int delta);
/* Rows of content a page (PgUp/PgDn) moves on a screen of c's size. */
int stats_view_page(const struct canvas *c);

#endif
