#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "user_config.h"
#include "ini_file.h"
#include "xmalloc.h"

const char *const config_densities[] = {"full", "compact", "line", NULL};

/* [keys] takes any action name; the board checks them against its key table. */
static const struct ini_section_def config_sections[] = {
	{"db", 0, {"path", NULL}},
	{"ui", 0, {"theme", "ascii", "privacy", "density", NULL}},
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
			c->path = def;
			return DD_OK;
		}
	}
	c->path = xstrdup(path);
	strbuf_init(&text);
	if (ini_file_read(path, &text, err) != DD_OK ||
	    ini_file_parse(&f, path, strbuf_str(&text), text.len, err) != DD_OK) {
		strbuf_free(&text);
		free(def);
		config_free(c); /* as below: a config that failed holds nothing */
		return err->code;
	}
	ini_check_known(&f, config_sections, sizeof config_sections / sizeof config_sections[0]);
	if ((v = ini_get(&f, "db", "path")) != NULL && v[0] != '\0')
		c->db_path = xstrdup(v);
	if ((v = ini_get(&f, "ui", "theme")) != NULL && v[0] != '\0')
		c->theme = xstrdup(v);
	if ((v = ini_get(&f, "ui", "density")) != NULL) {
		for (size_t i = 0; c->density == NULL && config_densities[i] != NULL; i++)
			if (strcmp(v, config_densities[i]) == 0)
				c->density = xstrdup(v);
		if (c->density == NULL)
			ini_problem(&f, "ui", "density",
				    "density must be full, compact or line, not '%s'", v);
	}
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
	free(c->path);
	free(c->db_path);
	free(c->theme);
	free(c->density);
	strvec_free(&c->key_actions);
	strvec_free(&c->key_values);
	strvec_free(&c->key_where);
	memset(c, 0, sizeof *c);
}

/* "name" of a "[name]" line (lowercased, as iniparser reads it), or NULL. */
static char *
section_of(const char *line, size_t n)
{
	const char *a = line, *z = line + n;

	while (a < z && (*a == ' ' || *a == '\t'))
		a++;
	if (a == z || *a != '[')
		return NULL;
	const char *close = memchr(a, ']', (size_t)(z - a));
	if (close == NULL)
		return NULL;
	char *name = xstrndup(a + 1, (size_t)(close - a - 1));
	for (char *p = name; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return name;
}

/* Whether a line sets key (any case, spaces around), as "key = value". */
static int
sets_key(const char *line, size_t n, const char *key)
{
	size_t k = strlen(key), i = 0;

	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (n - i < k || strncasecmp(line + i, key, k) != 0)
		return 0;
	for (i += k; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
		;
	return i < n && line[i] == '=';
}

/* Blank or a comment: a key added to a section goes before such trailing lines. */
static int
blank(const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (line[i] == '#' || line[i] == ';')
			return 1;
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return 0;
	}
	return 1;
}

/* The file's text with key = value set in [section] (see config_save_value). */
static void
set_in_text(const char *text, const char *section, const char *key, const char *value,
	    struct strbuf *out)
{
	const char *eol = strstr(text, "\r\n") != NULL ? "\r\n" : "\n";
	size_t insert_at = (size_t)-1; /* after the section's last non-blank line */
	int in = 0, done = 0;

	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), whole = nl ? n + 1 : n;
		char *sec = section_of(p, n);

		if (sec != NULL) {
			in = strcmp(sec, section) == 0;
			if (in)
				insert_at = out->len + whole;
			free(sec);
		} else if (in && !done && sets_key(p, n, key)) {
			strbuf_printf(out, "%s = %s%s", key, value, nl ? eol : "");
			done = 1;
			p += whole;
			continue;
		} else if (in && !blank(p, n)) {
			insert_at = out->len + whole;
		}
		strbuf_add(out, p, whole);
		if (!nl && in && !blank(p, n))
			insert_at = out->len;
		p += whole;
	}
	if (done)
		return;
	char *line = xasprintf("%s = %s%s", key, value, eol);
	if (insert_at != (size_t)-1) {
		if (insert_at == out->len && out->len > 0 && out->s[out->len - 1] != '\n')
			strbuf_puts(out, eol); /* the section's last line had no newline */
		struct strbuf tail;

		strbuf_init(&tail);
		strbuf_add(&tail, out->s + insert_at, out->len - insert_at);
		out->len = insert_at;
		out->s[out->len] = '\0';
		strbuf_puts(out, line);
		strbuf_add(out, tail.s, tail.len);
		strbuf_free(&tail);
	} else {
		if (out->len > 0 && out->s[out->len - 1] != '\n')
			strbuf_puts(out, eol);
		if (out->len > 0)
			strbuf_puts(out, eol);
		strbuf_printf(out, "[%s]%s%s", section, eol, line);
	}
	free(line);
}

/* mkdir -p of the directory part of path, new directories 0700. */
static void
make_parents(const char *path)
{
	char *dir = xstrdup(path);

	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	free(dir);
}

int
config_save_value(const char *path, const char *section, const char *key, const char *value,
		  struct dd_err *err)
{
	char *def = NULL, real[PATH_MAX], *tmp;
	struct strbuf text, out;
	struct stat sb;
	mode_t mode = 0600;
	int fd, rc = DD_OK;

	if (path == NULL)
		path = def = config_dir_file("config.ini");
	/* A symlinked config (dotfiles) is written where it points. */
	if (realpath(path, real) != NULL)
		path = real;
	strbuf_init(&text);
	strbuf_init(&out);
	if (stat(path, &sb) == 0) {
		mode = sb.st_mode & 07777;
		if (ini_file_read(path, &text, err) != DD_OK) {
			rc = err->code;
			goto out;
		}
	} else {
		make_parents(path);
	}
	set_in_text(strbuf_str(&text), section, key, value, &out);
	tmp = xasprintf("%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0 || fchmod(fd, mode) != 0 || write(fd, out.s, out.len) != (ssize_t)out.len ||
	    fsync(fd) != 0) {
		rc = err_set(err, DD_FAIL, "cannot write %s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
	} else if (close(fd) != 0 || rename(tmp, path) != 0) {
		rc = err_set(err, DD_FAIL, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
out:
	strbuf_free(&text);
	strbuf_free(&out);
	free(def);
	return rc;
}
