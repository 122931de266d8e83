/*
 * Bulk loads: SQLite writes many rows several times faster without the
 * secondary indexes and per-row triggers of their tables, and builds an index
 * faster at once than row by row (NOTES.md). Inside one write transaction,
 * db_bulk_lift drops them and db_bulk_restore creates them again before the
 * commit: other users never see the gap (we hold the write lock, they read the
 * last commit) and a failure rolls the whole transaction, schema included, back.
 */
#ifndef DD_DB_BULK_H
#define DD_DB_BULK_H

#include "db.h"
#include "strbuf.h"

struct db_bulk {
	struct strvec sql; /* what was dropped, to create again */
	int totals;	   /* deals' triggers were lifted: deal_totals is to rebuild */
};

/*
 * Ownership: a successful db_bulk_lift fills b, and the caller then hands it to
 * exactly one of db_bulk_restore or db_bulk_free, which both free it. A failed
 * lift leaves nothing to free.
 */

/*
 * Drops the indexes and triggers of the tables (NULL-terminated list) except
 * those named in keep (NULL-terminated, or NULL). The caller writes only rows
 * the triggers would have let through. On failure roll the transaction back.
 */
int db_bulk_lift(struct db *db, const char *const *tables, const char *const *keep,
		 struct db_bulk *b, struct dd_err *err);
/*
 * Creates them again, rebuilds what the lifted triggers keep (deal_totals)
 * and frees b; on failure roll the transaction back.
 */
int db_bulk_restore(struct db *db, struct db_bulk *b, struct dd_err *err);
/* Frees b without restoring: the transaction is to be rolled back. */
void db_bulk_free(struct db_bulk *b);

#endif
