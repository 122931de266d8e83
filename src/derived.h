/*
 * Values the database keeps derived from others, so a screen reads a few rows
 * instead of the whole pipeline: the open deals' totals per stage and owner
 * (deal_totals, kept by triggers), and each deal's stage, status and
 * stage_entered_at (written by every move with its event). Bulk loads rebuild
 * the totals; 'dealdeck check' compares all of them with a recount.
 */
#ifndef DD_DERIVED_H
#define DD_DERIVED_H

#include "db.h"
#include "strbuf.h"

/*
 * The totals as a recount from the deals: owner '' is the stage's row over all
 * owners. The migration that made the table fills it with this too.
 */
#define TOTALS_RECOUNT                                                                     \
	"SELECT '', stage, count(*), sum(amount) FROM deals WHERE status = 'open'"         \
	" GROUP BY stage UNION ALL"                                                        \
	" SELECT owner, stage, count(*), sum(amount) FROM deals WHERE status = 'open'"     \
	" GROUP BY owner, stage"

/* The first day of a closed_at's quarter, "YYYY-MM-01", as SQL on column c. */
#define QUARTER_OF(c)                                                                      \
	"(substr(" c ", 1, 5) || printf('%02d', (CAST(substr(" c ", 6, 2) AS INTEGER) - 1)"  \
	" / 3 * 3 + 1) || '-01')"

/* Won and lost deals' count and amount per quarter closed, all owners ('') and each. */
#define CLOSED_RECOUNT                                                                     \
	"SELECT '', " QUARTER_OF("closed_at") " AS q, status, count(*), sum(amount)"       \
	" FROM deals WHERE status <> 'open' AND closed_at IS NOT NULL GROUP BY q, status"  \
	" UNION ALL SELECT owner, " QUARTER_OF("closed_at") " AS q, status, count(*),"     \
	" sum(amount) FROM deals WHERE status <> 'open' AND closed_at IS NOT NULL"         \
	" GROUP BY owner, q, status"

/* Refills deal_totals and closed_totals, inside the caller's write transaction. */
int derived_rebuild_totals(struct db *db, struct dd_err *err);

/*
 * Compares every derived value with a recount and appends one line per
 * mismatch to out. DD_OK when it could read (mismatches or not).
 */
int derived_check(struct db *db, struct strvec *out, struct dd_err *err);

#endif
