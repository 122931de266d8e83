#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_view.h"
#include "date.h"
#include "hints.h"
#include "keys.h"
#include "money.h"
#include "strbuf.h"
#include "text.h"
#include "xmalloc.h"

#define SHORT_LEN 24 /* room for any long long, so nothing is ever cut */

/* "340k", "1.2M": short amounts for the title and column headers. */
static void
amount_short(long long minor, char *out, size_t len)
{
	long long whole = minor / 100;

	if (whole >= 10000000)
		snprintf(out, len, "%lldM", whole / 1000000);
	else if (whole >= 1000000)
		snprintf(out, len, "%lld.%lldM", whole / 1000000, whole / 100000 % 10);
	else if (whole >= 10000)
		snprintf(out, len, "%lldk", whole / 1000);
	else if (whole >= 1000)
		snprintf(out, len, "%lld.%lldk", whole / 1000, whole / 100 % 10);
	else
		snprintf(out, len, "%lld", whole);
}

/* The title bar's parts, each with its shorter form for a narrow screen. */
enum {
	T_NO_PROCESS = 1 << 0,    /* the process name goes first */
	T_FILTER_COUNT = 1 << 1,  /* "3 filters" for the list of them */
	T_SHORT_ORDER = 1 << 2,   /* "by days" */
	T_SHORT_AS_OF = 1 << 3,   /* the date without "(read-only)" */
	T_NO_CLOSED_SUM = 1 << 4, /* won and lost counts without amounts */
	T_NO_NAME = 1 << 5,       /* no "dealdeck" */
	T_NO_WEIGHTED = 1 << 6,
};

/* The order they give way in: each step adds one. */
static const unsigned title_steps[] = {
	0,
	T_NO_PROCESS,
	T_NO_PROCESS | T_FILTER_COUNT,
	T_NO_PROCESS | T_FILTER_COUNT | T_SHORT_ORDER,
	T_NO_PROCESS | T_FILTER_COUNT | T_SHORT_ORDER | T_SHORT_AS_OF,
	T_NO_PROCESS | T_FILTER_COUNT | T_SHORT_ORDER | T_SHORT_AS_OF | T_NO_CLOSED_SUM,
	T_NO_PROCESS | T_FILTER_COUNT | T_SHORT_ORDER | T_SHORT_AS_OF | T_NO_CLOSED_SUM |
		T_NO_NAME,
	T_NO_PROCESS | T_FILTER_COUNT | T_SHORT_ORDER | T_SHORT_AS_OF | T_NO_CLOSED_SUM |
		T_NO_NAME | T_NO_WEIGHTED,
};

/* "owner sofia, 'acme', rotting, single-threaded"; returns how many filters. */
static int
filters_text(const struct board *b, struct strbuf *out)
{
	int n = 0;

	if (b->filter_owner != NULL)
		strbuf_printf(out, "%sowner %s", n++ ? ", " : "", b->filter_owner);
	if (b->filter_text != NULL)
		strbuf_printf(out, "%s'%s'", n++ ? ", " : "", b->filter_text);
	for (int i = 0; i < PROB_COUNT; i++)
		if (b->problems & PROBLEM_BIT(i))
			strbuf_printf(out, "%s%s", n++ ? ", " : "", board_problems[i].label);
	return n;
}

