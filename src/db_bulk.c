#include <string.h>

#include "db_bulk.h"
#include "derived.h"

static int
listed(const char *const *names, const char *name)
{
	for (; names != NULL && *names != NULL; names++)
		if (strcmp(*names, name) == 0)
			return 1;
	return 0;
}

int
db_bulk_lift(struct db *db, const char *const *tables, const char *const *keep, struct db_bulk *b,
	     struct dd_err *err)
{
	/* sql IS NULL: the indexes of UNIQUE and PRIMARY KEY, which stay. */
	sqlite3_stmt *st = db_prepare(db, "SELECT type, name, sql, tbl_name FROM sqlite_master"
					  " WHERE (type = 'index' OR type = 'trigger')"
					  " AND sql IS NOT NULL ORDER BY type, name");
	struct strvec drops = {0};
	int rc = DD_OK;

	memset(b, 0, sizeof *b);
	b->totals = listed(tables, "deals");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		char *drop;

		if (!listed(tables, (const char *)sqlite3_column_text(st, 3)) ||
		    listed(keep, name))
			continue;
		drop = sqlite3_mprintf("DROP %s \"%w\"",
				       strcmp(type, "index") == 0 ? "INDEX" : "TRIGGER", name);
		strvec_push(&drops, drop);
		sqlite3_free(drop);
		strvec_push(&b->sql, (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < drops.n && rc == DD_OK; i++)
		rc = db_exec(db, drops.v[i], err);
	strvec_free(&drops);
	if (rc != DD_OK)
		db_bulk_free(b);
	return rc;
}

int
db_bulk_restore(struct db *db, struct db_bulk *b, struct dd_err *err)
{
	int rc = DD_OK;

	for (size_t i = 0; i < b->sql.n && rc == DD_OK; i++)
		rc = db_exec(db, b->sql.v[i], err);
	/* The totals' triggers were off: one recount instead of a write per row. */
	if (rc == DD_OK && b->totals)
		rc = derived_rebuild_totals(db, err);
	db_bulk_free(b);
	return rc;
}

void
db_bulk_free(struct db_bulk *b)
{
	strvec_free(&b->sql);
}
