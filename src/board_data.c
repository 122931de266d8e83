#include <stdlib.h>
#include <string.h>

#include "board_data.h"
#include "date.h"
#include "strbuf.h"
#include "xmalloc.h"

/* A LIKE pattern for "contains text", with % and _ taken literally. */
static char *
like_pattern(const char *text)
{
	struct strbuf b;

	strbuf_init(&b);
	strbuf_putc(&b, '%');
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			strbuf_putc(&b, '\\');
		strbuf_putc(&b, *text);
	}
	strbuf_putc(&b, '%');
	return strbuf_detach(&b);
}

static int
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/*
 * Only the filters given, on table alias a (?1 owner, ?2 text): an "?1 IS NULL OR"
 * clause would keep SQLite off the covering and owner indexes.
 */
static void
put_filter(struct strbuf *sql, const char *a, const struct board_filter *f)
{
	if (given(f->owner))
		strbuf_printf(sql, " AND %s.owner = ?1", a);
	if (given(f->text))
		strbuf_printf(
			sql,
			" AND (%s.title LIKE ?2 ESCAPE '\\' OR %s.account LIKE ?2 ESCAPE '\\')", a,
			a);
}

/* Prepares head, the filter on a, then tail. */
static sqlite3_stmt *
prepare_filtered(struct db *db, const char *head, const char *a, const struct board_filter *f,
		 const char *tail)
{
	struct strbuf sql;
	sqlite3_stmt *st;

	strbuf_init(&sql);
	strbuf_puts(&sql, head);
	put_filter(&sql, a, f);
	strbuf_puts(&sql, tail);
	st = db_prepare(db, strbuf_str(&sql));
	strbuf_free(&sql);
	return st;
}

static void
bind_filter(sqlite3_stmt *st, const struct board_filter *f)
{
	if (given(f->owner))
		sqlite3_bind_text(st, 1, f->owner, -1, SQLITE_TRANSIENT);
	if (given(f->text))
		sqlite3_bind_text(st, 2, like_pattern(f->text), -1, free);
}

int
board_totals(struct db *db, const struct process *p, const struct board_filter *f,
	     struct totals *stages, struct totals *won, struct totals *lost, struct dd_err *err)
{
	sqlite3_stmt *st = prepare_filtered(db,
					    "SELECT d.status, d.stage, count(*), "
					    "coalesce(sum(d.amount), 0) FROM deals d WHERE 1",
					    "d", f, " GROUP BY d.status, d.stage");
	int rc;

