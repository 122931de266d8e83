#include <string.h>

#include "commit_rule.h"

const char *const demotion_codes[DEMOTE_NKINDS] = {
	"override", "imported", "moved_back", "reopened", "no_evidence", "buyer_step_overdue",
};

/*
 * Only a forward move checks a gate, so only a forward move can carry the
 * buyer's evidence into the stage. A jump over several stages checked every
 * gate it passed and recorded all their evidence with the one move, so it
 * earns commit like a single step. Imported history recorded no evidence.
 */
static unsigned
entry_demotions(const struct commit_facts *f)
{
	const char *k = f->entry_kind ? f->entry_kind : "";

	if (strcmp(k, "back") == 0)
		return DEMOTE_MOVED_BACK;
	if (strcmp(k, "reopen") == 0)
		return DEMOTE_REOPENED;
	if (f->overridden)
		return DEMOTE_OVERRIDE;
	if (f->imported)
		return DEMOTE_IMPORTED;
	if (strcmp(k, "forward") != 0 || f->evidence <= 0)
		return DEMOTE_NO_EVIDENCE;
	return 0;
}

enum forecast_cat
commit_rule(const struct commit_facts *f, unsigned *demoted)
{
	*demoted = 0;
	if (f->stage_cat != FORECAST_COMMIT)
		return f->stage_cat;
	*demoted = entry_demotions(f);
	if (f->buyer_overdue > 0)
		*demoted |= DEMOTE_BUYER_OVERDUE;
	return *demoted ? FORECAST_BEST_CASE : FORECAST_COMMIT;
}

static void
sql_forecast(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct commit_facts f = {0};
	unsigned demoted;

	(void)argc;
	if (forecast_parse((const char *)sqlite3_value_text(argv[0]), &f.stage_cat) != 0)
		f.stage_cat = FORECAST_PIPELINE;
	f.entry_kind = (const char *)sqlite3_value_text(argv[1]);
	f.imported = sqlite3_value_int(argv[2]);
	f.overridden = sqlite3_value_type(argv[3]) != SQLITE_NULL;
	f.evidence = sqlite3_value_int(argv[4]);
	f.buyer_overdue = sqlite3_value_int(argv[5]);
	sqlite3_result_text(ctx, forecast_name(commit_rule(&f, &demoted)), -1, SQLITE_STATIC);
}

int
commit_rule_register(struct db *db, struct dd_err *err)
{
	if (sqlite3_create_function_v2(db->h, "dd_forecast", 6,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
				       NULL, sql_forecast, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "preparing the forecast rule");
	return DD_OK;
}
