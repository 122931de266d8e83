/*
 * Importing stakeholders and plan steps: rows name their deal by our id or its
 * external id, and go through the same checks and writes as `people` and `plan` do.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "people.h"
#include "plan.h"
#include "text.h"
#include "xmalloc.h"

enum rel_kind { REL_PEOPLE = 1, REL_PLAN = 2 };
enum { R_DEAL_ID, R_DEAL_EXT };
enum { P_NAME = 2, P_ROLE, P_TITLE, P_STANCE, P_INFLUENCE, P_REPORTS_TO, P_LAST_CONTACT };
enum { S_TITLE = 2, S_OWNER, S_WHO, S_DUE, S_DONE_AT, S_DONE_BY };

/* Our export's columns, in order: the names --map takes. */
static const char *const people_fields[] = {
	"deal_id", "deal_external_id", "name",       "role",        "title",
	"stance",  "influence",        "reports_to", "last_contact"};
static const char *const plan_fields[] = {"deal_id", "deal_external_id", "title",  "owner", "who",
					  "due",     "done_at",          "done_by"};

static const struct rel_alias {
	int kind, f;
	const char *header;
} rel_aliases[] = {
	{0, R_DEAL_ID, "Deal"},
	{0, R_DEAL_EXT, "external_id"},
	{0, R_DEAL_EXT, "Deal - ID"},
	{0, R_DEAL_EXT, "Record ID"},
	{0, R_DEAL_EXT, "Opportunity ID"},
	{0, R_DEAL_EXT, "Deal External ID"},
	{REL_PEOPLE, P_NAME, "Full Name"},
	{REL_PEOPLE, P_NAME, "Contact Name"},
	{REL_PEOPLE, P_NAME, "Person - Name"},
	{REL_PEOPLE, P_NAME, "Person"},
	{REL_PEOPLE, P_TITLE, "Job Title"},
	{REL_PEOPLE, P_TITLE, "Position"},
	{REL_PEOPLE, P_REPORTS_TO, "Reports To"},
	{REL_PEOPLE, P_REPORTS_TO, "Manager"},
	{REL_PEOPLE, P_LAST_CONTACT, "Last Contacted"},
	{REL_PEOPLE, P_LAST_CONTACT, "Last Contact Date"},
	{REL_PLAN, S_TITLE, "Step"},
	{REL_PLAN, S_TITLE, "Task"},
	{REL_PLAN, S_OWNER, "Owner Side"},
	{REL_PLAN, S_OWNER, "Side"},
	{REL_PLAN, S_WHO, "Assignee"},
	{REL_PLAN, S_WHO, "Assigned To"},
	{REL_PLAN, S_DUE, "Due Date"},
	{REL_PLAN, S_DONE_AT, "Completed"},
	{REL_PLAN, S_DONE_AT, "Completed At"},
	{REL_PLAN, S_DONE_BY, "Completed By"},
};

struct pending {
	long deal, id, line;
	size_t col;
	char *manager;
};

/*
 * The committees this import reads, by deal (open addressing): each is read
 * once and kept as the rows change it, so a row costs the same however many
 * people its deal has.
 */
struct committees {
	long *deals; /* 0: an empty slot */
	struct committee **c;
	size_t n, nslots;
};

static size_t
deal_slot(const struct committees *cs, long deal)
{
	size_t k = (size_t)((uint64_t)deal * UINT64_C(11400714819323198485) >> 17);

	for (k &= cs->nslots - 1; cs->deals[k] != 0 && cs->deals[k] != deal;
	     k = (k + 1) & (cs->nslots - 1))
		;
	return k;
}

static void
committees_grow(struct committees *cs)
{
	struct committees bigger = {.nslots = cs->nslots ? 2 * cs->nslots : 64, .n = cs->n};

	bigger.deals = xcalloc(bigger.nslots, sizeof *bigger.deals);
	bigger.c = xcalloc(bigger.nslots, sizeof *bigger.c);
	for (size_t i = 0; i < cs->nslots; i++)
		if (cs->deals[i] != 0) {
			size_t k = deal_slot(&bigger, cs->deals[i]);

			bigger.deals[k] = cs->deals[i];
			bigger.c[k] = cs->c[i];
		}
	free(cs->deals);
	free(cs->c);
	*cs = bigger;
}

