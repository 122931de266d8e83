#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "deal.h"
#include "plan.h"
#include "text.h"
#include "vocab.h"
#include "xmalloc.h"

#define STEP_COLUMNS "id, deal_id, title, owner_side, who, due, done_at, done_by"

enum plan_status
plan_step_status(const struct plan_step *p, long today)
{
	long due;

	if (p->done_at != NULL)
		return PLAN_DONE;
	if (date_parse(p->due, &due) == 0 && due < today)
		return PLAN_OVERDUE;
	return PLAN_OPEN;
}

const char *
plan_status_word(enum plan_status st)
{
	static const char *const words[] = {"open", "done", "overdue"};

	return words[st];
}

static void
step_from_row(sqlite3_stmt *st, struct plan_step *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->deal_id = sqlite3_column_int64(st, 1);
	p->title = db_column_text(st, 2);
	p->owner_side = db_column_text(st, 3);
	p->who = db_column_text(st, 4);
	p->due = db_column_text(st, 5);
	p->done_at = db_column_text(st, 6);
	p->done_by = db_column_text(st, 7);
}

static void
step_free(struct plan_step *p)
{
	free(p->title);
	free(p->owner_side);
	free(p->who);
	free(p->due);
	free(p->done_at);
	free(p->done_by);
}

void
plan_free(struct plan_step *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		step_free(&v[i]);
	free(v);
}

int
plan_list(struct db *db, long deal_id, struct plan_step **out, size_t *n, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " STEP_COLUMNS " FROM plan_steps"
					  " WHERE deal_id = ? ORDER BY due, id");
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, deal_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		step_from_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "reading the plan");
}

static int
step_deal(struct db *db, long id, long *deal_id, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT deal_id FROM plan_steps WHERE id = ?");
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*deal_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return DD_OK;
	return rc == SQLITE_DONE ? err_set(err, DD_FAIL, "no plan step %ld", id)
				 : db_fail(db, err, "reading the plan");
}

int
plan_check(const struct plan_fields *f, struct dd_err *err)
{
	const char *why;
	long day;

	if (f->title != NULL && (why = text_problem(f->title, strlen(f->title))) != NULL)
		return err_set(err, DD_USAGE, "title: %s", why);
	if (f->title != NULL && f->title[0] == '\0')
		return err_set(err, DD_USAGE, "a plan step needs a title");
	if (f->title != NULL && text_is_blank(f->title))
		return err_set(err, DD_USAGE, "a plan step's title cannot be only spaces");
	if (f->who != NULL && (why = text_problem(f->who, strlen(f->who))) != NULL)
		return err_set(err, DD_USAGE, "who: %s", why);
	if (f->owner_side != NULL && vocab_find(&vocab_plan_owner, f->owner_side) < 0)
		return err_set(err, DD_USAGE, "unknown owner '%s' (one of: %s)", f->owner_side,
			       vocab_list(&vocab_plan_owner));
	if (f->due != NULL && date_parse(f->due, &day) != 0)
		return err_set(err, DD_USAGE, "due date '%s' is not a date (YYYY-MM-DD)", f->due);
	return DD_OK;
}

int
plan_add_tx(struct session *s, long deal_id, const struct plan_fields *f, long *id,
	    struct dd_err *err)
{
	char now[TIMESTAMP_LEN];
	sqlite3_stmt *st;
	int rc;

