/* Setting up: init, demo, process apply/show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "date.h"
#include "demo.h"
#include "money.h"
#include "permit.h"
#include "process_db.h"
#include "process_ini.h"

static int
load_process_file(struct cli *c, const char *path, struct process *p)
{
	if (path != NULL)
		return process_ini_load(path, p, &c->err);
	return process_ini_load_text("data/process.ini (built in)", process_default_ini,
				     strlen(process_default_ini), p, &c->err);
}

static int
cmd_init(struct cli *c, const struct args *a)
{
	const char *currency = args_get(a, "currency");
	struct process p;
	struct db_init init = {&p, currency ? currency : "USD"};
	int rc;

	/* A team database was created before the group was given up (cli.c). */
	if (c->s.db != NULL) {
		out_line(stdout, "created %s (%s, %zu stages)", c->db_path, init.currency,
			 c->s.proc.nstages);
		return DD_OK;
	}
	if (load_process_file(c, args_get(a, "process"), &p) != DD_OK)
		return c->err.code;
	rc = session_open(&c->s, c->db_path, DB_MUST_CREATE, &init, &c->err);
	process_free(&p);
	if (rc != DD_OK)
		return rc;
	out_line(stdout, "created %s (%s, %zu stages)", c->db_path, init.currency, c->s.proc.nstages);
	return DD_OK;
}

static int
check_init(struct cli *c, const struct args *a)
{
	const char *currency = args_get(a, "currency");

	if (currency != NULL && !currency_code_valid(currency))
		return err_set(&c->err, DD_USAGE,
			       "currency '%s' is not a currency code (three capital letters, e.g. "
			       "EUR)",
			       currency);
	return DD_OK;
}

/* Reads --deals and --seed; DD_USAGE when malformed. */
static int
demo_options(struct cli *c, const struct args *a, struct demo_options *o)
{
	const char *v;
	char *end;

	if ((v = args_get(a, "deals")) != NULL) {
		o->deals = strtol(v, &end, 10);
		if (*v == '\0' || *end != '\0' || o->deals < 1 || o->deals > 10000000)
			return err_set(&c->err, DD_USAGE, "--deals must be 1 to 10000000");
	}
	if ((v = args_get(a, "seed")) != NULL) {
		o->seed = strtoul(v, &end, 10);
		if (*v == '\0' || *end != '\0' || *v == '-')
			return err_set(&c->err, DD_USAGE, "--seed must be a whole number");
	}
	return DD_OK;
}

static int
check_demo(struct cli *c, const struct args *a)
{
	struct demo_options o = {60, 1, 0};

	return demo_options(c, a, &o);
}

static int
cmd_demo(struct cli *c, const struct args *a)
{
	struct demo_options o = {60, 1, date_today()};

	if (demo_options(c, a, &o) != DD_OK)
		return c->err.code;
	if (permit_write(&c->s, &c->err) != DD_OK)
		return c->err.code;
	if (demo_fill(c->s.db, &c->s.proc, &o, &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "demo pipeline: %ld deals in %s", o.deals, c->db_path);
	return DD_OK;
}

/* A broken process file is found before the database is opened. */
static int
check_process_apply(struct cli *c, const struct args *a)
{
	struct process p;

	if (load_process_file(c, a->pos.v[0], &p) != DD_OK)
		return c->err.code;
	process_free(&p);
	return DD_OK;
}

static int
cmd_process_apply(struct cli *c, const struct args *a)
{
	struct process p;
	int rc;

	if (permit_manager(&c->s, "apply a process", &c->err) != DD_OK)
		return c->err.code;
	if (load_process_file(c, a->pos.v[0], &p) != DD_OK)
		return c->err.code;
	rc = db_begin_data(c->s.db, &c->err);
	if (rc == DD_OK)
		rc = db_end(c->s.db, process_db_save(c->s.db, &p, &c->err), &c->err);
	if (rc == DD_OK)
		out_line(stdout, "applied %s: %zu stages, %zu lost reasons, %zu in the team", a->pos.v[0],
		       p.nstages, p.lost_reasons.n, p.nteam);
	process_free(&p);
	return rc;
}

static int
cmd_process_show(struct cli *c, const struct args *a)
{
	process_ini_write(&c->s.proc, stdout);
	return DD_OK;
}

static const struct opt init_opts[] = {
	{"process", "FILE", "start with this process instead of the default", 0, NULL},
	{"currency", "CODE", "the database's currency (ISO 4217, default USD)", 0, NULL},
};
static const struct opt demo_opts[] = {
	{"deals", "N", "how many deals (default 60)", 0, NULL},
	{"seed", "N", "the random seed (default 1); the same seed gives the same data", 0, NULL},
};

const struct command cli_setup_commands[] = {
	{"init", "[--process FILE] [--currency CODE]",
	 "Create a database with a process (default: data/process.ini). Refuses to overwrite "
	 "an existing file.",
	 init_opts, NOPTS(init_opts), 0, 0, 0, cmd_init, NULL, check_init, CMD_INIT},
	{"demo", "[--deals N] [--seed N]",
	 "Fill an empty database with a realistic demo pipeline: about nine months of history,\n"
	 "stakeholders, plans, evidence, won and lost deals.",
	 demo_opts, NOPTS(demo_opts), 0, 0, 1, cmd_demo, NULL, check_demo, CMD_CREATES_DB},
	{"process apply", "FILE",
	 "Replace the database's process with FILE (managers only). A broken file changes "
	 "nothing.",
	 NULL, 0, 1, 1, 1, cmd_process_apply, NULL, check_process_apply, 0},
	{"process show", "", "Print the database's process as an ini file.", NULL, 0, 0, 0, 1,
	 cmd_process_show, NULL, NULL, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
