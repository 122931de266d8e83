#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "deal.h"
#include "history.h"
#include "money.h"
#include "permit.h"
#include "strbuf.h"
#include "text.h"
#include "xmalloc.h"

#define DEAL_COLUMNS                                                                              \
	"id, external_id, title, account, owner, stage, status, amount, close_date, next_step, "  \
	"next_step_due, success_criteria, lost_reason, lost_note, created_at, "                   \
	"stage_entered_at, closed_at, updated_at, version"

static void
deal_from_row(sqlite3_stmt *st, struct deal *d)
{
	d->id = sqlite3_column_int64(st, 0);
	d->external_id = db_column_text(st, 1);
	d->title = db_column_text(st, 2);
	d->account = db_column_text(st, 3);
	d->owner = db_column_text(st, 4);
	d->stage = db_column_text(st, 5);
	d->status = db_column_text(st, 6);
	d->amount = sqlite3_column_int64(st, 7);
	d->close_date = db_column_text(st, 8);
	d->next_step = db_column_text(st, 9);
	d->next_step_due = db_column_text(st, 10);
	d->success_criteria = db_column_text(st, 11);
	d->lost_reason = db_column_text(st, 12);
	d->lost_note = db_column_text(st, 13);
	d->created_at = db_column_text(st, 14);
	d->stage_entered_at = db_column_text(st, 15);
	d->closed_at = db_column_text(st, 16);
	d->updated_at = db_column_text(st, 17);
	d->version = sqlite3_column_int64(st, 18);
}

int
deal_get(struct db *db, long id, struct deal *out, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " DEAL_COLUMNS " FROM deals WHERE id = ?");
	int rc;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		deal_from_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return DD_OK;
	if (rc == SQLITE_DONE)
		return err_set(err, DD_FAIL, "no deal %ld", id);
	return db_fail(db, err, "reading a deal");
}

void
deal_free(struct deal *d)
{
	char **texts[] = {&d->external_id,   &d->title,
			  &d->account,       &d->owner,
			  &d->stage,         &d->status,
			  &d->close_date,    &d->next_step,
			  &d->next_step_due, &d->success_criteria,
			  &d->lost_reason,   &d->lost_note,
			  &d->created_at,    &d->stage_entered_at,
			  &d->closed_at,     &d->updated_at};

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		free(*texts[i]);
	memset(d, 0, sizeof *d);
}

int
deal_owner_login(const struct session *s, const char *typed, const char **login,
		 struct dd_err *err)
{
	const char *l;

	if (typed == NULL || typed[0] == '\0')
		return err_set(err, DD_USAGE, "the owner cannot be empty");
	if (s->proc.nteam == 0) {
		*login = typed;
		return DD_OK;
	}
	l = process_team_login(&s->proc, typed);
	if (l == NULL)
		return err_set(err, DD_USAGE, "owner '%s' is not in the team of this pipeline",
			       typed);
	*login = l;
	return DD_OK;
}

int
deal_change_begin(struct session *s, long id, struct deal *d, struct dd_err *err)
{
	memset(d, 0, sizeof *d);
	if (session_begin(s, err) != DD_OK)
		return err->code;
	if (deal_get(s->db, id, d, err) != DD_OK || permit_deal(s, id, d->owner, err) != DD_OK)
		return deal_change_end(s, d, err->code, err);
	return DD_OK;
}

int
deal_change_end(struct session *s, struct deal *d, int rc, struct dd_err *err)
{
	deal_free(d);
	return db_end(s->db, rc, err);
}

int
deal_check_version(const struct deal *d, long expected, struct dd_err *err)
{
	if (expected <= 0 || d->version == expected)
		return DD_OK;
	err_set(err, DD_REFUSED, "deal %ld was changed by someone else since you read it", d->id);
	err->stale = 1;
	return DD_REFUSED;
}

