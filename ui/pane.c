#include <stdlib.h>
#include <string.h>

#include "deal.h"
#include "facts.h"
#include "gate.h"
#include "pane.h"
#include "xmalloc.h"

void
pane_clear(struct pane *p)
{
	people_free(p->people, p->npeople);
	plan_free(p->steps, p->nsteps);
	free(p->order);
	free(p->depth);
	free(p->deal_title);
	strvec_free(&p->missing);
	p->people = NULL;
	p->steps = NULL;
	p->order = NULL;
	p->depth = NULL;
	p->deal_title = NULL;
	p->npeople = p->nsteps = 0;
	p->deal_id = 0;
}

int
pane_load(struct pane *p, struct session *s, long deal_id, struct dd_err *err)
{
	struct deal_facts facts;
	struct deal d;

	pane_clear(p);
	if (deal_id <= 0)
		return DD_OK;
	if (deal_get(s->db, deal_id, &d, err) != DD_OK)
		return err->code;
	if (people_list(s->db, deal_id, &p->people, &p->npeople, err) != DD_OK ||
	    plan_list(s->db, deal_id, &p->steps, &p->nsteps, err) != DD_OK ||
	    deal_facts_load(s->db, &d, &facts, err) != DD_OK) {
		deal_free(&d);
		return err->code;
	}
	p->order = xcalloc(p->npeople + 1, sizeof *p->order);
	p->depth = xcalloc(p->npeople + 1, sizeof *p->depth);
	people_tree(p->people, p->npeople, p->order, p->depth);
	gate_missing_roles(&s->proc, &facts, &p->missing);
	deal_facts_free(&facts);
	p->deal_title = xstrdup(d.title);
	p->deal_id = deal_id;
	deal_free(&d);
	pane_move(p, 0); /* keeps sel on a row */
	return DD_OK;
}

int
pane_rows(const struct pane *p)
{
	return (int)(p->kind == PANE_PEOPLE ? p->npeople : p->nsteps);
}

const struct stakeholder *
pane_person(const struct pane *p)
{
	if (p->kind != PANE_PEOPLE || p->sel < 0 || (size_t)p->sel >= p->npeople)
		return NULL;
	return &p->people[p->order[p->sel]];
}

const struct plan_step *
pane_step(const struct pane *p)
{
	if (p->kind != PANE_PLAN || p->sel < 0 || (size_t)p->sel >= p->nsteps)
		return NULL;
	return &p->steps[p->sel];
}

void
pane_move(struct pane *p, int d)
{
	p->sel += d;
	if (p->sel >= pane_rows(p))
		p->sel = pane_rows(p) - 1;
	if (p->sel < 0)
		p->sel = 0;
}

void
pane_draw(struct pane *p, struct canvas *c, int y, int x, int h, int w, long today)
{
	static const char *const titles[] = {"", "Buying committee", "Mutual action plan"};
	char head[256];

	canvas_fill(c, y, x, h, w, ROLE_NORMAL);
	canvas_box(c, y, x, h, w, p->focus ? ROLE_FOCUS : ROLE_BORDER);
	snprintf(head, sizeof head, " %s%s ", titles[p->kind], p->focus ? " (focus)" : "");
	canvas_text(c, y, x + 2, w - 4, head, ROLE_HEADER);
	canvas_text(c, y + h - 1, x + 2, w - 4,
		    p->focus ? " n add  e edit  d delete  Tab board  Esc close "
			     : " Tab: work in this pane ",
		    ROLE_BORDER);
	if (p->deal_id == 0) {
		canvas_text(c, y + 1, x + 2, w - 4, "no deal selected", ROLE_DIM);
		return;
	}
	canvas_text(c, y + 1, x + 2, w - 4, p->deal_title, ROLE_CARD);
	if (p->kind == PANE_PEOPLE)
		stakeholders_draw(p, c, y + 2, x + 2, h - 3, w - 4, today);
	else
		plan_draw(p, c, y + 2, x + 2, h - 3, w - 4, today);
}
