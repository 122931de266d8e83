/*
 * The side panes beside the board: the buying committee (stakeholders.c) and
 * the mutual action plan (plan.c) of the selected deal.
 */
#ifndef DD_PANE_H
#define DD_PANE_H

#include "canvas.h"
#include "people.h"
#include "plan.h"
#include "session.h"

enum pane_kind { PANE_NONE, PANE_PEOPLE, PANE_PLAN };

struct pane {
	enum pane_kind kind;
	int focus; /* keys go to the pane, not the board */
	int sel, top;
	long deal_id; /* whose data is loaded; 0 = none */
	char *deal_title;
	struct stakeholder *people;
	size_t npeople;
	size_t *order; /* people in tree order */
	int *depth;
	struct strvec missing; /* roles not mapped yet */
	struct plan_step *steps;
	size_t nsteps;
};

/* Reads the deal's committee and plan. */
int pane_load(struct pane *p, struct session *s, long deal_id, struct dd_err *err);
/* Forgets the loaded data (the pane stays open). */
void pane_clear(struct pane *p);
/* Rows the pane lists (people or steps). */
int pane_rows(const struct pane *p);
/* The selected stakeholder or step, or NULL. */
const struct stakeholder *pane_person(const struct pane *p);
const struct plan_step *pane_step(const struct pane *p);
void pane_move(struct pane *p, int d);
void pane_draw(struct pane *p, struct canvas *c, int y, int x, int h, int w, long today);
/* Text wrapped into at most max rows of w columns at (y, x); returns the rows used. */
int pane_text(struct canvas *c, int y, int x, int w, int max, const char *text,
	      enum theme_role role);
/* The keys on the pane's bottom border: its own when it has the focus, else how to give it. */
void pane_keys_line(const struct pane *p, int width, char *buf, size_t len);
/*
 * "nobody mapped yet: n adds a person", or "...: Tab, then n adds a person"
 * while the board has the keys: what the pane says is what the keys do.
 */
void pane_how_to_add(const struct pane *p, const char *what, const char *thing, char *buf,
		     size_t len);

/* Each pane's list, drawn into the box's inside (stakeholders.c, plan.c). */
void stakeholders_draw(struct pane *p, struct canvas *c, int y, int x, int h, int w,
		       long today);
void plan_draw(struct pane *p, struct canvas *c, int y, int x, int h, int w, long today);

#endif
