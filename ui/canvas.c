#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "text.h"
#include "xmalloc.h"

#define ELLIPSIS "\xe2\x80\xa6"

void
canvas_init(struct canvas *c, int w, int h, int ascii)
{
	c->w = w > 0 && h > 0 ? w : 0;
	c->h = w > 0 && h > 0 ? h : 0;
	c->ascii = ascii;
	c->cells = NULL;
	if (c->w > 0) {
		size_t n = (size_t)c->w * (size_t)c->h;

		c->cells = xreallocarray(NULL, n, sizeof *c->cells);
		for (size_t i = 0; i < n; i++)
			c->cells[i] = (struct cell){.ch = " ", .role = ROLE_NORMAL};
	}
}

void
canvas_free(struct canvas *c)
{
	free(c->cells);
	c->cells = NULL;
	c->w = c->h = 0;
}

/* NULL outside the canvas, so callers can clip with one test. */
struct cell *
canvas_at(struct canvas *c, int y, int x)
{
	if (y < 0 || y >= c->h || x < 0 || x >= c->w)
		return NULL;
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

static int
is_right_half(const struct cell *k)
{
	return k->ch[0] == '\0';
}

/*
 * Before (y, x) is overwritten: if it is half of a wide character, the other
 * half becomes a space, so the grid never holds an orphan half.
 */
static void
unpair(struct canvas *c, int y, int x)
{
	struct cell *k = canvas_at(c, y, x), *o;

	if (is_right_half(k) && (o = canvas_at(c, y, x - 1)) != NULL)
		strcpy(o->ch, " ");
	if ((o = canvas_at(c, y, x + 1)) != NULL && is_right_half(o))
		strcpy(o->ch, " ");
}

static void
set_cell(struct cell *k, const char *g, enum theme_role role)
{
	size_t n = strlen(g);

	/* Glyphs here are one code point; anything longer must not end up as "" (a right half). */
	if (n >= CELL_BYTES) {
		g = " ";
		n = 1;
	}
	memcpy(k->ch, g, n);
	k->ch[n] = '\0';
	k->role = (unsigned char)role;
	k->bold = k->reverse = 0;
}

/* Writes a glyph of width 1 or 2 at (y, x); the caller has checked it fits. */
static struct cell *
put(struct canvas *c, int y, int x, const char *g, int width, enum theme_role role)
{
	struct cell *k = canvas_at(c, y, x);

	unpair(c, y, x);
	if (width == 2) {
		unpair(c, y, x + 1);
		set_cell(canvas_at(c, y, x + 1), "", role);
	}
	set_cell(k, g, role);
	return k;
}

void
canvas_fill(struct canvas *c, int y, int x, int h, int w, enum theme_role role)
{
	for (int i = y; i < y + h; i++)
		for (int j = x; j < x + w; j++)
			if (canvas_at(c, i, j) != NULL)
				put(c, i, j, " ", 1, role);
}

/*
 * Invisible format characters that terminals draw in different ways (joiners,
 * bidi controls, BOM, emoji presentation): dropped, so the width we measured
 * is the width the terminal shows.
 */
static int
cp_dropped(uint32_t cp)
{
	return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f && cp != 0x2065) || cp == 0xfeff || cp == 0xfe0f;
}

/* One code point as it will be drawn: its bytes (or a stand-in) and its width. */
struct unit {
	char g[8];
	int width; /* 0: a combining mark for the previous cell; -1: dropped */
};

static size_t
next_unit(const char *s, int ascii, struct unit *u)
{
	uint32_t cp;
	size_t k = utf8_decode(s, &cp);

	u->width = 1;
	if (cp == 0xfffd && k == 1) {
		strcpy(u->g, ascii ? "?" : "\xef\xbf\xbd");
	} else if (text_is_control(cp)) {
		strcpy(u->g, " ");
	} else if (cp_dropped(cp)) {
		u->g[0] = '\0';
		u->width = -1;
	} else {
		memcpy(u->g, s, k);
		u->g[k] = '\0';
		u->width = cp_width(cp);
	}
	return k;
}

