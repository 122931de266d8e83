#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_view.h"
#include "hints.h"
#include "money.h"
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

static void
draw_title(struct board *b, struct canvas *c)
{
	char right[160], won[SHORT_LEN], lost[SHORT_LEN], filter[200] = "";
	int w = c->w, x, rw;

	amount_short(b->won.amount, won, sizeof won);
	amount_short(b->lost.amount, lost, sizeof lost);
	if (b->privacy)
		snprintf(right, sizeof right, "won %ld  lost %ld  [amounts hidden] ", b->won.count,
			 b->lost.count);
	else
		snprintf(right, sizeof right, "won %ld (%s)  lost %ld (%s) ", b->won.count, won,
			 b->lost.count, lost);
	canvas_fill(c, 0, 0, 1, w, ROLE_TITLE);
	/* The totals on the right win; the left part is cut with … before them. */
	rw = text_width(right) < w / 2 ? text_width(right) : w / 2;
	canvas_text_right(c, 0, w - rw, rw, right, ROLE_TITLE);
	x = 1 + canvas_text(c, 0, 1, w - rw - 2, "dealdeck", ROLE_TITLE);
	canvas_style(c, 0, 1, x - 1, ROLE_TITLE, 0, 1);
	if (b->filter_owner != NULL || b->filter_text != NULL)
		snprintf(filter, sizeof filter, "  filter:%s%s%s%s",
			 b->filter_owner ? " owner=" : "", b->filter_owner ? b->filter_owner : "",
			 b->filter_text ? " text=" : "", b->filter_text ? b->filter_text : "");
	char *left = xasprintf(" %s%s", b->s->proc.name, filter);
	canvas_text(c, 0, x, w - rw - x - 1, left, ROLE_TITLE);
	free(left);
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

/* Writes one marker token if it fits; returns the new x. */
static int
marker(struct canvas *c, int y, int x, int end, const char *text, enum theme_role role)
{
	int n = (int)strlen(text); /* markers are ASCII or narrow glyphs */

	if (x >= end || x + 1 >= end)
		return x;
	if (x + n > end)
		return end;
	return x + canvas_text(c, y, x, end - x, text, role) + 1;
}

static void
draw_card(struct board *b, struct canvas *c, const struct card *k, int y, int x, int w,
	  int selected)
{
	char amount[MONEY_LEN], age[32], tok[40];
	int inner = w - 3, end = x + 2 + inner, mx;

	canvas_fill(c, y, x + 1, CARD_LINES, w - 1, ROLE_NORMAL);
	if (selected)
		canvas_text(c, y, x + 1, 1, glyph(c, "▶", ">"), ROLE_SELECTED);
	canvas_text(c, y, x + 2, inner, k->title, ROLE_CARD);
	snprintf(tok, sizeof tok, " %s %s", glyph(c, "·", "-"), k->owner);
	int aw = canvas_text(c, y + 1, x + 2, inner, k->account, ROLE_DIM);
	canvas_text(c, y + 1, x + 2 + aw, inner - aw, tok, ROLE_DIM);
	if (b->privacy) {
		canvas_text(c, y + 2, x + 2, inner, glyph(c, "•••", "***"), ROLE_DIM);
	} else {
		money_format(k->amount, 1, amount);
		amount[strlen(amount) - 3] = '\0'; /* whole units on a card */
		canvas_text(c, y + 2, x + 2, inner, amount, ROLE_NORMAL);
	}
	snprintf(age, sizeof age, "%dd%s", k->days, aging_word(k->aging));
	canvas_text_right(c, y + 2, x + 2, inner, age, aging_role(k->aging));

	/* Markers: words and glyphs, so they read without colour. */
	mx = x + 2;
	snprintf(tok, sizeof tok, "EB%s",
		 k->has_economic_buyer ? glyph(c, "✓", "+") : glyph(c, "✗", "-"));
	mx = marker(c, y + 3, mx, end, tok,
		    k->has_economic_buyer ? ROLE_MARK_OK : ROLE_MARK_MISSING);
	snprintf(tok, sizeof tok, "CH%s",
		 k->has_champion ? glyph(c, "✓", "+") : glyph(c, "✗", "-"));
	mx = marker(c, y + 3, mx, end, tok, k->has_champion ? ROLE_MARK_OK : ROLE_MARK_MISSING);
	if (k->people < 2)
		mx = marker(c, y + 3, mx, end, k->people == 0 ? "no-contacts" : "single",
			    ROLE_MARK_MISSING);
	/* What is late first: on a narrow card it must not be the part cut off. */
	if (k->plan_overdue > 0) {
		snprintf(tok, sizeof tok, "%d late", k->plan_overdue);
		mx = marker(c, y + 3, mx, end, tok, ROLE_OVERDUE);
	}
	if (k->next_overdue)
		mx = marker(c, y + 3, mx, end, "next late", ROLE_OVERDUE);
	if (k->plan_total > 0) {
		snprintf(tok, sizeof tok, "plan %d/%d", k->plan_done, k->plan_total);
		mx = marker(c, y + 3, mx, end, tok, ROLE_DIM);
	}
	if (!k->next_overdue && k->next_step == NULL)
		mx = marker(c, y + 3, mx, end, "no next", ROLE_MARK_MISSING);
	if (selected)
		for (int i = 0; i < CARD_LINES; i++)
			canvas_style(c, y + i, x + 2, inner, ROLE_SELECTED, 0, 0);
}

static void
draw_column(struct board *b, struct canvas *c, int k)
{
	const struct layout *l = &b->lay;
	int i = l->first_col + k, x = l->col_x[k], w = l->col_w[k];
	const struct stage *s = &b->s->proc.stages[i];
	struct board_column *col = &b->cols[i];
	char line[128], total[SHORT_LEN], weighted[SHORT_LEN];
	int bottom = l->status_y - 1;

	canvas_fill(c, l->head_y, x, l->status_y - l->head_y, w, ROLE_NORMAL);
	/* The left rule doubles as the column separator; the first column has none. */
	if (k > 0)
		canvas_vline(c, l->head_y, x, l->status_y - l->head_y, ROLE_BORDER);
	snprintf(line, sizeof line, "%s (%ld)", s->label, col->totals.count);
	canvas_text(c, l->head_y, x + 2, w - 3, line, ROLE_HEADER);
	canvas_style(c, l->head_y, x + 2, w - 3, ROLE_HEADER, 0, 1);
	if (b->privacy) {
		snprintf(line, sizeof line, "%d%%", s->probability);
	} else {
		amount_short(col->totals.amount, total, sizeof total);
		amount_short(col->totals.amount * s->probability / 100, weighted, sizeof weighted);
		snprintf(line, sizeof line, "%s  w %s  %d%%", total, weighted, s->probability);
	}
	canvas_text(c, l->head_y + 1, x + 2, w - 3, line, ROLE_TOTALS);
	canvas_hline(c, l->head_y + 2, x + (k > 0), w - (k > 0), ROLE_BORDER);
	for (size_t j = 0; j < col->ncards; j++) {
		int y = l->cards_y + (int)j * CARD_H;

		if (y + CARD_LINES > bottom + 1)
			break;
		draw_card(b, c, &col->cards[j], y, x, w,
			  i == b->sel_col && col->offset + (long)j == col->sel);
		if (y + CARD_LINES <= bottom)
			canvas_hline(c, y + CARD_LINES, x + 1 + (k > 0), w - 2 - (k > 0),
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

static void
draw_status(struct board *b, struct canvas *c)
{
	const struct layout *l = &b->lay;
	int y = l->status_y;

	canvas_fill(c, y, 0, 1, c->w, ROLE_STATUS);
	if (l->more_left)
		canvas_text(c, y, 0, 2, glyph(c, "‹", "<"), ROLE_STATUS);
	if (l->more_right)
		canvas_text(c, y, c->w - 1, 1, glyph(c, "›", ">"), ROLE_STATUS);
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
	if (b->dirty & DIRTY_COLUMNS)
		for (int k = 0; k < b->lay.ncols; k++)
			if (b->dirty_cols & (1ULL << (b->lay.first_col + k)))
				draw_column(b, c, k);
	if (b->dirty & DIRTY_STATUS)
		draw_status(b, c);
	b->dirty &= ~(unsigned)(DIRTY_TITLE | DIRTY_COLUMNS | DIRTY_STATUS);
	b->dirty_cols = 0;
}
