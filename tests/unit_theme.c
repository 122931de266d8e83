#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ini_file.h"
#include "theme.h"
#include "unit.h"
#include "xmalloc.h"

#define THEMES_DIR TOP_SRCDIR "/themes/"

static const char *const shipped[] = {"default", "light", "high-contrast", "mono"};

static void
load_ok(const char *name, struct theme *t)
{
	struct dd_err err;
	int rc;

	err_init(&err);
	rc = theme_load(name, t, &err);
	ck_assert_msg(rc == DD_OK, "%s: %s", name, strbuf_str(&err.msg));
	err_free(&err);
}

static void
parse_ok(const char *text, struct theme *t)
{
	struct dd_err err;
	int rc;

	err_init(&err);
	rc = theme_parse_text("t.ini", text, strlen(text), t, &err);
	ck_assert_msg(rc == DD_OK, "%s", strbuf_str(&err.msg));
	err_free(&err);
}

/* Parses text that must be refused; returns the message (caller frees). */
static char *
parse_bad(const char *text)
{
	struct theme t;
	struct dd_err err;
	int rc;

	err_init(&err);
	memset(&t, 0x55, sizeof t);
	rc = theme_parse_text("bad.ini", text, strlen(text), &t, &err);
	ck_assert_msg(rc == DD_DATAERR, "accepted: %s", text);
	ck_assert_int_eq(t.style[ROLE_NORMAL].fg, 0x5555); /* untouched on failure */
	return strbuf_detach(&err.msg);
}

static const struct theme_style *
style(const struct theme *t, enum theme_role r)
{
	return &t->style[r];
}

static int
style_eq(const struct theme_style *a, const struct theme_style *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->bold == b->bold &&
	       a->underline == b->underline && a->reverse == b->reverse && a->dim == b->dim;
}

static int
styles_eq(const struct theme *a, const struct theme *b)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (!style_eq(style(a, r), style(b, r)))
			return 0;
	return 1;
}

/* Points XDG_CONFIG_HOME at an empty private directory, so the user's own themes stay out. */
static char xdg[64];

static void
private_config(void)
{
	snprintf(xdg, sizeof xdg, "/tmp/dealdeck-unit-theme-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(xdg));
	setenv("XDG_CONFIG_HOME", xdg, 1);
}

static void
private_config_done(void)
{
	char *cmd = xasprintf("rm -rf '%s'", xdg);

	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	unsetenv("XDG_CONFIG_HOME");
}

START_TEST(test_role_keys)
{
	ck_assert_str_eq(theme_role_key(ROLE_NORMAL), "normal");
	ck_assert_str_eq(theme_role_key(ROLE_AGE_ROT), "age_rot");
	ck_assert_str_eq(theme_role_key(ROLE_BAR), "bar");
	ck_assert_str_eq(theme_role_help(ROLE_SELECTED), "the selected card");
	for (int r = 0; r < ROLE_COUNT; r++)
		for (int q = r + 1; q < ROLE_COUNT; q++)
			ck_assert_str_ne(theme_role_key(r), theme_role_key(q));
}
END_TEST

/* The man page describes every role. */
START_TEST(test_man_lists_roles)
{
	const char *path = TOP_SRCDIR "/man/dealdeck-theme.5";
	struct strbuf text;
	struct dd_err err;

	strbuf_init(&text);
	err_init(&err);
	ck_assert_int_eq(ini_file_read(path, &text, &err), DD_OK);
	for (int r = 0; r < ROLE_COUNT; r++) {
		char *entry = xasprintf(".TP\n.B %s\n", theme_role_key(r));

		ck_assert_msg(strstr(strbuf_str(&text), entry) != NULL, "%s does not describe %s",
			      path, theme_role_key(r));
		free(entry);
	}
	strbuf_free(&text);
	err_free(&err);
}
END_TEST

/* Every shipped file parses and sets every role itself. */
START_TEST(test_shipped_files)
{
	for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
		char *path = xasprintf(THEMES_DIR "%s.ini", shipped[i]);
		struct strbuf text;
		struct dd_err err;
		struct ini_file f;
		struct theme t;

		load_ok(path, &t);
		ck_assert_msg(t.description[0] != '\0', "%s has no description", path);
		strbuf_init(&text);
		err_init(&err);
		ck_assert_int_eq(ini_file_read(path, &text, &err), DD_OK);
		ck_assert_int_eq(ini_file_parse(&f, path, strbuf_str(&text), text.len, &err),
				 DD_OK);
		for (int r = 0; r < ROLE_COUNT; r++)
			ck_assert_msg(ini_get(&f, "roles", theme_role_key(r)) != NULL,
				      "%s does not set %s", path, theme_role_key(r));
		ini_file_free(&f);
		strbuf_free(&text);
		err_free(&err);
		free(path);
	}
}
END_TEST

