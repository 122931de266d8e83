#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_view.h"
#include "date.h"
#include "layout.h"
#include "money.h"
#include "stats_view.h"
#include "text.h"

const struct stats_period stats_periods[] = {
	{30, "last 30 days"},
	{90, "last 90 days"},
	{180, "last 180 days"},
	{365, "last 365 days"},
};
const size_t nstats_periods = sizeof stats_periods / sizeof stats_periods[0];

/* From this width each of two columns still holds the aging table and its bars. */
#define TWO_COLUMNS_W 150
#define COL_GAP       3  /* between the two columns of sections */
#define GAP           2  /* between the columns of a table */
#define BAR_MIN       4  /* narrower than this a bar says nothing: left out */
#define WORD_W        5  /* " warn" / " ROT" after an aging bar */
#define LABEL_MAX     16 /* stage labels and reason codes are cut with … past this */
#define SUMMARY_W     34 /* one label and its figure in the summary */
#define FIG_LEN       (STATS_VALUE_LEN + 16)

static double
field(const void *base, size_t offset)
{
	double v;

	memcpy(&v, (const char *)base + offset, sizeof v);
	return v;
}

/* "0.6667" as "66.67%": the decimal point moved, so the figure is the CLI's to the digit. */
static void
percent(const char *rate, char *out, size_t len)
{
	const char *dot = strchr(rate, '.');
	long whole = strtol(rate, NULL, 10);

	if (dot == NULL || strlen(dot) < 5) {
		snprintf(out, len, "%s", rate);
		return;
	}
	snprintf(out, len, "%ld.%c%c%%", whole * 100 + (dot[1] - '0') * 10 + (dot[2] - '0'),
		 dot[3], dot[4]);
}

/* "2261000.00" as "2,261,000.00", as the board writes amounts (they are never below 0). */
static void
grouped(const char *amount, char out[FIG_LEN])
{
	char *cents;
	long long whole = strtoll(amount, &cents, 10);

	money_format(whole * 100 + strtoll(cents + 1, NULL, 10), 1, out);
}

/*
 * A figure as `dealdeck stats` prints it (stats_format), made easier to read
 * without changing it: rates in percent, amounts grouped, or hidden.
 */
static void
figure(const struct stats_view *v, const struct canvas *c, enum stats_kind kind, double value,
       char out[FIG_LEN])
{
	char raw[STATS_VALUE_LEN];

	if (kind == STATS_AMOUNT && v->privacy) {
		snprintf(out, FIG_LEN, "%s", glyph(c, "•••", "***"));
		return;
	}
	stats_format(kind, value, raw);
	if (kind == STATS_RATE)
		percent(raw, out, FIG_LEN);
	else if (kind == STATS_AMOUNT)
		grouped(raw, out);
	else
		snprintf(out, FIG_LEN, "%s", raw);
}

/* value / full of w cells in eighth blocks ('#' in ASCII); anything above 0 shows. */
static void
draw_bar(struct canvas *c, int y, int x, int w, double value, double full, enum theme_role role)
{
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	int steps = c->ascii ? 1 : 8, units;

	if (w <= 0 || full <= 0 || value <= 0)
		return;
	units = (int)(value / full * w * steps + 0.5);
	if (units < 1)
		units = 1;
	if (units > w * steps)
		units = w * steps;
	for (int i = 0; i < units / steps; i++)
		canvas_text(c, y, x + i, 1, glyph(c, "█", "#"), role);
	if (units % steps != 0)
		canvas_text(c, y, x + units / steps, 1, eighths[units % steps], role);
}

/* ---- tables with a row per stage ---------------------------------------------------------- */

#define STAGE(f) offsetof(struct stats_stage, f)

struct column {
	const char *head;
	enum stats_kind kind;
	size_t offset;            /* in struct stats_stage */
	enum theme_role when_set; /* how a figure above 0 shows (warn, rot) */
};

struct stage_table {
	const struct column *cols;
	size_t ncols;
	size_t bar;           /* the figure the bars show */
	double full;          /* a full bar's value; 0: the largest row's */
	const char *bar_head; /* says what the bars show */
	int words;            /* after each bar: the median against warn and rot days */
};

