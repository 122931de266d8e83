/* The "which key does what" box of the board and the stats screen. */
#ifndef DD_HELP_BOX_H
#define DD_HELP_BOX_H

#include "canvas.h"

/*
 * A box centred on c, clear of the status line: the title, then n rows of a
 * key (keyw columns wide) and what it does, in one column at most maxw wide.
 * A row whose key is NULL is a heading. Text too long for the box wraps
 * under itself; rows that do not fit the height scroll: *top is the first
 * row shown (kept in range here), and ▲ ▼ on the border say there is more.
 */
void help_box(struct canvas *c, const char *title, int n, const char *const *keys,
	      const char *const *helps, int keyw, int maxw, int *top);

#endif
