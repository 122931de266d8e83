#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "schema_check.h"
#include "xmalloc.h"

/* What the schema holds, dealdeck's objects only, in an order both sides share. */
static const char objects_sql[] =
	"SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	" ORDER BY type, name";

struct object {
	char *type, *name, *sql;
};

static int
read_objects(sqlite3 *h, struct object **out, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(h, objects_sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sql = (const char *)sqlite3_column_text(st, 2);

		if (*n == cap)
			*out = xreallocarray(*out, cap = cap ? cap * 2 : 64, sizeof **out);
		(*out)[*n].type = xstrdup((const char *)sqlite3_column_text(st, 0));
		(*out)[*n].name = xstrdup((const char *)sqlite3_column_text(st, 1));
		(*out)[(*n)++].sql = xstrdup(sql ? sql : "");
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void
free_objects(struct object *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(o[i].type);
		free(o[i].name);
		free(o[i].sql);
	}
	free(o);
}

/* The objects a new database of schema version v has: the migrations run in memory. */
static int
expected_objects(int v, struct object **out, size_t *n)
{
	sqlite3 *mem;
	int rc = -1;

	if (sqlite3_open(":memory:", &mem) != SQLITE_OK)
		goto out;
	sqlite3_exec(mem, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	for (int i = 0; i < v && i < schema_nmigrations; i++)
		if (sqlite3_exec(mem, schema_migrations[i], NULL, NULL, NULL) != SQLITE_OK)
			goto out;
	rc = read_objects(mem, out, n);
out:
	sqlite3_close(mem);
	return rc;
}

static int
object_cmp(const struct object *a, const struct object *b)
{
	int c = strcmp(a->type, b->type);

	return c != 0 ? c : strcmp(a->name, b->name);
}

/* Both lists are sorted by type and name: one merge finds every difference. */
static void
compare(const struct object *want, size_t nw, const struct object *have, size_t nh,
	struct strvec *problems)
{
	size_t i = 0, j = 0;

	while (i < nw || j < nh) {
		int c = i == nw ? 1 : j == nh ? -1 : object_cmp(&want[i], &have[j]);

		if (c < 0) {
			strvec_push_owned(problems, xasprintf("%s %s is missing (dropped by "
							      "another program?)",
							      want[i].type, want[i].name));
			i++;
		} else if (c > 0) {
			strvec_push_owned(problems, xasprintf("%s %s was not made by dealdeck",
							      have[j].type, have[j].name));
			j++;
		} else {
			if (strcmp(want[i].sql, have[j].sql) != 0)
				strvec_push_owned(problems,
						  xasprintf("%s %s differs from what this version "
							    "makes",
							    want[i].type, want[i].name));
			i++;
			j++;
		}
	}
}

static void
count_types(const struct object *o, size_t n, int counts[3])
{
	static const char *const types[] = {"table", "index", "trigger"};

	for (size_t i = 0; i < n; i++)
		for (int t = 0; t < 3; t++)
			counts[t] += strcmp(o[i].type, types[t]) == 0;
}

/* PRAGMA integrity_check and foreign_key_check: "ok", or each problem. */
static int
integrity(struct db *db, int quick, struct strvec *lines, struct strvec *problems,
	  struct dd_err *err)
{
	sqlite3_stmt *st =
		db_prepare(db, quick ? "PRAGMA quick_check(20)" : "PRAGMA integrity_check(20)");
	size_t before = problems->n, orphans = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (r != NULL && strcmp(r, "ok") != 0)
			strvec_push_owned(problems, xasprintf("integrity: %s", r));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "cannot check the database's integrity");
	st = db_prepare(db, "PRAGMA foreign_key_check");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		orphans++;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, "cannot check the database's references");
	if (orphans > 0)
		strvec_push_owned(problems, xasprintf("%zu row%s refer%s to rows that are gone "
						      "(PRAGMA foreign_key_check lists them)",
						      orphans, orphans == 1 ? "" : "s",
						      orphans == 1 ? "s" : ""));
	if (problems->n == before)
		strvec_push_owned(lines, xasprintf("integrity: ok (%s, foreign_key_check)",
						   quick ? "quick_check" : "integrity_check"));
	return DD_OK;
}

int
schema_check(struct db *db, int quick, struct strvec *lines, struct strvec *problems,
	     struct dd_err *err)
{
	struct object *want = NULL, *have = NULL;
	size_t nw = 0, nh = 0, before = problems->n;
	int v = db_schema_version(db), counts[3] = {0, 0, 0};

	if (expected_objects(v, &want, &nw) != 0) {
		free_objects(want, nw);
		return err_set(err, DD_FAIL, "cannot build schema %d in memory to compare", v);
	}
	if (read_objects(db->h, &have, &nh) != 0) {
		free_objects(want, nw);
		free_objects(have, nh);
		return db_fail(db, err, "cannot read the database's schema");
	}
	compare(want, nw, have, nh, problems);
	count_types(want, nw, counts);
	if (problems->n == before)
		strvec_push_owned(lines, xasprintf("schema:    %d, as this version makes it (%d "
						   "tables, %d indexes, %d triggers)%s",
						   v, counts[0], counts[1], counts[2],
						   v < SCHEMA_VERSION ? "; brought up to date at "
									"the next write"
								      : ""));
	free_objects(want, nw);
	free_objects(have, nh);
	return integrity(db, quick, lines, problems, err);
}
