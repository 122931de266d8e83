/* Theme files (dealdeck-theme(5)): found, parsed and checked; no curses here. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "user_config.h"
#include "ini_file.h"
#include "theme.h"
#include "xmalloc.h"

static const char *const role_keys[] = {
#define X(role, key, help) key,
	THEME_ROLES(X)
#undef X
};

static const char *const role_helps[] = {
#define X(role, key, help) help,
	THEME_ROLES(X)
#undef X
};

const char *
theme_role_key(enum theme_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_keys[r] : "?";
}

const char *
theme_role_help(enum theme_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_helps[r] : "?";
}

/* Colour names; the bright ones are 8-15 as on xterm. */
static const struct {
	const char *name;
	short number;
} color_names[] = {
	{"default", -1},
	{"black", 0},
	{"red", 1},
	{"green", 2},
	{"yellow", 3},
	{"blue", 4},
	{"magenta", 5},
	{"cyan", 6},
	{"white", 7},
	{"bright-black", 8},
	{"grey", 8},
	{"gray", 8},
	{"bright-red", 9},
	{"bright-green", 10},
	{"bright-yellow", 11},
	{"bright-blue", 12},
	{"bright-magenta", 13},
	{"bright-cyan", 14},
	{"bright-white", 15},
};

enum { ATTR_BOLD = 1, ATTR_UNDERLINE = 2, ATTR_REVERSE = 4, ATTR_DIM = 8 };

static const struct {
	const char *name;
	int bit;
} attr_names[] = {
	{"bold", ATTR_BOLD},
	{"underline", ATTR_UNDERLINE},
	{"reverse", ATTR_REVERSE},
	{"dim", ATTR_DIM},
};

#define COLOR_WORDS "a name such as red, bright-red or default, or a number 0-255"

static const struct ini_section_def theme_sections[] = {
	{"theme", 0, {"description", NULL}},
	{"roles", 0, {NULL}}, /* keys checked by roles_parse, in file order */
};