/* The built-in themes are the shipped files, and load by name from the build tree. */
START_TEST(test_builtin)
{
	private_config();
	ck_assert_uint_eq(nbuiltin_themes, sizeof shipped / sizeof shipped[0]);
	for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
		char *path = xasprintf(THEMES_DIR "%s.ini", shipped[i]);
		const char *text = NULL;
		struct strbuf file;
		struct dd_err err;
		struct theme t;

		for (size_t j = 0; j < nbuiltin_themes; j++)
			if (strcmp(builtin_themes[j].name, shipped[i]) == 0)
				text = builtin_themes[j].text;
		ck_assert_msg(text != NULL, "%s is not built in", shipped[i]);
		strbuf_init(&file);
		err_init(&err);
		ck_assert_int_eq(ini_file_read(path, &file, &err), DD_OK);
		ck_assert_str_eq(text, strbuf_str(&file));
		load_ok(shipped[i], &t);
		ck_assert_str_eq(t.name, shipped[i]);
		strbuf_free(&file);
		err_free(&err);
		free(path);
	}
	private_config_done();
}
END_TEST

START_TEST(test_mono)
{
	struct theme t, m;

	load_ok(THEMES_DIR "mono.ini", &t);
	ck_assert_int_eq(theme_has_color(&t), 0);
	for (int r = 0; r < ROLE_COUNT; r++) {
		ck_assert_int_eq(style(&t, r)->fg, -1);
		ck_assert_int_eq(style(&t, r)->bg, -1);
	}
	/* Without colour the signals are still there. */
	ck_assert(style(&t, ROLE_SELECTED)->reverse);
	ck_assert(style(&t, ROLE_AGE_ROT)->bold);
	ck_assert(style(&t, ROLE_GATE_UNMET)->bold);
	theme_mono(&m);
	ck_assert(styles_eq(&m, &t));
	load_ok(THEMES_DIR "default.ini", &t);
	ck_assert_int_eq(theme_has_color(&t), 1);
}
END_TEST

START_TEST(test_parse_values)
{
	struct theme t;

	parse_ok("[theme]\ndescription = \"Test; with a semicolon\"\n"
		 "[roles]\n"
		 "age_rot = red on default, bold\n"
		 "selected = black on 75, bold, underline\n"
		 "title = Bright-White on Blue, reverse, dim\n"
		 "border = grey\n"
		 "status = on 236\n"
		 "bar = 255\n"
		 "card = plain\n",
		 &t);
	ck_assert_str_eq(t.name, "t.ini");
	ck_assert_str_eq(t.description, "Test; with a semicolon");
	ck_assert_int_eq(style(&t, ROLE_AGE_ROT)->fg, 1);
	ck_assert_int_eq(style(&t, ROLE_AGE_ROT)->bg, -1);
	ck_assert(style(&t, ROLE_AGE_ROT)->bold && !style(&t, ROLE_AGE_ROT)->underline);
	ck_assert_int_eq(style(&t, ROLE_SELECTED)->fg, 0);
	ck_assert_int_eq(style(&t, ROLE_SELECTED)->bg, 75);
	ck_assert(style(&t, ROLE_SELECTED)->bold && style(&t, ROLE_SELECTED)->underline);
	ck_assert_int_eq(style(&t, ROLE_TITLE)->fg, 15);
	ck_assert_int_eq(style(&t, ROLE_TITLE)->bg, 4);
	ck_assert(style(&t, ROLE_TITLE)->reverse && style(&t, ROLE_TITLE)->dim);
	ck_assert(!style(&t, ROLE_TITLE)->bold);
	ck_assert_int_eq(style(&t, ROLE_BORDER)->fg, 8);
	ck_assert_int_eq(style(&t, ROLE_STATUS)->fg, -1);
	ck_assert_int_eq(style(&t, ROLE_STATUS)->bg, 236);
	ck_assert_int_eq(style(&t, ROLE_BAR)->fg, 255);
	ck_assert_int_eq(style(&t, ROLE_CARD)->fg, -1);
	ck_assert(!style(&t, ROLE_CARD)->bold);
}
END_TEST

