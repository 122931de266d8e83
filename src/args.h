/*
 * Command-line options from a table: --name VALUE, --name=VALUE, flags, repeats,
 * and each value checked by its type while parsing, before anything is opened.
 */
#ifndef DD_ARGS_H
#define DD_ARGS_H

#include "error.h"
#include "strbuf.h"

#define ARGS_MAX_OPTS 32

enum opt_flags {
	OPT_REPEAT = 1, /* may be given more than once (--evidence, --map) */
};

struct opt {
	const char *name;    /* without "--" */
	const char *metavar; /* NULL for a flag */
	const char *help;
	int flags;
	/* Checks a value; DD_USAGE with a message when it is bad. NULL: any text. */
	int (*check)(const char *name, const char *value, struct dd_err *err);
};

struct args {
	const struct opt *tables[2];
	size_t ntables[2];
	struct strvec values[2][ARGS_MAX_OPTS]; /* every value given, in order */
	int given[2][ARGS_MAX_OPTS];
	struct strvec pos; /* positional arguments */
};

/*
 * Parses argv against the command's options and the global ones. "--" ends
 * options. Unknown options, missing or bad values and an option given twice
 * that is not OPT_REPEAT are DD_USAGE errors.
 */
int args_parse(struct args *a, const struct opt *cmd, size_t ncmd, const struct opt *global,
	       size_t nglobal, int argc, char **argv, struct dd_err *err);
void args_free(struct args *a);
/* The last value given for --name (or "" for a flag), else NULL. */
const char *args_get(const struct args *a, const char *name);
/* Every value given for --name. */
const struct strvec *args_all(const struct args *a, const char *name);
/*
 * Every value of a text option can be stored (text_problem: UTF-8, no U+FEFF);
 * paths (PATH, FILE) are the system's bytes and are not checked. DD_USAGE names
 * the first that is not.
 */
int args_check_text(const struct args *a, struct dd_err *err);

#endif
