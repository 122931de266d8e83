/* Draws the board into a canvas: title bar, columns of cards, status line. */
#ifndef DD_BOARD_VIEW_H
#define DD_BOARD_VIEW_H

#include "board_model.h"
#include "canvas.h"

/* Draws what b->dirty asks for (everything with DIRTY_ALL) and clears those flags. */
void board_view_draw(struct board *b, struct canvas *c);
/* The message of every screen when the terminal is below LAYOUT_MIN_W x LAYOUT_MIN_H. */
void draw_too_small(struct canvas *c);
/* " warn", " ROT" after a deal's days ("" when fresh), and their colour. */
const char *aging_word(enum aging a);
enum theme_role aging_role(enum aging a);

#endif