/* A role not given is normal; a colour not given is normal's; attributes are not inherited. */
START_TEST(test_fallback_to_normal)
{
	struct theme t;

	parse_ok("[roles]\nnormal = 250 on 235, bold\nage_rot = red, underline\n"
		 "selected = on blue\nerror = default on default\ncard = plain\n",
		 &t);
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (r == ROLE_AGE_ROT || r == ROLE_SELECTED || r == ROLE_ERROR || r == ROLE_CARD)
			continue;
		ck_assert(style_eq(style(&t, r), style(&t, ROLE_NORMAL)));
	}
	ck_assert_int_eq(style(&t, ROLE_NORMAL)->fg, 250);
	ck_assert_int_eq(style(&t, ROLE_NORMAL)->bg, 235);
	ck_assert(style(&t, ROLE_DIM)->bold);
	ck_assert_int_eq(style(&t, ROLE_AGE_ROT)->fg, 1);
	ck_assert_int_eq(style(&t, ROLE_AGE_ROT)->bg, 235);
	ck_assert(!style(&t, ROLE_AGE_ROT)->bold && style(&t, ROLE_AGE_ROT)->underline);
	ck_assert_int_eq(style(&t, ROLE_SELECTED)->fg, 250);
	ck_assert_int_eq(style(&t, ROLE_SELECTED)->bg, 4);
	ck_assert_int_eq(style(&t, ROLE_ERROR)->fg, -1);
	ck_assert_int_eq(style(&t, ROLE_ERROR)->bg, -1);
	ck_assert_int_eq(style(&t, ROLE_CARD)->fg, 250);
	ck_assert_int_eq(style(&t, ROLE_CARD)->bg, 235);
	ck_assert(!style(&t, ROLE_CARD)->bold);

	/* No roles at all: the terminal's colours, no attributes. */
	parse_ok("[theme]\ndescription = empty\n", &t);
	for (int r = 0; r < ROLE_COUNT; r++) {
		ck_assert_int_eq(style(&t, r)->fg, -1);
		ck_assert_int_eq(style(&t, r)->bg, -1);
		ck_assert(!style(&t, r)->bold && !style(&t, r)->reverse);
	}
}
END_TEST

START_TEST(test_fit_8_and_16)
{
	static const struct {
		int c, to8, to16;
	} cases[] = {
		{-1, -1, -1}, {0, 0, 0},   {7, 7, 7},    {8, 7, 8},    {9, 1, 9},   {12, 4, 12},
		{15, 7, 15},  {16, 0, 0},  {196, 1, 9},  {160, 1, 1},  {46, 2, 10}, {28, 2, 2},
		{21, 4, 4},   {19, 4, 4},  {226, 3, 11}, {220, 3, 11}, {214, 3, 3}, {201, 5, 13},
		{51, 6, 14},  {75, 6, 12}, {231, 7, 15}, {232, 0, 0},  {236, 0, 0}, {242, 0, 8},
		{244, 7, 8},  {250, 7, 7}, {255, 7, 7},  {71, 2, 2},   {203, 1, 9}, {136, 3, 3},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_msg(theme_color_fit(cases[i].c, 8) == cases[i].to8, "%d on 8: %d",
			      cases[i].c, theme_color_fit(cases[i].c, 8));
		ck_assert_msg(theme_color_fit(cases[i].c, 16) == cases[i].to16, "%d on 16: %d",
			      cases[i].c, theme_color_fit(cases[i].c, 16));
		ck_assert_int_eq(theme_color_fit(cases[i].c, 256), cases[i].c);
	}
	ck_assert_int_eq(theme_color_fit(5, 0), -1);
	/* Every colour lands in range. */
	for (int c = 0; c < 256; c++) {
		ck_assert_int_lt(theme_color_fit(c, 8), 8);
		ck_assert_int_ge(theme_color_fit(c, 8), 0);
		ck_assert_int_lt(theme_color_fit(c, 16), 16);
	}
}
END_TEST

