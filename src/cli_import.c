/* CSV in on the command line: import deals, stakeholders and plan. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "csv_import.h"
#include "import_preview.h"
#include "output.h"

typedef int import_fn(struct session *, const char *, const struct import_options *,
		      struct import_result *, struct dd_err *);

/* Who may import is the import core's rule (run_import), the same for every caller. */
static int
cli_run_import(struct cli *c, const struct args *a, import_fn *fn)
{
	const struct strvec *maps = args_all(a, "map"), *stages = args_all(a, "stage-map");
	const struct strvec *defaults = args_all(a, "default");
	int csv = cli_csv(a);

	if (args_get(a, "format") != NULL && args_get(a, "dry-run") == NULL)
		return err_set(&c->err, DD_USAGE, "--format is for the preview of --dry-run");

	struct import_options o = {
		.dry_run = args_get(a, "dry-run") != NULL,
		.maps = (const char *const *)maps->v,
		.nmaps = maps->n,
		.stage_maps = (const char *const *)stages->v,
		.nstage_maps = stages->n,
		.date_format = args_get(a, "date-format"),
		.override = args_get(a, "override"),
		.from = args_get(a, "from"),
		.defaults = (const char *const *)defaults->v,
		.ndefaults = defaults->n,
	};
	struct import_result r = {0};
	int rc;

	rc = fn(&c->s, a->pos.v[0], &o, &r, &c->err);
	if (r.warning != NULL)
		out_message(stderr, r.warning);
	/* The preview shows bad rows too; their errors follow on stderr. */
	if (r.preview != NULL && (rc == DD_OK || rc == DD_DATAERR)) {
		preview_print(r.preview, stdout, csv);
		if (!csv)
			out_line(stdout, "%s", "");
	}
	if (rc == DD_OK && !csv)
		out_line(stdout, "%s%ld added, %ld updated",
			 o.dry_run ? "dry run, nothing written: " : "", r.added, r.updated);
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
	{"dry-run", NULL, "check the whole file, write nothing; print how it is read", 0, NULL},
	{"format", "F", "of the --dry-run preview: text (default) or csv", 0, opt_text_or_csv},
	{"from", "CRM", "hubspot, pipedrive or salesforce: read its columns and stages", 0, NULL},
	{"map", "HEADER=FIELD", "read column HEADER as FIELD (repeatable; FIELD ignore skips it)",
	 OPT_REPEAT, NULL},
	{"stage-map", "NAME=KEY", "read stage NAME as stage KEY, won or lost (repeatable)",
	 OPT_REPEAT, NULL},
	{"default", "FIELD=VALUE", "FIELD where a row has none (repeatable)", OPT_REPEAT, NULL},
	{"date-format", "FMT", "format of other dates (e.g. %d/%m/%Y); else found per column", 0,
	 NULL},
	{"override", "REASON",
	 "managers: rows may move deals already here (each recorded as an override)", 0, NULL},
};

static const struct opt rel_opts[] = {
	{"dry-run", NULL, "check the whole file, write nothing; print how it is read", 0, NULL},
	{"format", "F", "of the --dry-run preview: text (default) or csv", 0, opt_text_or_csv},
	{"map", "HEADER=FIELD", "read column HEADER as FIELD (repeatable; FIELD ignore skips it)",
	 OPT_REPEAT, NULL},
	{"date-format", "FMT", "format of other dates (e.g. %d/%m/%Y); else found per column", 0,
	 NULL},
};

const struct command cli_import_commands[] = {
	{"import deals",
	 "FILE [--dry-run [--format text|csv]] [--from CRM] [--map HEADER=FIELD]..."
	 " [--stage-map NAME=KEY]... [--default FIELD=VALUE]... [--date-format FMT]"
	 " [--override REASON]",
	 "Import deals from a CSV file: ours, or another CRM's export (--from names it: its\n"
	 "columns, default stages and date format are known). The format of other dates is\n"
	 "found per column; a column that reads two ways is refused. --dry-run previews how\n"
	 "the file is read. All or nothing: every problem is listed as FILE:LINE: column:\n"
	 "message (exit 65) and nothing is written.\n"
	 "New deals come with their history. A row that changes the stage or status of a\n"
	 "deal already here (by id or external id) is a move: refused, unless a manager gives\n"
	 "--override REASON (real text), which records each such change as an override.\n"
	 "Managers import; anyone in the team may --dry-run.",
	 import_opts, NOPTS(import_opts), 1, 1, 1, cmd_import_deals, NULL, NULL, 0},
	{"import stakeholders",
	 "FILE [--dry-run [--format text|csv]] [--map HEADER=FIELD]... [--date-format FMT]",
	 "Import stakeholders from a CSV file (what export stakeholders writes). Rows name\n"
	 "their deal by deal_id or deal_external_id; a known name on the deal is updated.\n"
	 "Managers import; anyone in the team may --dry-run.",
	 rel_opts, NOPTS(rel_opts), 1, 1, 1, cmd_import_stakeholders, NULL, NULL, 0},
	{"import plan",
	 "FILE [--dry-run [--format text|csv]] [--map HEADER=FIELD]... [--date-format FMT]",
	 "Import mutual action plan steps from a CSV file (what export plan writes). A\n"
	 "known title and due date on the deal is updated. Managers import; anyone in the\n"
	 "team may --dry-run.",
	 rel_opts, NOPTS(rel_opts), 1, 1, 1, cmd_import_plan, NULL, NULL, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
