/* A theme on the terminal: one colour pair per role, or attributes only. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "theme.h"

static attr_t role_attrs[ROLE_COUNT];

static attr_t
style_attrs(const struct theme_style *s)
{
	return (s->bold ? A_BOLD : 0) | (s->underline ? A_UNDERLINE : 0) |
	       (s->reverse ? A_REVERSE : 0) | (s->dim ? A_DIM : 0);
}

void
theme_start(const struct theme *t, int use_color)
{
	struct theme mono;
	int color = use_color && theme_has_color(t) && has_colors() && start_color() == OK;
	int keep_default = color && use_default_colors() == OK;

	/* A colour theme's attributes assume its colours: without them, show mono. */
	if (!color && theme_has_color(t)) {
		theme_mono(&mono);
		t = &mono;
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &t->style[r];
		short fg = (short)theme_color_fit(s->fg, COLORS);
		short bg = (short)theme_color_fit(s->bg, COLORS);

		role_attrs[r] = style_attrs(s);
		if (!color || (fg == -1 && bg == -1) || r + 1 >= COLOR_PAIRS)
			continue;
		if (!keep_default) { /* -1 needs use_default_colors() */
			fg = fg == -1 ? COLOR_WHITE : fg;
			bg = bg == -1 ? COLOR_BLACK : bg;
		}
		if (init_pair((short)(r + 1), fg, bg) == OK)
			role_attrs[r] |= COLOR_PAIR(r + 1);
	}
	/* Cells drawn with no role, and cleared ones, take normal's colours. */
	bkgdset(' ' | (role_attrs[ROLE_NORMAL] & A_COLOR));
}

attr_t
theme_attr(enum theme_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_attrs[r] : 0;
}
