#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * A deal's committee in memory, indexed by name (folded as text_casecmp folds
 * it) and by id: open addressing, slots hold an index into v plus one.
 */
struct committee {
	long deal_id;
	struct stakeholder *v;
	size_t n, cap;
	size_t *names, *ids;
	size_t nslots; /* a power of two, at least twice n */
};

static size_t
name_hash(const char *s)
{
	uint64_t h = UINT64_C(1469598103934665603);

	while (*s) {
		uint32_t cp;

		s += utf8_decode(s, &cp);
		h = (h ^ cp_lower(cp)) * UINT64_C(1099511628211);
	}
	return (size_t)h;
}

static size_t
id_hash(long id)
{
	return (size_t)((uint64_t)id * UINT64_C(11400714819323198485) >> 17);
}

/* Puts v[i] in both indexes; the first of equal names stays the one found. */
static void
index_one(struct committee *c, size_t i)
{
	size_t mask = c->nslots - 1, k;

	for (k = name_hash(c->v[i].name) & mask; c->names[k] != 0; k = (k + 1) & mask)
		;
	c->names[k] = i + 1;
	for (k = id_hash(c->v[i].id) & mask; c->ids[k] != 0; k = (k + 1) & mask)
		;
	c->ids[k] = i + 1;
}

static void
reindex(struct committee *c)
{
	size_t want = 16;

	while (want < 2 * (c->n + 1))
		want *= 2;
	free(c->names);
	free(c->ids);
	c->nslots = want;
	c->names = xcalloc(want, sizeof *c->names);
	c->ids = xcalloc(want, sizeof *c->ids);
	for (size_t i = 0; i < c->n; i++)
		index_one(c, i);
}

static struct stakeholder *
by_id(const struct committee *c, long id)
{
	size_t mask = c->nslots - 1;

	for (size_t k = id_hash(id) & mask; c->ids[k] != 0; k = (k + 1) & mask)
		if (c->v[c->ids[k] - 1].id == id)
			return &c->v[c->ids[k] - 1];
	return NULL;
}