static void
title_parts(const struct board *b, unsigned t, struct strbuf *left, struct strbuf *right)
{
	const struct board_sums *m = &b->sums;
	char total[SHORT_LEN], weighted[SHORT_LEN], won[SHORT_LEN], lost[SHORT_LEN];
	char day[DATE_LEN];
	struct strbuf f;
	int nf;

	if (!(t & T_NO_NAME))
		strbuf_puts(left, "dealdeck  ");
	if (b->as_of > 0) {
		date_format(b->as_of, day);
		strbuf_printf(left, "as of %s%s  ", day, t & T_SHORT_AS_OF ? "" : " (read-only)");
	}
	strbuf_printf(left, "by %s",
		      t & T_SHORT_ORDER ? board_orders[b->order].short_name
					: board_orders[b->order].name);
	strbuf_init(&f);
	nf = filters_text(b, &f);
	if (nf > 0 && (t & T_FILTER_COUNT))
		strbuf_printf(left, "  %d filter%s", nf, nf > 1 ? "s" : "");
	else if (nf > 0)
		strbuf_printf(left, "  filter: %s", strbuf_str(&f));
	strbuf_free(&f);
	if (!(t & T_NO_PROCESS))
		strbuf_printf(left, "  %s", b->s->proc.name);

	strbuf_printf(right, "open %ld", m->open.count);
	if (!b->privacy) {
		amount_short(m->open.amount, total, sizeof total);
		amount_short(m->weighted, weighted, sizeof weighted);
		strbuf_printf(right, "  %s", total);
		if (!(t & T_NO_WEIGHTED))
			strbuf_printf(right, "  w %s", weighted);
	}
	strbuf_printf(right, "  Q%d won %ld",
		      board_quarter(b->as_of > 0 ? b->as_of : date_today()), m->won.count);
	amount_short(m->won.amount, won, sizeof won);
	amount_short(m->lost.amount, lost, sizeof lost);
	if (!b->privacy && !(t & T_NO_CLOSED_SUM))
		strbuf_printf(right, " (%s)  lost %ld (%s)", won, m->lost.count, lost);
	else
		strbuf_printf(right, "  lost %ld", m->lost.count);
	if (b->privacy)
		strbuf_puts(right, "  [amounts hidden]");
}

/*
 * The open pipeline and the quarter's won and lost on the right; the name,
 * the day shown, the order and the filters on the left. On a narrow screen
 * the parts take their shorter forms in a fixed order before anything is cut.
 */
static void
draw_title(struct board *b, struct canvas *c)
{
	struct strbuf left, right;
	int w = c->w, lw, rw;

	strbuf_init(&left);
	strbuf_init(&right);
	for (size_t i = 0; i < sizeof title_steps / sizeof title_steps[0]; i++) {
		strbuf_reset(&left);
		strbuf_reset(&right);
		title_parts(b, title_steps[i], &left, &right);
		if (1 + text_width(strbuf_str(&left)) + 2 + text_width(strbuf_str(&right)) + 1 <=
		    w)
			break;
	}
	canvas_fill(c, 0, 0, 1, w, ROLE_TITLE);
	rw = text_width(strbuf_str(&right));
	if (rw > w - 2)
		rw = w - 2;
	canvas_text_right(c, 0, w - rw - 1, rw, strbuf_str(&right), ROLE_TITLE);
	lw = canvas_text(c, 0, 1, w - rw - 3, strbuf_str(&left), ROLE_TITLE);
	if (strncmp(strbuf_str(&left), "dealdeck", 8) == 0)
		canvas_style(c, 0, 1, lw < 8 ? lw : 8, ROLE_TITLE, 0, 1);
	strbuf_free(&left);
	strbuf_free(&right);
}

const char *
aging_word(enum aging a)
{
	static const char *const words[] = {"", " warn", " ROT"};

	return words[a];
}

enum theme_role
aging_role(enum aging a)
{
	static const enum theme_role roles[] = {ROLE_AGE_OK, ROLE_AGE_WARN, ROLE_AGE_ROT};

	return roles[a];
}

#define MAX_MARKS 8

struct mark {
	char text[32];
	enum theme_role role;
};

static int add_mark(struct mark *m, int n, enum theme_role role, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
add_mark(struct mark *m, int n, enum theme_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m[n].text, sizeof m[n].text, fmt, ap);
	va_end(ap);
	m[n].role = role;
	return n + 1;
}

/*
 * A card's markers in their fixed priority: ROT or warn, next step late, plan
 * steps late, economic buyer and champion, single-threaded, plan progress,
 * then no next step. Words and glyphs, so they read without colour. A won or
 * lost deal has no age and nothing late.
 */
