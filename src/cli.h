/*
 * The command line: a table of commands (tmux's cmd_entry), each with its
 * options, usage and handler. Adding a command is adding a row.
 */
#ifndef DD_CLI_H
#define DD_CLI_H

#include "args.h"
#include "user_config.h"
#include "error.h"
#include "session.h"

struct cli {
	const char *db_path; /* resolved */
	const char *config_path;
	const char *theme;
	long as_of; /* day number, or -1 */
	int present;        /* --present: the board's view goes to the presence table */
	const char *follow; /* --follow LOGIN: the board shows LOGIN's view, read-only */
	struct config cfg;
	struct session s; /* open when the command needs the database */
	/* A team database, opened with the team group before anything else (privilege.h). */
	struct db *opened;
	struct host_facts *host; /* its file's facts, read while the group was held */
	struct dd_err err;
};

enum command_flags {
	CMD_AS_OF = 1,	    /* honours --as-of; elsewhere it is refused */
	CMD_CREATES_DB = 2, /* may create the database named by --db or $DEALDECK_DB */
	CMD_INIT = 4,	    /* creates the database itself, refusing an existing one */
};

struct command {
	const char *name;  /* "stakeholder add" */
	const char *usage; /* what follows the name */
	const char *summary;
	const struct opt *opts;
	size_t nopts;
	int min_pos, max_pos; /* positional arguments */
	int needs_db;
	int (*run)(struct cli *c, const struct args *a);
	/*
	 * Checked before the database is opened, so that a usage error creates
	 * nothing: the first argument is the id of id_of ("deal"), unless NULL;
	 * check, unless NULL, looks at the rest.
	 */
	const char *id_of;
	int (*check)(struct cli *c, const struct args *a);
	int flags;
};

/* What the full-screen part adds: its commands, and the board itself. */
struct cli_ui {
	const struct command *commands; /* NULL-name terminated */
	int (*board)(struct cli *c);	/* dealdeck with no command */
	/* Checks the parts of the config only the screens know ([keys]). */
	int (*check_config)(const struct config *cfg, struct dd_err *err);
};

/* Runs the program; returns the exit status. ui may be NULL (no screens). */
int cli_main(int argc, char **argv, const struct cli_ui *ui);
/* Whether box drawing and glyphs should be ASCII: [ui] ascii, or a non-UTF-8 locale. */
int cli_ascii(const struct cli *c);

/* Command tables of each group, NULL-name terminated. */
extern const struct command cli_deal_commands[];
extern const struct command cli_move_commands[];
extern const struct command cli_people_commands[];
extern const struct command cli_plan_commands[];
extern const struct command cli_setup_commands[];
extern const struct command cli_export_commands[];
extern const struct command cli_import_commands[];
extern const struct command cli_stats_commands[];
extern const struct command cli_review_commands[];
extern const struct command cli_check_commands[];
extern const struct command cli_who_commands[];

/* Parses a positional id; DD_USAGE when it is not a positive number. */
int cli_id(struct cli *c, const char *s, const char *what, long *id);
/* DD_FAIL "no deal N" unless it exists: listing a missing deal is not an empty list. */
int cli_deal_exists(struct cli *c, long id);
/* Parses --as-of style dates; DD_USAGE when malformed. */
int cli_date(struct cli *c, const char *s, const char *what, long *day);

/* Option value checks for the tables (struct opt's check): DD_USAGE when bad. */
int opt_date(const char *name, const char *v, struct dd_err *err);
int opt_date_or_empty(const char *name, const char *v, struct dd_err *err); /* empty clears */
int opt_money(const char *name, const char *v, struct dd_err *err);
int opt_text_or_csv(const char *name, const char *v, struct dd_err *err); /* --format */
/* Whether --format (checked by opt_text_or_csv) asks for csv. */
int cli_csv(const struct args *a);

#define NOPTS(v) (sizeof(v) / sizeof((v)[0]))

#endif
