/* The mutual action plan: steps in due order, whose, done or overdue, progress. */
#include <stdio.h>

#include "layout.h"
#include "pane.h"

#define STEP_ROWS 2 /* the step; its title */

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
		pane_how_to_add(p, "no steps yet", "one", line, sizeof line);
		pane_text(c, y, x, w, 3, line, ROLE_DIM);
		return;
	}
	/* When they do not all fit, the last row counts the rest. */
	visible = rows * STEP_ROWS > visible ? (visible - 1) / STEP_ROWS : visible / STEP_ROWS;
	if (visible < 1)
		visible = 1;
	p->top = scroll_follow(p->top, p->sel, visible);
	for (int k = p->top; k < rows && k < p->top + visible; k++) {
		const struct plan_step *s = &p->steps[k];
		enum plan_status st = plan_step_status(s, today);
		int ry = y + (k - p->top) * STEP_ROWS, o;

		/* The step's facts on one line, its title on its own below: never crowded out. */
		o = canvas_text(c, ry, x, 2, k == p->sel ? glyph(c, "▶", ">") : " ", ROLE_NORMAL);
		o += canvas_text(c, ry, x + o, 5, words[st], roles[st]);
		snprintf(line, sizeof line, " %s %-6s %s", s->due, s->owner_side,
			 s->who ? s->who : "");
		canvas_text(c, ry, x + o, w - o, line, st == PLAN_DONE ? ROLE_DIM : ROLE_NORMAL);
		canvas_text(c, ry + 1, x + 2, w - 2, s->title,
			    st == PLAN_DONE ? ROLE_DIM : ROLE_CARD);
		if (k == p->sel && p->focus)
			for (int r = 0; r < STEP_ROWS; r++)
				canvas_style(c, ry + r, x, w, ROLE_SELECTED, 0, 0);
	}
	/* Steps beyond the pane are counted, not just cut. */
	if (p->top + visible < rows) {
		snprintf(line, sizeof line, "%s %d more", glyph(c, "▼", "v"),
			 rows - p->top - visible);
		canvas_text_right(c, y + visible * STEP_ROWS, x, w, line, ROLE_DIM);
	}
}
