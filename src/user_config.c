#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "user_config.h"
#include "ini_file.h"
#include "xmalloc.h"

/* [keys] takes any action name; the board checks them against its key table. */
static const struct ini_section_def config_sections[] = {
	{"db", 0, {"path", NULL}},
	{"ui", 0, {"theme", "ascii", "privacy", NULL}},
	{"keys", 0, {NULL}},
};

static const char *
home_dir(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && h[0] != '\0')
		return h;
	pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_dir : "/";
}

/* An XDG base directory: the variable if set to an absolute path, else HOME/fallback. */
static char *
xdg_file(const char *var, const char *fallback, const char *name)
{
	const char *v = getenv(var);

	if (v != NULL && v[0] == '/')
		return xasprintf("%s/dealdeck/%s", v, name);
	return xasprintf("%s/%s/dealdeck/%s", home_dir(), fallback, name);
}

char *
config_dir_file(const char *name)
{
	return xdg_file("XDG_CONFIG_HOME", ".config", name);
}

char *
config_default_db(void)
{
	return xdg_file("XDG_DATA_HOME", ".local/share", "pipeline.db");
}

int
config_load(const char *path, struct config *c, struct dd_err *err)
{
	char *def = NULL;
	struct strbuf text;
	struct ini_file f;
	struct stat sb;
	const char *v;

	memset(c, 0, sizeof *c);
	if (path == NULL) {
		path = def = config_dir_file("config.ini");
		if (stat(path, &sb) != 0) {
			free(def);
			return DD_OK;
		}
	}
	strbuf_init(&text);
	if (ini_file_read(path, &text, err) != DD_OK ||
	    ini_file_parse(&f, path, strbuf_str(&text), text.len, err) != DD_OK) {
		strbuf_free(&text);
		free(def);
		return err->code;
	}
	ini_check_known(&f, config_sections, sizeof config_sections / sizeof config_sections[0]);
	if ((v = ini_get(&f, "db", "path")) != NULL && v[0] != '\0')
		c->db_path = xstrdup(v);
	if ((v = ini_get(&f, "ui", "theme")) != NULL && v[0] != '\0')
		c->theme = xstrdup(v);
	c->ascii = ini_get_bool(&f, "ui", "ascii", 0);
	c->privacy = ini_get_bool(&f, "ui", "privacy", 0);
	int nkeys = iniparser_getsecnkeys(f.d, "keys");
	if (nkeys > 0) {
		const char **keys = xcalloc((size_t)nkeys, sizeof *keys);

		iniparser_getseckeys(f.d, "keys", keys);
		for (int i = 0; i < nkeys; i++) {
			strvec_push(&c->key_actions, keys[i] + strlen("keys:"));
			strvec_push(&c->key_values, iniparser_getstring(f.d, keys[i], ""));
			strvec_push_owned(&c->key_where,
					  xasprintf("%s:%d", path,
						    ini_line(&f, "keys", keys[i] + strlen("keys:"))));
		}
		free(keys);
	}
	ini_file_free(&f);
	strbuf_free(&text);
	free(def);
	if (err->code != DD_OK)
		config_free(c);
	return err->code;
}

void
config_free(struct config *c)
{
	free(c->db_path);
	free(c->theme);
	strvec_free(&c->key_actions);
	strvec_free(&c->key_values);
	strvec_free(&c->key_where);
	memset(c, 0, sizeof *c);
}
