#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ini_file.h"
#include "text.h"
#include "xmalloc.h"

#define INI_MAX_LINE 1024 /* iniparser's line buffer */
#define INI_MAX_SIZE (1024 * 1024)

int
ini_file_read(const char *path, struct strbuf *out, struct dd_err *err)
{
	char buf[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return err_set(err, DD_FAIL, "%s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		strbuf_add(out, buf, n);
		if (out->len > INI_MAX_SIZE) {
			fclose(f);
			return err_set(err, DD_DATAERR, "%s:1: too large for a settings file",
				       path);
		}
	}
	fclose(f);
	return DD_OK;
}

static char *
lower_trim(const char *a, const char *z)
{
	while (a < z && isspace((unsigned char)*a))
		a++;
	while (z > a && isspace((unsigned char)z[-1]))
		z--;
	char *s = xstrndup(a, (size_t)(z - a));
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

static void
add_pos(struct ini_file *f, char *section, char *key, int line)
{
	f->pos = xreallocarray(f->pos, f->npos + 1, sizeof *f->pos);
	f->pos[f->npos++] = (struct ini_pos){section, key, line};
}

/*
 * iniparser reads 'key = "abc' as abc and 'key = "a" b' as a, silently: a value
 * that opens a quote must close it, and only a comment may follow.
 */
static const char *
quote_problem(const char *v, size_t n)
{
	const char *e = v + n, *close, *p;

	while (v < e && isspace((unsigned char)*v))
		v++;
	while (e > v && isspace((unsigned char)e[-1]))
		e--;
	if (v == e || (*v != '"' && *v != '\''))
		return NULL;
	close = memchr(v + 1, *v, (size_t)(e - v - 1));
	if (close == NULL)
		return "a quoted value is not closed";
	for (p = close + 1; p < e && (*p == ' ' || *p == '\t'); p++)
		;
	if (p < e && *p != '#' && *p != ';')
		return "text after the closing quote (a value cannot hold the quote it is in)";
	return NULL;
}

/* Whether a line (without its newline) ends in a backslash: iniparser continues it. */
static int
continues(const char *a, const char *e)
{
	while (e > a && isspace((unsigned char)e[-1]))
		e--;
	return e > a && e[-1] == '\\';
}

static void
index_lines(struct ini_file *f, const char *text, size_t len)
{
	char *section = xstrdup("");
	const char *p = text, *end = text + len;
	int line = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *a = p;

		line++;
		while (a < e && isspace((unsigned char)*a))
			a++;
		if (a < e && *a == '[') {
			const char *close = memchr(a, ']', (size_t)(e - a));

			free(section);
			section = lower_trim(a + 1, close ? close : e);
			add_pos(f, xstrdup(section), NULL, line);
		} else if (a < e && *a != '#' && *a != ';') {
			const char *eq = memchr(a, '=', (size_t)(e - a));

			if (eq != NULL) {
				char *key = lower_trim(a, eq);

				if (section[0] == '\0')
					err_add(f->err, DD_DATAERR,
						"%s:%d: %s is outside any [section]", f->name,
						line, key);
				/* iniparser keeps the last silently: a likely mistake. */
				for (size_t i = 0; i < f->npos; i++)
					if (f->pos[i].key != NULL &&
					    strcmp(f->pos[i].key, key) == 0 &&
					    strcmp(f->pos[i].section, section) == 0)
						err_add(f->err, DD_DATAERR,
							"%s:%d: %s is given twice in [%s] (also "
							"line %d)",
							f->name, line, key, section,
							f->pos[i].line);
				add_pos(f, xstrdup(section), key, line);
				/* The value, with the lines a backslash joins to it. */
				struct strbuf v;
				const char *why;
				int first = line;

				strbuf_init(&v);
				strbuf_add(&v, eq + 1, (size_t)(e - eq - 1));
				while (continues(v.s, v.s + v.len) && nl != NULL) {
					while (v.s[v.len - 1] != '\\')
						v.len--;
					v.s[--v.len] = '\0';
					p = nl + 1;
					nl = memchr(p, '\n', (size_t)(end - p));
					strbuf_add(&v, p, (size_t)((nl ? nl : end) - p));
					line++;
				}
				if ((why = quote_problem(v.s, v.len)) != NULL)
					err_add(f->err, DD_DATAERR, "%s:%d: %s: %s", f->name,
						first, key, why);
				strbuf_free(&v);
			}
		}
		p = nl ? nl + 1 : end;
	}
	free(section);
}

int
ini_line(const struct ini_file *f, const char *section, const char *key)
{
	for (size_t i = 0; i < f->npos; i++)
		if (strcmp(f->pos[i].section, section) == 0 &&
		    ((key == NULL && f->pos[i].key == NULL) ||
		     (key != NULL && f->pos[i].key != NULL && strcmp(f->pos[i].key, key) == 0)))
			return f->pos[i].line;
	return key != NULL ? ini_line(f, section, NULL) : 1;
}

void
ini_problem(struct ini_file *f, const char *section, const char *key, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_add(f->err, DD_DATAERR, "%s:%d: %s", f->name, ini_line(f, section, key), msg);
}

const char *
ini_get(const struct ini_file *f, const char *section, const char *key)
{
	char full[256];

	snprintf(full, sizeof full, "%s:%s", section, key);
	return iniparser_getstring(f->d, full, NULL);
}

int
ini_get_int(struct ini_file *f, const char *section, const char *key, int lo, int hi, int *out)
{
	const char *v = ini_get(f, section, key);
	char *end;
	long n;

	if (v == NULL) {
		ini_problem(f, section, NULL, "[%s] needs %s", section, key);
		return -1;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || n < lo || n > hi) {
		ini_problem(f, section, key, "%s must be a whole number from %d to %d, not '%s'",
			    key, lo, hi, v);
		return -1;
	}
	*out = (int)n;
	return 0;
}

int
ini_get_bool(struct ini_file *f, const char *section, const char *key, int def)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	const char *v = ini_get(f, section, key);

	if (v == NULL)
		return def;
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	ini_problem(f, section, key, "%s must be true or false, not '%s'", key, v);
	return def;
}