int
deal_touch(struct db *db, long id, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(
		db, "UPDATE deals SET version = version + 1, updated_at = ? WHERE id = ?");
	char now[TIMESTAMP_LEN];
	int rc;

	timestamp_now(now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(db, err, "saving the deal");
	sqlite3_finalize(st);
	return rc;
}

int
deal_part_begin(struct session *s, long id, struct dd_err *err)
{
	struct deal d;

	if (deal_change_begin(s, id, &d, err) != DD_OK)
		return err->code;
	deal_free(&d);
	return DD_OK;
}

int
deal_part_exec(struct session *s, long id, sqlite3_stmt *st, const char *doing, struct dd_err *err)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(s->db, err, doing);

	sqlite3_finalize(st);
	if (rc != DD_OK)
		return rc;
	return deal_touch(s->db, id, err); /* an UPDATE: the caller's last insert rowid stays */
}

enum field_type { F_REQUIRED_TEXT, F_TEXT, F_DATE, F_MONEY, F_OWNER };

/* The editable fields: option name, column, type. Adding a field is adding a row. */
static const struct field_def {
	const char *name;
	size_t offset;
	const char *column;
	enum field_type type;
} field_defs[] = {
	{"title", offsetof(struct deal_fields, title), "title", F_REQUIRED_TEXT},
	{"account", offsetof(struct deal_fields, account), "account", F_REQUIRED_TEXT},
	{"owner", offsetof(struct deal_fields, owner), "owner", F_OWNER},
	{"amount", offsetof(struct deal_fields, amount), "amount", F_MONEY},
	{"close date", offsetof(struct deal_fields, close_date), "close_date", F_DATE},
	{"next step", offsetof(struct deal_fields, next_step), "next_step", F_TEXT},
	{"next step due", offsetof(struct deal_fields, next_step_due), "next_step_due", F_DATE},
	{"success criteria", offsetof(struct deal_fields, success_criteria), "success_criteria",
	 F_TEXT},
};

#define NFIELDS (sizeof field_defs / sizeof field_defs[0])

static const char *
field_value(const struct deal_fields *f, const struct field_def *d)
{
	return *(const char *const *)((const char *)f + d->offset);
}

/* Checks one typed value and binds it; DD_USAGE with the reason when it is bad. */
static int
bind_field(const struct session *s, sqlite3_stmt *st, int i, const struct field_def *d,
	   const char *v, struct dd_err *err)
{
	long day;
	int64_t minor;
	const char *why, *login;
	char currency[16];

	if ((why = text_problem(v, strlen(v))) != NULL)
		return err_set(err, DD_USAGE, "%s: %s", d->name, why);
	switch (d->type) {
	case F_REQUIRED_TEXT:
		if (v[0] == '\0')
			return err_set(err, DD_USAGE, "the %s cannot be empty", d->name);
		if (text_is_blank(v))
			return err_set(err, DD_USAGE, "the %s cannot be only spaces", d->name);
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
		break;
	case F_TEXT:
		db_bind_text_or_null(st, i, v);
		break;
	case F_DATE:
		if (v[0] != '\0' && date_parse(v, &day) != 0)
			return err_set(err, DD_USAGE, "%s '%s' is not a date (YYYY-MM-DD)",
				       d->name, v);
		db_bind_text_or_null(st, i, v);
		break;
	case F_MONEY:
		if (db_meta(s->db, "currency", currency, sizeof currency) == NULL)
			currency[0] = '\0';
		if (money_parse(v, currency, &minor, &why) != 0)
			return err_set(err, DD_USAGE, "amount '%s' is not money in %s: %s", v,
				       currency, why);
		sqlite3_bind_int64(st, i, minor);
		break;
	case F_OWNER:
		if (deal_owner_login(s, v, &login, err) != DD_OK)
			return err->code;
		sqlite3_bind_text(st, i, login, -1, SQLITE_TRANSIENT);
		break;
	}
	return DD_OK;
}

/*
 * A deal that started before it was entered: it was created, and entered the
 * first stage, at the start of that day. Today (or no date) is now.
 */
static int
created_at(struct session *s, const char *typed, char now[TIMESTAMP_LEN], struct dd_err *err)
{
	long day, today = date_today();

	if (date_parse(typed, &day) != 0)
		return err_set(err, DD_USAGE, "created date '%s' is not a date (YYYY-MM-DD)",
			       typed);
	if (day > today)
		return err_set(err, DD_USAGE, "created date %s is in the future", typed);
	if (day < today)
		timestamp_start_of_day(day, now);
	return DD_OK;
}

