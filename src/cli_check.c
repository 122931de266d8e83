/* dealdeck check: every derived value against a recount. */
#include <stdio.h>

#include "cli.h"
#include "derived.h"
#include "output.h"

static int
cmd_check(struct cli *c, const struct args *a)
{
	struct strvec bad = {0};

	if (derived_check(c->s.db, &bad, &c->err) != DD_OK) {
		strvec_free(&bad);
		return c->err.code;
	}
	for (size_t i = 0; i < bad.n; i++)
		out_line(stdout, "%s", bad.v[i]);
	if (bad.n > 0) {
		err_set(&c->err, DD_FAIL, "%zu derived value%s disagree%s with a recount", bad.n,
			bad.n == 1 ? "" : "s", bad.n == 1 ? "s" : "");
		strvec_free(&bad);
		return DD_FAIL;
	}
	out_line(stdout, "ok: totals, deals' stages and snapshots agree with a recount");
	return DD_OK;
}

const struct command cli_check_commands[] = {
	{"check", "",
	 "Verify every derived value (the board's totals, each deal's stage against its "
	 "history, snapshot headers) against a full recount; exit 1 naming any mismatch.",
	 NULL, 0, 0, 0, 1, cmd_check, NULL, NULL, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
