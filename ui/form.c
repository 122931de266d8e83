#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "input.h"
#include "layout.h"
#include "text.h"
#include "wrap.h"
#include "xmalloc.h"

#define FORM_MAX_W 76
#define LABEL_W    16
#define MSG_ROWS   4 /* a longer message is cut on its last row */
#define TITLE_ROWS 3

void
form_init(struct form *f, const char *title)
{
	memset(f, 0, sizeof *f);
	f->title = xstrdup(title);
	f->focus = -1;
}

void
form_free(struct form *f)
{
	for (int i = 0; i < f->n; i++) {
		struct field *fl = &f->fields[i];

		free(fl->label);
		free(fl->info);
		if (fl->kind == FIELD_TEXT)
			line_edit_free(&fl->edit);
		for (int k = 0; k < fl->nchoices; k++)
			free(fl->choices[k]);
		free(fl->choices);
	}
	free(f->fields);
	free(f->title);
	free(f->message);
	free(f->hint);
	memset(f, 0, sizeof *f);
}

static struct field *
add(struct form *f, enum field_kind kind, const char *label, int tag)
{
	struct field *fl;

	f->fields = xreallocarray(f->fields, (size_t)f->n + 1, sizeof *f->fields);
	fl = &f->fields[f->n++];
	memset(fl, 0, sizeof *fl);
	fl->kind = kind;
	fl->label = xstrdup(label ? label : "");
	fl->tag = tag;
	fl->role = ROLE_NORMAL;
	if (kind != FIELD_INFO && f->focus < 0)
		f->focus = f->n - 1;
	return fl;
}

void
form_info(struct form *f, const char *label, const char *text, enum theme_role role)
{
	struct field *fl = add(f, FIELD_INFO, label, 0);

	fl->info = xstrdup(text);
	fl->role = role;
}

void
form_action(struct form *f, const char *label, const char *text, enum theme_role role, int tag)
{
	struct field *fl = add(f, FIELD_INFO, label, tag);

	fl->info = xstrdup(text);
	fl->role = role;
	fl->focusable = 1;
}

struct field *
form_focused(struct form *f)
{
	return f->focus >= 0 && f->focus < f->n ? &f->fields[f->focus] : NULL;
}

struct field *
form_text(struct form *f, const char *label, const char *initial, int tag)
{
	struct field *fl = add(f, FIELD_TEXT, label, tag);

	line_edit_init(&fl->edit, initial ? initial : "", 4000);
	return fl;
}

struct field *
form_choice(struct form *f, const char *label, const char *const *choices, int n, int tag)
{
	struct field *fl = add(f, FIELD_CHOICE, label, tag);

	fl->choices = xcalloc((size_t)(n ? n : 1), sizeof *fl->choices);
	for (int i = 0; i < n; i++)
		fl->choices[i] = xstrdup(choices[i]);
	fl->nchoices = n;
	return fl;
}

void
form_message(struct form *f, int error, const char *text)
{
	free(f->message);
	f->message = text ? xstrdup(text) : NULL;
	f->message_error = error;
	f->reshaped = 1;
}

const char *
form_keys(const struct form *f)
{
	return f->hint ? f->hint : " Tab next  Enter next/submit  Esc cancel ";
}

void
form_hint(struct form *f, const char *text)
{
	free(f->hint);
	f->hint = text ? xstrdup(text) : NULL;
}

void
form_focus(struct form *f, const struct field *fl)
{
	int i = (int)(fl - f->fields);

	if (i >= 0 && i < f->n && (fl->kind != FIELD_INFO || fl->focusable))
		f->focus = i;
}

struct field *
form_field(struct form *f, int tag, int after)
{
	for (int i = after; i < f->n; i++)
		if (f->fields[i].tag == tag && f->fields[i].kind != FIELD_INFO)
			return &f->fields[i];
	return NULL;
}

const char *
form_value(const struct form *f, const struct field *fl)
{
	if (fl->kind == FIELD_TEXT)
		return line_edit_text(&fl->edit);
	if (fl->kind == FIELD_CHOICE && fl->nchoices > 0)
		return fl->choices[fl->choice];
	return "";
}

static int
step_focus(struct form *f, int dir)
{
	for (int i = f->focus + dir; i >= 0 && i < f->n; i += dir)
		if (f->fields[i].kind != FIELD_INFO || f->fields[i].focusable) {
			f->focus = i;
			return 1;
		}
	return 0;
}

enum form_result
form_key(struct form *f, int key)
{
	struct field *fl = f->focus >= 0 ? &f->fields[f->focus] : NULL;

	if (fl != NULL && fl->focusable && key != K_ESC && key != K_TAB && key != K_BTAB &&
	    key != K_UP && key != K_DOWN) {
		f->action_key = key;
		return FORM_ACTION;
	}
	switch (key) {
	case K_ESC:
		return FORM_CANCEL;
	case K_TAB:
	case K_DOWN:
		step_focus(f, 1);
		return FORM_NONE;
	case K_BTAB:
	case K_UP:
		step_focus(f, -1);
		return FORM_NONE;
	case K_ENTER:
		/* Enter moves on; on the last field it submits. */
		return fl == NULL || !step_focus(f, 1) ? FORM_SUBMIT : FORM_NONE;
	}
	if (fl == NULL)
		return FORM_NONE;
	if (fl->kind == FIELD_CHOICE && fl->nchoices > 0) {
		if (key == K_RIGHT || key == ' ')
			fl->choice = (fl->choice + 1) % fl->nchoices;
		else if (key == K_LEFT)
			fl->choice = (fl->choice + fl->nchoices - 1) % fl->nchoices;
		return FORM_NONE;
	}
	if (fl->kind == FIELD_TEXT)
		line_edit_key(&fl->edit, key);
	return FORM_NONE;
}

