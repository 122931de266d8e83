#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "user_config.h"
#include "date.h"
#include "deal.h"
#include "cli.h"
#include "demo.h"
#include "money.h"
#include "output.h"
#include "process_ini.h"
#include "host_facts.h"
#include "privilege.h"
#include "quit.h"
#include "xmalloc.h"

static const struct opt global_opts[] = {
	{"db", "PATH", "the database (else $DEALDECK_DB, [db] path, the default)", 0, NULL},
	{"config", "PATH", "the user config file", 0, NULL},
	{"theme", "NAME", "the board's colour theme", 0, NULL},
	{"as-of", "DATE", "list, board, stats and review as of the end of DATE", 0, opt_date},
	{"help", NULL, "show help", 0, NULL},
	{"version", NULL, "show the version", 0, NULL},
	{"demo", NULL, "open the board on a fresh demo pipeline in a temporary database", 0, NULL},
	{"present", NULL, "the board, presented: followers see what it shows", 0, NULL},
	{"follow", "LOGIN", "the board, following LOGIN's presented view, read-only", 0, NULL},
};

static const struct command *groups[] = {
	cli_setup_commands, cli_deal_commands, cli_move_commands,
	cli_people_commands, cli_plan_commands, cli_stats_commands, cli_review_commands,
	cli_import_commands,
	cli_export_commands,
	cli_check_commands,
	cli_who_commands,
	NULL, /* the ui's, set by cli_main */
};
static const struct cli_ui *ui;

int
cli_ascii(const struct cli *c)
{
	const char *cs = nl_langinfo(CODESET);

	return c->cfg.ascii || cs == NULL || strcmp(cs, "UTF-8") != 0;
}

static int
run_board(struct cli *c)
{
	if (ui == NULL || ui->board == NULL)
		return err_set(&c->err, DD_USAGE, "this build has no board: give a command");
	return ui->board(c);
}

int
cli_id(struct cli *c, const char *s, const char *what, long *id)
{
	char *end;

	errno = 0;
	*id = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || *id <= 0)
		return err_set(&c->err, DD_USAGE, "%s '%s' is not an id (a positive number)", what,
			       s);
	return DD_OK;
}

int
cli_deal_exists(struct cli *c, long id)
{
	struct deal d;

	if (deal_get(c->s.db, id, &d, &c->err) != DD_OK)
		return c->err.code;
	deal_free(&d);
	return DD_OK;
}

int
cli_date(struct cli *c, const char *s, const char *what, long *day)
{
	if (date_parse(s, day) != 0)
		return err_set(&c->err, DD_USAGE, "%s '%s' is not a date (YYYY-MM-DD)", what, s);
	return DD_OK;
}

int
opt_date(const char *name, const char *v, struct dd_err *err)
{
	long day;

	if (date_parse(v, &day) != 0)
		return err_set(err, DD_USAGE, "--%s '%s' is not a date (YYYY-MM-DD)", name, v);
	return DD_OK;
}

int
opt_date_or_empty(const char *name, const char *v, struct dd_err *err)
{
	return v[0] == '\0' ? DD_OK : opt_date(name, v, err);
}

int
opt_text_or_csv(const char *name, const char *v, struct dd_err *err)
{
	if (strcmp(v, "text") != 0 && strcmp(v, "csv") != 0)
		return err_set(err, DD_USAGE, "--%s must be text or csv", name);
	return DD_OK;
}

int
cli_csv(const struct args *a)
{
	const char *format = args_get(a, "format");

	return format != NULL && strcmp(format, "csv") == 0;
}

int
opt_money(const char *name, const char *v, struct dd_err *err)
{
	const char *why;
	int64_t minor;

	/* The form only: which currency may be named is the database's to say. */
	if (money_parse(v, MONEY_ANY_CURRENCY, &minor, &why) != 0)
		return err_set(err, DD_USAGE, "amount '%s' is not money: %s", v, why);
	return DD_OK;
}

static void
print_usage_line(FILE *f, const struct command *cmd)
{
	out_line(f, "  dealdeck %s%s%s", cmd->name, cmd->usage[0] ? " " : "", cmd->usage);
}

static void
print_options(FILE *f, const struct opt *opts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char left[64];

		snprintf(left, sizeof left, "--%s%s%s", opts[i].name, opts[i].metavar ? " " : "",
			 opts[i].metavar ? opts[i].metavar : "");
		out_line(f, "  %-26s %s", left, opts[i].help);
	}
}

