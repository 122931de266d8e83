#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "deal.h"
#include "people.h"
#include "permit.h"
#include "text.h"
#include "vocab.h"
#include "xmalloc.h"

#define PERSON_COLUMNS                                                                            \
	"id, deal_id, name, role, title, stance, influence, reports_to, last_contact"

static void
person_from_row(sqlite3_stmt *st, struct stakeholder *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->deal_id = sqlite3_column_int64(st, 1);
	p->name = db_column_text(st, 2);
	p->role = db_column_text(st, 3);
	p->title = db_column_text(st, 4);
	p->stance = db_column_text(st, 5);
	p->influence = db_column_text(st, 6);
	p->reports_to = sqlite3_column_int64(st, 7);
	p->last_contact = db_column_text(st, 8);
}

static void
person_free(struct stakeholder *p)
{
	free(p->name);
	free(p->role);
	free(p->title);
	free(p->stance);
	free(p->influence);
	free(p->last_contact);
}

void
people_free(struct stakeholder *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		person_free(&v[i]);
	free(v);
}

int
people_list(struct db *db, long deal_id, struct stakeholder **out, size_t *n, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " PERSON_COLUMNS
					  " FROM stakeholders WHERE deal_id = ? ORDER BY id");
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, deal_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		person_from_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "reading stakeholders");
}

int
people_get(struct db *db, long id, struct stakeholder *out, struct dd_err *err)
{
	sqlite3_stmt *st =
		db_prepare(db, "SELECT " PERSON_COLUMNS " FROM stakeholders WHERE id = ?");
	int rc;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		person_from_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return DD_OK;
	return rc == SQLITE_DONE ? err_set(err, DD_FAIL, "no stakeholder %ld", id)
				 : db_fail(db, err, "reading a stakeholder");
}

/* The deal a stakeholder is on. */
static int
person_deal(struct db *db, long id, long *deal_id, struct dd_err *err)
{
	struct stakeholder me;
	int rc = people_get(db, id, &me, err);

	if (rc == DD_OK) {
		*deal_id = me.deal_id;
		person_free(&me);
	}
	return rc;
}

