/* Export on the command line: a table as CSV, to stdout or atomically to a file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "csv_export.h"
#include "xmalloc.h"

/*
 * --output FILE: written to a temporary file beside it, then renamed over it,
 * so a reader never sees half an export and a failed one leaves FILE as it
 * was. A new file is 0600 (deal data is confidential, as is the database);
 * a file replaced keeps its mode.
 */
static int
open_output(struct cli *c, const char *path, char **tmp, FILE **f)
{
	struct stat old;
	int fd;

	*tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(*tmp)) < 0) {
		err_set(&c->err, DD_FAIL, "cannot write %s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return DD_FAIL;
	}
	if (stat(path, &old) == 0 && S_ISREG(old.st_mode))
		fchmod(fd, old.st_mode & 07777);
	if ((*f = fdopen(fd, "w")) == NULL)
		fatal("fdopen: %s", strerror(errno));
	return DD_OK;
}

static int
close_output(struct cli *c, const char *path, char *tmp, FILE *f, int rc)
{
	int failed = rc != DD_OK;

	if (!failed && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)) {
		err_set(&c->err, DD_FAIL, "cannot write %s: %s", path, strerror(errno));
		failed = 1;
	}
	if (fclose(f) != 0 && !failed) {
		err_set(&c->err, DD_FAIL, "cannot write %s: %s", path, strerror(errno));
		failed = 1;
	}
	if (!failed && rename(tmp, path) != 0) {
		err_set(&c->err, DD_FAIL, "cannot replace %s: %s", path, strerror(errno));
		failed = 1;
	}
	if (failed)
		unlink(tmp);
	free(tmp);
	return failed ? c->err.code : DD_OK;
}

static int
check_export(struct cli *c, const struct args *a)
{
	const char *table = a->pos.v[0], *path = args_get(a, "output");

	if (!csv_export_known(table))
		return err_set(&c->err, DD_USAGE, "cannot export '%s' (tables: %s)", table,
			       csv_export_tables);
	if (path != NULL && path[0] == '\0')
		return err_set(&c->err, DD_USAGE, "--output needs a file name");
	return DD_OK;
}

static int
cmd_export(struct cli *c, const struct args *a)
{
	const char *table = a->pos.v[0], *path = args_get(a, "output");
	char *tmp;
	FILE *f;
	int rc;

	if (path == NULL || strcmp(path, "-") == 0) {
		rc = csv_export(&c->s, table, stdout, &c->err);
		if (rc == DD_OK && (fflush(stdout) != 0 || ferror(stdout)))
			rc = err_set(&c->err, DD_FAIL, "cannot write the export: %s",
				     strerror(errno));
		return rc;
	}
	if (open_output(c, path, &tmp, &f) != DD_OK)
		return c->err.code;
	rc = csv_export(&c->s, table, f, &c->err);
	return close_output(c, path, tmp, f, rc);
}

static const struct opt export_opts[] = {
	{"output", "FILE", "write to FILE (replaced whole, atomically) instead of stdout", 0, NULL},
};

const struct command cli_export_commands[] = {
	{"export", "deals|events|evidence|stakeholders|plan [--output FILE]",
	 "Write a table as CSV (RFC 4180) with a header row. Cells a spreadsheet would run\n"
	 "as a formula (starting with = + - @ TAB CR) or starting with ' get a leading ';\n"
	 "import drops it. See dealdeck(1) for the columns.",
	 export_opts, NOPTS(export_opts), 1, 1, 1, cmd_export, NULL, check_export, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