static void
print_command_help(const struct command *cmd)
{
	out_line(stdout, "usage: dealdeck %s%s%s", cmd->name, cmd->usage[0] ? " " : "",
		 cmd->usage);
	out_line(stdout, "%s", "");
	out_lines(stdout, cmd->summary);
	if (cmd->nopts > 0) {
		out_line(stdout, "%s", "");
		out_line(stdout, "options:");
		print_options(stdout, cmd->opts, cmd->nopts);
	}
	out_line(stdout, "%s", "");
	out_line(stdout, "global options (--db, --config%s, ...) work here too; see dealdeck --help.",
		 cmd->flags & CMD_AS_OF ? ", --as-of" : "");
	out_line(stdout, "Exit status: 0 done, 1 failure, 2 usage, 3 refused by a rule, 4 not "
			 "permitted,");
	out_line(stdout, "65 bad input data. See dealdeck(1).");
}

static void
print_help(FILE *f)
{
	out_lines(f, "usage: dealdeck [GLOBAL OPTIONS] [COMMAND [ARGS]]\n\n"
		     "A terminal pipeline board where a deal advances only when the buyer did\n"
		     "something verifiable. With no command, shows the pipeline.\n\n"
		     "global options:");
	print_options(f, global_opts, NOPTS(global_opts));
	out_lines(f, "\ncommands:");
	for (size_t g = 0; g < NOPTS(groups) && groups[g] != NULL; g++)
		for (const struct command *cmd = groups[g]; cmd->name != NULL; cmd++)
			print_usage_line(f, cmd);
	out_lines(f, "\n'dealdeck COMMAND --help' explains a command; dealdeck(1) explains all.");
}

/* Finds the command named by the words at argv[0..]; sets *words to how many it used. */
static const struct command *
find_command(int argc, char **argv, int *words)
{
	const struct command *best = NULL;

	for (size_t g = 0; g < NOPTS(groups) && groups[g] != NULL; g++)
		for (const struct command *cmd = groups[g]; cmd->name != NULL; cmd++) {
			const char *sp = strchr(cmd->name, ' ');
			size_t n1 = sp ? (size_t)(sp - cmd->name) : strlen(cmd->name);

			if (strlen(argv[0]) != n1 || strncmp(argv[0], cmd->name, n1) != 0)
				continue;
			if (sp == NULL) {
				*words = 1;
				return cmd;
			}
			if (argc > 1 && strcmp(argv[1], sp + 1) == 0) {
				*words = 2;
				return cmd;
			}
			best = cmd; /* the group exists; the subcommand is wrong */
		}
	*words = best ? -1 : 0;
	return best;
}

static void
print_group_usage(const char *group)
{
	size_t n = strlen(group);

	out_line(stderr, "usage:");
	for (size_t g = 0; g < NOPTS(groups) && groups[g] != NULL; g++)
		for (const struct command *cmd = groups[g]; cmd->name != NULL; cmd++)
			if (strncmp(cmd->name, group, n) == 0 && cmd->name[n] == ' ')
				print_usage_line(stderr, cmd);
}

/*
 * The database's path. *given: named by --db or $DEALDECK_DB, where a missing
 * file is a typo to report, not a pipeline to start.
 */
static const char *
resolve_db_path(struct cli *c, const struct args *a, char **owned, int *given)
{
	const char *p = args_get(a, "db");

	*owned = NULL;
	*given = 1;
	if (p != NULL && p[0] != '\0')
		return p;
	p = getenv("DEALDECK_DB");
	if (p != NULL && p[0] != '\0')
		return p;
	*given = 0;
	if (c->cfg.db_path != NULL)
		return c->cfg.db_path;
	return *owned = config_default_db();
}

static void
load_default_process(struct cli *c, struct process *def)
{
	if (process_ini_load_text("data/process.ini (built in)", process_default_ini,
				  strlen(process_default_ini), def, &c->err) != DD_OK)
		fatal("the built-in process is broken: %s", strbuf_str(&c->err.msg));
}

static int
open_session(struct cli *c, int flags)
{
	struct process def;
	struct db_init init = {&def, "USD"};
	int rc;

	if (c->opened != NULL) {
		struct db *db = c->opened;

		c->opened = NULL;
		return session_start(&c->s, db, &c->err);
	}
	load_default_process(c, &def);
	rc = session_open(&c->s, c->db_path, flags, &init, &c->err);
	process_free(&def);
	/* Named by [db] path, or the binary lacks its group: say why the team's file is shut. */
	if (rc != DD_OK && priv_team_group() != NULL && priv_in_team_dir(c->db_path))
		err_add(&c->err, rc,
			"%s is in the team directory, which only dealdeck setgid %s opens, and only "
			"when --db or $DEALDECK_DB names it (dealdeck check tells what is wrong)",
			c->db_path, priv_team_group());
	return rc;
}

