/* The mutual action plan on the command line: plan add|done|list|edit|rm. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "output.h"
#include "date.h"
#include "plan.h"
#include "table.h"

static struct plan_fields
fields_from_args(const struct args *a)
{
	return (struct plan_fields){
		.title = args_get(a, "title"),
		.owner_side = args_get(a, "owner"),
		.who = args_get(a, "who"),
		.due = args_get(a, "due"),
	};
}

/* Before the database is opened: what the fields alone can tell. */
static int
check_add(struct cli *c, const struct args *a)
{
	struct plan_fields f = fields_from_args(a);

	if (f.title == NULL || f.owner_side == NULL || f.due == NULL)
		return err_set(&c->err, DD_USAGE, "plan add needs --title, --owner and --due");
	return plan_check(&f, &c->err);
}

static int
check_edit(struct cli *c, const struct args *a)
{
	struct plan_fields f = fields_from_args(a);

	if (!f.title && !f.owner_side && !f.who && !f.due)
		return err_set(&c->err, DD_USAGE, "nothing to change: give at least one field");
	return plan_check(&f, &c->err);
}

static int
cmd_add(struct cli *c, const struct args *a)
{
	struct plan_fields f = fields_from_args(a);
	long deal, id;

	if (cli_id(c, a->pos.v[0], "deal", &deal) != DD_OK)
		return c->err.code;
	if (f.title == NULL || f.owner_side == NULL || f.due == NULL)
		return err_set(&c->err, DD_USAGE, "plan add needs --title, --owner and --due");
	if (plan_add(&c->s, deal, &f, &id, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "%ld", id);
	return DD_OK;
}

static int
cmd_done(struct cli *c, const struct args *a)
{
	int done = args_get(a, "undo") == NULL;
	long id;

	if (cli_id(c, a->pos.v[0], "plan step", &id) != DD_OK)
		return c->err.code;
	if (plan_set_done(&c->s, id, done, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "plan step %ld %s", id, done ? "done" : "not done");
	return DD_OK;
}

static const struct column plan_columns[] = {
	{"id", 5, 1},     {"due", 10, 0},   {"owner", 6, 0},    {"who", 16, 0},
	{"title", 32, 0}, {"status", 7, 0}, {"done_at", 19, 0},
};

static int
cmd_list(struct cli *c, const struct args *a)
{
	struct plan_step *v;
	size_t n;
	long deal;

	if (cli_id(c, a->pos.v[0], "deal", &deal) != DD_OK || cli_deal_exists(c, deal) != DD_OK ||
	    plan_list(c->s.db, deal, &v, &n, &c->err) != DD_OK)
		return c->err.code;
	table_header(stdout, plan_columns, NOPTS(plan_columns));
	for (size_t i = 0; i < n; i++) {
		char id[24];

		snprintf(id, sizeof id, "%ld", v[i].id);
		const char *cells[] = {
			id,
			v[i].due,
			v[i].owner_side,
			v[i].who,
			v[i].title,
			plan_status_word(plan_step_status(&v[i], date_today())),
			v[i].done_at,
		};
		table_row(stdout, plan_columns, NOPTS(plan_columns), cells);
	}
	plan_free(v, n);
	return DD_OK;
}

static int
cmd_edit(struct cli *c, const struct args *a)
{
	struct plan_fields f = fields_from_args(a);
	long id;

	if (cli_id(c, a->pos.v[0], "plan step", &id) != DD_OK ||
	    plan_edit(&c->s, id, &f, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "plan step %ld saved", id);
	return DD_OK;
}

static int
cmd_rm(struct cli *c, const struct args *a)
{
	long id;

	if (cli_id(c, a->pos.v[0], "plan step", &id) != DD_OK ||
	    plan_remove(&c->s, id, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "plan step %ld removed", id);
	return DD_OK;
}

static const struct opt step_opts[] = {
	{"title", "T", "what is to be done", 0, NULL},
	{"owner", "SIDE", "buyer, seller or joint", 0, NULL},
	{"who", "NAME", "the person doing it", 0, NULL},
	{"due", "DATE", "when it is due (YYYY-MM-DD)", 0, opt_date},
};
static const struct opt done_opts[] = {
	{"undo", NULL, "mark the step not done", 0, NULL},
};

const struct command cli_plan_commands[] = {
	{"plan add", "ID --title T --owner buyer|seller|joint [--who NAME] --due DATE",
	 "Add a step to deal ID's mutual action plan; prints its id.", step_opts, NOPTS(step_opts),
	 1, 1, 1, cmd_add, "deal", check_add, 0},
	{"plan done", "STEP [--undo]", "Mark a plan step done (or, with --undo, not done).",
	 done_opts, NOPTS(done_opts), 1, 1, 1, cmd_done, "plan step", NULL, 0},
	{"plan list", "ID", "Deal ID's plan in due order, with open/done/overdue.", NULL, 0, 1, 1,
	 1, cmd_list, "deal", NULL, 0},
	{"plan edit", "STEP [--title T] [--owner SIDE] [--who NAME] [--due DATE]",
	 "Change a plan step.", step_opts, NOPTS(step_opts), 1, 1, 1, cmd_edit, "plan step",
	 check_edit, 0},
	{"plan rm", "STEP", "Remove a plan step.", NULL, 0, 1, 1, 1, cmd_rm, "plan step", NULL, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
