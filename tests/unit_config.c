/*
 * The user config written back (the board remembers its density): every
 * other line kept, the file created when missing, the value read back.
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "unit.h"
#include "user_config.h"
#include "xmalloc.h"

static char *dir;

static void
setup(void)
{
	dir = xasprintf("%s/XXXXXX", unit_tmp_base());
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	free(dir);
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static char *
get(const char *path)
{
	struct strbuf b;
	char buf[512];
	size_t n;
	FILE *f = fopen(path, "r");

	ck_assert_ptr_nonnull(f);
	strbuf_init(&b);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&b, buf, n);
	fclose(f);
	return strbuf_detach(&b);
}

/* Saves density = value in text (NULL: no file) and checks the file becomes want. */
static void
check_save(const char *text, const char *value, const char *want)
{
	char *path = xasprintf("%s/config.ini", dir);
	struct dd_err err;
	struct config c;
	char *got;

	remove(path);
	if (text != NULL)
		put(path, text);
	err_init(&err);
	ck_assert_msg(config_save_value(path, "ui", "density", value, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
	got = get(path);
	ck_assert_str_eq(got, want);
	ck_assert_msg(config_load(path, &c, &err) == DD_OK, "%s", strbuf_str(&err.msg));
	ck_assert_str_eq(c.density, value);
	config_free(&c);
	err_free(&err);
	free(got);
	free(path);
}

START_TEST(test_save_keeps_the_rest)
{
	/* No file: made, with the section. */
	check_save(NULL, "compact", "[ui]\ndensity = compact\n");
	/* The key replaced in place; comments and other sections kept. */
	check_save("# mine\n[db]\npath = /x.db\n\n[ui]\ntheme = light ; quiet\nDensity = full\n"
		   "ascii = true\n",
		   "line",
		   "# mine\n[db]\npath = /x.db\n\n[ui]\ntheme = light ; quiet\ndensity = line\n"
		   "ascii = true\n");
	/* The section without the key: added after its last setting, before the blank line. */
	check_save("[ui]\ntheme = light\n\n# keys\n[keys]\ndown = x\n", "line",
		   "[ui]\ntheme = light\ndensity = line\n\n# keys\n[keys]\ndown = x\n");
	/* No such section; a last line without a newline. */
	check_save("[keys]\ndown = x", "full", "[keys]\ndown = x\n\n[ui]\ndensity = full\n");
	/* CRLF files stay CRLF. */
	check_save("[ui]\r\ntheme = light\r\n", "compact",
		   "[ui]\r\ntheme = light\r\ndensity = compact\r\n");
}
END_TEST

START_TEST(test_save_creates_private_dirs_and_keeps_mode)
{
	char *path = xasprintf("%s/a/b/config.ini", dir), *other = xasprintf("%s/c.ini", dir);
	struct dd_err err;
	struct stat sb;

	err_init(&err);
	ck_assert_int_eq(config_save_value(path, "ui", "density", "line", &err), DD_OK);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	put(other, "[ui]\n");
	chmod(other, 0640);
	ck_assert_int_eq(config_save_value(other, "ui", "density", "line", &err), DD_OK);
	ck_assert_int_eq(stat(other, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0640);
	err_free(&err);
	free(path);
	free(other);
}
END_TEST

/* A bad density is reported with its line, as any bad value of the file. */
START_TEST(test_bad_density)
{
	char *path = xasprintf("%s/bad.ini", dir);
	struct dd_err err;
	struct config c;

	put(path, "[ui]\n\ndensity = tiny\n");
	err_init(&err);
	ck_assert_int_eq(config_load(path, &c, &err), DD_DATAERR);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "bad.ini:3:"));
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "full, compact or line"));
	err_free(&err);
	free(path);
}
END_TEST

Suite *
suite_config(void)
{
	Suite *su = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_save_keeps_the_rest);
	tcase_add_test(tc, test_save_creates_private_dirs_and_keeps_mode);
	tcase_add_test(tc, test_bad_density);
	suite_add_tcase(su, tc);
	return su;
}