/*
 * The team host (privilege.h): a database in the team directory is opened
 * with the team group, read once so that its -wal and -shm are open, and the
 * group given up for good, before anything of the user's is read (config,
 * themes, process files, CSV, the terminal). Only --db or $DEALDECK_DB can name
 * it: the config is read after. Only argv has been looked at so far.
 */
static int
open_with_team_group(struct cli *c, const struct args *a, const struct command *cmd,
		     const char *path)
{
	const char *currency = args_get(a, "currency");
	int init = cmd != NULL && (cmd->flags & CMD_INIT), rc;
	struct process def;
	struct db_init in = {&def, currency ? currency : "USD"};

	if (init && args_get(a, "process") != NULL)
		return err_set(&c->err, DD_USAGE,
			       "in the team directory init takes no --process: dealdeck reads "
			       "your files only after it gives up the team group. Run init, then "
			       "process apply FILE");
	/* A command that creates the file checks its arguments first (argv only). */
	if (cmd != NULL && (cmd->flags & (CMD_CREATES_DB | CMD_INIT)) && cmd->check != NULL &&
	    (rc = cmd->check(c, a)) != DD_OK)
		return rc;
	load_default_process(c, &def);
	priv_raise();
	rc = db_open(path,
		     DB_NOFOLLOW | (init			     ? DB_MUST_CREATE
				    : cmd && (cmd->flags & CMD_CREATES_DB) ? DB_CREATE
									    : 0),
		     &in, &c->opened, &c->err);
	if (rc == DD_OK)
		rc = db_read_once(c->opened, &c->err);
	if (rc == DD_OK) {
		c->host = xcalloc(1, sizeof *c->host);
		host_facts_read(path, c->host);
	}
	priv_lower();
	process_free(&def);
	return rc;
}

static int
open_team_database(struct cli *c, const struct args *a, const struct command *cmd)
{
	const char *p = args_get(a, "db");
	char *path = NULL;
	int rc = DD_OK;

	if (p == NULL || p[0] == '\0')
		p = getenv("DEALDECK_DB");
	if (p != NULL && p[0] != '\0' && args_get(a, "demo") == NULL &&
	    (cmd == NULL || cmd->needs_db || (cmd->flags & CMD_INIT)) && priv_team_path(p, &path))
		rc = open_with_team_group(c, a, cmd, path);
	priv_drop();
	free(path);
	return rc;
}

/* --demo: a throwaway database, removed on exit, Ctrl-C or kill included. */
static int
run_demo_board(struct cli *c)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/dealdeck-demo-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
	struct demo_options o = {60, 1, 0};
	int rc;

	quit_catch_signals();
	if (mkdtemp(dir) == NULL) {
		free(dir);
		return err_set(&c->err, DD_FAIL, "cannot create a temporary directory: %s",
			       strerror(errno));
	}
	char *path = xasprintf("%s/demo.db", dir);
	c->db_path = path;
	rc = open_session(c, DB_CREATE);
	if (rc == DD_OK) {
		o.today = date_today();
		rc = demo_fill(c->s.db, &c->s.proc, &o, &c->err);
	}
	if (rc == DD_OK && quit_signal)
		rc = 128 + quit_signal; /* asked to stop while filling: no board */
	else if (rc == DD_OK)
		rc = run_board(c);
	if (c->s.db != NULL)
		session_close(&c->s);
	const char *suffixes[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < 3; i++) {
		char *f = xasprintf("%s%s", path, suffixes[i]);
		unlink(f);
		free(f);
	}
	rmdir(dir);
	free(dir);
	free(path);
	c->db_path = NULL;
	return rc;
}