/* The first stakeholder of that name (ignoring case) who is not self (0: anyone). */
static const struct stakeholder *
by_name_not(const struct committee *c, const char *name, long self)
{
	size_t mask = c->nslots - 1;

	for (size_t k = name_hash(name) & mask; c->names[k] != 0; k = (k + 1) & mask) {
		const struct stakeholder *p = &c->v[c->names[k] - 1];

		if (p->id != self && text_casecmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

static const struct stakeholder *
by_name(const struct committee *c, const char *name)
{
	return by_name_not(c, name, 0);
}

int
committee_load(struct db *db, long deal_id, struct committee **out, struct dd_err *err)
{
	struct committee *c = xcalloc(1, sizeof *c);

	*out = NULL;
	c->deal_id = deal_id;
	if (people_list(db, deal_id, &c->v, &c->n, err) != DD_OK) {
		free(c);
		return err->code;
	}
	c->cap = c->n;
	reindex(c);
	*out = c;
	return DD_OK;
}

void
committee_free(struct committee *c)
{
	if (c == NULL)
		return;
	people_free(c->v, c->n);
	free(c->names);
	free(c->ids);
	free(c);
}

long
committee_find(const struct committee *c, const char *name)
{
	const struct stakeholder *p = by_name(c, name);

	return p ? p->id : 0;
}

/* A stakeholder of the committee by id (when typed is a number) or name. */
static const struct stakeholder *
resolve(const struct committee *c, const char *typed)
{
	char *end;
	long id = strtol(typed, &end, 10);
	const struct stakeholder *p = *end == '\0' ? by_id(c, id) : NULL;

	return p ? p : by_name(c, typed);
}

/* As people_would_cycle, found by id in constant time: a walk as long as the chain. */
static int
would_cycle(const struct committee *c, long id, long manager)
{
	for (size_t steps = 0; manager != 0 && steps <= c->n; steps++) {
		const struct stakeholder *m;

		if (manager == id)
			return 1;
		m = by_id(c, manager);
		manager = m ? m->reports_to : 0;
	}
	return 0;
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
check_fields(const struct stakeholder_fields *f, const struct committee *c, long self,
	     long *manager, struct dd_err *err)
{
	const struct stakeholder *same;

	if (people_check(f, err) != DD_OK)
		return err->code;
	if (f->name != NULL && (same = by_name_not(c, f->name, self)) != NULL)
		return err_set(err, DD_REFUSED,
			       "%s is already mapped on this deal (stakeholder %ld)", same->name,
			       same->id);
	*manager = -1;
	if (f->reports_to == NULL)
		return DD_OK;
	if (f->reports_to[0] == '\0' || strcmp(f->reports_to, "none") == 0) {
		*manager = 0;
		return DD_OK;
	}
	const struct stakeholder *m = resolve(c, f->reports_to);
	if (m == NULL)
		return err_set(err, DD_USAGE, "reports-to '%s' is not a stakeholder of this deal",
			       f->reports_to);
	if (self != 0 && would_cycle(c, self, m->id))
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

/* Keeps the committee as the database now has it: a copy of what was written. */
static void
remember(struct committee *c, long id, const struct stakeholder_fields *f, long manager)
{
	struct stakeholder *p;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	p = &c->v[c->n++];
	memset(p, 0, sizeof *p);
	p->id = id;
	p->deal_id = c->deal_id;
	p->name = xstrdup(f->name);
	p->role = xstrdup(f->role);
	p->title = f->title && *f->title ? xstrdup(f->title) : NULL;
	p->stance = xstrdup(f->stance);
	p->influence = xstrdup(f->influence);
	p->reports_to = manager > 0 ? manager : 0;
	p->last_contact = f->last_contact && *f->last_contact ? xstrdup(f->last_contact) : NULL;
	if (2 * (c->n + 1) > c->nslots)
		reindex(c);
	else
		index_one(c, c->n - 1);
}

int
people_add_in(struct session *s, struct committee *c, const struct stakeholder_fields *f, long *id,
	      struct dd_err *err)
{
	struct stakeholder_fields g = *f;
	long manager;
	int k = 0;

	if (g.name == NULL || g.role == NULL)
		return err_set(err, DD_USAGE, "a stakeholder needs --name and --role");
	if (g.stance == NULL)
		g.stance = "neutral";
	if (g.influence == NULL)
		g.influence = "medium";
	if (check_fields(&g, c, 0, &manager, err) != DD_OK)
		return err->code;
	/* One statement for every add: absent title, contact and manager are NULL. */
	sqlite3_stmt *st = db_prepare(s->db, "INSERT INTO stakeholders (name, role, title, stance,"
					     " influence, last_contact, reports_to, deal_id,"
					     " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	char now[TIMESTAMP_LEN];
	bind_fields(st,
		    &(struct stakeholder_fields){g.name, g.role, g.title ? g.title : "", g.stance,
						 g.influence, NULL,
						 g.last_contact ? g.last_contact : ""},
		    manager > 0 ? manager : 0, &k);
	timestamp_now(now);
	sqlite3_bind_int64(st, ++k, c->deal_id);
	sqlite3_bind_text(st, ++k, now, -1, SQLITE_STATIC);
	if (deal_part_exec(s, c->deal_id, st, "adding the stakeholder", err) != DD_OK)
		return err->code;
	*id = (long)sqlite3_last_insert_rowid(s->db->h);
	remember(c, *id, &g, manager);
	return DD_OK;
}

int
people_add(struct session *s, long deal_id, const struct stakeholder_fields *f, long *id,
	   struct dd_err *err)
{
	struct committee *c;
	int rc;

	if (f->name == NULL || f->role == NULL)
		return err_set(err, DD_USAGE, "a stakeholder needs --name and --role");
	if (deal_part_begin(s, deal_id, err) != DD_OK)
		return err->code;
	rc = committee_load(s->db, deal_id, &c, err);
	if (rc == DD_OK)
		rc = people_add_in(s, c, f, id, err);
	committee_free(c);
	return db_end(s->db, rc, err);
}

/* Whether a typed value ("" clears) is what is stored (NULL: nothing). */
static int
same_text(const char *typed, const char *stored)
{
	if (typed == NULL || typed[0] == '\0')
		return stored == NULL;
	return stored != NULL && strcmp(typed, stored) == 0;
}

static void
set_text(char **slot, const char *typed)
{
	free(*slot);
	*slot = typed != NULL && typed[0] != '\0' ? xstrdup(typed) : NULL;
}

int
people_edit_in(struct session *s, struct committee *c, long id, const struct stakeholder_fields *f,
	       struct dd_err *err)
{
	static const char *const cols[] = {"name",   "role",      "title",
					   "stance", "influence", "last_contact"};
	const char *texts[] = {f->name,   f->role,      f->title,
			       f->stance, f->influence, f->last_contact};
	struct stakeholder *me = by_id(c, id);
	struct strbuf sql;
	long manager;
	int k = 0, changes = 0;

	if (me == NULL)
		return err_set(err, DD_FAIL, "no stakeholder %ld on deal %ld", id, c->deal_id);
	if (check_fields(f, c, id, &manager, err) != DD_OK)
		return err->code;
	char **stored[] = {&me->name,   &me->role,      &me->title,
			   &me->stance, &me->influence, &me->last_contact};
	strbuf_init(&sql);
	strbuf_puts(&sql, "UPDATE stakeholders SET id = id");
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (texts[i] != NULL) {
			strbuf_printf(&sql, ", %s = ?", cols[i]);
			changes += !same_text(texts[i], *stored[i]);
		}
	if (manager >= 0)
		strbuf_puts(&sql, ", reports_to = ?");
	changes += manager >= 0 && manager != me->reports_to;
	strbuf_puts(&sql, " WHERE id = ?");
	/* An edit that changes nothing writes nothing: the deal's version stays. */
	if (changes == 0) {
		strbuf_free(&sql);
		return DD_OK;
	}
	sqlite3_stmt *st = db_prepare(s->db, strbuf_str(&sql));
	strbuf_free(&sql);
	bind_fields(st, f, manager, &k);
	sqlite3_bind_int64(st, ++k, id);
	if (deal_part_exec(s, c->deal_id, st, "saving the stakeholder", err) != DD_OK)
		return err->code;
	int renamed = f->name != NULL && text_casecmp(f->name, me->name) != 0;
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (texts[i] != NULL)
			set_text(stored[i], texts[i]);
	if (manager >= 0)
		me->reports_to = manager;
	if (renamed) /* found under its old name no more */
		reindex(c);
	return DD_OK;
}

int
people_edit(struct session *s, long id, const struct stakeholder_fields *f, struct dd_err *err)
{
	struct committee *c;
	long deal_id;
	int rc;

	if (person_deal(s->db, id, &deal_id, err) != DD_OK ||
	    deal_part_begin(s, deal_id, err) != DD_OK)
		return err->code;
	rc = committee_load(s->db, deal_id, &c, err);
	if (rc == DD_OK)
		rc = people_edit_in(s, c, id, f, err);
	committee_free(c);
	return db_end(s->db, rc, err);
}

/* A loop among managers: 0 not seen, 1 on the walk being made, 2 done. */
static int
loop_at(const struct committee *c, char *state, size_t from, size_t *on_loop)
{
	size_t i = from;

	while (state[i] == 0) {
		state[i] = 1;
		const struct stakeholder *m =
			c->v[i].reports_to ? by_id(c, c->v[i].reports_to) : NULL;
		if (m == NULL)
			break;
		i = (size_t)(m - c->v);
	}
	int found =
		state[i] == 1 && c->v[i].reports_to != 0 && by_id(c, c->v[i].reports_to) != NULL;
	*on_loop = i;
	/* Mark the walk done, so no later walk goes over it again. */
	for (size_t j = from; state[j] == 1;) {
		state[j] = 2;
		const struct stakeholder *m =
			c->v[j].reports_to ? by_id(c, c->v[j].reports_to) : NULL;
		if (m == NULL)
			break;
		j = (size_t)(m - c->v);
	}
	return found;
}

int
people_set_managers_tx(struct session *s, struct committee *c, const long *ids,
		       const char *const *managers, size_t n, size_t *bad, struct dd_err *err)
{
	long *old = xcalloc(n ? n : 1, sizeof *old), *to = xcalloc(n ? n : 1, sizeof *to);
	size_t *pending = xcalloc(c->n ? c->n : 1, sizeof *pending);
	char *state = xcalloc(c->n ? c->n : 1, 1);
	int rc = DD_OK, changed = 0;

	/* Each one's manager, in memory first: loops are judged on the end result. */
	for (size_t i = 0; i < n && rc == DD_OK; i++) {
		struct stakeholder *me = by_id(c, ids[i]);
		const struct stakeholder *m = resolve(c, managers[i]);

		*bad = i;
		if (me == NULL)
			rc = err_set(err, DD_FAIL, "no stakeholder %ld on deal %ld", ids[i],
				     c->deal_id);
		else if (m == NULL)
			rc = err_set(err, DD_USAGE,
				     "reports-to '%s' is not a stakeholder of this deal",
				     managers[i]);
		if (rc != DD_OK)
			break;
		pending[me - c->v] = i + 1;
		old[i] = me->reports_to;
		to[i] = me->reports_to = m->id;
	}
	/* Every loop, found in one pass; one that none of these closes was there before. */
	for (size_t i = 0; i < c->n && rc == DD_OK; i++) {
		size_t at, last = 0;

		if (state[i] != 0 || !loop_at(c, state, i, &at))
			continue;
		size_t j = at;
		do {
			if (pending[j] > last)
				last = pending[j];
			j = (size_t)(by_id(c, c->v[j].reports_to) - c->v);
		} while (j != at);
		if (last == 0)
			continue;
		*bad = last - 1;
		const struct stakeholder *me = by_id(c, ids[*bad]);
		rc = err_set(err, DD_REFUSED,
			     "%s cannot report to %s: that would make a reporting loop", me->name,
			     by_id(c, me->reports_to)->name);
	}
	sqlite3_stmt *st =
		db_prepare(s->db, "UPDATE stakeholders SET reports_to = ? WHERE id = ?");
	for (size_t i = 0; i < n && rc == DD_OK; i++) {
		if (to[i] == old[i])
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, to[i]);
		sqlite3_bind_int64(st, 2, ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			*bad = i;
			rc = db_fail(s->db, err, "saving who reports to whom");
		}
		changed = 1;
	}
	sqlite3_finalize(st);
	if (rc == DD_OK && changed)
		rc = deal_touch(s->db, c->deal_id, err);
	free(old);
	free(to);
	free(pending);
	free(state);
	return rc;
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