void
ini_check_known(struct ini_file *f, const struct ini_section_def *defs, size_t ndefs)
{
	int nsec = iniparser_getnsec(f->d);

	for (int i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(f->d, i);
		const struct ini_section_def *def = NULL;

		for (size_t j = 0; j < ndefs; j++) {
			size_t n = strlen(defs[j].prefix);

			if (strncmp(sec, defs[j].prefix, n) == 0 &&
			    (defs[j].named ? sec[n] == ' ' && sec[n + 1] != '\0' : sec[n] == '\0'))
				def = &defs[j];
		}
		if (def == NULL) {
			ini_problem(f, sec, NULL, "unknown section [%s]", sec);
			continue;
		}
		if (def->keys[0] == NULL)
			continue;
		int nkeys = iniparser_getsecnkeys(f->d, sec);
		const char **keys = xcalloc((size_t)nkeys + 1, sizeof *keys);
		iniparser_getseckeys(f->d, sec, keys);
		for (int k = 0; k < nkeys; k++) {
			const char *key = strchr(keys[k], ':') + 1;
			int ok = 0;

			for (int m = 0; def->keys[m] != NULL; m++)
				ok |= strcmp(def->keys[m], key) == 0;
			if (!ok)
				ini_problem(f, sec, key, "unknown key '%s' in [%s]", key, sec);
		}
		free(keys);
	}
}

/* iniparser reports syntax errors through a printf-like callback: keep the first. */
static char syntax_msg[4096];

static int
capture_error(const char *fmt, ...)
{
	va_list ap;

	if (syntax_msg[0] != '\0')
		return 0;
	va_start(ap, fmt);
	vsnprintf(syntax_msg, sizeof syntax_msg, fmt, ap);
	va_end(ap);
	return 0;
}

/*
 * The first control character of a line that is neither a TAB nor the CR of a
 * CRLF: an escape sequence or BEL in a label would reach terminals later.
 * Returns its code point, or 0. The line is valid UTF-8 without NUL.
 */
static uint32_t
control_in(const char *p, size_t n)
{
	const char *end = p + n;

	if (n > 0 && end[-1] == '\r')
		end--;
	while (p < end) {
		uint32_t cp;

		p += utf8_decode(p, &cp);
		if (text_is_control(cp) && cp != '\t')
			return cp;
	}
	return 0;
}