/* Columns s takes when drawn (leading combining marks have nothing to attach to). */
static int
draw_width(const char *s, int ascii)
{
	struct unit u;
	int w = 0;

	while (*s) {
		s += next_unit(s, ascii, &u);
		if (u.width > 0)
			w += u.width;
	}
	return w;
}

static void
attach(struct cell *k, const char *mark)
{
	size_t n = strlen(k->ch), m = strlen(mark);

	if (n + m < CELL_BYTES)
		memcpy(k->ch + n, mark, m + 1);
}

int
canvas_text(struct canvas *c, int y, int x, int maxw, const char *s, enum theme_role role)
{
	struct cell *last = NULL;
	struct unit u;
	int limit, avail, col = 0, cut;

	if (y < 0 || y >= c->h || maxw <= 0 || x >= c->w || s == NULL)
		return 0;
	limit = (long long)maxw < (long long)c->w - x ? maxw : c->w - x;
	if (limit <= 0)
		return 0;
	cut = draw_width(s, c->ascii) > limit;
	avail = cut ? limit - 1 : limit;
	while (*s) {
		s += next_unit(s, c->ascii, &u);
		if (u.width == 0 && last != NULL)
			attach(last, u.g);
		if (u.width <= 0)
			continue;
		if (col + u.width > avail)
			break;
		if (x + col >= 0) {
			last = put(c, y, x + col, u.g, u.width, role);
		} else {
			/* Left of the canvas; a wide character across its edge shows its space. */
			if (x + col + u.width > 0)
				put(c, y, 0, " ", 1, role);
			last = NULL;
		}
		col += u.width;
	}
	if (!cut)
		return col;
	/* A wide character that would straddle the ellipsis leaves a space. */
	for (; col < limit - 1; col++)
		if (x + col >= 0)
			put(c, y, x + col, " ", 1, role);
	if (x + col >= 0)
		put(c, y, x + col, glyph(c, ELLIPSIS, "~"), 1, role);
	return limit;
}

int
canvas_text_right(struct canvas *c, int y, int x, int maxw, const char *s, enum theme_role role)
{
	int w;

	if (s == NULL || maxw <= 0)
		return 0;
	w = draw_width(s, c->ascii);
	if (w >= maxw)
		return canvas_text(c, y, x, maxw, s, role);
	return canvas_text(c, y, x + maxw - w, w, s, role);
}

/* Whole wide characters: a span that covers one half styles both. */
void
canvas_style(struct canvas *c, int y, int x, int w, enum theme_role role, int reverse, int bold)
{
	struct cell *k;
	int from = x, to = x + w;

	if (w <= 0)
		return;
	if ((k = canvas_at(c, y, from)) != NULL && is_right_half(k))
		from--;
	if ((k = canvas_at(c, y, to)) != NULL && is_right_half(k))
		to++;
	for (int j = from; j < to; j++) {
		if ((k = canvas_at(c, y, j)) == NULL)
			continue;
		k->role = (unsigned char)role;
		k->reverse = (unsigned char)(reverse != 0);
		k->bold = (unsigned char)(bold != 0);
	}
}

/*
 * Line drawing by arms: a line drawn across or against another joins it (├ ┤
 * ┬ ┴ ┼), so neighbouring boxes share their edges. Draw boxes before the
 * lines that end on them: a plain "─" does not record where it ended.
 */
enum { ARM_U = 1, ARM_D = 2, ARM_L = 4, ARM_R = 8 };

static const char *const line_glyphs[16] = {
	[ARM_L | ARM_R] = "─",
	[ARM_L] = "─",
	[ARM_R] = "─",
	[ARM_U | ARM_D] = "│",
	[ARM_U] = "│",
	[ARM_D] = "│",
	[ARM_D | ARM_R] = "┌",
	[ARM_D | ARM_L] = "┐",
	[ARM_U | ARM_R] = "└",
	[ARM_U | ARM_L] = "┘",
	[ARM_U | ARM_D | ARM_R] = "├",
	[ARM_U | ARM_D | ARM_L] = "┤",
	[ARM_D | ARM_L | ARM_R] = "┬",
	[ARM_U | ARM_L | ARM_R] = "┴",
	[ARM_U | ARM_D | ARM_L | ARM_R] = "┼",
};

