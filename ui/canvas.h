/*
 * A grid of cells the screens draw into: each cell one glyph (UTF-8) and a
 * theme role. The curses screen copies it to the terminal; `dealdeck board`
 * prints it as plain text. One layout, two outputs.
 */
#ifndef DD_CANVAS_H
#define DD_CANVAS_H

#include <stdio.h>

#include "theme.h"

#define CELL_BYTES 16 /* a character and its combining marks */

struct cell {
	char ch[CELL_BYTES]; /* "" for the right half of a wide character */
	unsigned char role;  /* enum theme_role */
	unsigned char bold, reverse;
};

struct canvas {
	int w, h;
	int ascii; /* borders and glyphs from ASCII only */
	struct cell *cells;
};

void canvas_init(struct canvas *c, int w, int h, int ascii);
void canvas_free(struct canvas *c);
struct cell *canvas_at(struct canvas *c, int y, int x);
/* Fills a rectangle with spaces of a role. */
void canvas_fill(struct canvas *c, int y, int x, int h, int w, enum theme_role role);
/*
 * Writes UTF-8 text at (y, x), at most maxw columns, cut with "…" ("~" in
 * ASCII); control characters become spaces. Returns the columns used.
 */
int canvas_text(struct canvas *c, int y, int x, int maxw, const char *s, enum theme_role role);
/* The same, right-aligned in maxw columns. */
int canvas_text_right(struct canvas *c, int y, int x, int maxw, const char *s,
		      enum theme_role role);
/* Marks cells reverse/bold (selection, emphasis) without changing the text. */
void canvas_style(struct canvas *c, int y, int x, int w, enum theme_role role, int reverse,
		  int bold);
/* A box border; the inside is left alone. */
void canvas_box(struct canvas *c, int y, int x, int h, int w, enum theme_role role);
void canvas_hline(struct canvas *c, int y, int x, int w, enum theme_role role);
void canvas_vline(struct canvas *c, int y, int x, int h, enum theme_role role);
/* Prints rows as plain text (no escape codes), trailing spaces trimmed. */
void canvas_print(const struct canvas *c, FILE *f);

/* A glyph with its ASCII stand-in, e.g. glyph(c, "…", "~"). */
const char *glyph(const struct canvas *c, const char *utf8, const char *ascii);

#endif