/* What iniparser would not explain well: long lines, bad UTF-8, NUL bytes, controls. */
static int
check_text(const char *name, const char *text, size_t len, struct dd_err *err)
{
	const char *p = text, *end = text + len;
	int line = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		uint32_t cp;

		line++;
		if (n >= INI_MAX_LINE - 1)
			err_add(err, DD_DATAERR, "%s:%d: line longer than %d bytes", name, line,
				INI_MAX_LINE - 2);
		if (memchr(p, '\0', n) != NULL)
			err_add(err, DD_DATAERR, "%s:%d: contains a NUL byte", name, line);
		else if (!utf8_valid(p, n))
			err_add(err, DD_DATAERR, "%s:%d: not valid UTF-8", name, line);
		else if ((cp = control_in(p, n)) == '\r')
			err_add(err, DD_DATAERR,
				"%s:%d: a CR that does not end a line (lines end with LF or CRLF)",
				name, line);
		else if (cp != 0)
			err_add(err, DD_DATAERR,
				"%s:%d: contains a control character (U+%04X); only text and TAB "
				"may appear",
				name, line, (unsigned)cp);
		p = nl ? nl + 1 : end;
	}
	return err->code;
}

/*
 * iniparser reads only files: a private copy in $TMPDIR (else /tmp), every
 * write checked, so that a full disk cannot hand it half a process file that
 * still parses, with a gate missing. Returns the file's name, or NULL.
 */
static char *
write_temp(const char *text, size_t len, struct dd_err *err)
{
	const char *dir = getenv("TMPDIR");
	char *tmp;
	int fd, failed = 0;

	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	tmp = xasprintf("%s/dealdeck-ini-XXXXXX", dir);
	if ((fd = mkstemp(tmp)) < 0) {
		err_set(err, DD_FAIL, "cannot create a temporary file in %s: %s", dir,
			strerror(errno));
		free(tmp);
		return NULL;
	}
	while (len > 0) {
		ssize_t n = write(fd, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			failed = n < 0 ? errno : ENOSPC;
			break;
		}
		text += n;
		len -= (size_t)n;
	}
	if (close(fd) != 0 && failed == 0)
		failed = errno;
	if (failed != 0) {
		err_set(err, DD_FAIL, "cannot write a temporary file in %s: %s", dir,
			strerror(failed));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

int
ini_file_parse(struct ini_file *f, const char *name, const char *text, size_t len,
	       struct dd_err *err)
{
	char *tmp;

	memset(f, 0, sizeof *f);
	f->name = name;
	f->err = err;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3; /* iniparser fails on a byte order mark */
		len -= 3;
	}
	if (check_text(name, text, len, err) != DD_OK)
		return err->code;
	if ((tmp = write_temp(text, len, err)) == NULL)
		return err->code;
	syntax_msg[0] = '\0';
	iniparser_set_error_callback(capture_error);
	f->d = iniparser_load(tmp);
	unlink(tmp);
	if (f->d == NULL) {
		/* "iniparser: syntax error in TMP (LINE):\n-> TEXT": the line follows TMP. */
		const char *at = strstr(syntax_msg, tmp);
		char *what = strstr(syntax_msg, "-> ");
		int line = at ? atoi(at + strlen(tmp) + 2) : 0;

		if (what != NULL) {
			what += 3;
			what[strcspn(what, "\n")] = '\0';
		}
		free(tmp);
		if (line == 0 && what == NULL)
			/* Not a syntax error: it could not read our copy. */
			return err_set(err, DD_FAIL, "%s: could not be read back: %s", name,
				       syntax_msg[0] ? syntax_msg : "unknown error");
		return err_set(err, DD_DATAERR, "%s:%d: syntax error%s%s", name, line ? line : 1,
			       what ? ": " : "", what ? what : "");
	}
	free(tmp);
	index_lines(f, text, len);
	return DD_OK;
}

void
ini_file_free(struct ini_file *f)
{
	if (f->d != NULL)
		iniparser_freedict(f->d);
	for (size_t i = 0; i < f->npos; i++) {
		free(f->pos[i].section);
		free(f->pos[i].key);
	}
	free(f->pos);
	memset(f, 0, sizeof *f);
}