/* On 8 colours, no shipped colour theme loses the difference between its key signals. */
START_TEST(test_shipped_on_8)
{
	static const char *const colour[] = {"default", "light", "high-contrast"};

	for (size_t i = 0; i < sizeof colour / sizeof colour[0]; i++) {
		char *path = xasprintf(THEMES_DIR "%s.ini", colour[i]);
		struct theme t;

		load_ok(path, &t);
#define FIT8(r, w) theme_color_fit(style(&t, r)->w, 8)
		ck_assert_msg(FIT8(ROLE_AGE_ROT, fg) != FIT8(ROLE_AGE_OK, fg) ||
				      FIT8(ROLE_AGE_ROT, bg) != FIT8(ROLE_AGE_OK, bg),
			      "%s", path);
		ck_assert_msg(FIT8(ROLE_AGE_WARN, fg) != FIT8(ROLE_AGE_ROT, fg) ||
				      FIT8(ROLE_AGE_WARN, bg) != FIT8(ROLE_AGE_ROT, bg),
			      "%s", path);
		ck_assert_msg(FIT8(ROLE_SELECTED, bg) != FIT8(ROLE_NORMAL, bg), "%s", path);
		ck_assert_msg(FIT8(ROLE_SELECTED, fg) != FIT8(ROLE_SELECTED, bg), "%s", path);
#undef FIT8
		free(path);
	}
}
END_TEST

/*
 * WCAG contrast from xterm's palette, computed here rather than taken from
 * ui/theme.c, so a slip in either shows: the 16 system colours, the 6x6x6
 * cube (levels 0, 95, 135, 175, 215, 255) and the greys 8 + 10k.
 */