int
deal_create(struct session *s, const struct deal_fields *f, long *id, struct dd_err *err)
{
	struct deal_fields g = *f;
	struct strbuf cols, marks;
	sqlite3_stmt *st;
	char now[TIMESTAMP_LEN];
	const char *login;
	int n = 0;

	if (permit_write(s, err) != DD_OK)
		return err->code;
	if (g.title == NULL || g.account == NULL)
		return err_set(err, DD_USAGE, "a deal needs --title and --account");
	if (g.owner == NULL)
		g.owner = s->login;
	if (deal_owner_login(s, g.owner, &login, err) != DD_OK)
		return err->code;
	if (s->role == ROLE_REP && strcmp(login, s->login) != 0)
		return err_set(err, DD_DENIED, "only a manager may add a deal for someone else");
	timestamp_now(now);
	if (g.created != NULL && created_at(s, g.created, now, err) != DD_OK)
		return err->code;
	if (session_begin(s, err) != DD_OK)
		return err->code;
	strbuf_init(&cols);
	strbuf_init(&marks);
	for (size_t i = 0; i < NFIELDS; i++)
		if (field_value(&g, &field_defs[i]) != NULL) {
			strbuf_printf(&cols, "%s, ", field_defs[i].column);
			strbuf_puts(&marks, "?, ");
		}
	char *sql = xasprintf("INSERT INTO deals (%sstage, status, created_at, stage_entered_at, "
			      "updated_at) VALUES (%s?, 'open', ?, ?, ?)",
			      strbuf_str(&cols), strbuf_str(&marks));
	st = db_prepare(s->db, sql);
	free(sql);
	strbuf_free(&cols);
	strbuf_free(&marks);
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *v = field_value(&g, &field_defs[i]);

		if (v != NULL && bind_field(s, st, ++n, &field_defs[i], v, err) != DD_OK)
			goto fail;
	}
	sqlite3_bind_text(st, ++n, s->proc.stages[0].key, -1, SQLITE_STATIC);
	for (int k = 0; k < 3; k++)
		sqlite3_bind_text(st, ++n, now, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_fail(s->db, err, "adding the deal");
		goto fail;
	}
	*id = (long)sqlite3_last_insert_rowid(s->db->h);
	sqlite3_finalize(st);
	st = NULL;
	struct event ev = {.deal_id = *id,
			   .kind = "create",
			   .stage = s->proc.stages[0].key,
			   .status = "open",
			   .at = now,
			   .actor = s->login};
	if (history_add_event(s->db, &ev, NULL, err) != DD_OK)
		goto fail;
	return db_commit(s->db, err);
fail:
	sqlite3_finalize(st);
	return db_end(s->db, err->code, err);
}

int
deal_edit(struct session *s, long id, const struct deal_fields *f, long expected_version,
	  struct dd_err *err)
{
	struct deal d;
	struct strbuf sql;
	sqlite3_stmt *st = NULL;
	char now[TIMESTAMP_LEN];
	int n = 0, given = 0;

	for (size_t i = 0; i < NFIELDS; i++)
		given += field_value(f, &field_defs[i]) != NULL;
	if (given == 0)
		return err_set(err, DD_USAGE, "nothing to change: give at least one field");
	if (deal_change_begin(s, id, &d, err) != DD_OK)
		return err->code;
	if (f->owner != NULL && permit_manager(s, "reassign a deal's owner", err) != DD_OK)
		goto fail;
	if (deal_check_version(&d, expected_version, err) != DD_OK)
		goto fail;
	strbuf_init(&sql);
	strbuf_puts(&sql, "UPDATE deals SET ");
	for (size_t i = 0; i < NFIELDS; i++)
		if (field_value(f, &field_defs[i]) != NULL)
			strbuf_printf(&sql, "%s = ?, ", field_defs[i].column);
	strbuf_puts(&sql, "updated_at = ?, version = version + 1 WHERE id = ?");
	st = db_prepare(s->db, strbuf_str(&sql));
	strbuf_free(&sql);
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *v = field_value(f, &field_defs[i]);