	if (f->title == NULL || f->owner_side == NULL || f->due == NULL)
		return err_set(err, DD_USAGE, "a plan step needs --title, --owner and --due");
	if (plan_check(f, err) != DD_OK)
		return err->code;
	st = db_prepare(s->db, "INSERT INTO plan_steps (deal_id, title, owner_side, who, due,"
			       " created_at) VALUES (?, ?, ?, ?, ?, ?)");
	timestamp_now(now);
	sqlite3_bind_int64(st, 1, deal_id);
	sqlite3_bind_text(st, 2, f->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->owner_side, -1, SQLITE_STATIC);
	db_bind_text_or_null(st, 4, f->who);
	sqlite3_bind_text(st, 5, f->due, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	rc = deal_part_exec(s, deal_id, st, "adding the step", err);
	if (rc == DD_OK)
		*id = (long)sqlite3_last_insert_rowid(s->db->h);
	return rc;
}

int
plan_add(struct session *s, long deal_id, const struct plan_fields *f, long *id,
	 struct dd_err *err)
{
	if (f->title == NULL || f->owner_side == NULL || f->due == NULL)
		return err_set(err, DD_USAGE, "a plan step needs --title, --owner and --due");
	if (plan_check(f, err) != DD_OK || deal_part_begin(s, deal_id, err) != DD_OK)
		return err->code;
	return db_end(s->db, plan_add_tx(s, deal_id, f, id, err), err);
}

int
plan_edit_tx(struct session *s, long id, const struct plan_fields *f, struct dd_err *err)
{
	static const char *const cols[] = {"title", "owner_side", "who", "due"};
	const char *vals[] = {f->title, f->owner_side, f->who, f->due};
	struct strbuf sql;
	long deal_id;
	int k = 0, given = 0;

	for (size_t i = 0; i < 4; i++)
		given += vals[i] != NULL;
	if (given == 0)
		return err_set(err, DD_USAGE, "nothing to change: give at least one field");
	if (plan_check(f, err) != DD_OK || step_deal(s->db, id, &deal_id, err) != DD_OK)
		return err->code;
	strbuf_init(&sql);
	strbuf_puts(&sql, "UPDATE plan_steps SET id = id");
	for (size_t i = 0; i < 4; i++)
		if (vals[i] != NULL)
			strbuf_printf(&sql, ", %s = ?", cols[i]);
	strbuf_puts(&sql, " WHERE id = ?");
	sqlite3_stmt *st = db_prepare(s->db, strbuf_str(&sql));
	strbuf_free(&sql);
	for (size_t i = 0; i < 4; i++)
		if (vals[i] != NULL)
			db_bind_text_or_null(st, ++k, vals[i]);
	sqlite3_bind_int64(st, ++k, id);
	return deal_part_exec(s, deal_id, st, "saving the step", err);
}

int
plan_edit(struct session *s, long id, const struct plan_fields *f, struct dd_err *err)
{
	const char *vals[] = {f->title, f->owner_side, f->who, f->due};
	long deal_id;
	int given = 0;

	for (size_t i = 0; i < 4; i++)
		given += vals[i] != NULL;
	if (given == 0)
		return err_set(err, DD_USAGE, "nothing to change: give at least one field");
	if (plan_check(f, err) != DD_OK || step_deal(s->db, id, &deal_id, err) != DD_OK ||
	    deal_part_begin(s, deal_id, err) != DD_OK)
		return err->code;
	return db_end(s->db, plan_edit_tx(s, id, f, err), err);
}

int
plan_done_at_check(const char *at, struct dd_err *err)
{
	char now[TIMESTAMP_LEN];

	timestamp_now(now);
	if (strcmp(at, now) > 0)
		return err_set(err, DD_USAGE, "done at %s: that is in the future (now is %s UTC)",
			       at, now);
	return DD_OK;
}

int
plan_done_by_login(const struct session *s, const char *by, const char **login, struct dd_err *err)
{
	*login = s->proc.nteam > 0         ? process_team_login(&s->proc, by)
		 : process_login_valid(by) ? by
					   : NULL;
	if (*login != NULL)
		return DD_OK;
	return err_set(err, DD_USAGE,
		       s->proc.nteam > 0 ? "done by '%s': not in the team of this pipeline"
					 : "done by '%s': not a login",
		       by);
}

int
plan_set_done_tx(struct session *s, long id, int done, const char *at, const char *by,
		 struct dd_err *err)
{
	char now[TIMESTAMP_LEN];
	long deal_id;

	if (done && at != NULL && plan_done_at_check(at, err) != DD_OK)
		return err->code;
	if (done && at != NULL && by != NULL && plan_done_by_login(s, by, &by, err) != DD_OK)
		return err->code;
	if (step_deal(s->db, id, &deal_id, err) != DD_OK)
		return err->code;
	/*
	 * Marking a done step done again keeps who did it first; a given time and
	 * person (an import) are taken as they are.
	 */
	sqlite3_stmt *st = db_prepare(
		s->db, !done ? "UPDATE plan_steps SET done_at = NULL, done_by = NULL WHERE id = ?3"
		       : at  ? "UPDATE plan_steps SET done_at = ?1, done_by = ?2 WHERE id = ?3"
			     : "UPDATE plan_steps SET done_at = coalesce(done_at, ?1),"
			       " done_by = coalesce(done_by, ?2) WHERE id = ?3");
	timestamp_now(now);
	sqlite3_bind_text(st, 1, at ? at : now, -1, SQLITE_TRANSIENT);
	db_bind_text_or_null(st, 2, at ? by : s->login);
	sqlite3_bind_int64(st, 3, id);
	return deal_part_exec(s, deal_id, st, "saving the step", err);
}

int
plan_set_done(struct session *s, long id, int done, struct dd_err *err)
{
	long deal_id;

	if (step_deal(s->db, id, &deal_id, err) != DD_OK ||
	    deal_part_begin(s, deal_id, err) != DD_OK)
		return err->code;
	return db_end(s->db, plan_set_done_tx(s, id, done, NULL, NULL, err), err);
}

int
plan_remove(struct session *s, long id, struct dd_err *err)
{
	long deal_id;

	if (step_deal(s->db, id, &deal_id, err) != DD_OK ||
	    deal_part_begin(s, deal_id, err) != DD_OK)
		return err->code;
	sqlite3_stmt *st = db_prepare(s->db, "DELETE FROM plan_steps WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	return db_end(s->db, deal_part_exec(s, deal_id, st, "removing the step", err), err);
}