static int
card_marks(const struct canvas *c, const struct card *k, struct mark *m)
{
	int n = 0, open = k->status == CARD_OPEN;

	if (open && k->aging != AGING_OK)
		n = add_mark(m, n, aging_role(k->aging), "%s", aging_word(k->aging) + 1);
	if (open && k->next_overdue)
		n = add_mark(m, n, ROLE_OVERDUE, "next late");
	if (k->plan_overdue > 0)
		n = add_mark(m, n, ROLE_OVERDUE, "%d late", k->plan_overdue);
	n = add_mark(m, n, k->has_economic_buyer ? ROLE_MARK_OK : ROLE_MARK_MISSING, "EB%s",
		     k->has_economic_buyer ? glyph(c, "✓", "+") : glyph(c, "✗", "-"));
	n = add_mark(m, n, k->has_champion ? ROLE_MARK_OK : ROLE_MARK_MISSING, "CH%s",
		     k->has_champion ? glyph(c, "✓", "+") : glyph(c, "✗", "-"));
	if (k->people < 2)
		n = add_mark(m, n, ROLE_MARK_MISSING, "%s",
			     k->people == 0 ? "no-contacts" : "single");
	if (k->plan_total > 0)
		n = add_mark(m, n, ROLE_DIM, "plan %d/%d", k->plan_done, k->plan_total);
	/* Not in the contract's list: after it. */
	if (open && !k->next_overdue && (k->next_step == NULL || k->next_step[0] == '\0'))
		n = add_mark(m, n, ROLE_MARK_MISSING, "no next");
	return n;
}

/* Width of the markers as draw_marks draws them in room; *k gets how many fit. */
static int
marks_width(const struct mark *m, int n, int room, int *k)
{
	int w[MAX_MARKS], used = 0;
	char more[16];

	for (int i = 0; i < n; i++)
		w[i] = text_width(m[i].text);
	*k = layout_fit_tokens(w, n, room);
	for (int i = 0; i < *k; i++)
		used += (i > 0) + w[i];
	if (*k < n)
		used += snprintf(more, sizeof more, "%s+%d", *k ? " " : "", n - *k);
	return used;
}

/* Draws the markers that fit in room from x, then "+K" for the rest: none vanish. */
static int
draw_marks(struct canvas *c, int y, int x, int room, const struct mark *m, int n)
{
	int k, used = 0;
	char more[16];

	marks_width(m, n, room, &k);
	for (int i = 0; i < k; i++) {
		used += i > 0;
		used += canvas_text(c, y, x + used, room - used, m[i].text, m[i].role);
	}
	if (k < n) {
		snprintf(more, sizeof more, "%s+%d", k ? " " : "", n - k);
		used += canvas_text(c, y, x + used, room - used, more, ROLE_DIM);
	}
	return used;
}

/* The amount as a card shows it: whole units, short when the card is small, or hidden. */
static void
card_amount(const struct board *b, const struct canvas *c, const struct card *k, int short_form,
	    char *out, size_t len)
{
	char amount[MONEY_LEN];

	if (b->privacy) {
		snprintf(out, len, "%s", glyph(c, "•••", "***"));
	} else if (short_form) {
		amount_short(k->amount, out, len);
	} else {
		money_format(k->amount, 1, amount);
		amount[strlen(amount) - 3] = '\0'; /* whole units on a card */
		snprintf(out, len, "%s", amount);
	}
}

/* Days in stage ("50d"), or what a closed deal became, and its colour. */
static enum theme_role
card_state(const struct card *k, char *out, size_t len)
{
	static const char *const closed[] = {"", "WON", "LOST"};

	if (k->status != CARD_OPEN) {
		snprintf(out, len, "%s", closed[k->status]);
		return k->status == CARD_WON ? ROLE_MARK_OK : ROLE_MARK_MISSING;
	}
	snprintf(out, len, "%dd", k->days);
	return aging_role(k->aging);
}

