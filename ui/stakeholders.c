/* The buying committee as a tree by reports-to, with the roles still missing. */
#include <stdio.h>

#include "date.h"
#include "layout.h"
#include "pane.h"
#include "vocab.h"

#define PERSON_ROWS 2

/* A colour per word of vocab_stances, in its order; a stance added there shows plain. */
static enum theme_role
stance_role(const char *stance)
{
	static const enum theme_role roles[] = {ROLE_SUPPORTER, ROLE_NEUTRAL, ROLE_SKEPTIC,
						ROLE_BLOCKER};
	int i = vocab_find(&vocab_stances, stance);

	return i >= 0 && i < (int)(sizeof roles / sizeof roles[0]) ? roles[i] : ROLE_NORMAL;
}

void
stakeholders_draw(struct pane *p, struct canvas *c, int y, int x, int h, int w, long today)
{
	char line[512];
	int rows, visible;

	if (p->missing.n > 0) {
		int o = snprintf(line, sizeof line, "missing:");

		for (size_t i = 0; i < p->missing.n && o < (int)sizeof line - 40; i++)
			o += snprintf(line + o, sizeof line - (size_t)o, "%s %s", i ? "," : "",
				      vocab_human(p->missing.v[i]));
		rows = pane_text(c, y, x, w, 2, line, ROLE_MARK_MISSING);
	} else {
		snprintf(line, sizeof line, "%s key roles mapped", glyph(c, "✓", "+"));
		rows = pane_text(c, y, x, w, 1, line, ROLE_MARK_OK);
	}
	y += rows + 1;
	h -= rows + 1;
	rows = (int)p->npeople;
	if (rows == 0) {
		pane_how_to_add(p, "nobody mapped yet", "a person", line, sizeof line);
		pane_text(c, y, x, w, 3, line, ROLE_DIM);
		return;
	}
	/* When they do not all fit, the last row counts the rest. */
	visible = rows * PERSON_ROWS > h ? (h - 1) / PERSON_ROWS : h / PERSON_ROWS;
	if (visible < 1)
		visible = 1;
	p->top = scroll_follow(p->top, p->sel, visible);
	for (int k = p->top; k < rows && k < p->top + visible; k++) {
		const struct stakeholder *s = &p->people[p->order[k]];
		int indent = p->depth[k] * 2 > w / 3 ? w / 3 : p->depth[k] * 2;
		int ry = y + (k - p->top) * PERSON_ROWS, sel = k == p->sel;
		long last;

		snprintf(line, sizeof line, "%s%s %s %s%s%s", sel ? glyph(c, "▶", ">") : " ",
			 s->name, glyph(c, "—", "-"), vocab_human(s->role), s->title ? ", " : "",
			 s->title ? s->title : "");
		canvas_text(c, ry, x + indent, w - indent, line, ROLE_NORMAL);
		int o = canvas_text(c, ry + 1, x + indent + 2, w - indent - 2, s->stance,
				    stance_role(s->stance));
		/* Short words: the pane is narrow beside the board. */
		if (s->last_contact != NULL && date_parse(s->last_contact, &last) == 0)
			snprintf(line, sizeof line, " %s infl %s %s %ldd ago", glyph(c, "·", "-"),
				 s->influence, glyph(c, "·", "-"), today - last);
		else
			snprintf(line, sizeof line, " %s infl %s %s no contact",
				 glyph(c, "·", "-"), s->influence, glyph(c, "·", "-"));
		canvas_text(c, ry + 1, x + indent + 2 + o, w - indent - 2 - o, line, ROLE_DIM);
		if (sel && p->focus)
			for (int r = 0; r < PERSON_ROWS; r++)
				canvas_style(c, ry + r, x + indent, w - indent, ROLE_SELECTED, 0,
					     0);
	}
	if (p->top + visible < rows) {
		snprintf(line, sizeof line, "%s %d more", glyph(c, "▼", "v"),
			 rows - p->top - visible);
		canvas_text_right(c, y + visible * PERSON_ROWS, x, w, line, ROLE_DIM);
	}
}
