#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "line_edit.h"
#include "text.h"
#include "xmalloc.h"

static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* A combining mark (or other zero-width character) at byte i: it belongs to the one before. */
static int
mark_at(const struct line_edit *e, size_t i)
{
	uint32_t cp;

	if (i >= e->len)
		return 0;
	utf8_decode(e->buf + i, &cp);
	return cp_width(cp) == 0;
}

static int
on_boundary(const struct line_edit *e, size_t i)
{
	return i == 0 || i >= e->len || !mark_at(e, i);
}

static size_t
cp_before(const struct line_edit *e, size_t i)
{
	while (i > 0 && ((unsigned char)e->buf[--i] & 0xc0) == 0x80)
		;
	return i;
}

static size_t
next_char(const struct line_edit *e, size_t i)
{
	uint32_t cp;

	if (i >= e->len)
		return e->len;
	i += utf8_decode(e->buf + i, &cp);
	while (i < e->len && mark_at(e, i))
		i += utf8_decode(e->buf + i, &cp);
	return i;
}

static size_t
prev_char(const struct line_edit *e, size_t i)
{
	if (i == 0)
		return 0;
	i = cp_before(e, i);
	while (i > 0 && mark_at(e, i))
		i = cp_before(e, i);
	return i;
}

/* Display columns of buf[from, to). */
static int
span_width(const struct line_edit *e, size_t from, size_t to)
{
	int w = 0;

	while (from < to) {
		uint32_t cp;

		from += utf8_decode(e->buf + from, &cp);
		w += cp_width(cp);
	}
	return w;
}

static void
reserve(struct line_edit *e, size_t len)
{
	if (len + 1 <= e->cap)
		return;
	e->cap = e->cap * 2 > len + 1 ? e->cap * 2 : len + 1;
	e->buf = xrealloc(e->buf, e->cap);
}

/* Replaces buf[from, to) with n bytes of s. */
static void
splice(struct line_edit *e, size_t from, size_t to, const char *s, size_t n)
{
	size_t len = e->len - (to - from) + n;

	reserve(e, len);
	memmove(e->buf + from + n, e->buf + to, e->len - to + 1);
	memcpy(e->buf + from, s, n);
	e->len = len;
}

void
line_edit_init(struct line_edit *e, const char *initial, size_t max_bytes)
{
	*e = (struct line_edit){.max_bytes = max_bytes};
	reserve(e, 0);
	e->buf[0] = '\0';
	line_edit_set(e, initial);
}

void
line_edit_free(struct line_edit *e)
{
	free(e->buf);
	*e = (struct line_edit){0};
}

void
line_edit_set(struct line_edit *e, const char *text)
{
	char *copy = xstrdup(text ? text : ""); /* text may be our own buffer */

	e->len = e->cursor = 0;
	e->scroll = 0;
	e->buf[0] = '\0';
	for (const char *p = copy; *p;) {
		uint32_t cp;
		size_t k = utf8_decode(p, &cp);

		if (cp == 0xfffd && k == 1)
			splice(e, e->len, e->len, "\xef\xbf\xbd", 3);
		else if (text_is_control(cp))
			splice(e, e->len, e->len, " ", 1);
		else
			splice(e, e->len, e->len, p, k);
		p += k;
	}
	free(copy);
	if (e->max_bytes > 0 && e->len > e->max_bytes) {
		size_t cut = e->max_bytes;

		/* Back to the start of a character, then of its base character. */
		while (cut > 0 && ((unsigned char)e->buf[cut] & 0xc0) == 0x80)
			cut--;
		while (cut > 0 && !on_boundary(e, cut))
			cut = cp_before(e, cut);
		e->len = cut;
		e->buf[cut] = '\0';
	}
	e->cursor = e->len;
}

const char *
line_edit_text(const struct line_edit *e)
{
	return e->buf;
}

static enum le_result
insert(struct line_edit *e, uint32_t cp)
{
	char u[4];
	size_t n = utf8_encode(cp, u);

	if (e->max_bytes > 0 && e->len + n > e->max_bytes)
		return LE_MOVED;
	splice(e, e->cursor, e->cursor, u, n);
	e->cursor += n;
	/* A base typed before a mark (only possible at the start) takes the mark with it. */
	while (!on_boundary(e, e->cursor))
		e->cursor = next_char(e, e->cursor);
	return LE_CHANGED;
}