/* Four lines: title; account and owner; amount, days and age; markers. */
static void
draw_full(struct board *b, struct canvas *c, const struct card *k, int y, int x, int inner)
{
	struct mark m[MAX_MARKS];
	char amount[MONEY_LEN + 8], state[32], age[48], tok[40];
	int n = card_marks(c, k, m), first = 0, aw;
	enum theme_role role = card_state(k, state, sizeof state);

	canvas_text(c, y, x, inner, k->title, ROLE_CARD);
	snprintf(tok, sizeof tok, " %s %s", glyph(c, "·", "-"), k->owner);
	aw = canvas_text(c, y + 1, x, inner, k->account, ROLE_DIM);
	canvas_text(c, y + 1, x + aw, inner - aw, tok, ROLE_DIM);
	card_amount(b, c, k, 0, amount, sizeof amount);
	canvas_text(c, y + 2, x, inner, amount, ROLE_NORMAL);
	/* The age word sits beside the days here, so it is not a marker below. */
	first = k->status == CARD_OPEN && k->aging != AGING_OK;
	snprintf(age, sizeof age, "%s%s", state, first ? aging_word(k->aging) : "");
	canvas_text_right(c, y + 2, x, inner, age, role);
	draw_marks(c, y + 3, x, inner, m + first, n - first);
}

/* Two lines: title; amount, days and markers. */
static void
draw_compact(struct board *b, struct canvas *c, const struct card *k, int y, int x, int inner)
{
	struct mark m[MAX_MARKS];
	char amount[MONEY_LEN + 8], state[32];
	int n = card_marks(c, k, m), used;
	enum theme_role role = card_state(k, state, sizeof state);

	canvas_text(c, y, x, inner, k->title, ROLE_CARD);
	card_amount(b, c, k, 1, amount, sizeof amount);
	used = canvas_text(c, y + 1, x, inner, amount, ROLE_NORMAL) + 1;
	used += canvas_text(c, y + 1, x + used, inner - used, state, role) + 1;
	draw_marks(c, y + 1, x + used, inner - used, m, n);
}

#define LINE_TITLE_MIN 6 /* a one-line card keeps this much of its title */

/* One line: title, then amount and days on the right, and the markers counted. */
static void
draw_line(struct board *b, struct canvas *c, const struct card *k, int y, int x, int inner)
{
	struct mark m[MAX_MARKS];
	char amount[MONEY_LEN + 8], state[32], right[MONEY_LEN + 48];
	int n = card_marks(c, k, m), tw = text_width(k->title), fixed, room, mw, nfit;
	enum theme_role role = card_state(k, state, sizeof state);

	card_amount(b, c, k, 1, amount, sizeof amount);
	snprintf(right, sizeof right, "%s %s", amount, state);
	fixed = text_width(right);
	room = inner - fixed - 1 - (tw < LINE_TITLE_MIN ? tw : LINE_TITLE_MIN) - 1;
	mw = marks_width(m, n, room, &nfit);
	if (mw > room) /* even "+N" alone: the title gives way */
		mw = marks_width(m, n, 0, &nfit);
	int rx = x + inner - fixed - (mw ? mw + 1 : 0);

	canvas_text(c, y, x, rx - x - 1, k->title, ROLE_CARD);
	rx += canvas_text(c, y, rx, fixed, amount, ROLE_NORMAL) + 1;
	rx += canvas_text(c, y, rx, x + inner - rx, state, role);
	if (mw)
		draw_marks(c, y, rx + 1, mw, m, n);
}

static void
draw_card(struct board *b, struct canvas *c, const struct card *k, int y, int x, int w,
	  int selected)
{
	static void (*const draw[DENSITY_COUNT])(struct board *, struct canvas *,
						 const struct card *, int, int, int) = {
		[DENSITY_FULL] = draw_full,
		[DENSITY_COMPACT] = draw_compact,
		[DENSITY_LINE] = draw_line,
	};
	int inner = w - 3;

	canvas_fill(c, y, x + 1, b->lay.card_lines, w - 1, ROLE_NORMAL);
	if (selected)
		canvas_text(c, y, x + 1, 1, glyph(c, "▶", ">"), ROLE_SELECTED);
	draw[b->density](b, c, k, y, x + 2, inner);
	if (selected)
		for (int i = 0; i < b->lay.card_lines; i++)
			canvas_style(c, y + i, x + 2, inner, ROLE_SELECTED, 0, 0);
}

