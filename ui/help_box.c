#include "help_box.h"

void
help_box(struct canvas *c, const char *title, int n, const char *const *keys,
	 const char *const *helps, int keyw, int colmax)
{
	int ncol = n + 4 > c->h - 2 ? 2 : 1, rows = (n + ncol - 1) / ncol;
	int w = c->w - 2 < colmax * ncol ? c->w - 2 : colmax * ncol;
	int h = rows + 4 > c->h ? c->h : rows + 4, y = (c->h - h) / 2, x = (c->w - w) / 2;
	int colw = (w - 2) / ncol;

	canvas_fill(c, y, x, h, w, ROLE_NORMAL);
	canvas_box(c, y, x, h, w, ROLE_BORDER);
	canvas_text(c, y, x + 2, w - 4, title, ROLE_HEADER);
	for (int i = 0; i < n; i++) {
		int row = i % rows, cx = x + 2 + (i / rows) * colw;

		if (row + 2 >= h - 1)
			continue;
		canvas_text(c, y + 2 + row, cx, keyw, keys[i], ROLE_HEADER);
		canvas_text(c, y + 2 + row, cx + keyw + 1, colw - keyw - 2, helps[i], ROLE_NORMAL);
	}
}