static const struct column aging_cols[] = {
	{"deals", STATS_COUNT, STAGE(deals), ROLE_NORMAL},
	{"amount", STATS_AMOUNT, STAGE(amount), ROLE_NORMAL},
	{"median", STATS_DAYS1, STAGE(median_days), ROLE_NORMAL},
	{"p90", STATS_DAYS, STAGE(p90_days), ROLE_NORMAL},
	{"max", STATS_DAYS, STAGE(max_days), ROLE_NORMAL},
	{"warn", STATS_COUNT, STAGE(over_warn), ROLE_AGE_WARN},
	{"rot", STATS_COUNT, STAGE(over_rot), ROLE_AGE_ROT},
};
static const struct column conversion_cols[] = {
	{"entered", STATS_COUNT, STAGE(entered), ROLE_NORMAL},
	{"advanced", STATS_COUNT, STAGE(advanced), ROLE_NORMAL},
	{"rate", STATS_RATE, STAGE(rate), ROLE_NORMAL},
};
static const struct column duration_cols[] = {
	{"exits", STATS_COUNT, STAGE(exits), ROLE_NORMAL},
	{"median", STATS_DAYS1, STAGE(stay_median_days), ROLE_NORMAL},
	{"mean", STATS_DAYS1, STAGE(stay_mean_days), ROLE_NORMAL},
};
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_COLS 8

static const struct stage_table aging_table = {aging_cols, NCOLS(aging_cols), STAGE(median_days),
					       0,          "median days",     1};
static const struct stage_table conversion_table = {
	conversion_cols, NCOLS(conversion_cols), STAGE(rate), 1, "rate (full bar: 100%)", 0};
static const struct stage_table duration_table = {
	duration_cols, NCOLS(duration_cols), STAGE(stay_median_days), 0, "median days", 0};

/* Where a stage's median stands against its thresholds. */
static enum aging
median_aging(const struct stats_view *v, size_t i)
{
	const struct stats_stage *g = &v->st.stages[i];
	const struct stage *s = i < v->proc->nstages ? &v->proc->stages[i] : NULL;

	if (s == NULL || g->deals <= 0)
		return AGING_OK;
	return stage_aging(s, g->median_days);
}

static int
label_width(const struct stats_view *v, const char *head)
{
	int w = text_width(head);

	for (size_t i = 0; i < v->st.nstages; i++)
		if (text_width(v->st.stages[i].label) > w)
			w = text_width(v->st.stages[i].label);
	return w < LABEL_MAX ? w : LABEL_MAX;
}

static int
stage_rows(const struct stats_view *v, int w)
{
	return 1 + (int)v->st.nstages; /* the header, a row per stage */
}

/* Columns as wide as their widest figure; those past w are left out, the bar takes the rest. */
static void
draw_stage_table(const struct stats_view *v, struct canvas *c, int y, int x, int w,
		 const struct stage_table *t)
{
	const struct stats *st = &v->st;
	char fig[FIG_LEN];
	int widths[MAX_COLS], lw = label_width(v, "stage"), end = x + w, cx, bw;
	size_t n = 0;
	double full = t->full;

	for (cx = x + lw; n < t->ncols && n < MAX_COLS; n++) {
		widths[n] = text_width(t->cols[n].head);
		for (size_t i = 0; i < st->nstages; i++) {
			figure(v, c, t->cols[n].kind, field(&st->stages[i], t->cols[n].offset),
			       fig);
			if (text_width(fig) > widths[n])
				widths[n] = text_width(fig);
		}
		if (cx + GAP + widths[n] > end)
			break;
		cx += GAP + widths[n];
	}
	bw = end - cx - GAP - (t->words ? WORD_W : 0);
	if (bw < BAR_MIN)
		bw = 0;
	for (size_t i = 0; t->full <= 0 && i < st->nstages; i++)
		if (field(&st->stages[i], t->bar) > full)
			full = field(&st->stages[i], t->bar);

	canvas_text(c, y, x, lw, "stage", ROLE_DIM);
	cx = x + lw;
	for (size_t j = 0; j < n; j++) {
		canvas_text_right(c, y, cx + GAP, widths[j], t->cols[j].head, ROLE_DIM);
		cx += GAP + widths[j];
	}
	if (bw > 0)
		canvas_text(c, y, cx + GAP, end - cx - GAP, t->bar_head, ROLE_DIM);
	for (size_t i = 0; i < st->nstages; i++) {
		const struct stats_stage *g = &st->stages[i];
		int row = y + 1 + (int)i;
		enum aging a = t->words ? median_aging(v, i) : AGING_OK;
		/* A fresh stage's bar keeps the bars' colour, not the cards' "ok" one. */
		enum theme_role role = a == AGING_OK ? ROLE_BAR : aging_role(a);

		canvas_text(c, row, x, lw, g->label, ROLE_HEADER);
		cx = x + lw;
		for (size_t j = 0; j < n; j++) {
			double value = field(g, t->cols[j].offset);

			figure(v, c, t->cols[j].kind, value, fig);
			canvas_text_right(c, row, cx + GAP, widths[j], fig,
					  value > 0 ? t->cols[j].when_set : ROLE_NORMAL);
			cx += GAP + widths[j];
		}
		if (bw == 0)
			continue;
		draw_bar(c, row, cx + GAP, bw, field(g, t->bar), full, role);
		if (a != AGING_OK)
			canvas_text(c, row, cx + GAP + bw, WORD_W, aging_word(a), role);
	}
}