/* xterm's palette: the 16 named colours, a 6x6x6 cube, then 24 greys. */
static void
xterm_rgb(int c, int rgb[3])
{
	static const unsigned char base[16][3] = {
		{0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
		{0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
		{92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
	};
	static const unsigned char level[6] = {0, 95, 135, 175, 215, 255};

	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = base[c][i];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = level[c / 36];
		rgb[1] = level[c / 6 % 6];
		rgb[2] = level[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

static long
rgb_distance(int a, int b)
{
	int x[3], y[3];
	long d = 0;

	xterm_rgb(a, x);
	xterm_rgb(b, y);
	for (int k = 0; k < 3; k++)
		d += (long)(x[k] - y[k]) * (x[k] - y[k]);
	return d;
}

/* How far a colour is from grey: the spread of its red, green and blue. */
static int
chroma(int c)
{
	int rgb[3], hi, lo;

	xterm_rgb(c, rgb);
	hi = lo = rgb[0];
	for (int k = 1; k < 3; k++) {
		hi = rgb[k] > hi ? rgb[k] : hi;
		lo = rgb[k] < lo ? rgb[k] : lo;
	}
	return hi - lo;
}

/*
 * Plain RGB distance would turn mid grey into yellow, so greys (channels
 * within 40 of each other) go to the nearest grey of the palette, other
 * colours to the nearest colour that is not a grey.
 */
int
theme_color_fit(int c, int ncolors)
{
	static const signed char greys[] = {0, 7, 8, 15};
	static const signed char hues[] = {1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14};
	const signed char *cand;
	int n, best = -1;
	long best_d = 0;

	if (c < 0 || c > 255 || ncolors < 8)
		return -1;
	if (c < ncolors)
		return c;
	if (chroma(c) <= 40) {
		cand = greys;
		n = ncolors >= 16 ? 4 : 2;
	} else {
		cand = hues;
		n = ncolors >= 16 ? 12 : 6;
	}
	for (int i = 0; i < n; i++) {
		long d = rgb_distance(c, cand[i]);

		if (best < 0 || d < best_d) {
			best_d = d;
			best = cand[i];
		}
	}
	return best;
}

/* A colour name or number; -2 when it is neither. */
static int
color_parse(const char *s)
{
	for (size_t i = 0; i < sizeof color_names / sizeof color_names[0]; i++)
		if (strcasecmp(s, color_names[i].name) == 0)
			return color_names[i].number;
	if (s[0] == '\0' || strspn(s, "0123456789") != strlen(s))
		return -2;
	while (s[0] == '0' && s[1] != '\0')
		s++;
	return strlen(s) <= 3 && atoi(s) <= 255 ? atoi(s) : -2;
}

static int
attr_parse(const char *s)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (strcasecmp(s, attr_names[i].name) == 0)
			return attr_names[i].bit;
	return 0;
}

/* Splits s at spaces into at most 4 words (more makes n 5). */
static size_t
split_words(char *s, char *w[5])
{
	char *save = NULL;
	size_t n = 0;

	for (char *p = strtok_r(s, " \t", &save); p != NULL; p = strtok_r(NULL, " \t", &save)) {
		if (n == 4)
			return 5;
		w[n++] = p;
	}
	return n;
}

#define UNSET (-3) /* a colour the style leaves to normal */

/*
 * One comma item: "FG", "FG on BG", "on BG", an attribute or "plain". Returns
 * 0, or -1 after reporting the problem. fg and bg stay UNSET when not given.
 */
static int
item_parse(struct ini_file *f, const char *key, const char *item, int *fg, int *bg, int *attrs,
	   int *plain)
{
	char *w[5], *copy = xstrdup(item);
	const char *fw = NULL, *bw = NULL, *bad = NULL;
	size_t n = split_words(copy, w);
	int a, rc = 0;

	if (n == 1 && strcasecmp(w[0], "plain") == 0)
		*plain = 1;
	else if (n == 1 && (a = attr_parse(w[0])) != 0)
		*attrs |= a;
	else if (n == 1)
		fw = w[0];
	else if (n == 2 && strcasecmp(w[0], "on") == 0)
		bw = w[1];
	else if (n == 3 && strcasecmp(w[1], "on") == 0)
		fw = w[0], bw = w[2];
	else {
		ini_problem(f, "roles", key,
			    "%s: '%s' is not FG, FG on BG, on BG, an attribute (bold, underline, "
			    "reverse, dim) or plain",
			    key, item);
		rc = -1;
	}
	if ((fw != NULL || bw != NULL) && (*fg != UNSET || *bg != UNSET)) {
		ini_problem(f, "roles", key, "%s: '%s': the colours are already given", key, item);
		rc = -1;
	} else {
		if (fw != NULL && (*fg = color_parse(fw)) == -2)
			bad = fw;
		if (bw != NULL && (*bg = color_parse(bw)) == -2 && bad == NULL)
			bad = bw;
		if (bad != NULL && strspn(bad, "0123456789") == strlen(bad)) {
			ini_problem(f, "roles", key,
				    "%s: colour %s is past 255, the last there is", key, bad);
			rc = -1;
		} else if (bad != NULL) {
			ini_problem(f, "roles", key, "%s: '%s' is %s a colour (%s)%s", key, bad,
				    n == 1 ? "neither" : "not", COLOR_WORDS,
				    n == 1 ? " nor an attribute (bold, underline, reverse, dim)"
					   : "");
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

/* A role's value, e.g. "red on default, bold"; 0, or -1 after reporting. */
static int
style_parse(struct ini_file *f, const char *key, const char *value, struct theme_style *out)
{
	char *copy = xstrdup(value), *save = NULL;
	int fg = UNSET, bg = UNSET, attrs = 0, plain = 0, nitems = 0, bad = 0;

	for (char *item = strtok_r(copy, ",", &save); item != NULL;
	     item = strtok_r(NULL, ",", &save)) {
		char *a = item, *z = item + strlen(item);

		while (isspace((unsigned char)*a))
			a++;
		while (z > a && isspace((unsigned char)z[-1]))
			*--z = '\0';
		if (*a == '\0')
			continue;
		nitems++;
		bad |= item_parse(f, key, a, &fg, &bg, &attrs, &plain) != 0;
	}
	free(copy);
	if (bad)
		return -1;
	if (nitems == 0) {
		ini_problem(f, "roles", key,
			    "%s is empty: give colours and attributes, or 'plain' for normal's "
			    "colours",
			    key);
		return -1;
	}
	if (plain && nitems > 1) {
		ini_problem(f, "roles", key, "%s: 'plain' stands alone", key);
		return -1;
	}
	*out = (struct theme_style){
		.fg = (short)fg,
		.bg = (short)bg,
		.bold = (attrs & ATTR_BOLD) != 0,
		.underline = (attrs & ATTR_UNDERLINE) != 0,
		.reverse = (attrs & ATTR_REVERSE) != 0,
		.dim = (attrs & ATTR_DIM) != 0,
	};
	return 0;
}

static int
role_find(const char *key)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (strcmp(role_keys[r], key) == 0)
			return r;
	return -1;
}

/* The [roles] keys in file order, so problems are reported top to bottom. */
static void
roles_parse(struct ini_file *f, struct theme_style *style, int *given)
{
	for (size_t i = 0; i < f->npos; i++) {
		const struct ini_pos *p = &f->pos[i];
		const char *v;
		int r;

		if (p->key == NULL || strcmp(p->section, "roles") != 0)
			continue;
		if ((r = role_find(p->key)) < 0) {
			ini_problem(f, "roles", p->key,
				    "unknown role '%s' (see dealdeck-theme(5))", p->key);
			continue;
		}
		/* A key given twice is already reported; iniparser kept the last. */
		if (given[r] || (v = ini_get(f, "roles", p->key)) == NULL)
			continue;
		given[r] = style_parse(f, p->key, v, &style[r]) == 0;
	}
}

int
theme_parse_text(const char *name, const char *text, size_t len, struct theme *t,
		 struct dd_err *err)
{
	struct theme th;
	struct ini_file f;
	int given[ROLE_COUNT] = {0};
	const char *v;

	memset(&th, 0, sizeof th);
	if (ini_file_parse(&f, name, text, len, err) != DD_OK) {
		ini_file_free(&f);
		return err->code;
	}
	ini_check_known(&f, theme_sections, sizeof theme_sections / sizeof theme_sections[0]);
	if ((v = ini_get(&f, "theme", "description")) != NULL)
		snprintf(th.description, sizeof th.description, "%s", v);
	roles_parse(&f, th.style, given);
	ini_file_free(&f);
	if (err->code != DD_OK)
		return err->code;
	/* Unset roles are normal; colours a style leaves out are normal's. */
	struct theme_style *normal = &th.style[ROLE_NORMAL];
	if (!given[ROLE_NORMAL])
		*normal = (struct theme_style){.fg = -1, .bg = -1};
	normal->fg = normal->fg == UNSET ? -1 : normal->fg;
	normal->bg = normal->bg == UNSET ? -1 : normal->bg;
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (!given[r])
			th.style[r] = *normal;
		if (th.style[r].fg == UNSET)
			th.style[r].fg = normal->fg;
		if (th.style[r].bg == UNSET)
			th.style[r].bg = normal->bg;
	}
	snprintf(th.name, sizeof th.name, "%s", name);
	*t = th;
	return DD_OK;
}

static int
parse_file(const char *path, const char *name, struct theme *t, struct dd_err *err)
{
	struct strbuf text;
	int rc;

	strbuf_init(&text);
	rc = ini_file_read(path, &text, err);
	if (rc == DD_OK)
		rc = theme_parse_text(path, strbuf_str(&text), text.len, t, err);
	if (rc == DD_OK)
		snprintf(t->name, sizeof t->name, "%s", name);
	strbuf_free(&text);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
list_dir(const char *dir, struct strvec *names)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".ini") == 0) {
			char *name = xstrndup(e->d_name, n - 4);

			if (!strvec_contains(names, name))
				strvec_push(names, name);
			free(name);
		}
	}
	closedir(d);
}

void
theme_list(struct strvec *names)
{
	char *user = config_dir_file("themes");

	list_dir(user, names);
	list_dir(PKGDATADIR "/themes", names);
	for (size_t i = 0; i < nbuiltin_themes; i++)
		if (!strvec_contains(names, builtin_themes[i].name))
			strvec_push(names, builtin_themes[i].name);
	qsort(names->v, names->n, sizeof *names->v, cmp_str);
	free(user);
}

int
theme_load(const char *name, struct theme *t, struct dd_err *err)
{
	char *dir = config_dir_file("themes");
	char *paths[2];
	struct stat sb;
	int rc = -1;

	if (strchr(name, '/') != NULL) {
		free(dir);
		return parse_file(name, name, t, err);
	}
	paths[0] = xasprintf("%s/%s.ini", dir, name);
	paths[1] = xasprintf("%s/themes/%s.ini", PKGDATADIR, name);
	for (int i = 0; i < 2 && rc < 0 && name[0] != '\0'; i++)
		/* A missing file is the next place's turn; an unreadable one is an error. */
		if (stat(paths[i], &sb) == 0 || (errno != ENOENT && errno != ENOTDIR))
			rc = parse_file(paths[i], name, t, err);
	for (size_t i = 0; i < nbuiltin_themes && rc < 0; i++)
		if (strcmp(builtin_themes[i].name, name) == 0) {
			const char *text = builtin_themes[i].text;
			char *file = xasprintf("%s.ini", name);

			rc = theme_parse_text(file, text, strlen(text), t, err);
			if (rc == DD_OK)
				snprintf(t->name, sizeof t->name, "%s", name);
			free(file);
		}
	if (rc < 0) {
		struct strvec names = {0};
		struct strbuf list;

		strbuf_init(&list);
		theme_list(&names);
		for (size_t i = 0; i < names.n; i++)
			strbuf_printf(&list, "%s%s", i ? ", " : "", names.v[i]);
		rc = err_set(err, DD_USAGE, "unknown theme '%s' (themes: %s)", name,
			     strbuf_str(&list));
		strbuf_free(&list);
		strvec_free(&names);
	}
	free(paths[0]);
	free(paths[1]);
	free(dir);
	return rc;
}

int
theme_has_color(const struct theme *t)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (t->style[r].fg != -1 || t->style[r].bg != -1)
			return 1;
	return 0;
}

void
theme_mono(struct theme *t)
{
	struct dd_err err;

	err_init(&err);
	for (size_t i = 0; i < nbuiltin_themes; i++)
		if (strcmp(builtin_themes[i].name, "mono") == 0 &&
		    theme_parse_text("mono.ini", builtin_themes[i].text,
				     strlen(builtin_themes[i].text), t, &err) == DD_OK) {
			snprintf(t->name, sizeof t->name, "mono");
			err_free(&err);
			return;
		}
	fatal("the built-in mono theme is missing or broken: %s", strbuf_str(&err.msg));
}

int
theme_use_color(void)
{
	const char *v = getenv("NO_COLOR");

	return v == NULL || v[0] == '\0';
}
