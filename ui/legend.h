/* The card markers explained, for the help box: what each word or glyph on a card says. */
#ifndef DD_LEGEND_H
#define DD_LEGEND_H

#include "canvas.h"

/* Fills up to max (marker, meaning) rows, glyphs as c draws them; returns how many. */
int legend_rows(const struct canvas *c, const char **markers, const char **meanings, int max);

#endif