/* ---- the summary: labelled figures in as many columns as fit ------------------------------ */

#define SUM(f) offsetof(struct stats_summary, f)
static const struct summary_item {
	const char *label;
	enum stats_kind kind;
	size_t offset; /* in struct stats_summary */
	const char *unit;
} summary_items[] = {
	{"win rate", STATS_RATE, SUM(win_rate), ""},
	{"won", STATS_COUNT, SUM(won), ""},
	{"lost", STATS_COUNT, SUM(lost), ""},
	{"median cycle", STATS_DAYS1, SUM(median_cycle_days), " days"},
	{"avg won amount", STATS_AMOUNT, SUM(avg_won_amount), ""},
	{"velocity", STATS_AMOUNT, SUM(velocity_per_day), " / day"},
	{"open deals", STATS_COUNT, SUM(open_deals), ""},
	{"open amount", STATS_AMOUNT, SUM(open_amount), ""},
	{"weighted", STATS_AMOUNT, SUM(weighted_amount), ""},
	{"forward moves", STATS_COUNT, SUM(forward_moves), ""},
	{"overrides", STATS_COUNT, SUM(overrides), ""},
	{"bypass rate", STATS_RATE, SUM(bypass_rate), ""},
};
#define NSUMMARY ((int)NCOLS(summary_items))

static int
summary_cols(int w)
{
	int k = (w + GAP) / (SUMMARY_W + GAP);

	return k < 1 ? 1 : k;
}

static int
summary_rows(const struct stats_view *v, int w)
{
	int k = summary_cols(w);

	return (NSUMMARY + k - 1) / k;
}

/* Down the columns, so related figures stay together. */
static void
draw_summary(const struct stats_view *v, struct canvas *c, int y, int x, int w,
	     const struct stage_table *unused)
{
	int k = summary_cols(w), rows = summary_rows(v, w), cw = (w - GAP * (k - 1)) / k;

	for (int i = 0; i < NSUMMARY; i++) {
		const struct summary_item *it = &summary_items[i];
		int cx = x + (i / rows) * (cw + GAP), row = y + i % rows;
		char fig[FIG_LEN], text[FIG_LEN + 16];

		figure(v, c, it->kind, field(&v->st.summary, it->offset), fig);
		snprintf(text, sizeof text, "%s%s", fig, it->unit);
		canvas_text(c, row, cx, cw, it->label, ROLE_DIM);
		canvas_text_right(c, row, cx + text_width(it->label) + 1,
				  cw - text_width(it->label) - 1, text, ROLE_NORMAL);
	}
}

/* ---- lost reasons: a bar of deals per reason ------------------------------------------------ */

static int
reason_rows(const struct stats_view *v, int w)
{
	return 1 + (v->st.nreasons > 0 ? (int)v->st.nreasons : 1);
}