const struct stakeholder *
people_find(const struct stakeholder *v, size_t n, long id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

int
people_would_cycle(const struct stakeholder *v, size_t n, long id, long manager)
{
	/*
	 * Walk up from the new manager; meeting id means a loop. n steps bound the
	 * walk, so circling an old loop that id is not on ends it: no new loop.
	 */
	for (size_t steps = 0; manager != 0 && steps <= n; steps++) {
		const struct stakeholder *m;

		if (manager == id)
			return 1;
		m = people_find(v, n, manager);
		manager = m ? m->reports_to : 0;
	}
	return 0;
}

static void
tree_visit(const struct stakeholder *v, size_t n, size_t i, int depth, char *seen, size_t *order,
	   int *depths, size_t *k)
{
	seen[i] = 1;
	order[*k] = i;
	depths[(*k)++] = depth;
	for (size_t j = 0; j < n; j++)
		if (!seen[j] && v[j].reports_to == v[i].id)
			tree_visit(v, n, j, depth + 1, seen, order, depths, k);
}

void
people_tree(const struct stakeholder *v, size_t n, size_t *order, int *depth)
{
	char *seen = xcalloc(n ? n : 1, 1);
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (!seen[i] &&
		    (v[i].reports_to == 0 || people_find(v, n, v[i].reports_to) == NULL))
			tree_visit(v, n, i, 0, seen, order, depth, &k);
	/*
	 * Whoever is left sits in a loop or under one: each loop is shown from its
	 * first member as a root, with its reports under it, so nobody is lost.
	 */
	for (size_t i = 0; i < n; i++)
		if (!seen[i] && people_would_cycle(v, n, v[i].id, v[i].reports_to))
			tree_visit(v, n, i, 0, seen, order, depth, &k);
	for (size_t i = 0; i < n; i++)
		if (!seen[i])
			tree_visit(v, n, i, 0, seen, order, depth, &k);
	free(seen);
}

/* Finds a stakeholder of the deal by id or name (ignoring case). */
static const struct stakeholder *
resolve(const struct stakeholder *v, size_t n, const char *typed)
{
	char *end;
	long id = strtol(typed, &end, 10);

	for (size_t i = 0; i < n; i++)
		if ((*end == '\0' && v[i].id == id) || text_casecmp(v[i].name, typed) == 0)
			return &v[i];
	return NULL;
}

static int
check_word(const struct vocab *v, const char *word, struct dd_err *err)
{
	if (word != NULL && vocab_find(v, word) < 0)
		return err_set(err, DD_USAGE, "unknown %s '%s' (one of: %s)", v->what, word,
			       vocab_list(v));
	return DD_OK;
}

int
people_check(const struct stakeholder_fields *f, struct dd_err *err)
{
	const char *texts[] = {f->name, f->title};
	long day;

	const char *why;

	for (size_t i = 0; i < 2; i++)
		if (texts[i] != NULL && (why = text_problem(texts[i], strlen(texts[i]))) != NULL)
			return err_set(err, DD_USAGE, "%s: %s", i ? "title" : "name", why);
	if (f->name != NULL && f->name[0] == '\0')
		return err_set(err, DD_USAGE, "a stakeholder needs a name");
	if (f->name != NULL && text_is_blank(f->name))
		return err_set(err, DD_USAGE, "a stakeholder's name cannot be only spaces");
	if (check_word(&vocab_roles, f->role, err) || check_word(&vocab_stances, f->stance, err) ||
	    check_word(&vocab_influence, f->influence, err))
		return err->code;
	if (f->last_contact != NULL && f->last_contact[0] != '\0' &&
	    date_parse(f->last_contact, &day) != 0)
		return err_set(err, DD_USAGE, "last contact '%s' is not a date (YYYY-MM-DD)",
			       f->last_contact);
	return DD_OK;
}

/* Checks the typed fields; resolves reports_to to an id (0 = none, -1 = not given). */
static int
check_fields(const struct stakeholder_fields *f, const struct stakeholder *v, size_t n, long self,
	     long *manager, struct dd_err *err)
{
	if (people_check(f, err) != DD_OK)
		return err->code;
	if (f->name != NULL)
		for (size_t i = 0; i < n; i++)
			if (v[i].id != self && text_casecmp(v[i].name, f->name) == 0)
				return err_set(
					err, DD_REFUSED,
					"%s is already mapped on this deal (stakeholder %ld)",
					v[i].name, v[i].id);
	*manager = -1;
	if (f->reports_to == NULL)
		return DD_OK;
	if (f->reports_to[0] == '\0' || strcmp(f->reports_to, "none") == 0) {
		*manager = 0;
		return DD_OK;
	}
	const struct stakeholder *m = resolve(v, n, f->reports_to);
	if (m == NULL)
		return err_set(err, DD_USAGE, "reports-to '%s' is not a stakeholder of this deal",
			       f->reports_to);
	if (self != 0 && people_would_cycle(v, n, self, m->id))
		return err_set(err, DD_REFUSED,
			       "%s cannot report to %s: that would make a reporting loop",
			       f->name ? f->name : "this stakeholder", m->name);
	*manager = m->id;
	return DD_OK;
}

static void
bind_fields(sqlite3_stmt *st, const struct stakeholder_fields *f, long manager, int *n)
{
	const char *texts[] = {f->name,   f->role,      f->title,
			       f->stance, f->influence, f->last_contact};

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (texts[i] != NULL)
			db_bind_text_or_null(st, ++*n, texts[i]);
	if (manager > 0)
		sqlite3_bind_int64(st, ++*n, manager);
	else if (manager == 0)
		sqlite3_bind_null(st, ++*n);
}

int
people_add_tx(struct session *s, long deal_id, const struct stakeholder_fields *f, long *id,
	      struct dd_err *err)
{
	struct stakeholder_fields g = *f;
	struct stakeholder *v;
	size_t n;
	long manager;
	int k = 0;

	if (g.name == NULL || g.role == NULL)
		return err_set(err, DD_USAGE, "a stakeholder needs --name and --role");
	if (g.stance == NULL)
		g.stance = "neutral";
	if (g.influence == NULL)
		g.influence = "medium";
	if (people_list(s->db, deal_id, &v, &n, err) != DD_OK)
		return err->code;
	int rc = check_fields(&g, v, n, 0, &manager, err);
	people_free(v, n);
	if (rc != DD_OK)
		return rc;
	char *sql = xasprintf("INSERT INTO stakeholders (name, role, %s stance, influence, %s"
			      "%s deal_id, created_at) VALUES (?, ?, %s ?, ?, %s %s ?, ?)",
			      g.title ? "title," : "", g.last_contact ? "last_contact," : "",
			      manager >= 0 ? "reports_to," : "", g.title ? "?," : "",
			      g.last_contact ? "?," : "", manager >= 0 ? "?," : "");
	sqlite3_stmt *st = db_prepare(s->db, sql);
	char now[TIMESTAMP_LEN];
	free(sql);
	bind_fields(st, &g, manager, &k);
	timestamp_now(now);
	sqlite3_bind_int64(st, ++k, deal_id);
	sqlite3_bind_text(st, ++k, now, -1, SQLITE_STATIC);
	if (deal_part_exec(s, deal_id, st, "adding the stakeholder", err) != DD_OK)
		return err->code;
	*id = (long)sqlite3_last_insert_rowid(s->db->h);
	return DD_OK;
}

int
people_add(struct session *s, long deal_id, const struct stakeholder_fields *f, long *id,
	   struct dd_err *err)
{
	if (f->name == NULL || f->role == NULL)
		return err_set(err, DD_USAGE, "a stakeholder needs --name and --role");
	if (deal_part_begin(s, deal_id, err) != DD_OK)
		return err->code;
	return db_end(s->db, people_add_tx(s, deal_id, f, id, err), err);
}

int
people_edit_tx(struct session *s, long id, const struct stakeholder_fields *f, struct dd_err *err)
{
	static const char *const cols[] = {"name",   "role",      "title",
					   "stance", "influence", "last_contact"};
	const char *texts[] = {f->name,   f->role,      f->title,
			       f->stance, f->influence, f->last_contact};
	struct stakeholder *v;
	struct strbuf sql;
	size_t n;
	long deal_id, manager;
	int k = 0;

	if (person_deal(s->db, id, &deal_id, err) != DD_OK ||
	    people_list(s->db, deal_id, &v, &n, err) != DD_OK)
		return err->code;
	int rc = check_fields(f, v, n, id, &manager, err);
	people_free(v, n);
	if (rc != DD_OK)
		return rc;
	strbuf_init(&sql);
	strbuf_puts(&sql, "UPDATE stakeholders SET id = id");
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (texts[i] != NULL)
			strbuf_printf(&sql, ", %s = ?", cols[i]);
	if (manager >= 0)
		strbuf_puts(&sql, ", reports_to = ?");
	strbuf_puts(&sql, " WHERE id = ?");
	sqlite3_stmt *st = db_prepare(s->db, strbuf_str(&sql));
	strbuf_free(&sql);
	bind_fields(st, f, manager, &k);
	sqlite3_bind_int64(st, ++k, id);
	return deal_part_exec(s, deal_id, st, "saving the stakeholder", err);
}

int
people_edit(struct session *s, long id, const struct stakeholder_fields *f, struct dd_err *err)
{
	long deal_id;

	if (person_deal(s->db, id, &deal_id, err) != DD_OK ||
	    deal_part_begin(s, deal_id, err) != DD_OK)
		return err->code;
	return db_end(s->db, people_edit_tx(s, id, f, err), err);
}

int
people_remove(struct session *s, long id, struct dd_err *err)
{
	long deal_id;

	if (person_deal(s->db, id, &deal_id, err) != DD_OK ||
	    deal_part_begin(s, deal_id, err) != DD_OK)
		return err->code;
	/* Their reports become roots (ON DELETE SET NULL); evidence keeps the name. */
	sqlite3_stmt *st = db_prepare(s->db, "DELETE FROM stakeholders WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	return db_end(s->db, deal_part_exec(s, deal_id, st, "removing the stakeholder", err), err);
}
