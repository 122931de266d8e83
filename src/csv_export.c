#include <stdlib.h>
#include <string.h>

#include "csv_export.h"
#include "money.h"
#include "xmalloc.h"

const char csv_export_tables[] = "deals, events, evidence, stakeholders, plan";

/*
 * One exported table: its columns and the query that yields them in that
 * order. Money columns hold minor units and are written as 12500.00.
 */
struct export_table {
	const char *name;
	const char *const *columns;
	size_t ncolumns;
	const char *sql;
	int money_column; /* -1 if none */
};

static const char *const deal_columns[] = {
	"id",     "title",       "account",    "owner",         "stage",
	"amount", "currency",    "close_date", "created",       "status",
	"closed", "lost_reason", "next_step",  "next_step_due", "success_criteria",
};

static const char *const event_columns[] = {
	"deal_id", "at",     "kind", "from_stage", "stage",    "status",
	"actor",   "reason", "note", "override",   "imported",
};

static const char *const evidence_columns[] = {
	"deal_id", "stage",    "requirement", "what",
	"contact", "acted_on", "recorded_by", "recorded_at",
};

static const char *const stakeholder_columns[] = {
	"deal_id", "deal_external_id", "name",       "role",         "title",
	"stance",  "influence",        "reports_to", "last_contact",
};

static const char *const plan_columns[] = {
	"deal_id", "title", "owner", "who", "due", "done_at", "done_by",
};

/* Deals: the fixed columns, then one entered_<stage> per stage (built at run time). */
#define DEALS_SQL                                                                                 \
	"SELECT d.id, d.title, d.account, d.owner, d.stage, d.amount, ?1, d.close_date,"          \
	" substr(d.created_at, 1, 10), d.status, substr(d.closed_at, 1, 10), d.lost_reason,"      \
	" d.next_step, d.next_step_due, d.success_criteria"
/* The last time the deal was put in a stage, open: created, moved there or reopened. */
#define ENTERED_SQL                                                                               \
	", (SELECT substr(max(e.at), 1, 10) FROM stage_events e"                                  \
	" WHERE e.deal_id = d.id AND e.status = 'open' AND e.stage = ?%zu)"

static const struct export_table tables[] = {
	{"deals", deal_columns, sizeof deal_columns / sizeof deal_columns[0], NULL, 5},
	{"events", event_columns, sizeof event_columns / sizeof event_columns[0],
	 "SELECT deal_id, at, kind, from_stage, stage, status, actor, reason, note, override,"
	 " imported FROM stage_events ORDER BY deal_id, at, id",
	 -1},
	{"evidence", evidence_columns, sizeof evidence_columns / sizeof evidence_columns[0],
	 "SELECT deal_id, stage, requirement, what, contact_name, acted_on, recorded_by,"
	 " recorded_at FROM evidence ORDER BY deal_id, id",
	 -1},
	{"stakeholders", stakeholder_columns,
	 sizeof stakeholder_columns / sizeof stakeholder_columns[0],
	 "SELECT s.deal_id, d.external_id, s.name, s.role, s.title, s.stance, s.influence,"
	 " r.name, s.last_contact FROM stakeholders s JOIN deals d ON d.id = s.deal_id"
	 " LEFT JOIN stakeholders r ON r.id = s.reports_to ORDER BY s.deal_id, s.id",
	 -1},
	{"plan", plan_columns, sizeof plan_columns / sizeof plan_columns[0],
	 "SELECT deal_id, title, owner_side, who, due, done_at, done_by FROM plan_steps"
	 " ORDER BY deal_id, due, id",
	 -1},
};

static const struct export_table *
find_table(const char *name)
{
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (strcmp(tables[i].name, name) == 0)
			return &tables[i];
	return NULL;
}

int
csv_export_known(const char *table)
{
	return find_table(table) != NULL;
}

/* Writes the header row: the table's columns, then EXTRA (may be NULL). */
static void
write_header(struct csv_writer *w, const struct export_table *t, const struct strvec *extra)
{
	size_t n = t->ncolumns + (extra != NULL ? extra->n : 0);
	const char **names = xcalloc(n, sizeof *names);

	for (size_t i = 0; i < t->ncolumns; i++)
		names[i] = t->columns[i];
	for (size_t i = t->ncolumns; i < n; i++)
		names[i] = extra->v[i - t->ncolumns];
	csv_write_row(w, names, n);
	free(names);
}

/* Steps through ST writing each row, money formatted. */
static int
write_rows(struct session *s, sqlite3_stmt *st, int money_column, struct csv_writer *w,
	   struct dd_err *err)
{
	int n = sqlite3_column_count(st), rc;
	const char **cells = xcalloc((size_t)n, sizeof *cells);
	char money[MONEY_LEN];

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			if (i == money_column) {
				money_format(sqlite3_column_int64(st, i), 0, money);
				cells[i] = money;
				continue;
			}
			cells[i] = (const char *)sqlite3_column_text(st, i);
		}
		csv_write_row(w, cells, (size_t)n);
	}
	free(cells);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, err, "reading the data to export");
	return DD_OK;
}

/* One statement for the whole table: SQLite streams it from a consistent snapshot. */
static int
export_deals(struct session *s, const struct export_table *t, struct csv_writer *w,
	     struct dd_err *err)
{
	const struct process *p = &s->proc;
	struct strbuf sql;
	struct strvec entered = {0};
	char currency[16];
	int rc;

	strbuf_init(&sql);
	strbuf_puts(&sql, DEALS_SQL);
	for (size_t i = 0; i < p->nstages; i++) {
		strbuf_printf(&sql, ENTERED_SQL, i + 2);
		strvec_push_owned(&entered, xasprintf("entered_%s", p->stages[i].key));
	}
	strbuf_puts(&sql, " FROM deals d ORDER BY d.id");
	sqlite3_stmt *st = db_prepare(s->db, strbuf_str(&sql));
	if (db_meta(s->db, "currency", currency, sizeof currency) == NULL)
		currency[0] = '\0';
	sqlite3_bind_text(st, 1, currency, -1, SQLITE_STATIC);
	for (size_t i = 0; i < p->nstages; i++)
		sqlite3_bind_text(st, (int)i + 2, p->stages[i].key, -1, SQLITE_STATIC);
	write_header(w, t, &entered);
	rc = write_rows(s, st, t->money_column, w, err);
	sqlite3_finalize(st);
	strvec_free(&entered);
	strbuf_free(&sql);
	return rc;
}

int
csv_export(struct session *s, const char *table, FILE *out, struct dd_err *err)
{
	const struct export_table *t = find_table(table);
	struct csv_writer w;
	int rc;

	if (t == NULL)
		return err_set(err, DD_USAGE, "cannot export '%s' (tables: %s)", table,
			       csv_export_tables);
	csv_writer_init(&w, out);
	if (t->sql == NULL) {
		rc = export_deals(s, t, &w, err);
	} else {
		sqlite3_stmt *st = db_prepare(s->db, t->sql);

		write_header(&w, t, NULL);
		rc = write_rows(s, st, t->money_column, &w, err);
		sqlite3_finalize(st);
	}
	csv_writer_free(&w);
	return rc;
}
