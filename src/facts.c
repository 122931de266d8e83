#include <string.h>

#include "date.h"
#include "facts.h"
#include "people.h"
#include "xmalloc.h"

/* The evidence already recorded for the deal, so the same text is not taken twice. */
static int
load_said(struct db *db, long id, struct deal_facts *f, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT requirement, what FROM evidence"
					  " WHERE deal_id = ? ORDER BY id");
	int rc;

	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		f->said = xreallocarray(f->said, f->nsaid + 1, sizeof *f->said);
		f->said[f->nsaid++] = (struct facts_said){
			xstrdup((const char *)sqlite3_column_text(st, 0)),
			xstrdup((const char *)sqlite3_column_text(st, 1))};
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "reading the deal's evidence");
}

int
deal_facts_load(struct db *db, const struct deal *d, struct deal_facts *f, struct dd_err *err)
{
	struct stakeholder *v;
	size_t n;
	sqlite3_stmt *st;

	memset(f, 0, sizeof *f);
	f->created_day = date_of_timestamp(d->created_at);
	f->has_close_date = d->close_date != NULL;
	f->has_success_criteria = d->success_criteria != NULL;
	f->has_next_step = d->next_step != NULL;
	f->has_amount = d->amount > 0;
	if (people_list(db, d->id, &v, &n, err) != DD_OK)
		return err->code;
	f->people = xcalloc(n ? n : 1, sizeof *f->people);
	for (size_t i = 0; i < n; i++) {
		f->people[i] = (struct facts_person){v[i].id, v[i].name, v[i].role, v[i].stance};
		v[i].name = v[i].role = v[i].stance = NULL; /* ownership moves */
	}
	f->npeople = n;
	people_free(v, n);
	st = db_prepare(db, "SELECT count(*), coalesce(sum(owner_side = 'buyer'), 0)"
			    " FROM plan_steps WHERE deal_id = ?");
	sqlite3_bind_int64(st, 1, d->id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail(db, err, "reading the deal's plan");
	}
	f->plan_steps = sqlite3_column_int(st, 0);
	f->buyer_steps = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	return load_said(db, d->id, f, err);
}