static void
draw_reasons(const struct stats_view *v, struct canvas *c, int y, int x, int w,
	     const struct stage_table *unused)
{
	const struct stats *st = &v->st;
	int lw = text_width("reason"), nw = text_width("deals"), bw;
	double full = 0;
	char fig[FIG_LEN];

	for (size_t i = 0; i < st->nreasons; i++) {
		if (text_width(st->reasons[i].code) > lw)
			lw = text_width(st->reasons[i].code);
		if (st->reasons[i].deals > full)
			full = st->reasons[i].deals;
	}
	lw = lw < LABEL_MAX + 4 ? lw : LABEL_MAX + 4;
	bw = w - lw - nw - 2 * GAP;
	canvas_text(c, y, x, lw, "reason", ROLE_DIM);
	canvas_text_right(c, y, x + lw + GAP, nw, "deals", ROLE_DIM);
	if (bw >= BAR_MIN)
		canvas_text(c, y, x + lw + nw + 2 * GAP, bw, "deals lost", ROLE_DIM);
	if (st->nreasons == 0)
		canvas_text(c, y + 1, x, w, "the process names no lost reasons", ROLE_DIM);
	for (size_t i = 0; i < st->nreasons; i++) {
		int row = y + 1 + (int)i;

		figure(v, c, STATS_COUNT, st->reasons[i].deals, fig);
		canvas_text(c, row, x, lw, st->reasons[i].code, ROLE_HEADER);
		canvas_text_right(c, row, x + lw + GAP, nw, fig, ROLE_NORMAL);
		if (bw >= BAR_MIN)
			draw_bar(c, row, x + lw + nw + 2 * GAP, bw, st->reasons[i].deals, full,
				 ROLE_BAR);
	}
}

/* ---- the sections and where they go --------------------------------------------------------- */

/*
 * In one column, in this order: the aging table first (it must show whole at
 * 80x24), then the summary. With two, each goes to its column.
 */
static const struct section {
	const char *title, *note;
	int (*rows)(const struct stats_view *v, int w);
	void (*draw)(const struct stats_view *v, struct canvas *c, int y, int x, int w,
		     const struct stage_table *t);
	const struct stage_table *table;
	int column;
} sections[] = {
	{"Stage aging", "open deals by days in stage; warn/rot: at or past the threshold",
	 stage_rows, draw_stage_table, &aging_table, 0},
	{"Summary", "deals closed in the period; open deals as of the date above", summary_rows,
	 draw_summary, NULL, 1},
	{"Conversion", "deals that entered a stage in the period, and went further", stage_rows,
	 draw_stage_table, &conversion_table, 0},
	{"Lost reasons", "deals lost in the period", reason_rows, draw_reasons, NULL, 1},
	{"Time in stage", "stays in a stage that ended in the period", stage_rows,
	 draw_stage_table, &duration_table, 0},
};
#define NSECTIONS NCOLS(sections)

struct place {
	int y, x, w;
};

/* Places the sections on a page w wide; returns the page's height. */
static int
place(const struct stats_view *v, int w, struct place at[NSECTIONS])
{
	int two = w >= TWO_COLUMNS_W, cw = two ? (w - 2 - COL_GAP) / 2 : w - 2, h[2] = {0, 0};

	for (size_t i = 0; i < NSECTIONS; i++) {
		int col = two ? sections[i].column : 0;

		if (h[col] > 0)
			h[col]++; /* a blank line between sections */
		at[i] = (struct place){h[col], 1 + col * (cw + COL_GAP), cw};
		h[col] += 1 + sections[i].rows(v, cw);
	}
	return h[0] > h[1] ? h[0] : h[1];
}

static int
view_rows(const struct canvas *c)
{
	return c->h - 2; /* between the title and the key hints */
}

int
stats_view_page(const struct canvas *c)
{
	return view_rows(c) > 1 ? view_rows(c) - 1 : 1;
}

static void
clamp_top(struct stats_view *v, const struct canvas *c, int height)
{
	v->top = scroll_clamp(v->top, height, view_rows(c));
}

void
stats_view_scroll(struct stats_view *v, const struct canvas *c, int delta)
{
	struct place at[NSECTIONS];
	long top = (long)v->top + delta; /* g and G pass INT_MIN and INT_MAX */

	v->top = top < 0 ? 0 : top > 1000000 ? 1000000 : (int)top;
	clamp_top(v, c, place(v, c->w, at));
}