static int
line_arms(const struct canvas *c, const char *g)
{
	if (c->ascii)
		return strcmp(g, "-") == 0   ? ARM_L | ARM_R
		       : strcmp(g, "|") == 0 ? ARM_U | ARM_D
		       : strcmp(g, "+") == 0 ? ARM_U | ARM_D | ARM_L | ARM_R
					     : 0;
	if (strcmp(g, "─") == 0)
		return ARM_L | ARM_R;
	if (strcmp(g, "│") == 0)
		return ARM_U | ARM_D;
	for (int m = 0; m < 16; m++)
		if (line_glyphs[m] != NULL && m != (ARM_L | ARM_R) && m != (ARM_U | ARM_D) &&
		    strcmp(g, line_glyphs[m]) == 0)
			return m;
	return 0;
}

static void
put_line(struct canvas *c, int y, int x, int arms, enum theme_role role)
{
	struct cell *k = canvas_at(c, y, x);
	const char *g;

	if (k == NULL)
		return;
	arms |= line_arms(c, k->ch);
	if (!c->ascii)
		g = line_glyphs[arms];
	else if (arms & (ARM_U | ARM_D))
		g = arms & (ARM_L | ARM_R) ? "+" : "|";
	else
		g = "-";
	put(c, y, x, g, 1, role);
}

void
canvas_hline(struct canvas *c, int y, int x, int w, enum theme_role role)
{
	for (int j = 0; j < w; j++) {
		int arms = ARM_L | ARM_R;

		if (w > 1 && j == 0)
			arms = ARM_R;
		else if (w > 1 && j == w - 1)
			arms = ARM_L;
		put_line(c, y, x + j, arms, role);
	}
}

void
canvas_vline(struct canvas *c, int y, int x, int h, enum theme_role role)
{
	for (int i = 0; i < h; i++) {
		int arms = ARM_U | ARM_D;

		if (h > 1 && i == 0)
			arms = ARM_D;
		else if (h > 1 && i == h - 1)
			arms = ARM_U;
		put_line(c, y + i, x, arms, role);
	}
}

/* Corners drawn as corners, so they join what is already there (┬ between two boxes). */
void
canvas_box(struct canvas *c, int y, int x, int h, int w, enum theme_role role)
{
	if (h <= 0 || w <= 0)
		return;
	if (h == 1) {
		canvas_hline(c, y, x, w, role);
		return;
	}
	if (w == 1) {
		canvas_vline(c, y, x, h, role);
		return;
	}
	for (int j = x + 1; j < x + w - 1; j++) {
		put_line(c, y, j, ARM_L | ARM_R, role);
		put_line(c, y + h - 1, j, ARM_L | ARM_R, role);
	}
	for (int i = y + 1; i < y + h - 1; i++) {
		put_line(c, i, x, ARM_U | ARM_D, role);
		put_line(c, i, x + w - 1, ARM_U | ARM_D, role);
	}
	put_line(c, y, x, ARM_D | ARM_R, role);
	put_line(c, y, x + w - 1, ARM_D | ARM_L, role);
	put_line(c, y + h - 1, x, ARM_U | ARM_R, role);
	put_line(c, y + h - 1, x + w - 1, ARM_U | ARM_L, role);
}

void
canvas_print(const struct canvas *c, FILE *f)
{
	for (int y = 0; y < c->h; y++) {
		const struct cell *row = &c->cells[(size_t)y * (size_t)c->w];
		int end = c->w;

		while (end > 0 &&
		       (strcmp(row[end - 1].ch, " ") == 0 || row[end - 1].ch[0] == '\0'))
			end--;
		for (int x = 0; x < end; x++)
			fputs(row[x].ch, f);
		fputc('\n', f);
	}
}

const char *
glyph(const struct canvas *c, const char *utf8, const char *ascii)
{
	return c->ascii ? ascii : utf8;
}