/* The stage's label cut to fit, never its count: "Negoti… (125)". */
static void
draw_header(struct board *b, struct canvas *c, int k, int x, int room)
{
	const struct layout *l = &b->lay;
	int i = l->first_col + k;
	char count[32], side[32];
	int used;

	/* Stages beyond the screen, counted at the ends of the row: ‹ 2 … 3 ›. */
	if (k == 0 && l->more_left > 0) {
		snprintf(side, sizeof side, "%s %d ", glyph(c, "‹", "<"), l->more_left);
		used = canvas_text(c, l->head_y, x, room, side, ROLE_HEADER);
		x += used;
		room -= used;
	}
	if (k == l->ncols - 1 && l->more_right > 0) {
		snprintf(side, sizeof side, " %d %s", l->more_right, glyph(c, "›", ">"));
		room -= canvas_text_right(c, l->head_y, x, room, side, ROLE_HEADER);
	}
	snprintf(count, sizeof count, " (%ld)", b->cols[i].totals.count);
	used = canvas_text(c, l->head_y, x, room - text_width(count), b->s->proc.stages[i].label,
			   ROLE_HEADER);
	used += canvas_text(c, l->head_y, x + used, room - used, count, ROLE_HEADER);
	canvas_style(c, l->head_y, x, used, ROLE_HEADER, 0, 1);
}

/* Total, weighted and probability, in the first form that fits the column. */
static void
draw_totals(struct board *b, struct canvas *c, int i, int y, int x, int room)
{
	static const char *const forms[] = {"%s  w %s  %d%%", "%s w %s %d%%", "%s w%s %d%%"};
	const struct stage *s = &b->s->proc.stages[i];
	const struct totals *t = &b->cols[i].totals;
	char line[128], total[SHORT_LEN], weighted[SHORT_LEN];

	snprintf(line, sizeof line, "%d%%", s->probability);
	if (!b->privacy) {
		amount_short(t->amount, total, sizeof total);
		amount_short(board_weighted(t->amount, s->probability), weighted, sizeof weighted);
		snprintf(line, sizeof line, "%s %d%%", total, s->probability);
		for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
			char try[128];

			snprintf(try, sizeof try, forms[f], total, weighted, s->probability);
			if (text_width(try) <= room) {
				snprintf(line, sizeof line, "%s", try);
				break;
			}
		}
	}
	canvas_text(c, y, x, room, line, ROLE_TOTALS);
}

static void
draw_column(struct board *b, struct canvas *c, int k)
{
	const struct layout *l = &b->lay;
	int i = l->first_col + k, x = l->col_x[k], w = l->col_w[k];
	struct board_column *col = &b->cols[i];
	char line[128];
	int bottom = l->status_y - 1;

	canvas_fill(c, l->head_y, x, l->status_y - l->head_y, w, ROLE_NORMAL);
	/* The left rule doubles as the column separator; the first column has none. */
	if (k > 0)
		canvas_vline(c, l->head_y, x, l->status_y - l->head_y, ROLE_BORDER);
	draw_header(b, c, k, x + 2, w - 3);
	draw_totals(b, c, i, l->head_y + 1, x + 2, w - 3);
	canvas_hline(c, l->head_y + 2, x + (k > 0), w - (k > 0), ROLE_BORDER);
	for (size_t j = 0; j < col->ncards; j++) {
		int y = l->cards_y + (int)j * l->card_h;

		if (y + l->card_lines > bottom + 1)
			break;
		draw_card(b, c, &col->cards[j], y, x, w,
			  i == b->sel_col && col->offset + (long)j == col->sel);
		if (l->card_h > l->card_lines && y + l->card_lines <= bottom)
			canvas_hline(c, y + l->card_lines, x + 1 + (k > 0), w - 2 - (k > 0),
				     ROLE_BORDER);
	}
	if (col->totals.count == 0)
		canvas_text(c, l->cards_y, x + 2, w - 3, "no deals", ROLE_DIM);
	/* More cards above or below the window. */
	if (col->offset > 0)
		canvas_text_right(c, l->head_y + 1, x + 2, w - 3, glyph(c, "▲", "^"), ROLE_DIM);
	if (col->offset + (long)col->ncards < col->totals.count) {
		snprintf(line, sizeof line, "%s %ld more", glyph(c, "▼", "v"),
			 col->totals.count - col->offset - (long)col->ncards);
		canvas_text_right(c, bottom, x + 2, w - 3, line, ROLE_DIM);
	}
}

