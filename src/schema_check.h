/*
 * For dealdeck check: the database's tables, indexes and triggers against what
 * this version's migrations create (a trigger dropped or changed by another
 * program is named), and SQLite's own integrity and foreign key checks.
 */
#ifndef DD_SCHEMA_CHECK_H
#define DD_SCHEMA_CHECK_H

#include "db.h"
#include "strbuf.h"

/*
 * Appends a summary to lines and each difference or damage to problems. quick:
 * PRAGMA quick_check, which skips comparing each index with its table (a tenth
 * of the time), instead of integrity_check.
 */
int schema_check(struct db *db, int quick, struct strvec *lines, struct strvec *problems,
		 struct dd_err *err);

#endif