static double
xterm_luminance(int c)
{
	static const unsigned char sys[16][3] = {
		{0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
		{0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
		{92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
	};
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	static const double weight[3] = {0.2126, 0.7152, 0.0722};
	int rgb[3];
	double lum = 0;

	if (c < 16) {
		for (int k = 0; k < 3; k++)
			rgb[k] = sys[c][k];
	} else if (c < 232) {
		rgb[0] = level[(c - 16) / 36];
		rgb[1] = level[(c - 16) / 6 % 6];
		rgb[2] = level[(c - 16) % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
	for (int k = 0; k < 3; k++) {
		double v = rgb[k] / 255.0;

		v = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
		lum += weight[k] * v;
	}
	return lum;
}

static double
contrast(int a, int b)
{
	double la = xterm_luminance(a), lb = xterm_luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

#define WHITE 231
#define BLACK 16

/*
 * Every coloured role of a shipped theme reads: a foreground on the
 * terminal's background at `least` against each background the theme is
 * for; text on a background the theme sets itself at 4.5:1; no role leaves
 * the terminal's foreground on a background it chose.
 */
static void
check_contrast(const char *name, double least, const int *backs, int nbacks)
{
	char *path = xasprintf(THEMES_DIR "%s.ini", name);
	struct theme t;

	load_ok(path, &t);
	for (int r = 0; r < ROLE_COUNT; r++) {
		int fg = style(&t, r)->fg, bg = style(&t, r)->bg;

		ck_assert_msg(fg != -1 || bg == -1,
			      "%s: %s sets a background under the terminal's own text colour",
			      name, theme_role_key(r));
		if (fg != -1 && bg != -1)
			ck_assert_msg(contrast(fg, bg) >= 4.5,
				      "%s: %s: %d on %d is %.2f:1, under 4.5", name,
				      theme_role_key(r), fg, bg, contrast(fg, bg));
		for (int k = 0; fg != -1 && bg == -1 && k < nbacks; k++)
			ck_assert_msg(contrast(fg, backs[k]) >= least,
				      "%s: %s: %d on %d is %.2f:1, under %.1f", name,
				      theme_role_key(r), fg, backs[k], contrast(fg, backs[k]),
				      least);
	}
	free(path);
}

/* The palette arithmetic itself, on figures worked out by hand. */
START_TEST(test_contrast_math)
{
	ck_assert_double_eq_tol(contrast(BLACK, WHITE), 21.0, 0.01);
	ck_assert_double_eq_tol(contrast(15, 0), 21.0, 0.01);
	ck_assert_double_eq_tol(contrast(WHITE, WHITE), 1.0, 0.001);
	ck_assert_double_eq_tol(contrast(136, WHITE), 3.34, 0.01); /* the old light warn */
	ck_assert_double_eq_tol(contrast(75, WHITE), 2.32, 0.01);  /* the old default header */
	ck_assert_double_eq_tol(contrast(244, BLACK), 5.32, 0.01); /* 128 grey */
}
END_TEST

/*
 * The default theme is for any terminal: text in the terminal's own colours,
 * and every coloured role at 3:1 or more on white and on black.
 */
START_TEST(test_contrast_default)
{
	static const int backs[] = {WHITE, BLACK};
	struct theme t;

	load_ok(THEMES_DIR "default.ini", &t);
	ck_assert_int_eq(style(&t, ROLE_NORMAL)->fg, -1);
	ck_assert_int_eq(style(&t, ROLE_NORMAL)->bg, -1);
	ck_assert_int_eq(style(&t, ROLE_CARD)->fg, -1);
	check_contrast("default", 3.0, backs, 2);
}
END_TEST

/* The light theme on a white terminal, high-contrast on its own white: 4.5:1. */
START_TEST(test_contrast_light)
{
	static const int white[] = {WHITE};
	struct theme t;

	check_contrast("light", 4.5, white, 1);
	load_ok(THEMES_DIR "high-contrast.ini", &t);
	ck_assert_int_eq(style(&t, ROLE_NORMAL)->bg, WHITE); /* whatever the terminal's */
	check_contrast("high-contrast", 4.5, white, 1);
}
END_TEST

START_TEST(test_refused)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"[roles]\nage_rot = redd\n", "bad.ini:2: age_rot: 'redd' is neither a colour"},
		{"[roles]\n\nbar = 256\n", "bad.ini:3: bar: colour 256 is past 255"},
		{"[roles]\nbar = 1000\n", "bad.ini:2: bar: colour 1000 is past 255"},
		{"[roles]\nbar = -1\n", "bad.ini:2: bar: '-1' is neither a colour"},
		{"[roles]\nbar = red on 999\n", "bad.ini:2: bar: colour 999 is past 255"},
		{"[roles]\nbar = red on pink\n", "bad.ini:2: bar: 'pink' is not a colour"},
		{"[roles]\nbar = red, blue\n",
		 "bad.ini:2: bar: 'blue': the colours are already given"},
		{"[roles]\nbar = red on\n", "bad.ini:2: bar: 'red on' is not FG, FG on BG"},
		{"[roles]\nbar = red blue green\n", "bad.ini:2: bar: 'red blue green' is not FG"},
		{"[roles]\nbar = blinking\n", "bad.ini:2: bar: 'blinking' is neither a colour"},
		{"[roles]\nbar =\n", "bad.ini:2: bar is empty"},
		{"[roles]\nbar = plain, bold\n", "bad.ini:2: bar: 'plain' stands alone"},
		{"[roles]\nage_rotten = red\n", "bad.ini:2: unknown role 'age_rotten'"},
		{"[theme]\nname = x\n", "bad.ini:2: unknown key 'name' in [theme]"},
		{"[colours]\nbar = red\n", "bad.ini:1: unknown section [colours]"},
		{"[roles]\nbar = red\nbar = blue\n", "bad.ini:3: bar is given twice in [roles]"},
		{"[roles]\nbar red\n", "bad.ini:2: syntax error"},
		{"[roles]\nbar = \"\xff\"\n", "bad.ini:2: not valid UTF-8"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *msg = parse_bad(cases[i].text);

		ck_assert_msg(strncmp(msg, cases[i].want, strlen(cases[i].want)) == 0,
			      "%s\ngave: %s\nwant: %s", cases[i].text, msg, cases[i].want);
		free(msg);
	}
}
END_TEST

/* Every problem is reported, each on its own line, top to bottom. */
START_TEST(test_refused_all)
{
	char *msg = parse_bad("[roles]\nnormal = nope\nfoo = red\nbar = 300\n");

	const char *l2 = strstr(msg, "bad.ini:2: normal: 'nope'");
	const char *l3 = strstr(msg, "bad.ini:3: unknown role 'foo'");
	const char *l4 = strstr(msg, "bad.ini:4: bar: colour 300");

	ck_assert_msg(l2 != NULL && l3 != NULL && l4 != NULL, "%s", msg);
	ck_assert_msg(l2 < l3 && l3 < l4, "not in file order:\n%s", msg);
	free(msg);
}
END_TEST

START_TEST(test_load_search)
{
	struct theme t;
	struct dd_err err;
	char *dir, *path;
	FILE *f;

	private_config();
	dir = xasprintf("%s/dealdeck", xdg);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	free(dir);
	dir = xasprintf("%s/dealdeck/themes", xdg);
	ck_assert_int_eq(mkdir(dir, 0700), 0);

	/* The user's own file comes before the built-in one of the same name. */
	path = xasprintf("%s/default.ini", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("[roles]\nnormal = magenta\n", f);
	fclose(f);
	load_ok("default", &t);
	ck_assert_str_eq(t.name, "default");
	ck_assert_int_eq(style(&t, ROLE_BAR)->fg, 5);
	free(path);

	/* ... and a broken one is reported, not passed over. */
	path = xasprintf("%s/mine.ini", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("[roles]\nnormal = mauve\n", f);
	fclose(f);
	err_init(&err);
	ck_assert_int_eq(theme_load("mine", &t, &err), DD_DATAERR);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "/mine.ini:2: normal: 'mauve'"));
	err_free(&err);
	free(path);

	/* An unknown name lists the names there are, the user's included. */
	err_init(&err);
	ck_assert_int_eq(theme_load("solarized", &t, &err), DD_USAGE);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "unknown theme 'solarized'"));
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "default, high-contrast, light, "));
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "mine"));
	err_free(&err);
	err_init(&err);
	ck_assert_int_eq(theme_load("", &t, &err), DD_USAGE);
	err_free(&err);

	/* A name with a slash is a file; a missing one says so. */
	err_init(&err);
	ck_assert_int_eq(theme_load("./no-such-theme.ini", &t, &err), DD_FAIL);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "./no-such-theme.ini: "));
	err_free(&err);

	free(dir);
	private_config_done();
}
END_TEST