/*
 * Nothing to show: a board that has no open deal says how to add one and how
 * to see the demo; filters that match nothing say how to clear them.
 */
static void
draw_empty(struct board *b, struct canvas *c)
{
	const struct layout *l = &b->lay;
	char key[64], line1[160], line2[160];
	long n = 0;

	for (size_t i = 0; i < b->ncols; i++)
		n += b->cols[i].totals.count;
	if (n > 0)
		return;
	if (board_filtered(b)) {
		keys_of(A_CLEAR, key, sizeof key);
		snprintf(line1, sizeof line1, "no deals match: %s clears the filters",
			 key[0] ? strtok(key, " ") : "c");
		line2[0] = '\0';
	} else {
		keys_of(A_NEW, key, sizeof key);
		snprintf(line1, sizeof line1,
			 "No open deals yet: %s adds one (dealdeck add in a shell).",
			 key[0] ? strtok(key, " ") : "n");
		snprintf(line2, sizeof line2, "dealdeck --demo shows a demo pipeline.");
	}
	int y = l->cards_y + 2;

	canvas_fill(c, y, 0, line2[0] ? 2 : 1, c->w, ROLE_NORMAL);
	canvas_text(c, y, 2, c->w - 4, line1, ROLE_HEADER);
	if (line2[0])
		canvas_text(c, y + 1, 2, c->w - 4, line2, ROLE_NORMAL);
}

static void
draw_status(struct board *b, struct canvas *c)
{
	const struct layout *l = &b->lay;
	int y = l->status_y;

	canvas_fill(c, y, 0, 1, c->w, ROLE_STATUS);
	if (b->status[0] != '\0') {
		canvas_text(c, y, 2, c->w - 4, b->status,
			    b->status_error ? ROLE_ERROR : ROLE_STATUS);
	} else if (b->hint != NULL) {
		canvas_text(c, y, 2, c->w - 4, b->hint, ROLE_STATUS);
	} else {
		char keys[512];

		hints_line(HINT_BOARD, c->w - 4, keys, sizeof keys);
		canvas_text(c, y, 2, c->w - 4, keys, ROLE_STATUS);
	}
}

/* One line when it fits, else short lines, so even a tiny terminal says what it needs. */
void
draw_too_small(struct canvas *c)
{
	char full[96], size[32], need[32];
	const char *lines[4];
	int n = 0, top;

	snprintf(size, sizeof size, "(%dx%d):", c->w, c->h);
	snprintf(need, sizeof need, "need %dx%d", LAYOUT_MIN_W, LAYOUT_MIN_H);
	snprintf(full, sizeof full, "terminal too small %s %s", size, need);
	if (text_width(full) <= c->w) {
		lines[n++] = full;
	} else {
		if (c->w >= 18) {
			lines[n++] = "terminal too small";
		} else {
			lines[n++] = "terminal";
			lines[n++] = "too small";
		}
		lines[n++] = size;
		lines[n++] = need;
	}
	top = (c->h - n) / 2;
	canvas_fill(c, 0, 0, c->h, c->w, ROLE_NORMAL);
	for (int i = 0; i < n; i++)
		canvas_text(c, top < 0 ? i : top + i, 0, c->w, lines[i], ROLE_ERROR);
}

void
board_view_draw(struct board *b, struct canvas *c)
{
	if (b->lay.too_small) {
		draw_too_small(c);
		b->dirty = 0;
		b->dirty_cols = 0;
		return;
	}
	if (b->dirty & DIRTY_TITLE)
		draw_title(b, c);
	if (b->dirty & DIRTY_COLUMNS) {
		for (int k = 0; k < b->lay.ncols; k++)
			if (b->dirty_cols & (1ULL << (b->lay.first_col + k)))
				draw_column(b, c, k);
		draw_empty(b, c);
	}
	if (b->dirty & DIRTY_STATUS)
		draw_status(b, c);
	b->dirty &= ~(unsigned)(DIRTY_TITLE | DIRTY_COLUMNS | DIRTY_STATUS);
	b->dirty_cols = 0;
}
