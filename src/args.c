#include <string.h>

#include "args.h"
#include "text.h"
#include "xmalloc.h"

static int
find(const struct args *a, const char *name, size_t len, int *t, size_t *i)
{
	for (*t = 0; *t < 2; (*t)++)
		for (*i = 0; *i < a->ntables[*t]; (*i)++)
			if (strlen(a->tables[*t][*i].name) == len &&
			    strncmp(a->tables[*t][*i].name, name, len) == 0)
				return 1;
	return 0;
}

int
args_parse(struct args *a, const struct opt *cmd, size_t ncmd, const struct opt *global,
	   size_t nglobal, int argc, char **argv, struct dd_err *err)
{
	int only_pos = 0;

	memset(a, 0, sizeof *a);
	a->tables[0] = cmd;
	a->ntables[0] = ncmd;
	a->tables[1] = global;
	a->ntables[1] = nglobal;
	if (ncmd > ARGS_MAX_OPTS || nglobal > ARGS_MAX_OPTS)
		fatal("too many options in a table");
	for (int k = 0; k < argc; k++) {
		const char *arg = argv[k], *eq, *name;
		size_t i;
		int t;

		if (only_pos || arg[0] != '-' || arg[1] == '\0' ||
		    (arg[1] != '-' && !(arg[1] >= 'a' && arg[1] <= 'z'))) {
			strvec_push(&a->pos, arg); /* "-5" or "-" are values, not options */
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (arg[1] != '-')
			return err_set(err, DD_USAGE, "unknown option %s (options are --long)",
				       arg);
		name = arg + 2;
		eq = strchr(name, '=');
		if (!find(a, name, eq ? (size_t)(eq - name) : strlen(name), &t, &i))
			return err_set(err, DD_USAGE, "unknown option --%.*s",
				       (int)(eq ? eq - name : (long)strlen(name)), name);
		const struct opt *o = &a->tables[t][i];
		/* Keeping the last of two silently would drop what the user typed first. */
		if (a->given[t][i] && !(o->flags & OPT_REPEAT))
			return err_set(err, DD_USAGE, "--%s is given twice%s", o->name,
				       o->metavar ? "; it takes one value" : "");
		a->given[t][i] = 1;
		if (o->metavar == NULL) {
			if (eq != NULL)
				return err_set(err, DD_USAGE, "--%s takes no value", o->name);
			continue;
		}
		if (eq == NULL && k + 1 >= argc)
			return err_set(err, DD_USAGE, "--%s needs a value (%s)", o->name,
				       o->metavar);
		const char *v = eq != NULL ? eq + 1 : argv[++k];
		if (o->check != NULL && o->check(o->name, v, err) != DD_OK)
			return err->code;
		strvec_push(&a->values[t][i], v);
	}
	return DD_OK;
}

void
args_free(struct args *a)
{
	for (int t = 0; t < 2; t++)
		for (size_t i = 0; i < ARGS_MAX_OPTS; i++)
			strvec_free(&a->values[t][i]);
	strvec_free(&a->pos);
}

const char *
args_get(const struct args *a, const char *name)
{
	size_t i;
	int t;

	if (!find(a, name, strlen(name), &t, &i) || !a->given[t][i])
		return NULL;
	if (a->tables[t][i].metavar == NULL)
		return "";
	return a->values[t][i].v[a->values[t][i].n - 1];
}

const struct strvec *
args_all(const struct args *a, const char *name)
{
	static const struct strvec none;
	size_t i;
	int t;

	if (!find(a, name, strlen(name), &t, &i))
		return &none;
	return &a->values[t][i];
}

int
args_check_text(const struct args *a, struct dd_err *err)
{
	for (int t = 0; t < 2; t++)
		for (size_t i = 0; i < a->ntables[t]; i++) {
			const struct opt *o = &a->tables[t][i];
			const char *why;

			if (o->metavar == NULL || strcmp(o->metavar, "PATH") == 0 ||
			    strcmp(o->metavar, "FILE") == 0)
				continue;
			for (size_t k = 0; k < a->values[t][i].n; k++)
				if ((why = text_problem(a->values[t][i].v[k],
							strlen(a->values[t][i].v[k]))) != NULL)
					return err_set(err, DD_USAGE, "--%s: %s", o->name, why);
		}
	return DD_OK;
}
