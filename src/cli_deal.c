/* Deals on the command line: add, list, show, edit, and the pipeline printout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "csv_write.h"
#include "date.h"
#include "deal.h"
#include "deal_report.h"
#include "money.h"
#include "people.h"
#include "plan.h"
#include "table.h"
#include "text.h"
#include "vocab.h"
#include "xmalloc.h"

static struct deal_fields
fields_from_args(const struct args *a)
{
	return (struct deal_fields){
		.title = args_get(a, "title"),
		.account = args_get(a, "account"),
		.owner = args_get(a, "owner"),
		.amount = args_get(a, "amount"),
		.close_date = args_get(a, "close-date"),
		.next_step = args_get(a, "next-step"),
		.next_step_due = args_get(a, "next-step-due"),
		.success_criteria = args_get(a, "success-criteria"),
	};
}

static int
check_format(const char *name, const char *v, struct dd_err *err)
{
	if (strcmp(v, "csv") != 0 && strcmp(v, "table") != 0)
		return err_set(err, DD_USAGE, "--format must be table or csv");
	return DD_OK;
}

static int
check_status(const char *name, const char *v, struct dd_err *err)
{
	if (vocab_find(&vocab_status, v) < 0)
		return err_set(err, DD_USAGE, "--status must be one of: %s",
			       vocab_list(&vocab_status));
	return DD_OK;
}

static const struct opt add_opts[] = {
	{"title", "T", "what the deal is", 0, NULL},
	{"account", "A", "the buying organisation", 0, NULL},
	{"owner", "LOGIN", "who owns it (default: you)", 0, NULL},
	{"amount", "N", "the value, e.g. 12500 or 12,500.00", 0, opt_money},
	{"close-date", "DATE", "expected close date (YYYY-MM-DD)", 0, opt_date_or_empty},
	{"next-step", "TEXT", "the next step", 0, NULL},
	{"next-step-due", "DATE", "when the next step is due", 0, opt_date_or_empty},
	{"created", "DATE", "the day the deal really started (default today; not in the future)",
	 0, opt_date},
};
static const struct opt edit_opts[] = {
	{"title", "T", "what the deal is", 0, NULL},
	{"account", "A", "the buying organisation", 0, NULL},
	{"amount", "N", "the value", 0, opt_money},
	{"close-date", "DATE", "expected close date; empty clears", 0, opt_date_or_empty},
	{"next-step", "TEXT", "the next step; empty clears", 0, NULL},
	{"next-step-due", "DATE", "when the next step is due; empty clears", 0,
	 opt_date_or_empty},
	{"success-criteria", "TEXT", "what success means to the buyer (the handoff)", 0, NULL},
	{"owner", "LOGIN", "reassign (managers only)", 0, NULL},
};
static const struct opt list_opts[] = {
	{"stage", "KEY", "only this stage", 0, NULL},
	{"owner", "LOGIN", "only this owner's deals", 0, NULL},
	{"status", "S", "open (default), won, lost or all", 0, check_status},
	{"format", "F", "table (default) or csv", 0, check_format},
};

static int
check_add(struct cli *c, const struct args *a)
{
	const char *created = args_get(a, "created");
	long day;

	if (args_get(a, "title") == NULL || args_get(a, "account") == NULL)
		return err_set(&c->err, DD_USAGE, "add needs --title and --account");
	if (created != NULL && date_parse(created, &day) == 0 && day > date_today())
		return err_set(&c->err, DD_USAGE, "created date %s is in the future", created);
	return DD_OK;
}

static int
check_edit(struct cli *c, const struct args *a)
{
	for (size_t i = 0; i < NOPTS(edit_opts); i++)
		if (args_get(a, edit_opts[i].name) != NULL)
			return DD_OK;
	return err_set(&c->err, DD_USAGE, "nothing to change: give at least one field");
}

static int
cmd_add(struct cli *c, const struct args *a)
{
	struct deal_fields f = fields_from_args(a);
	long id;

	f.created = args_get(a, "created");
	if (deal_create(&c->s, &f, &id, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "%ld", id);
	return DD_OK;
}

static int
cmd_edit(struct cli *c, const struct args *a)
{
	struct deal_fields f = fields_from_args(a);
	long id;

	if (cli_id(c, a->pos.v[0], "deal", &id) != DD_OK)
		return c->err.code;
	if (deal_edit(&c->s, id, &f, 0, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "deal %ld saved", id);
	return DD_OK;
}

static const struct column list_columns[] = {
	{"id", 5, 1},
	{"title", 28, 0},
	{"account", 18, 0},
	{"owner", 10, 0},
	{"stage", 10, 0},
	{"amount", 13, 1},
	{"days_in_stage", 13, 1},
	{"close_date", 10, 0},
	{"next_step_due", 13, 0},
	{"status", 6, 0},
};

struct list_out {
	int csv;
	struct csv_writer w;
	long rows;
};

static void
print_deal_row(const struct deal_row *r, void *arg)
{
	struct list_out *o = arg;
	char id[24], amount[MONEY_LEN], days[16];
	const char *cells[10];

	snprintf(id, sizeof id, "%ld", r->id);
	money_format(r->amount, !o->csv, amount);
	if (r->days_in_stage >= 0)
		snprintf(days, sizeof days, "%d", r->days_in_stage);
	else
		days[0] = '\0';
	cells[0] = id;
	cells[1] = r->title;
	cells[2] = r->account;
	cells[3] = r->owner;
	cells[4] = r->stage;
	cells[5] = amount;
	cells[6] = days;
	cells[7] = r->close_date;
	cells[8] = r->next_step_due;
	cells[9] = r->status;
	if (o->csv)
		csv_write_row(&o->w, cells, NOPTS(list_columns));
	else
		table_row(stdout, list_columns, NOPTS(list_columns), cells);
	o->rows++;
}

static int
cmd_list(struct cli *c, const struct args *a)
{
	const char *format = args_get(a, "format");
	struct deal_filter f = {args_get(a, "stage"), args_get(a, "owner"), args_get(a, "status"),
				c->as_of};
	struct list_out o = {0};
	int rc;

	o.csv = format != NULL && strcmp(format, "csv") == 0;
	if (f.stage != NULL && process_stage(&c->s.proc, f.stage) == NULL) {
		struct strbuf b;

		strbuf_init(&b);
		process_stage_list(&c->s.proc, &b);
		err_set(&c->err, DD_USAGE, "unknown stage '%s' (stages: %s)", f.stage,
			strbuf_str(&b));
		strbuf_free(&b);
		return DD_USAGE;
	}
	if (o.csv) {
		const char *names[NOPTS(list_columns)];

		csv_writer_init(&o.w, stdout);
		table_names(list_columns, NOPTS(list_columns), names);
		csv_write_row(&o.w, names, NOPTS(list_columns));
	} else {
		table_header(stdout, list_columns, NOPTS(list_columns));
	}
	rc = deal_list(c->s.db, &f, date_today(), print_deal_row, &o, &c->err);
	if (o.csv)
		csv_writer_free(&o.w);
	return rc;
}

static int
cmd_show(struct cli *c, const struct args *a)
{
	struct strvec lines = {0};
	long id;

	if (cli_id(c, a->pos.v[0], "deal", &id) != DD_OK)
		return c->err.code;
	deal_report(&c->s, id, &lines, &c->err);
	for (size_t i = 0; i < lines.n; i++)
		out_line(stdout, "%s", lines.v[i]);
	strvec_free(&lines);
	return c->err.code;
}

const struct command cli_deal_commands[] = {
	{"add",
	 "--title T --account A [--owner LOGIN] [--amount N] [--close-date D] [--next-step TEXT] "
	 "[--next-step-due D] [--created D]",
	 "Add a deal in the first stage and print its id. --created gives a deal that started\n"
	 "before it was entered its real start, so the buyer's earlier actions can be recorded.",
	 add_opts, NOPTS(add_opts), 0, 0, 1, cmd_add, NULL, check_add, 0},
	{"list", "[--stage KEY] [--owner LOGIN] [--status open|won|lost|all] [--format table|csv]",
	 "List deals: id, title, account, owner, stage, amount, days_in_stage, close_date,\n"
	 "next_step_due, status. With --as-of DATE, as the pipeline stood at the end of DATE.",
	 list_opts, NOPTS(list_opts), 0, 0, 1, cmd_list, NULL, NULL, CMD_AS_OF},
	{"show", "ID", "Show one deal: fields, stakeholders, plan, evidence and history.", NULL, 0,
	 1, 1, 1, cmd_show, "deal", NULL, 0},
	{"edit",
	 "ID [--title T] [--account A] [--amount N] [--close-date D] [--next-step TEXT] "
	 "[--next-step-due D] [--success-criteria TEXT] [--owner LOGIN]",
	 "Change a deal's fields.", edit_opts, NOPTS(edit_opts), 1, 1, 1, cmd_edit, "deal",
	 check_edit, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