static int
info_rows(const struct field *fl, int w)
{
	return wrap_rows(fl->info, w);
}

/* Draws text wrapped into at most rows lines; the last one takes the rest, cut. */
static void
draw_wrapped(struct canvas *c, int y, int x, int w, int rows, const char *p, enum theme_role role)
{
	for (int k = 0; k < rows && *p; k++) {
		const char *next;
		size_t len = wrap_line(p, w, &next);
		char *piece = k == rows - 1 ? xstrdup(p) : xstrndup(p, len);

		canvas_text(c, y + k, x, w, piece, role);
		free(piece);
		p = next;
	}
}

void
form_draw(struct form *f, struct canvas *c, int *cy, int *cx)
{
	int w = c->w - 4 < FORM_MAX_W ? c->w - 4 : FORM_MAX_W;
	int inner = w - 4, valw = inner - LABEL_W - 1, rows = 0, y, x, h, mrows = 0, trows;

	*cy = *cx = -1;
	if (w < 20)
		return;
	if (f->message) { /* a blank line, then the message wrapped */
		mrows = wrap_rows(f->message, w - 4);
		mrows = mrows < MSG_ROWS ? mrows : MSG_ROWS;
	}
	/* A title too long for the border goes on below it: "→ Close" is never cut. */
	struct strvec title = {0};
	wrap_push(&title, f->title, w - 4, 1);
	trows = (int)title.n < TITLE_ROWS ? (int)title.n : TITLE_ROWS;
	for (int i = 0; i < f->n; i++)
		rows += f->fields[i].kind == FIELD_INFO ? info_rows(&f->fields[i], inner - 2) : 1;
	rows += f->message ? mrows + 1 : 0;
	h = rows + 3 + trows;
	if (h > c->h - 2)
		h = c->h - 2;
	y = (c->h - h) / 2;
	x = (c->w - w) / 2;
	canvas_fill(c, y, x, h, w, ROLE_NORMAL);
	canvas_box(c, y, x, h, w, ROLE_BORDER);
	for (int i = 0; i < trows; i++) {
		/* Longer still: the end (the move) stays, what is left out is marked. */
		int last = i == trows - 1 && title.n > (size_t)trows, o = 0;
		const char *t = last ? title.v[title.n - 1] : title.v[i];

		if (last)
			o = canvas_text(c, y + i, x + 3, 1, glyph(c, "…", "~"), ROLE_HEADER) + 1;
		o += canvas_text(c, y + i, x + 2 + o, w - 4 - o, t, ROLE_HEADER);
		canvas_style(c, y + i, x + 2, o, ROLE_HEADER, 0, 1);
	}
	strvec_free(&title);
	canvas_text(c, y + h - 1, x + 2, w - 4, form_keys(f), ROLE_BORDER);

	/* Scroll so the focused field is inside the box. */
	int top_y = y + 1 + trows, avail = h - 2 - trows - (f->message ? mrows + 1 : 0);
	int row = 0, focus_row = 0;
	for (int i = 0; i < f->n; i++) {
		if (i == f->focus)
			focus_row = row;
		row += f->fields[i].kind == FIELD_INFO ? info_rows(&f->fields[i], inner - 2) : 1;
	}
	f->top = scroll_follow(f->top, focus_row, avail);
	row = 0;
	for (int i = 0; i < f->n; i++) {
		struct field *fl = &f->fields[i];
		int n = fl->kind == FIELD_INFO ? info_rows(fl, inner - 2) : 1;
		int ry = top_y + row - f->top;

		row += n;
		if (ry < top_y || ry + n > top_y + avail)
			continue;
		if (fl->kind == FIELD_INFO) {
			canvas_text(c, ry, x + 2, 2, fl->label, fl->role);
			draw_wrapped(c, ry, x + 4, inner - 2, n, fl->info, fl->role);
			for (int k = 0; i == f->focus && k < n; k++) /* the focus shows */
				canvas_style(c, ry + k, x + 2, inner, ROLE_FOCUS, 1, 1);
			continue;
		}
		canvas_text(c, ry, x + 2, LABEL_W, fl->label,
			    i == f->focus ? ROLE_FOCUS : ROLE_DIM);
		if (fl->kind == FIELD_TEXT) {
			int col = line_edit_draw(&fl->edit, c, ry, x + 3 + LABEL_W, valw,
						 i == f->focus ? ROLE_INPUT : ROLE_NORMAL);
			if (i == f->focus) {
				*cy = ry;
				*cx = col;
			}
		} else {
			char buf[256];

			snprintf(buf, sizeof buf, "%s %s %s", glyph(c, "‹", "<"),
				 fl->nchoices ? fl->choices[fl->choice] : "(none)",
				 glyph(c, "›", ">"));
			canvas_text(c, ry, x + 3 + LABEL_W, valw, buf,
				    i == f->focus ? ROLE_INPUT : ROLE_NORMAL);
		}
	}
	if (f->message)
		draw_wrapped(c, y + h - 1 - mrows, x + 2, w - 4, mrows, f->message,
			     f->message_error ? ROLE_ERROR : ROLE_STATUS);
}
