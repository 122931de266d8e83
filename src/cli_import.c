/* CSV in on the command line: import deals, stakeholders and plan. */
#include <stdio.h>

#include "cli.h"
#include "csv_import.h"

typedef int import_fn(struct session *, const char *, const struct import_options *,
		      struct import_result *, struct dd_err *);

/* Who may import is the import core's rule (run_import), the same for every caller. */
static int
cli_run_import(struct cli *c, const struct args *a, import_fn *fn)
{
	const struct strvec *maps = args_all(a, "map"), *stages = args_all(a, "stage-map");

	struct import_options o = {
		.dry_run = args_get(a, "dry-run") != NULL,
		.maps = (const char *const *)maps->v,
		.nmaps = maps->n,
		.stage_maps = (const char *const *)stages->v,
		.nstage_maps = stages->n,
		.date_format = args_get(a, "date-format"),
		.override = args_get(a, "override"),
	};
	struct import_result r = {0};
	int rc;

	rc = fn(&c->s, a->pos.v[0], &o, &r, &c->err);
	if (r.warning != NULL)
		fprintf(stderr, "dealdeck: %s\n", r.warning);
	if (rc == DD_OK)
		printf("%s%ld added, %ld updated\n", o.dry_run ? "dry run, nothing written: " : "",
		       r.added, r.updated);
	import_result_free(&r);
	return rc;
}

static int
cmd_import_deals(struct cli *c, const struct args *a)
{
	return cli_run_import(c, a, import_deals);
}

static int
cmd_import_stakeholders(struct cli *c, const struct args *a)
{
	return cli_run_import(c, a, import_stakeholders);
}

static int
cmd_import_plan(struct cli *c, const struct args *a)
{
	return cli_run_import(c, a, import_plan);
}

static const struct opt import_opts[] = {
	{"dry-run", NULL, "check the whole file, write nothing"},
	{"map", "HEADER=FIELD", "read column HEADER as FIELD (repeatable; FIELD ignore skips it)"},
	{"stage-map", "NAME=KEY", "read stage NAME as stage KEY, won or lost (repeatable)"},
	{"date-format", "FMT", "strptime format of dates that are not YYYY-MM-DD"},
	{"override", "REASON",
	 "managers: rows may move deals already here (each recorded as an override)"},
};

static const struct opt rel_opts[] = {
	{"dry-run", NULL, "check the whole file, write nothing"},
	{"map", "HEADER=FIELD", "read column HEADER as FIELD (repeatable; FIELD ignore skips it)"},
	{"date-format", "FMT", "strptime format of dates that are not YYYY-MM-DD"},
};

const struct command cli_import_commands[] = {
	{"import deals",
	 "FILE [--dry-run] [--map HEADER=FIELD]... [--stage-map NAME=KEY]... [--date-format FMT]"
	 " [--override REASON]",
	 "Import deals from a CSV file: ours, or another CRM's export. All or nothing: every\n"
	 "problem is listed as FILE:LINE: column: message (exit 65) and nothing is written.\n"
	 "New deals come with their history. A row that changes the stage or status of a\n"
	 "deal already here (by id or external id) is a move: refused, unless a manager gives\n"
	 "--override REASON (real text), which records each such change as an override.\n"
	 "Managers import; anyone in the team may --dry-run.",
	 import_opts, NOPTS(import_opts), 1, 1, 1, cmd_import_deals},
	{"import stakeholders", "FILE [--dry-run] [--map HEADER=FIELD]... [--date-format FMT]",
	 "Import stakeholders from a CSV file (what export stakeholders writes). Rows name\n"
	 "their deal by deal_id or deal_external_id; a known name on the deal is updated.\n"
	 "Managers import; anyone in the team may --dry-run.",
	 rel_opts, NOPTS(rel_opts), 1, 1, 1, cmd_import_stakeholders},
	{"import plan", "FILE [--dry-run] [--map HEADER=FIELD]... [--date-format FMT]",
	 "Import mutual action plan steps from a CSV file (what export plan writes). A\n"
	 "known title and due date on the deal is updated. Managers import; anyone in the\n"
	 "team may --dry-run.",
	 rel_opts, NOPTS(rel_opts), 1, 1, 1, cmd_import_plan},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL},
};