static void
draw_title(const struct stats_view *v, struct canvas *c)
{
	char t[DATE_LEN], from[DATE_LEN], to[DATE_LEN], line[300], at[32] = "";
	const char *period = v->preset >= 0 ? stats_periods[v->preset].label : "period";
	const char *hidden = v->privacy ? " [amounts hidden] " : "";
	int rw;

	date_format(v->st.as_of, t);
	date_format(v->st.from, from);
	date_format(v->st.to, to);
	/*
	 * Figures are recomputed at most every few seconds: say how fresh they are,
	 * where that fits beside the owner and period (not at 80 columns). That
	 * they are being recomputed matters more than the period's name.
	 */
	if (v->computing)
		snprintf(at, sizeof at, " (recomputing)");
	else if (v->computed[0] != '\0')
		snprintf(at, sizeof at, " (computed %s)", v->computed);
	snprintf(line, sizeof line, " Stats%s as of %s  %s %s..%s  owner: %s", at, t, period,
		 from, to, v->owner ? v->owner : "everyone");
	if (text_width(line) > c->w && v->computing)
		snprintf(line, sizeof line, " Stats%s as of %s  %s..%s  owner: %s", at, t, from,
			 to, v->owner ? v->owner : "everyone");
	if (text_width(line) > c->w)
		snprintf(line, sizeof line, " Stats as of %s  %s %s..%s  owner: %s", t, period,
			 from, to, v->owner ? v->owner : "everyone");
	/* The owner and period win: the ••• in the tables say amounts are hidden too. */
	rw = text_width(line) + text_width(hidden) <= c->w ? text_width(hidden) : 0;
	canvas_fill(c, 0, 0, 1, c->w, ROLE_TITLE);
	canvas_text(c, 0, 0, c->w - rw, line, ROLE_TITLE);
	canvas_style(c, 0, 1, 5, ROLE_TITLE, 0, 1);
	if (rw > 0)
		canvas_text_right(c, 0, c->w - rw, rw, hidden, ROLE_TITLE);
}

static void
draw_bottom(const struct stats_view *v, struct canvas *c, int height)
{
	int y = c->h - 1, up = v->top > 0, down = v->top + view_rows(c) < height;
	char more[16], busy[128];

	canvas_fill(c, y, 0, 1, c->w, ROLE_STATUS);
	snprintf(more, sizeof more, "%s%s", up ? glyph(c, "▲", "^") : " ",
		 down ? glyph(c, "▼", "v") : " ");
	/* While figures are computed the keys work, but the hints wait: the frame is not done. */
	if (v->computing && v->st.stages == NULL)
		snprintf(busy, sizeof busy, "computing the figures; keys work meanwhile");
	else if (v->computing)
		snprintf(busy, sizeof busy,
			 "recomputing: the figures shown are from %s; keys work meanwhile",
			 v->computed);
	canvas_text(c, y, 1, c->w - 4,
		    v->status[0]   ? v->status
		    : v->computing ? busy
				   : v->keys,
		    v->status_error ? ROLE_ERROR : ROLE_STATUS);
	if (up || down)
		canvas_text_right(c, y, c->w - 3, 2, more, ROLE_STATUS);
}

void
stats_view_draw(struct stats_view *v, struct canvas *c)
{
	struct place at[NSECTIONS];
	struct canvas page;
	int height;

	if (c->w < LAYOUT_MIN_W || c->h < LAYOUT_MIN_H) {
		draw_too_small(c);
		return;
	}
	if (v->st.stages == NULL) { /* the first figures are on their way */
		canvas_fill(c, 0, 0, 1, c->w, ROLE_TITLE);
		canvas_text(c, 0, 0, c->w, " Stats (computing)", ROLE_TITLE);
		canvas_fill(c, 1, 0, view_rows(c), c->w, ROLE_NORMAL);
		draw_bottom(v, c, 0);
		return;
	}
	/* The whole page off screen, then the rows in view: sections never clip by hand. */
	height = place(v, c->w, at);
	clamp_top(v, c, height);
	canvas_init(&page, c->w, height, c->ascii);
	for (size_t i = 0; i < NSECTIONS; i++) {
		const struct section *s = &sections[i];
		int tw = canvas_text(&page, at[i].y, at[i].x, at[i].w, s->title, ROLE_HEADER);

		canvas_style(&page, at[i].y, at[i].x, tw, ROLE_HEADER, 0, 1);
		canvas_text(&page, at[i].y, at[i].x + tw + 2, at[i].w - tw - 2, s->note, ROLE_DIM);
		s->draw(v, &page, at[i].y + 1, at[i].x, at[i].w, s->table);
	}
	canvas_fill(c, 1, 0, view_rows(c), c->w, ROLE_NORMAL);
	for (int r = 0; r < view_rows(c) && v->top + r < height; r++)
		memcpy(canvas_at(c, 1 + r, 0), canvas_at(&page, v->top + r, 0),
		       (size_t)c->w * sizeof(struct cell));
	canvas_free(&page);
	draw_title(v, c);
	draw_bottom(v, c, height);
}