START_TEST(test_no_color)
{
	char *old = getenv("NO_COLOR") ? xstrdup(getenv("NO_COLOR")) : NULL;

	unsetenv("NO_COLOR");
	ck_assert_int_eq(theme_use_color(), 1);
	setenv("NO_COLOR", "", 1);
	ck_assert_int_eq(theme_use_color(), 1);
	setenv("NO_COLOR", "1", 1);
	ck_assert_int_eq(theme_use_color(), 0);
	setenv("NO_COLOR", "0", 1); /* any non-empty value, even 0 */
	ck_assert_int_eq(theme_use_color(), 0);
	if (old != NULL)
		setenv("NO_COLOR", old, 1);
	else
		unsetenv("NO_COLOR");
	free(old);
}
END_TEST

Suite *
suite_theme(void)
{
	Suite *s = suite_create("theme");
	TCase *tc = tcase_create("theme");

	tcase_add_test(tc, test_role_keys);
	tcase_add_test(tc, test_man_lists_roles);
	tcase_add_test(tc, test_shipped_files);
	tcase_add_test(tc, test_builtin);
	tcase_add_test(tc, test_mono);
	tcase_add_test(tc, test_parse_values);
	tcase_add_test(tc, test_fallback_to_normal);
	tcase_add_test(tc, test_fit_8_and_16);
	tcase_add_test(tc, test_shipped_on_8);
	tcase_add_test(tc, test_contrast_math);
	tcase_add_test(tc, test_contrast_default);
	tcase_add_test(tc, test_contrast_light);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_refused_all);
	tcase_add_test(tc, test_load_search);
	tcase_add_test(tc, test_no_color);
	suite_add_tcase(s, tc);
	return s;
}
