/*
 * A single-line UTF-8 text editor for form fields, without curses: keys in
 * (ui/input.h), text and a cursor out, drawn into a canvas. The text is
 * always valid UTF-8 and the cursor always sits between two characters (a
 * base character with its combining marks counts as one).
 */
#ifndef DD_LINE_EDIT_H
#define DD_LINE_EDIT_H

#include <stddef.h>

#include "canvas.h"

struct line_edit {
	char *buf; /* NUL-terminated */
	size_t len, cap;
	size_t cursor;    /* byte offset, on a character boundary */
	int scroll;       /* first visible display column */
	size_t max_bytes; /* 0: unlimited */
};

/*
 * Starts with initial (NULL for empty), cursor at the end. Invalid UTF-8
 * becomes U+FFFD and control characters spaces; text beyond max_bytes is cut
 * at a character boundary.
 */
void line_edit_init(struct line_edit *e, const char *initial, size_t max_bytes);
void line_edit_free(struct line_edit *e);
/* Replaces the text as line_edit_init does. */
void line_edit_set(struct line_edit *e, const char *text);
const char *line_edit_text(const struct line_edit *e);

enum le_result {
	LE_UNHANDLED, /* not an editing key: Tab, Enter, Esc, Up... are the form's */
	LE_MOVED,     /* handled, the text is unchanged (the cursor may have moved) */
	LE_CHANGED,   /* the text changed */
};

/*
 * Printable code points insert; Left/Right, Home/Ctrl-A, End/Ctrl-E move;
 * Backspace/Ctrl-H, Delete, Ctrl-U, Ctrl-K and Ctrl-W delete. An insertion that
 * would pass max_bytes is refused (LE_MOVED).
 */
enum le_result line_edit_key(struct line_edit *e, int key);

/*
 * Draws into the canvas at (y, x), w columns wide, scrolled so the cursor is
 * visible; returns the cursor's screen column.
 */
int line_edit_draw(struct line_edit *e, struct canvas *c, int y, int x, int w,
		   enum theme_role role);

#endif
