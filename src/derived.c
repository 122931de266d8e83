#include <stdio.h>

#include "derived.h"

int
derived_rebuild_totals(struct db *db, struct dd_err *err)
{
	if (db_exec(db, "DELETE FROM deal_totals", err) != DD_OK ||
	    db_exec(db, "INSERT INTO deal_totals " TOTALS_RECOUNT, err) != DD_OK ||
	    db_exec(db, "DELETE FROM closed_totals", err) != DD_OK)
		return err->code;
	return db_exec(db, "INSERT INTO closed_totals " CLOSED_RECOUNT, err);
}

/* Each query's rows are mismatches: columns joined by a space make the line. */
static const struct {
	const char *what;
	const char *sql;
} checks[] = {
	/* Both sides, rows missing on either counted as zero. */
	{"totals",
	 "WITH r(owner, stage, count, amount) AS (" TOTALS_RECOUNT "),"
	 " k AS (SELECT owner, stage FROM r UNION SELECT owner, stage FROM deal_totals)"
	 " SELECT CASE k.owner WHEN '' THEN 'stage ' || quote(k.stage)"
	 "   ELSE 'owner ' || quote(k.owner) || ' stage ' || quote(k.stage) END,"
	 " printf(': the table says %d open deals, %s; a recount %d, %s',"
	 "   coalesce(t.count, 0), coalesce(t.amount, 0),"
	 "   coalesce(r.count, 0), coalesce(r.amount, 0))"
	 " FROM k LEFT JOIN deal_totals t ON t.owner = k.owner AND t.stage = k.stage"
	 " LEFT JOIN r ON r.owner = k.owner AND r.stage = k.stage"
	 " WHERE coalesce(t.count, 0) <> coalesce(r.count, 0)"
	 "   OR coalesce(t.amount, 0) <> coalesce(r.amount, 0)"
	 "   OR typeof(t.amount) = 'real'"},
	{"closed totals",
	 "WITH r(owner, quarter, status, count, amount) AS (" CLOSED_RECOUNT "),"
	 " k AS (SELECT owner, quarter, status FROM r"
	 "   UNION SELECT owner, quarter, status FROM closed_totals)"
	 " SELECT CASE k.owner WHEN '' THEN '' ELSE 'owner ' || quote(k.owner) || ' ' END"
	 "   || k.status || ' in the quarter from ' || k.quarter,"
	 " printf(': the table says %d deals, %s; a recount %d, %s',"
	 "   coalesce(t.count, 0), coalesce(t.amount, 0),"
	 "   coalesce(r.count, 0), coalesce(r.amount, 0))"
	 " FROM k LEFT JOIN closed_totals t"
	 "   ON t.owner = k.owner AND t.quarter = k.quarter AND t.status = k.status"
	 " LEFT JOIN r ON r.owner = k.owner AND r.quarter = k.quarter AND r.status = k.status"
	 " WHERE coalesce(t.count, 0) <> coalesce(r.count, 0)"
	 "   OR coalesce(t.amount, 0) <> coalesce(r.amount, 0)"
	 "   OR typeof(t.amount) = 'real'"},
	/*
	 * A deal is where its last event put it, and entered its stage then (an
	 * open deal) or when its closing move left it (from_entered_at). One
	 * index lookup per deal: about a second at a million deals.
	 */
	{"history",
	 "SELECT 'deal ' || d.id, CASE WHEN e.id IS NULL THEN ': has no history'"
	 "   ELSE printf(': is %s in %s since %s; its last event says %s in %s since %s',"
	 "     d.status, d.stage, d.stage_entered_at, e.status, e.stage,"
	 "     CASE e.status WHEN 'open' THEN e.at ELSE e.from_entered_at END) END"
	 " FROM deals d LEFT JOIN stage_events e ON e.id = (SELECT x.id FROM stage_events x"
	 "   WHERE x.deal_id = d.id ORDER BY x.at DESC, x.id DESC LIMIT 1)"
	 " WHERE e.id IS NULL OR e.stage IS NOT d.stage OR e.status IS NOT d.status"
	 "   OR (CASE e.status WHEN 'open' THEN e.at ELSE e.from_entered_at END)"
	 "     IS NOT d.stage_entered_at"},
	/* A snapshot's header counts its rows. */
	{"snapshots",
	 "SELECT 'snapshot ' || s.id, printf(': says %d open deals, %d; its rows %d, %d',"
	 "   s.open_deals, s.open_amount, count(r.deal_id), coalesce(sum(r.amount), 0))"
	 " FROM snapshots s LEFT JOIN snapshot_deals r ON r.snapshot_id = s.id"
	 " GROUP BY s.id HAVING s.open_deals <> count(r.deal_id)"
	 "   OR s.open_amount <> coalesce(sum(r.amount), 0)"},
};

int
derived_check(struct db *db, struct strvec *out, struct dd_err *err)
{
	int rc = DD_OK;

	if (db_exec(db, "BEGIN", err) != DD_OK)
		return err->code;
	for (size_t i = 0; rc == DD_OK && i < sizeof checks / sizeof checks[0]; i++) {
		sqlite3_stmt *st = db_prepare(db, checks[i].sql);
		int step;

		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			char *line = sqlite3_mprintf("%s: %s%s", checks[i].what,
						     sqlite3_column_text(st, 0),
						     sqlite3_column_text(st, 1));

			strvec_push(out, line);
			sqlite3_free(line);
		}
		if (step != SQLITE_DONE)
			rc = db_fail(db, err, "checking the derived values");
		sqlite3_finalize(st);
	}
	db_rollback(db);
	return rc;
}