static enum le_result
erase(struct line_edit *e, size_t from, size_t to)
{
	if (from >= to)
		return LE_MOVED;
	splice(e, from, to, "", 0);
	e->cursor = from;
	return LE_CHANGED;
}

/* Readline's unix-word-rubout: the spaces before the cursor, then the word before them. */
static size_t
word_start(const struct line_edit *e, size_t i)
{
	while (i > 0 && e->buf[prev_char(e, i)] == ' ')
		i = prev_char(e, i);
	while (i > 0 && e->buf[prev_char(e, i)] != ' ')
		i = prev_char(e, i);
	return i;
}

enum le_result
line_edit_key(struct line_edit *e, int key)
{
	switch (key) {
	case K_LEFT:
		e->cursor = prev_char(e, e->cursor);
		return LE_MOVED;
	case K_RIGHT:
		e->cursor = next_char(e, e->cursor);
		return LE_MOVED;
	case K_HOME:
	case K_CTRL_A:
		e->cursor = 0;
		return LE_MOVED;
	case K_END:
	case K_CTRL_E:
		e->cursor = e->len;
		return LE_MOVED;
	case K_BACKSPACE:
	case 8: /* Ctrl-H */
		return erase(e, prev_char(e, e->cursor), e->cursor);
	case K_DELETE:
		return erase(e, e->cursor, next_char(e, e->cursor));
	case K_CTRL_U:
		return erase(e, 0, e->cursor);
	case K_CTRL_K:
		return erase(e, e->cursor, e->len);
	case K_CTRL_W:
		return erase(e, word_start(e, e->cursor), e->cursor);
	}
	if (key < 0 || key > 0x10ffff || (key >= 0xd800 && key <= 0xdfff) ||
	    text_is_control((uint32_t)key))
		return LE_UNHANDLED;
	return insert(e, (uint32_t)key);
}

/* Draws one character (base and marks) whose columns are known to fit. */
static void
draw_char(const struct line_edit *e, struct canvas *c, int y, int x, int w, size_t from, size_t to,
	  enum theme_role role)
{
	char tmp[64];
	size_t n = to - from;

	/* A cell keeps a few marks only; cut a long run of them at a code point. */
	if (n >= sizeof tmp) {
		n = sizeof tmp - 1;
		while (n > 0 && ((unsigned char)e->buf[from + n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(tmp, e->buf + from, n);
	tmp[n] = '\0';
	canvas_text(c, y, x, w, tmp, role);
}

int
line_edit_draw(struct line_edit *e, struct canvas *c, int y, int x, int w, enum theme_role role)
{
	int cur, total, curw, col = 0;

	if (w <= 0)
		return x;
	cur = span_width(e, 0, e->cursor);
	total = span_width(e, e->cursor, e->len) + cur;
	curw = e->cursor < e->len ? span_width(e, e->cursor, next_char(e, e->cursor)) : 1;
	if (curw < 1)
		curw = 1;
	/* Show as much text as fits (after a deletion), then bring the cursor's character in. */
	if (e->scroll > total + 1 - w)
		e->scroll = total + 1 - w;
	if (e->scroll < 0)
		e->scroll = 0;
	if (cur < e->scroll)
		e->scroll = cur;
	if (cur + curw > e->scroll + w)
		e->scroll = cur + curw - w;
	if (e->scroll > cur)
		e->scroll = cur; /* a wide character in a one-column field */

	canvas_fill(c, y, x, 1, w, role);
	for (size_t i = 0; i < e->len && col < e->scroll + w;) {
		size_t j = next_char(e, i);
		int cw = span_width(e, i, j);

		/* Characters cut by either edge stay blank. */
		if (cw > 0 && col >= e->scroll && col + cw <= e->scroll + w)
			draw_char(e, c, y, x + col - e->scroll, cw, i, j, role);
		col += cw;
		i = j;
	}
	return x + cur - e->scroll;
}
