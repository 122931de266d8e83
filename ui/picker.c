#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "layout.h"
#include "picker.h"
#include "text.h"
#include "xmalloc.h"

#define PICKER_MAX_W 72

void
picker_init(struct picker *p, const char *title, int multi)
{
	memset(p, 0, sizeof *p);
	p->title = xstrdup(title);
	p->multi = multi;
	line_edit_init(&p->query, "", 64);
}

void
picker_free(struct picker *p)
{
	if (p->title == NULL)
		return; /* never started, or freed */
	free(p->title);
	strvec_free(&p->values);
	strvec_free(&p->texts);
	strvec_free(&p->helps);
	free(p->checked);
	free(p->match);
	line_edit_free(&p->query);
	memset(p, 0, sizeof *p);
}

/* Whether hay contains needle, case ignored in any alphabet. */
static int
contains_fold(const char *hay, const char *needle)
{
	if (needle[0] == '\0')
		return 1;
	for (const char *h = hay; *h;) {
		const char *a = h, *b = needle;
		uint32_t ca, cb;

		while (*a && *b) {
			size_t na = utf8_decode(a, &ca), nb = utf8_decode(b, &cb);

			if (cp_lower(ca) != cp_lower(cb))
				break;
			a += na;
			b += nb;
		}
		if (*b == '\0')
			return 1;
		h += utf8_decode(h, &ca);
	}
	return 0;
}

/*
 * The items whose text or help (an owner's display name) contains the query;
 * the selection stays on the same item when it can.
 */
static void
refilter(struct picker *p)
{
	const char *q = line_edit_text(&p->query);
	int was = p->nmatch > 0 ? p->match[p->sel] : -1;

	p->nmatch = 0;
	p->sel = 0;
	for (size_t i = 0; i < p->texts.n; i++)
		if (contains_fold(p->texts.v[i], q) || contains_fold(p->helps.v[i], q)) {
			if ((int)i == was)
				p->sel = p->nmatch;
			p->match[p->nmatch++] = (int)i;
		}
	p->top = 0;
}

void
picker_add(struct picker *p, const char *value, const char *text, const char *help, int checked)
{
	size_t n = p->texts.n + 1;

	strvec_push(&p->values, value);
	strvec_push(&p->texts, text);
	strvec_push(&p->helps, help ? help : "");
	p->checked = xreallocarray(p->checked, n, 1);
	p->checked[n - 1] = (unsigned char)(checked != 0);
	p->match = xreallocarray(p->match, n, sizeof *p->match);
	refilter(p);
}

void
picker_select(struct picker *p, const char *value)
{
	for (int k = 0; value != NULL && k < p->nmatch; k++)
		if (strcmp(p->values.v[p->match[k]], value) == 0)
			p->sel = k;
}

static void
move(struct picker *p, int d)
{
	p->sel += d;
	if (p->sel >= p->nmatch)
		p->sel = p->nmatch - 1;
	if (p->sel < 0)
		p->sel = 0;
}

enum picker_result
picker_key(struct picker *p, int key)
{
	switch (key) {
	case K_ESC:
		return PICK_CANCEL;
	case K_ENTER:
		return p->nmatch > 0 ? PICK_DONE : PICK_NONE;
	case K_UP:
	case K_BTAB:
		move(p, -1);
		return PICK_NONE;
	case K_DOWN:
	case K_TAB:
		move(p, 1);
		return PICK_NONE;
	case K_PGUP:
		move(p, -10);
		return PICK_NONE;
	case K_PGDN:
		move(p, 10);
		return PICK_NONE;
	case K_HOME:
		move(p, -p->nmatch);
		return PICK_NONE;
	case K_END:
		move(p, p->nmatch);
		return PICK_NONE;
	}
	if (p->multi) {
		if (key == ' ' && p->nmatch > 0)
			p->checked[p->match[p->sel]] ^= 1;
		else if (key == 'j' || key == 'k')
			move(p, key == 'j' ? 1 : -1);
		return PICK_NONE;
	}
	if (line_edit_key(&p->query, key) == LE_CHANGED)
		refilter(p);
	return PICK_NONE;
}

const char *
picker_value(const struct picker *p)
{
	return p->nmatch > 0 ? p->values.v[p->match[p->sel]] : NULL;
}

int
picker_checked(const struct picker *p, size_t item)
{
	return item < p->texts.n && p->checked[item];
}

void
picker_draw(struct picker *p, struct canvas *c, int *cy, int *cx)
{
	int w = c->w - 4 < PICKER_MAX_W ? c->w - 4 : PICKER_MAX_W, inner = w - 4;
	int head = p->multi ? 0 : 2; /* the typed text, and a blank line */
	int rows = p->nmatch > 0 ? p->nmatch : 1, h = rows + head + 4, y, x, tw = 0;

	*cy = *cx = -1;
	if (w < 20)
		return;
	if (h > c->h - 2)
		h = c->h - 2;
	rows = h - 4 - head;
	y = (c->h - h) / 2;
	x = (c->w - w) / 2;
	canvas_fill(c, y, x, h, w, ROLE_NORMAL);
	canvas_box(c, y, x, h, w, ROLE_BORDER);
	canvas_text(c, y, x + 2, inner, p->title, ROLE_HEADER);
	canvas_text(c, y + h - 1, x + 2, inner,
		    p->multi ? " Space checks  Enter applies  Esc cancels "
			     : " type to find  Up/Down choose  Enter picks  Esc cancels ",
		    ROLE_BORDER);
	if (!p->multi) {
		int lw = canvas_text(c, y + 2, x + 2, inner, "find: ", ROLE_DIM);

		*cx = line_edit_draw(&p->query, c, y + 2, x + 2 + lw, inner - lw, ROLE_INPUT);
		*cy = y + 2;
	}
	if (p->nmatch == 0) {
		char *msg = xasprintf("nothing matches '%s'", line_edit_text(&p->query));

		canvas_text(c, y + 2 + head, x + 2, inner, msg, ROLE_ERROR);
		free(msg);
		return;
	}
	for (int k = 0; k < p->nmatch; k++) {
		int t = text_width(p->texts.v[p->match[k]]);

		tw = t > tw ? t : tw;
	}
	tw += p->multi ? 4 : 0;
	if (tw > inner * 2 / 3)
		tw = inner * 2 / 3;
	p->top = (int)scroll_clamp(scroll_follow(p->top, p->sel, rows), p->nmatch, rows);
	for (int r = 0; r < rows && p->top + r < p->nmatch; r++) {
		int i = p->match[p->top + r], ry = y + 2 + head + r, used = 0;

		if (p->multi)
			used = canvas_text(c, ry, x + 2, inner, p->checked[i] ? "[x] " : "[ ] ",
					   ROLE_NORMAL);
		canvas_text(c, ry, x + 2 + used, tw - used, p->texts.v[i], ROLE_NORMAL);
		canvas_text(c, ry, x + 3 + tw, inner - tw - 1, p->helps.v[i], ROLE_DIM);
		if (p->top + r == p->sel)
			canvas_style(c, ry, x + 2, inner, ROLE_SELECTED, 1, 0);
	}
}
