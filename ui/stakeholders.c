/* The buying committee as a tree by reports-to, with the roles still missing. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "pane.h"
#include "vocab.h"

#define PERSON_ROWS 2

static enum theme_role
stance_role(const char *stance)
{
	static const struct {
		const char *word;
		enum theme_role role;
	} roles[] = {{"supporter", ROLE_SUPPORTER},
		     {"neutral", ROLE_NEUTRAL},
		     {"skeptic", ROLE_SKEPTIC},
		     {"blocker", ROLE_BLOCKER}};

	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(roles[i].word, stance) == 0)
			return roles[i].role;
	return ROLE_NORMAL;
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
		canvas_text(c, y, x, w, line, ROLE_MARK_MISSING);
	} else {
		snprintf(line, sizeof line, "%s key roles mapped", glyph(c, "✓", "+"));
		canvas_text(c, y, x, w, line, ROLE_MARK_OK);
	}
	y += 2;
	h -= 2;
	rows = (int)p->npeople;
	if (rows == 0) {
		canvas_text(c, y, x, w, "nobody mapped yet: n adds a person", ROLE_DIM);
		return;
	}
	visible = h / PERSON_ROWS;
	if (visible < 1)
		visible = 1;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + visible)
		p->top = p->sel - visible + 1;
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
}
