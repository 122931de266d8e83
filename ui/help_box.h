/* The "which key does what" box of the board and the stats screen. */
#ifndef DD_HELP_BOX_H
#define DD_HELP_BOX_H

#include "canvas.h"

/*
 * A box centred on c: the title, then n lines of keys (keyw columns wide) and
 * what they do, in two columns when one does not fit the height (80x24 must
 * show them all); a column is at most colmax wide.
 */
void help_box(struct canvas *c, const char *title, int n, const char *const *keys,
	      const char *const *helps, int keyw, int colmax);

#endif