/* The deal's committee, read on first use; NULL after naming a database error. */
static struct committee *
committee_of(struct importer *im, long deal, struct dd_err *e)
{
	struct committees *cs = im->people;
	size_t k;

	if (cs == NULL)
		cs = im->people = xcalloc(1, sizeof *cs);
	if (2 * (cs->n + 1) > cs->nslots)
		committees_grow(cs);
	k = deal_slot(cs, deal);
	if (cs->deals[k] == 0) {
		if (committee_load(im->s->db, deal, &cs->c[k], e) != DD_OK) {
			im->fail = e->code;
			return NULL;
		}
		cs->deals[k] = deal;
		cs->n++;
	}
	return cs->c[k];
}

static const char *const *
rel_fields(const struct importer *im, size_t *n)
{
	*n = im->kind == REL_PEOPLE ? sizeof people_fields / sizeof people_fields[0]
				    : sizeof plan_fields / sizeof plan_fields[0];
	return im->kind == REL_PEOPLE ? people_fields : plan_fields;
}

/* A --map FIELD; these columns have no stage. */
static int
rel_field_by_name(const struct importer *im, const char *name, int *stage)
{
	size_t n;
	const char *const *names = rel_fields(im, &n);

	if (strcmp(name, "ignore") == 0)
		return F_IGNORE;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

static void
rel_classify(struct importer *im, const char *h, struct column *c)
{
	char *n = import_norm(h);
	size_t nf;
	const char *const *names = rel_fields(im, &nf);

	c->f = -1;
	c->stage = -1;
	for (size_t i = 0; i < im->nmaps && c->f < 0; i++)
		if (strcmp(im->maps[i].header, n) == 0) {
			c->f = im->maps[i].f;
			c->why = im->maps[i].source;
		}
	for (size_t i = 0; i < nf && c->f < 0; i++) {
		char *fn = import_norm(names[i]);

		if (strcmp(fn, n) == 0)
			c->f = (int)i;
		free(fn);
	}
	for (size_t i = 0; i < sizeof rel_aliases / sizeof rel_aliases[0] && c->f < 0; i++) {
		char *a;

		if (rel_aliases[i].kind != 0 && rel_aliases[i].kind != im->kind)
			continue;
		a = import_norm(rel_aliases[i].header);
		if (strcmp(a, n) == 0)
			c->f = rel_aliases[i].f;
		free(a);
	}
	free(n);
}

static void
rel_header_check(struct importer *im)
{
	const int people[] = {P_NAME, P_ROLE}, plan[] = {S_TITLE, S_OWNER, S_DUE};
	const int *need = im->kind == REL_PEOPLE ? people : plan;
	size_t nneed = im->kind == REL_PEOPLE ? 2 : 3, nf;
	const char *const *names = rel_fields(im, &nf);

	if (im->col_of[R_DEAL_ID] < 0 && im->col_of[R_DEAL_EXT] < 0)
		row_error(im, im->rec_line, "deal_id",
			  "no deal column: want deal_id or deal_external_id (or --map)");
	for (size_t i = 0; i < nneed; i++)
		if (im->col_of[need[i]] < 0)
			row_error(im, im->rec_line, names[need[i]], "no %s column (or --map)",
				  names[need[i]]);
}

/* The value of field f in this row; NULL when the file has no such column. */
static const char *
rel_value(const struct importer *im, int f)
{
	return im->col_of[f] < 0 ? NULL : import_cell(im, (size_t)im->col_of[f]);
}

static const char *
rel_col(const struct importer *im, int f)
{
	return im->col_of[f] < 0 ? "(row)" : im->cols[im->col_of[f]].name;
}

/* Empty counts as not given. */
static const char *
given(const char *v)
{
	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* The deal the row names, or 0 after naming the problem. */
static long
rel_deal(struct importer *im)
{
	const char *ext = given(rel_value(im, R_DEAL_EXT)), *id = given(rel_value(im, R_DEAL_ID));
	sqlite3_stmt *st;
	long found = 0;

	if (ext == NULL && id == NULL) {
		row_error(im, im->rec_line, rel_col(im, id ? R_DEAL_ID : R_DEAL_EXT),
			  "empty: the row names no deal");
		return 0;
	}
	st = db_prepare(im->s->db, ext ? "SELECT id FROM deals WHERE external_id = ?"
				       : "SELECT id FROM deals WHERE id = ?");
	sqlite3_bind_text(st, 1, ext ? ext : id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		found = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (found == 0)
		row_error(im, im->rec_line, rel_col(im, ext ? R_DEAL_EXT : R_DEAL_ID),
			  ext ? "no deal with external id '%s'" : "no deal %s", ext ? ext : id);
	return found;
}

/* A date field as YYYY-MM-DD (day) or a timestamp into out; "" stays "". */
static int
rel_when(struct importer *im, int f, int day, char out[TIMESTAMP_LEN])
{
	const char *v = rel_value(im, f);
	int got;

	out[0] = '\0';
	if (given(v) == NULL)
		return 0;
	if ((got = import_when(im, im->col_of[f], v, out)) != 0) {
		char *why = got < 0 ? import_date_problem(im, im->col_of[f], v) : NULL;

		if (why != NULL)
			row_error(im, im->rec_line, rel_col(im, f), "%s", why);
		free(why);
		out[0] = '\0';
		return -1;
	}
	if (day)
		out[10] = '\0';
	return 0;
}

/* Runs a core check and names its complaint by the column. */
static void
rel_check(struct importer *im, int f, int rc, struct dd_err *e)
{
	if (rc != DD_OK)
		row_error(im, im->rec_line, rel_col(im, f), "%s", strbuf_str(&e->msg));
	err_clear(e);
}

static void
people_row(struct importer *im, long deal)
{
	struct stakeholder_fields one, f = {
					       .name = rel_value(im, P_NAME),
					       .role = given(rel_value(im, P_ROLE)),
					       .title = rel_value(im, P_TITLE),
					       .stance = given(rel_value(im, P_STANCE)),
					       .influence = given(rel_value(im, P_INFLUENCE)),
				       };
	const char *manager = rel_value(im, P_REPORTS_TO);
	char last[TIMESTAMP_LEN];
	struct dd_err e;
	long id = 0;
	int rc;

	err_init(&e);
	const int checked[] = {P_NAME, P_ROLE, P_TITLE, P_STANCE, P_INFLUENCE};
	const char *vals[] = {f.name, f.role, f.title, f.stance, f.influence};
	for (size_t i = 0; i < sizeof checked / sizeof checked[0]; i++) {
		const char **slot[] = {&one.name, &one.role, &one.title, &one.stance,
				       &one.influence};
		memset(&one, 0, sizeof one);
		*slot[i] = vals[i];
		if (vals[i] != NULL)
			rel_check(im, checked[i], people_check(&one, &e), &e);
	}
	if (rel_when(im, P_LAST_CONTACT, 1, last) == 0 && im->col_of[P_LAST_CONTACT] >= 0)
		f.last_contact = last;
	if (deal == 0 || im->nerrors > 0) {
		err_free(&e);
		return;
	}
	struct committee *c = committee_of(im, deal, &e);
	if (c == NULL) {
		err_free(&e);
		return;
	}
	/* The same person on the same deal (ignoring case) is updated. */
	id = committee_find(c, f.name);
	int existed = id != 0;
	/* A manager is set once every row is in; an empty cell clears it now. */
	f.reports_to = given(manager) ? NULL : manager;
	if (existed)
		rc = people_edit_in(im->s, c, id, &f, &e);
	else if (f.role == NULL)
		rc = err_set(&e, DD_USAGE, "empty: a new stakeholder needs a role");
	else
		rc = people_add_in(im->s, c, &f, &id, &e);
	if (rc != DD_OK) {
		rel_check(im, f.role == NULL && id == 0 ? P_ROLE : P_NAME, rc, &e);
		err_free(&e);
		return;
	}
	err_free(&e);
	*(existed ? &im->r->updated : &im->r->added) += 1;
	if (given(manager) != NULL) {
		im->pend = xreallocarray(im->pend, im->npend + 1, sizeof *im->pend);
		im->pend[im->npend++] =
			(struct pending){deal, id, im->rec_line, (size_t)im->col_of[P_REPORTS_TO],
					 xstrdup(manager)};
	}
}

static void
plan_row(struct importer *im, long deal)
{
	struct plan_fields one, f = {
					.title = rel_value(im, S_TITLE),
					.owner_side = given(rel_value(im, S_OWNER)),
					.who = rel_value(im, S_WHO),
				};
	const char *by = given(rel_value(im, S_DONE_BY)), *login;
	char due[TIMESTAMP_LEN], done[TIMESTAMP_LEN];
	struct dd_err e;
	long id = 0;
	int rc = DD_OK, bad = 0, bad_done;

	err_init(&e);
	memset(&one, 0, sizeof one);
	one.title = f.title ? f.title : "";
	rel_check(im, S_TITLE, plan_check(&one, &e), &e);
	memset(&one, 0, sizeof one);
	one.owner_side = f.owner_side;
	rel_check(im, S_OWNER, plan_check(&one, &e), &e);
	memset(&one, 0, sizeof one);
	one.who = f.who;
	rel_check(im, S_WHO, plan_check(&one, &e), &e);
	bad |= rel_when(im, S_DUE, 1, due);
	bad_done = rel_when(im, S_DONE_AT, 0, done);
	if (!bad && !bad_done && due[0] == '\0')
		row_error(im, im->rec_line, rel_col(im, S_DUE), "empty: a step needs a due date");
	/* Done when and by whom, as the CLI would record it: not later, and a login. */
	if (done[0] != '\0')
		rel_check(im, S_DONE_AT, plan_done_at_check(done, &e), &e);
	if (by != NULL && done[0] == '\0' && !bad_done)
		row_error(im, im->rec_line, rel_col(im, S_DONE_BY),
			  "'%s' did a step that is not done: give its done_at", by);
	else if (by != NULL)
		rel_check(im, S_DONE_BY, plan_done_by_login(im->s, by, &login, &e), &e);
	f.due = due;
	if (deal == 0 || im->nerrors > 0) {
		err_free(&e);
		return;
	}
	/* The same title and due date on the same deal is the same step. */
	sqlite3_stmt *st = db_prepare(im->s->db, "SELECT id FROM plan_steps WHERE deal_id = ?"
						 " AND title = ? AND due = ? ORDER BY id LIMIT 1");
	sqlite3_bind_int64(st, 1, deal);
	sqlite3_bind_text(st, 2, f.title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, due, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	int existed = id != 0;
	if (existed)
		rc = plan_edit_tx(im->s, id, &f, &e);
	else if (f.owner_side == NULL)
		rc = err_set(&e, DD_USAGE,
			     "empty: a new step needs an owner (buyer, seller, joint)");
	else
		rc = plan_add_tx(im->s, deal, &f, &id, &e);
	/* A done_at column says which steps are done; without one, done stays as it is. */
	if (rc == DD_OK && im->col_of[S_DONE_AT] >= 0 && (done[0] != '\0' || existed))
		rc = plan_set_done_tx(im->s, id, done[0] != '\0', done, by, &e);
	if (rc != DD_OK)
		rel_check(im, existed || f.owner_side != NULL ? S_TITLE : S_OWNER, rc, &e);
	else
		*(existed ? &im->r->updated : &im->r->added) += 1;
	err_free(&e);
}

static void
rel_row(struct importer *im)
{
	long deal;

	if (im->nerrors > IMPORT_MAX_ERRORS * 4)
		return;
	deal = rel_deal(im);
	if (im->kind == REL_PEOPLE)
		people_row(im, deal);
	else
		plan_row(im, deal);
}

static int
pending_cmp(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->deal != y->deal)
		return x->deal < y->deal ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * Who reports to whom, once every row of every deal is in: each deal's at
 * once, so a loop is judged on where the file leaves it, named by its row.
 */
static void
resolve_pending(struct importer *im)
{
	struct dd_err e;

	if (im->npend == 0) /* a plan import has none: qsort may not take NULL */
		return;
	err_init(&e);
	qsort(im->pend, im->npend, sizeof *im->pend, pending_cmp);
	for (size_t i = 0, end; i < im->npend && im->nerrors == 0 && !im->fail; i = end) {
		struct committee *c = committee_of(im, im->pend[i].deal, &e);
		size_t bad = 0;

		for (end = i; end < im->npend && im->pend[end].deal == im->pend[i].deal; end++)
			;
		if (c == NULL)
			break;
		long *ids = xcalloc(end - i, sizeof *ids);
		const char **managers = xcalloc(end - i, sizeof *managers);
		for (size_t k = i; k < end; k++) {
			ids[k - i] = im->pend[k].id;
			managers[k - i] = im->pend[k].manager;
		}
		if (people_set_managers_tx(im->s, c, ids, managers, end - i, &bad, &e) != DD_OK)
			row_error(im, im->pend[i + bad].line, im->cols[im->pend[i + bad].col].name,
				  "%s", strbuf_str(&e.msg));
		err_clear(&e);
		free(ids);
		free(managers);
	}
	err_free(&e);
}

/* After the last row: reports-to, once every person is in. */
static void
finish_rel(struct importer *im)
{
	if (!im->fail && im->nerrors == 0)
		resolve_pending(im);
	for (size_t i = 0; i < im->npend; i++)
		free(im->pend[i].manager);
	im->npend = 0;
}

static void
free_rel(struct importer *im)
{
	struct committees *cs = im->people;

	free(im->pend);
	if (cs != NULL) {
		for (size_t i = 0; i < cs->nslots; i++)
			committee_free(cs->c[i]);
		free(cs->deals);
		free(cs->c);
		free(cs);
	}
}

/* First of the options, after run_import checked who may import. */
static int
rel_options(struct importer *im)
{
	if (im->o->nstage_maps > 0)
		return err_set(im->err, DD_USAGE, "--stage-map is for import deals");
	if (im->o->override != NULL)
		return err_set(im->err, DD_USAGE, "--override is for import deals");
	if (im->o->from != NULL || im->o->ndefaults > 0)
		return err_set(im->err, DD_USAGE, "--from and --default are for import deals");
	return DD_OK;
}

/* Dates to find the format of: last contact, due, done. */
static int
rel_is_date(const struct importer *im, const struct column *c)
{
	return im->kind == REL_PEOPLE ? c->f == P_LAST_CONTACT
				      : c->f == S_DUE || c->f == S_DONE_AT;
}

static char *
rel_field_name(const struct importer *im, const struct column *c)
{
	size_t n;
	const char *const *names = rel_fields(im, &n);

	return xstrdup(c->f >= 0 && (size_t)c->f < n ? names[c->f] : "ignore");
}

static const struct import_ops people_ops = {
	.what = "import stakeholders",
	.field_list = "deal_id, deal_external_id, name, role, title, stance, influence, "
		      "reports_to, last_contact",
	.field_by_name = rel_field_by_name,
	.options = rel_options,
	.classify = rel_classify,
	.header = rel_header_check,
	.row = rel_row,
	.finish = finish_rel,
	.free = free_rel,
	.is_date = rel_is_date,
	.field_name = rel_field_name,
};

static const struct import_ops plan_ops = {
	.what = "import plan",
	.field_list = "deal_id, deal_external_id, title, owner, who, due, done_at, done_by",
	.field_by_name = rel_field_by_name,
	.options = rel_options,
	.classify = rel_classify,
	.header = rel_header_check,
	.row = rel_row,
	.finish = finish_rel,
	.free = free_rel,
	.is_date = rel_is_date,
	.field_name = rel_field_name,
};

/*
 * Always inside one transaction, so each row sees the ones before it; a dry
 * run or any error rolls it all back.
 */
static int
import_rel(int kind, struct session *s, const char *path, const struct import_options *o,
	   struct import_result *r, struct dd_err *err)
{
	struct importer im = {.kind = kind, .s = s, .o = o, .r = r, .err = err, .path = path};

	im.ops = kind == REL_PEOPLE ? &people_ops : &plan_ops;
	return run_import(&im, TX_WRITE);
}

int
import_stakeholders(struct session *s, const char *path, const struct import_options *o,
		    struct import_result *r, struct dd_err *err)
{
	return import_rel(REL_PEOPLE, s, path, o, r, err);
}

int
import_plan(struct session *s, const char *path, const struct import_options *o,
	    struct import_result *r, struct dd_err *err)
{
	return import_rel(REL_PLAN, s, path, o, r, err);
}
