/* The mutual action plan: steps in due order, whose, done or overdue, progress. */
#include <stdio.h>

#include "layout.h"
#include "pane.h"

void
plan_draw(struct pane *p, struct canvas *c, int y, int x, int h, int w, long today)
{
	static const char *const words[] = {"open", "done", "LATE"};
	static const enum theme_role roles[] = {ROLE_NORMAL, ROLE_MARK_OK, ROLE_OVERDUE};
	char line[512];
	int done = 0, late = 0, rows = (int)p->nsteps, visible = h - 2;

	for (int i = 0; i < rows; i++) {
		enum plan_status st = plan_step_status(&p->steps[i], today);

		done += st == PLAN_DONE;
		late += st == PLAN_OVERDUE;
	}
	if (late)
		snprintf(line, sizeof line, "%d/%d done, %d overdue", done, rows, late);
	else
		snprintf(line, sizeof line, "%d/%d done", done, rows);
	canvas_text(c, y, x, w, line, late ? ROLE_OVERDUE : ROLE_TOTALS);
	y += 2;
	if (rows == 0) {
		canvas_text(c, y, x, w, "no steps yet: n adds one", ROLE_DIM);
		return;
	}
	if (visible < 1)
		visible = 1;
	p->top = scroll_follow(p->top, p->sel, visible);
	for (int k = p->top; k < rows && k < p->top + visible; k++) {
		const struct plan_step *s = &p->steps[k];
		enum plan_status st = plan_step_status(s, today);
		int ry = y + k - p->top, o;

		o = canvas_text(c, ry, x, 2, k == p->sel ? glyph(c, "▶", ">") : " ", ROLE_NORMAL);
		o += canvas_text(c, ry, x + o, 5, words[st], roles[st]);
		snprintf(line, sizeof line, " %s %-6s %s%s%s", s->due, s->owner_side,
			 s->who ? s->who : "", s->who ? ": " : "", s->title);
		canvas_text(c, ry, x + o, w - o, line, st == PLAN_DONE ? ROLE_DIM : ROLE_NORMAL);
		if (k == p->sel && p->focus)
			canvas_style(c, ry, x, w, ROLE_SELECTED, 0, 0);
	}
}
