/* dealdeck check: how the database is kept, its schema, its derived values. */
#include <stdio.h>

#include "cli.h"
#include "derived.h"
#include "host_facts.h"
#include "schema_check.h"
#include "output.h"

static void
print_all(const struct strvec *v, const char *prefix)
{
	for (size_t i = 0; i < v->n; i++)
		out_line(stdout, "%s%s", prefix, v->v[i]);
}

static int
cmd_check(struct cli *c, const struct args *a)
{
	struct strvec lines = {0}, problems = {0}, bad = {0};
	struct host_facts own;
	int rc;

	/* A team database's facts were read while the team group was held. */
	if (c->host == NULL)
		host_facts_read(c->db_path, &own);
	host_facts_judge(c->host ? c->host : &own, &lines, &problems);
	if (c->host == NULL)
		host_facts_free(&own);
	rc = schema_check(c->s.db, args_get(a, "quick") != NULL, &lines, &problems, &c->err);
	if (rc == DD_OK)
		rc = derived_check(c->s.db, &bad, &c->err);
	if (rc != DD_OK)
		goto out;
	print_all(&lines, "");
	if (bad.n == 0)
		out_line(stdout, "ok: totals, deals' stages and snapshots agree with a recount");
	print_all(&bad, "");
	print_all(&problems, "problem: ");
	if (bad.n > 0)
		rc = err_add(&c->err, DD_FAIL, "%zu derived value%s disagree%s with a recount",
			     bad.n, bad.n == 1 ? "" : "s", bad.n == 1 ? "s" : "");
	if (problems.n > 0)
		rc = err_add(&c->err, DD_FAIL, "%zu problem%s with how %s is kept", problems.n,
			     problems.n == 1 ? "" : "s", c->db_path);
out:
	strvec_free(&lines);
	strvec_free(&problems);
	strvec_free(&bad);
	return rc;
}

static const struct opt check_opts[] = {
	{"quick", NULL, "SQLite's quick_check instead of integrity_check (a tenth of the time)", 0,
	 NULL},
};

const struct command cli_check_commands[] = {
	{"check", "[--quick]",
	 "Check the database in use: how its file is kept (mode, owner and group, whether a\n"
	 "team group protects it, whether this binary is setgid), its schema and triggers\n"
	 "against what this version makes, SQLite's integrity check, and every derived value\n"
	 "(the board's totals, each deal's stage, snapshot headers) against a recount.\n"
	 "Exit 1 naming each problem.",
	 check_opts, NOPTS(check_opts), 0, 0, 1, cmd_check, NULL, NULL, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