static int
run(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct args a;
	char *owned_db = NULL;
	int first = 1, words = 0, given, rc;
	long id;

	/* Global options may come before the command: skip them to find it. */
	while (first < argc && argv[first][0] == '-' && strcmp(argv[first], "--") != 0) {
		const char *name = argv[first] + 2;
		int takes = 0;

		for (size_t i = 0; i < NOPTS(global_opts); i++)
			if (strcmp(name, global_opts[i].name) == 0)
				takes = global_opts[i].metavar != NULL;
		first += 1 + takes;
	}
	if (first < argc) {
		cmd = find_command(argc - first, argv + first, &words);
		if (cmd == NULL) {
			err_set(&c->err, DD_USAGE, "unknown command '%s' (see dealdeck --help)",
				argv[first]);
			return DD_USAGE;
		}
		if (words < 0) {
			print_group_usage(argv[first]);
			return err_set(&c->err, DD_USAGE, "%s: unknown or missing subcommand",
				       argv[first]);
		}
	}
	/* Parse everything but the command words, with the command's options. */
	char **rest = xcalloc((size_t)argc, sizeof *rest);
	int nrest = 0;
	for (int i = 1; i < argc; i++)
		if (cmd == NULL || i < first || i >= first + words)
			rest[nrest++] = argv[i];
	rc = args_parse(&a, cmd ? cmd->opts : NULL, cmd ? cmd->nopts : 0, global_opts,
			NOPTS(global_opts), nrest, rest, &c->err);
	free(rest);
	/* Text that cannot be stored is a usage error here, before any rule judges it. */
	if (rc != DD_OK || (rc = args_check_text(&a, &c->err)) != DD_OK)
		goto out;
	if (args_get(&a, "version") != NULL) {
		out_line(stdout, "dealdeck %s", PACKAGE_VERSION);
		goto out;
	}
	if (args_get(&a, "help") != NULL) {
		if (cmd != NULL)
			print_command_help(cmd);
		else
			print_help(stdout);
		goto out;
	}
	if (cmd != NULL && ((int)a.pos.n < cmd->min_pos || (int)a.pos.n > cmd->max_pos)) {
		out_line(stderr, "usage:");
		print_usage_line(stderr, cmd);
		rc = err_set(&c->err, DD_USAGE, "%s: expected %s arguments", cmd->name,
			     (int)a.pos.n < cmd->min_pos ? "more" : "fewer");
		goto out;
	}
	if (cmd == NULL && a.pos.n > 0) {
		rc = err_set(&c->err, DD_USAGE, "unexpected argument '%s'", a.pos.v[0]);
		goto out;
	}
	/* Everything the command line alone can tell is checked before any file is opened. */
	c->as_of = -1;
	if (args_get(&a, "as-of") != NULL) {
		if (cmd != NULL && !(cmd->flags & CMD_AS_OF)) {
			rc = err_set(&c->err, DD_USAGE,
				     "--as-of works with list, board, stats and review, not with %s",
				     cmd->name);
			goto out;
		}
		if ((rc = cli_date(c, args_get(&a, "as-of"), "--as-of", &c->as_of)) != DD_OK)
			goto out;
	}
	if (cmd != NULL && cmd->id_of != NULL &&
	    (rc = cli_id(c, a.pos.v[0], cmd->id_of, &id)) != DD_OK)
		goto out;
	if ((rc = open_team_database(c, &a, cmd)) != DD_OK)
		goto out;
	if (cmd != NULL && cmd->check != NULL && (rc = cmd->check(c, &a)) != DD_OK)
		goto out;
	c->theme = args_get(&a, "theme");
	c->present = args_get(&a, "present") != NULL;
	c->follow = args_get(&a, "follow");
	if ((c->present || c->follow != NULL) && cmd != NULL) {
		rc = err_set(&c->err, DD_USAGE, "--present and --follow open the board: no command");
		goto out;
	}
	if (c->present && c->follow != NULL) {
		rc = err_set(&c->err, DD_USAGE, "--present or --follow, not both");
		goto out;
	}
	if ((rc = config_load(args_get(&a, "config"), &c->cfg, &c->err)) != DD_OK)
		goto out;
	if (ui != NULL && ui->check_config != NULL &&
	    (rc = ui->check_config(&c->cfg, &c->err)) != DD_OK)
		goto out;
	if (args_get(&a, "demo") != NULL) {
		rc = run_demo_board(c);
		goto out;
	}
	c->db_path = resolve_db_path(c, &a, &owned_db, &given);
	if (cmd == NULL || cmd->needs_db || c->opened != NULL) {
		int create = !given || (cmd != NULL && (cmd->flags & CMD_CREATES_DB));

		if ((rc = open_session(c, create ? DB_CREATE : 0)) != DD_OK)
			goto out;
	}
	rc = cmd != NULL ? cmd->run(c, &a) : run_board(c);
out:
	if (c->s.db != NULL)
		session_close(&c->s);
	db_close(c->opened);
	if (c->host != NULL)
		host_facts_free(c->host);
	free(c->host);
	config_free(&c->cfg);
	args_free(&a);
	free(owned_db);
	return rc;
}

int
cli_main(int argc, char **argv, const struct cli_ui *with)
{
	struct cli c;
	int rc;

	ui = with;
	groups[NOPTS(groups) - 1] = with != NULL ? with->commands : NULL;
	memset(&c, 0, sizeof c);
	err_init(&c.err);
	rc = run(&c, argc, argv);
	if (rc != DD_OK && c.err.code == DD_OK)
		c.err.code = rc;
	if (c.err.code != DD_OK)
		out_message(stderr, strbuf_str(&c.err.msg));
	rc = c.err.code;
	err_free(&c.err);
	return rc;
}