	memset(stages, 0, p->nstages * sizeof *stages);
	memset(won, 0, sizeof *won);
	memset(lost, 0, sizeof *lost);
	bind_filter(st, f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(st, 0);
		int i = process_stage_index(p, (const char *)sqlite3_column_text(st, 1));
		struct totals *t = strcmp(status, "won") == 0         ? won
				   : strcmp(status, "lost") == 0      ? lost
				   : i >= 0 && (size_t)i < p->nstages ? &stages[i]
								      : NULL;

		if (t == NULL)
			continue;
		t->count += sqlite3_column_int64(st, 2);
		/* Won and lost add up several stages: past 64 bits is an error, not a wrap. */
		if (__builtin_add_overflow(t->amount, sqlite3_column_int64(st, 3), &t->amount)) {
			sqlite3_finalize(st);
			return err_set(err, DD_FAIL,
				       "the amounts on the board add up to more "
				       "than dealdeck can count");
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "reading the board");
}

int
board_cards(struct db *db, const struct stage *s, const struct board_filter *f, long offset,
	    int limit, long today, struct card **out, size_t *n, struct dd_err *err)
{
	sqlite3_stmt *st =
		prepare_filtered(db,
				 "SELECT d.id, d.version, d.title, d.account, d.owner, d.amount,"
				 " d.stage_entered_at, d.close_date, d.next_step, d.next_step_due,"
				 " (SELECT count(*) FROM plan_steps p WHERE p.deal_id = d.id),"
				 " (SELECT count(*) FROM plan_steps p WHERE p.deal_id = d.id"
				 "   AND p.done_at IS NOT NULL),"
				 " (SELECT count(*) FROM plan_steps p WHERE p.deal_id = d.id"
				 "   AND p.done_at IS NULL AND p.due < ?5),"
				 " (SELECT count(*) FROM stakeholders k WHERE k.deal_id = d.id),"
				 " EXISTS (SELECT 1 FROM stakeholders k WHERE k.deal_id = d.id"
				 "   AND k.role = 'economic_buyer'),"
				 " EXISTS (SELECT 1 FROM stakeholders k WHERE k.deal_id = d.id"
				 "   AND k.role = 'champion')"
				 " FROM deals d WHERE d.status = 'open' AND d.stage = ?3",
				 "d", f, " ORDER BY d.stage_entered_at, d.id LIMIT ?4 OFFSET ?6");
	char day[DATE_LEN];
	int rc;

	*out = NULL;
	*n = 0;
	date_format(today, day);
	bind_filter(st, f);
	sqlite3_bind_text(st, 3, s->key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, limit);
	sqlite3_bind_text(st, 5, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, offset);
	*out = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof **out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < (size_t)limit) {
		struct card *c = &(*out)[(*n)++];
		long entered = date_of_timestamp((const char *)sqlite3_column_text(st, 6));
		long due;

		c->id = sqlite3_column_int64(st, 0);
		c->version = sqlite3_column_int64(st, 1);
		c->title = db_column_text(st, 2);
		c->account = db_column_text(st, 3);
		c->owner = db_column_text(st, 4);
		c->amount = sqlite3_column_int64(st, 5);
		c->days = entered >= 0 ? (int)(today - entered) : 0;
		c->aging = stage_aging(s, c->days);
		c->close_date = db_column_text(st, 7);
		c->next_step = db_column_text(st, 8);
		c->next_step_due = db_column_text(st, 9);
		c->next_overdue = c->next_step_due != NULL &&
				  date_parse(c->next_step_due, &due) == 0 && due < today;
		c->plan_total = sqlite3_column_int(st, 10);
		c->plan_done = sqlite3_column_int(st, 11);
		c->plan_overdue = sqlite3_column_int(st, 12);
		c->people = sqlite3_column_int(st, 13);
		c->has_economic_buyer = sqlite3_column_int(st, 14);
		c->has_champion = sqlite3_column_int(st, 15);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		board_cards_free(*out, *n);
		*out = NULL;
		*n = 0;
		return db_fail(db, err, "reading the board");
	}
	return DD_OK;
}

void
board_cards_free(struct card *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].account);
		free(v[i].owner);
		free(v[i].close_date);
		free(v[i].next_step);
		free(v[i].next_step_due);
	}
	free(v);
}

int
board_locate(struct db *db, const struct process *p, const struct board_filter *f, long deal_id,
	     int *stage, long *index)
{
	struct strbuf sql;
	sqlite3_stmt *st;
	int found = -1;

	strbuf_init(&sql);
	strbuf_puts(&sql, "SELECT d.stage, (SELECT count(*) FROM deals e WHERE e.status = 'open'"
			  "   AND e.stage = d.stage AND (e.stage_entered_at < d.stage_entered_at"
			  "   OR (e.stage_entered_at = d.stage_entered_at AND e.id < d.id))");
	put_filter(&sql, "e", f);
	strbuf_puts(&sql, ") FROM deals d WHERE d.id = ?3 AND d.status = 'open'");
	put_filter(&sql, "d", f);
	st = db_prepare(db, strbuf_str(&sql));
	strbuf_free(&sql);
	bind_filter(st, f);
	sqlite3_bind_int64(st, 3, deal_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*stage = process_stage_index(p, (const char *)sqlite3_column_text(st, 0));
		*index = sqlite3_column_int64(st, 1);
		found = *stage >= 0 && (size_t)*stage < p->nstages ? 0 : -1;
	}
	sqlite3_finalize(st);
	return found;
}
