/* The buying committee on the command line: stakeholder add|list|edit|rm. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "output.h"
#include "deal.h"
#include "people.h"
#include "table.h"
#include "xmalloc.h"

static struct stakeholder_fields
fields_from_args(const struct args *a)
{
	return (struct stakeholder_fields){
		.name = args_get(a, "name"),
		.role = args_get(a, "role"),
		.title = args_get(a, "title"),
		.stance = args_get(a, "stance"),
		.influence = args_get(a, "influence"),
		.reports_to = args_get(a, "reports-to"),
		.last_contact = args_get(a, "last-contact"),
	};
}

/* Before the database is opened: what the fields alone can tell. */
static int
check_add(struct cli *c, const struct args *a)
{
	struct stakeholder_fields f = fields_from_args(a);

	if (f.name == NULL || f.role == NULL)
		return err_set(&c->err, DD_USAGE, "stakeholder add needs --name and --role");
	return people_check(&f, &c->err);
}

static int
check_edit(struct cli *c, const struct args *a)
{
	struct stakeholder_fields f = fields_from_args(a);

	if (!f.name && !f.role && !f.title && !f.stance && !f.influence && !f.reports_to &&
	    !f.last_contact)
		return err_set(&c->err, DD_USAGE, "nothing to change: give at least one field");
	return people_check(&f, &c->err);
}

static int
cmd_add(struct cli *c, const struct args *a)
{
	struct stakeholder_fields f = fields_from_args(a);
	long deal, id;

	if (cli_id(c, a->pos.v[0], "deal", &deal) != DD_OK)
		return c->err.code;
	if (people_add(&c->s, deal, &f, &id, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "%ld", id);
	return DD_OK;
}

static const struct column people_columns[] = {
	{"id", 5, 1},     {"name", 22, 0},     {"role", 14, 0},       {"title", 18, 0},
	{"stance", 9, 0}, {"influence", 9, 0}, {"reports_to", 18, 0}, {"last_contact", 12, 0},
};

static int
cmd_list(struct cli *c, const struct args *a)
{
	struct stakeholder *v;
	size_t n;
	long deal;

	if (cli_id(c, a->pos.v[0], "deal", &deal) != DD_OK)
		return c->err.code;
	if (cli_deal_exists(c, deal) != DD_OK ||
	    people_list(c->s.db, deal, &v, &n, &c->err) != DD_OK)
		return c->err.code;
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	int *depth = xcalloc(n ? n : 1, sizeof *depth);
	people_tree(v, n, order, depth);
	table_header(stdout, people_columns, NOPTS(people_columns));
	for (size_t k = 0; k < n; k++) {
		const struct stakeholder *p = &v[order[k]];
		const struct stakeholder *m = people_find(v, n, p->reports_to);
		const char *boss = m ? m->name : NULL;
		char id[24];

		snprintf(id, sizeof id, "%ld", p->id);
		const char *cells[] = {id,        p->name,      p->role, p->title,
				       p->stance, p->influence, boss,    p->last_contact};
		table_row(stdout, people_columns, NOPTS(people_columns), cells);
	}
	free(order);
	free(depth);
	people_free(v, n);
	return DD_OK;
}

static int
cmd_edit(struct cli *c, const struct args *a)
{
	struct stakeholder_fields f = fields_from_args(a);
	long id;

	if (cli_id(c, a->pos.v[0], "stakeholder", &id) != DD_OK)
		return c->err.code;
	if (people_edit(&c->s, id, &f, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "stakeholder %ld saved", id);
	return DD_OK;
}

static int
cmd_rm(struct cli *c, const struct args *a)
{
	long id;

	if (cli_id(c, a->pos.v[0], "stakeholder", &id) != DD_OK)
		return c->err.code;
	if (people_remove(&c->s, id, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "stakeholder %ld removed", id);
	return DD_OK;
}

static const struct opt person_opts[] = {
	{"name", "N", "the person's name (unique on the deal)", 0, NULL},
	{"role", "ROLE",
	 "champion, economic_buyer, decision_maker, influencer, user, technical, "
	 "legal, procurement, security, other", 0, NULL},
	{"title", "T", "their job title", 0, NULL},
	{"stance", "S", "supporter, neutral (default), skeptic, blocker", 0, NULL},
	{"influence", "I", "high, medium (default), low", 0, NULL},
	{"reports-to", "NAME", "their manager on the committee (name or id; none clears)", 0,
	 NULL},
	{"last-contact", "DATE", "when we last spoke (YYYY-MM-DD)", 0, opt_date_or_empty},
};

const struct command cli_people_commands[] = {
	{"stakeholder add",
	 "ID --name N --role ROLE [--title T] [--stance S] [--influence high|medium|low] "
	 "[--reports-to NAME] [--last-contact DATE]",
	 "Map a person of the buying committee on deal ID; prints their id.", person_opts,
	 NOPTS(person_opts), 1, 1, 1, cmd_add, "deal", check_add, 0},
	{"stakeholder list", "ID", "The buying committee of deal ID, as a tree by reports-to.",
	 NULL, 0, 1, 1, 1, cmd_list, "deal", NULL, 0},
	{"stakeholder edit",
	 "SID [--name N] [--role ROLE] [--title T] [--stance S] [--influence I] "
	 "[--reports-to NAME|none] [--last-contact DATE]",
	 "Change a stakeholder. A reports-to loop is refused.", person_opts, NOPTS(person_opts), 1,
	 1, 1, cmd_edit, "stakeholder", check_edit, 0},
	{"stakeholder rm", "SID",
	 "Remove a stakeholder; their reports become roots, evidence keeps the name.", NULL, 0, 1,
	 1, 1, cmd_rm, "stakeholder", NULL, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
