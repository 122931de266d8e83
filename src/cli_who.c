/* dealdeck who: follow mode's presenters and followers, from the presence table. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "csv_write.h"
#include "output.h"
#include "presence.h"

static int
cmd_who(struct cli *c, const struct args *a)
{
	struct presence_row *rows;
	size_t n;
	int csv = cli_csv(a);
	if (presence_list(c->s.db, &rows, &n, &c->err) != DD_OK)
		return c->err.code;
	if (csv) {
		static const char *const header[] = {"login", "role", "follows", "since", "pid"};

		csv_row(stdout, header, 5);
	} else if (n == 0) {
		out_line(stdout, "nobody presents or follows");
	}
	for (size_t i = 0; i < n; i++) {
		const struct presence_row *r = &rows[i];

		if (csv) {
			char pid[24];

			snprintf(pid, sizeof pid, "%ld", r->pid);
			const char *cells[] = {
				r->login, strcmp(r->role, "present") == 0 ? "presents" : "follows",
				r->target, r->since, pid};
			csv_row(stdout, cells, 5);
		} else if (strcmp(r->role, "present") == 0) {
			out_line(stdout, "%-16s presents since %s UTC", r->login, r->since);
		} else {
			out_line(stdout, "%-16s follows %s since %s UTC", r->login,
				 r->target ? r->target : "?", r->since);
		}
	}
	presence_free(rows, n);
	return DD_OK;
}

static const struct opt who_opts[] = {
	{"format", "F", "text (default) or csv", 0, opt_text_or_csv},
};

const struct command cli_who_commands[] = {
	{"who", "[--format text|csv]",
	 "Who presents (dealdeck --present), since when, and who follows whom\n"
	 "(dealdeck --follow LOGIN). A presenter gone without a word (killed, a dropped\n"
	 "ssh) is not listed once its heartbeat is a few seconds old.",
	 who_opts, NOPTS(who_opts), 0, 0, 1, cmd_who, NULL, NULL, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
