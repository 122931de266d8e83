#include <stdio.h>
#include <stdlib.h>

#include "help_box.h"
#include "layout.h"
#include "strbuf.h"
#include "wrap.h"
#include "xmalloc.h"

void
help_box(struct canvas *c, const char *title, int n, const char *const *keys,
	 const char *const *helps, int keyw, int maxw, int *top)
{
	int w = c->w - 2 < maxw ? c->w - 2 : maxw, textw = w - 4 - keyw - 1;
	struct strvec lines = {0};
	int *owner, rows, h, y, x, visible;
	char more[32];

	if (w < keyw + 8 || c->h < 5)
		return;
	/* The wrapped rows, each remembering its entry (the first row of one shows its key). */
	owner = NULL;
	for (int i = 0; i < n; i++) {
		size_t before = lines.n;

		/* A heading: a blank row above it, its text from the key column on. */
		if (keys[i] == NULL)
			strvec_push(&lines, "");
		wrap_push(&lines, helps[i], keys[i] ? textw : w - 4, 0);
		owner = xreallocarray(owner, lines.n + 1, sizeof *owner);
		for (size_t k = before; k < lines.n; k++)
			owner[k] = keys[i] == NULL ? -1 - i : (k == before ? i : n);
	}
	rows = (int)lines.n;
	h = rows + 4 > c->h - 2 ? c->h - 2 : rows + 4;
	h = h < 4 ? 4 : h;
	visible = h - 3;
	*top = (int)scroll_clamp(*top, rows, visible);
	y = 1 + (c->h - 2 - h) / 2; /* clear of the title bar and the status line */
	x = (c->w - w) / 2;
	canvas_fill(c, y, x, h, w, ROLE_NORMAL);
	canvas_box(c, y, x, h, w, ROLE_BORDER);
	canvas_text(c, y, x + 2, w - 4, title, ROLE_HEADER);
	for (int r = 0; r < visible && *top + r < rows; r++) {
		int k = *top + r, e = owner[k];

		if (e < 0) {
			canvas_text(c, y + 2 + r, x + 2, w - 4, lines.v[k], ROLE_HEADER);
			continue;
		}
		if (e < n)
			canvas_text(c, y + 2 + r, x + 2, keyw, keys[e], ROLE_HEADER);
		canvas_text(c, y + 2 + r, x + 3 + keyw, textw, lines.v[k], ROLE_NORMAL);
	}
	if (*top > 0) {
		snprintf(more, sizeof more, " %s %d more ", glyph(c, "▲", "^"), *top);
		canvas_text_right(c, y, x + 2, w - 4, more, ROLE_BORDER);
	}
	if (*top + visible < rows) {
		snprintf(more, sizeof more, " %s %d more ", glyph(c, "▼", "v"),
			 rows - *top - visible);
		canvas_text_right(c, y + h - 1, x + 2, w - 4, more, ROLE_BORDER);
	}
	free(owner);
	strvec_free(&lines);
}
