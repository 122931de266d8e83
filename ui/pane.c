#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deal.h"
#include "facts.h"
#include "gate.h"
#include "hints.h"
#include "wrap.h"
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

int
pane_text(struct canvas *c, int y, int x, int w, int max, const char *text, enum theme_role role)
{
	struct strvec lines = {0};
	int n;

	struct strbuf rest;

	wrap_push(&lines, text, w, 2);
	n = (int)lines.n < max ? (int)lines.n : max;
	strbuf_init(&rest);
	for (size_t i = (size_t)n - 1; i < lines.n; i++) /* the last row takes the rest, cut */
		strbuf_printf(&rest, "%s%s", i > (size_t)n - 1 ? " " : "",
			      lines.v[i] + (i ? strspn(lines.v[i], " ") : 0));
	for (int i = 0; i < n - 1; i++)
		canvas_text(c, y + i, x, w, lines.v[i], role);
	canvas_text(c, y + n - 1, x + (n > 1 ? 2 : 0), w - (n > 1 ? 2 : 0), strbuf_str(&rest),
		    role);
	strbuf_free(&rest);
	strvec_free(&lines);
	return n;
}

void
pane_keys_line(const struct pane *p, int width, char *buf, size_t len)
{
	char keys[200];

	if (p->focus) {
		hints_line(p->kind == PANE_PEOPLE ? HINT_PEOPLE : HINT_PLAN, width, keys,
			   sizeof keys);
		snprintf(buf, len, " %s ", keys);
	} else {
		keys_short(A_FOCUS, keys, sizeof keys);
		snprintf(buf, len, keys[0] ? " %s: work in this pane " : "", keys);
	}
}

void
pane_how_to_add(const struct pane *p, const char *what, const char *thing, char *buf, size_t len)
{
	char focus[32], add[32];

	keys_short(A_FOCUS, focus, sizeof focus);
	keys_short(A_NEW, add, sizeof add);
	if (add[0] == '\0')
		snprintf(buf, len, "%s", what);
	else if (p->focus || focus[0] == '\0')
		snprintf(buf, len, "%s: %s adds %s", what, add, thing);
	else
		snprintf(buf, len, "%s: %s, then %s adds %s", what, focus, add, thing);
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
	pane_keys_line(p, w - 6, head, sizeof head);
	canvas_text(c, y + h - 1, x + 2, w - 4, head, ROLE_BORDER);
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