		if (v != NULL && bind_field(s, st, ++n, &field_defs[i], v, err) != DD_OK)
			goto fail;
	}
	timestamp_now(now);
	sqlite3_bind_text(st, ++n, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, ++n, id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_fail(s->db, err, "saving the deal");
		goto fail;
	}
	sqlite3_finalize(st);
	return deal_change_end(s, &d, DD_OK, err);
fail:
	sqlite3_finalize(st);
	return deal_change_end(s, &d, err->code, err);
}

/*
 * Now: the deal rows themselves. As of a past day: each deal's stage and status
 * come from its last event up to the end of that day (an index seek per deal).
 */
static const char list_now_sql[] =
	"SELECT d.id, d.title, d.account, d.owner, d.stage, d.status, d.amount,"
	"  d.stage_entered_at, d.close_date, d.next_step_due"
	" FROM deals d JOIN stages s ON s.key = d.stage"
	" WHERE (?1 IS NULL OR d.stage = ?1) AND (?2 IS NULL OR d.owner = ?2)"
	"   AND (?3 = 'all' OR d.status = ?3)"
	" ORDER BY d.status = 'open' DESC, s.position, d.stage_entered_at, d.id";

static const char list_as_of_sql[] =
	"SELECT d.id, d.title, d.account, d.owner, e.stage, e.status, d.amount,"
	"  (SELECT max(x.at) FROM stage_events x WHERE x.deal_id = d.id AND x.at <= ?4"
	"     AND x.kind IN ('create', 'forward', 'back', 'reopen')),"
	"  d.close_date, d.next_step_due"
	" FROM deals d"
	" JOIN stage_events e ON e.id = (SELECT y.id FROM stage_events y WHERE y.deal_id = d.id"
	"   AND y.at <= ?4 ORDER BY y.at DESC, y.id DESC LIMIT 1)"
	" LEFT JOIN stages s ON s.key = e.stage"
	" WHERE (?1 IS NULL OR e.stage = ?1) AND (?2 IS NULL OR d.owner = ?2)"
	"   AND (?3 = 'all' OR e.status = ?3)"
	" ORDER BY e.status = 'open' DESC, s.position, 8, d.id";

int
deal_list(struct db *db, const struct deal_filter *f, long today,
	  void (*cb)(const struct deal_row *r, void *arg), void *arg, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, f->as_of >= 0 ? list_as_of_sql : list_now_sql);
	char end[TIMESTAMP_LEN];
	long day = f->as_of >= 0 ? f->as_of : today;
	int rc;

	db_bind_text_or_null(st, 1, f->stage);
	db_bind_text_or_null(st, 2, f->owner);
	sqlite3_bind_text(st, 3, f->status ? f->status : "open", -1, SQLITE_STATIC);
	if (f->as_of >= 0) {
		timestamp_end_of_day(f->as_of, end);
		sqlite3_bind_text(st, 4, end, -1, SQLITE_STATIC);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct deal_row r;
		const char *entered = (const char *)sqlite3_column_text(st, 7);
		long since = date_of_timestamp(entered);

		r.id = sqlite3_column_int64(st, 0);
		r.title = (const char *)sqlite3_column_text(st, 1);
		r.account = (const char *)sqlite3_column_text(st, 2);
		r.owner = (const char *)sqlite3_column_text(st, 3);
		r.stage = (const char *)sqlite3_column_text(st, 4);
		r.status = (const char *)sqlite3_column_text(st, 5);
		r.amount = sqlite3_column_int64(st, 6);
		r.days_in_stage =
			strcmp(r.status, "open") == 0 && since >= 0 ? (int)(day - since) : -1;
		r.close_date = (const char *)sqlite3_column_text(st, 8);
		r.next_step_due = (const char *)sqlite3_column_text(st, 9);
		cb(&r, arg);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "listing deals");
}

int
deal_owners(struct db *db, struct strvec *out, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT DISTINCT owner FROM deals ORDER BY owner");
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strvec_push(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "listing owners");
}
