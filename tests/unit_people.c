#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "deal.h"
#include "people.h"
#include "plan.h"
#include "session.h"
#include "unit.h"
#include "xmalloc.h"

/* people_tree reads only id and reports_to. */
/* clang-format off */
#define P(i, r) {.id = (i), .reports_to = (r)}
/* clang-format on */
#define N(a) (sizeof(a) / sizeof((a)[0]))
/* Big enough for every case here; on the stack, so a failed check leaks nothing. */
#define MAXP 64

static long
index_of(const struct stakeholder *v, size_t n, long id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return (long)i;
	return -1;
}

/* The smallest id on the loop through v[i], or 0 when v[i] is not on a loop. */
static long
cycle_key(const struct stakeholder *v, size_t n, size_t i)
{
	long at = (long)i, key = v[i].id;

	for (size_t steps = 0; steps < n; steps++) {
		at = index_of(v, n, v[at].reports_to);
		if (at < 0)
			return 0;
		if ((size_t)at == i)
			return key;
		if (v[at].id < key)
			key = v[at].id;
	}
	return 0;
}

/*
 * The rules of the header, checked on any result: everyone once; each non-root
 * follows its manager one level down; a root has no manager in the list or sits
 * on a loop, and each loop has exactly one root.
 */
static void
assert_tree_valid(const struct stakeholder *v, size_t n, const size_t *order, const int *depth,
		  const char *what)
{
	int count[MAXP] = {0};
	long loop_roots[MAXP];
	size_t nloop_roots = 0;

	ck_assert_uint_le(n, MAXP);
	for (size_t k = 0; k < n; k++) {
		ck_assert_msg(order[k] < n, "%s: order[%zu] = %zu out of range", what, k,
			      order[k]);
		count[order[k]]++;
	}
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(count[i] == 1, "%s: id %ld appears %d times", what, v[i].id,
			      count[i]);
	for (size_t k = 0; k < n; k++) {
		const struct stakeholder *p = &v[order[k]];

		if (depth[k] == 0) {
			long m = p->reports_to ? index_of(v, n, p->reports_to) : -1;
			long key = cycle_key(v, n, order[k]);

			if (m < 0)
				continue;
			ck_assert_msg(
				key != 0,
				"%s: id %ld shown as a root but reports to %ld, not in a loop",
				what, p->id, p->reports_to);
			for (size_t j = 0; j < nloop_roots; j++)
				ck_assert_msg(loop_roots[j] != key, "%s: loop %ld has two roots",
					      what, key);
			loop_roots[nloop_roots++] = key;
			continue;
		}
		ck_assert_msg(k > 0 && depth[k] <= depth[k - 1] + 1, "%s: depth jumps at %zu",
			      what, k);
		size_t j = k;
		while (depth[--j] != depth[k] - 1)
			;
		ck_assert_msg(p->reports_to == v[order[j]].id,
			      "%s: id %ld at depth %d follows %ld, not its manager %ld", what,
			      p->id, depth[k], v[order[j]].id, p->reports_to);
	}
}

/* Builds the tree and compares it with the expected order (indexes) and depths. */
static void
assert_tree(const struct stakeholder *v, size_t n, const size_t *want_order, const int *want_depth,
	    const char *what)
{
	size_t order[MAXP];
	int depth[MAXP];

	ck_assert_uint_le(n, MAXP);
	people_tree(v, n, order, depth);
	for (size_t k = 0; k < n; k++) {
		ck_assert_msg(order[k] == want_order[k] && depth[k] == want_depth[k],
			      "%s: position %zu is id %ld at depth %d, want id %ld at depth %d",
			      what, k, order[k] < n ? v[order[k]].id : -1L, depth[k],
			      v[want_order[k]].id, want_depth[k]);
	}
	assert_tree_valid(v, n, order, depth, what);
}

START_TEST(test_tree_empty)
{
	size_t order[1] = {77};
	int depth[1] = {77};

	/* people_list gives NULL and 0 for a deal with no committee. */
	people_tree(NULL, 0, NULL, NULL);
	people_tree(NULL, 0, order, depth);
	ck_assert_uint_eq(order[0], 77);
	ck_assert_int_eq(depth[0], 77);
}
END_TEST

START_TEST(test_tree_single)
{
	const struct stakeholder v[] = {P(7, 0)};

	assert_tree(v, N(v), (size_t[]){0}, (int[]){0}, "single");
}
END_TEST

START_TEST(test_tree_several_roots)
{
	/* Two trees; reports come in list order under each manager. */
	const struct stakeholder v[] = {P(10, 0),  P(11, 10), P(12, 11),
					P(13, 10), P(20, 0),  P(21, 20)};

	assert_tree(v, N(v), (size_t[]){0, 1, 2, 3, 4, 5}, (int[]){0, 1, 2, 1, 0, 1},
		    "several roots");
}
END_TEST

START_TEST(test_tree_reports_listed_first)
{
	/* The list is by id, but a manager may be added after their reports. */
	const struct stakeholder v[] = {P(3, 2), P(2, 1), P(1, 0), P(4, 1)};

	assert_tree(v, N(v), (size_t[]){2, 1, 0, 3}, (int[]){0, 1, 2, 1}, "reports first");
}
END_TEST

START_TEST(test_tree_orphans)
{
	/* Managers 99 and 98 are not in the list: their reports are roots, in list order. */
	const struct stakeholder v[] = {P(1, 99), P(2, 1), P(3, 0), P(4, 98), P(5, 99)};

	assert_tree(v, N(v), (size_t[]){0, 1, 2, 3, 4}, (int[]){0, 1, 0, 0, 0}, "orphans");
}
END_TEST

START_TEST(test_tree_two_cycle)
{
	const struct stakeholder v[] = {P(1, 2), P(2, 1)};

	assert_tree(v, N(v), (size_t[]){0, 1}, (int[]){0, 1}, "2-cycle");
}
END_TEST

START_TEST(test_tree_three_cycle)
{
	const struct stakeholder v[] = {P(1, 3), P(2, 1), P(3, 2)};

	assert_tree(v, N(v), (size_t[]){0, 1, 2}, (int[]){0, 1, 2}, "3-cycle");
}
END_TEST

START_TEST(test_tree_self_loop)
{
	const struct stakeholder alone[] = {P(1, 1)};
	const struct stakeholder with_report[] = {P(1, 1), P(2, 1)};
	const struct stakeholder with_root[] = {P(5, 0), P(1, 1), P(6, 5)};

	assert_tree(alone, N(alone), (size_t[]){0}, (int[]){0}, "self-loop");
	assert_tree(with_report, N(with_report), (size_t[]){0, 1}, (int[]){0, 1},
		    "self-loop with a report");
	/* The proper tree comes first, the loop after it. */
	assert_tree(with_root, N(with_root), (size_t[]){0, 2, 1}, (int[]){0, 1, 0},
		    "self-loop beside a root");
}
END_TEST

START_TEST(test_tree_cycle_beside_root)
{
	/* Root 1 with report 2; loop 3 <-> 4 with 5 reporting into it. */
	const struct stakeholder v[] = {P(1, 0), P(2, 1), P(3, 4), P(4, 3), P(5, 3)};

	assert_tree(v, N(v), (size_t[]){0, 1, 2, 3, 4}, (int[]){0, 1, 0, 1, 1},
		    "cycle beside a root");
}
END_TEST

START_TEST(test_tree_report_of_cycle_listed_first)
{
	/*
	 * 5 reports to 3, which sits on the loop 3 <-> 4. 5 is on no loop and its
	 * manager is in the list, so it must not be a root: it goes under 3.
	 */
	const struct stakeholder v[] = {P(5, 3), P(3, 4), P(4, 3)};

	assert_tree(v, N(v), (size_t[]){1, 0, 2}, (int[]){0, 1, 1},
		    "report of a cycle listed first");
}
END_TEST

START_TEST(test_tree_deep_chain)
{
	struct stakeholder fwd[50], rev[50], loop[50];
	size_t want_fwd[50], want_rev[50];
	int want_depth[50];

	/* id k reports to k - 1; the same chain listed top-down and bottom-up. */
	for (int k = 0; k < 50; k++) {
		fwd[k] = (struct stakeholder)P(k + 1, k);
		rev[49 - k] = fwd[k];
		loop[k] = fwd[k];
		want_fwd[k] = (size_t)k;
		want_rev[k] = (size_t)(49 - k);
		want_depth[k] = k;
	}
	assert_tree(fwd, 50, want_fwd, want_depth, "chain of 50");
	assert_tree(rev, 50, want_rev, want_depth, "chain of 50 bottom-up");
	loop[0].reports_to = 50; /* closes a loop of 50 */
	assert_tree(loop, 50, want_fwd, want_depth, "loop of 50");
}
END_TEST

/* A small deterministic generator, so a failure names a reproducible case. */
static unsigned long
next_rand(unsigned long *state)
{
	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return *state >> 33;
}

START_TEST(test_tree_random_graphs)
{
	unsigned long state = 12345;
	struct stakeholder v[12];
	size_t order[12];
	int depth[12];
	char what[64];

	/* Random reports-to (self, loops, orphans, none): the header's rules always hold. */
	for (int trial = 0; trial < 2000; trial++) {
		size_t n = 1 + next_rand(&state) % 12;

		for (size_t i = 0; i < n; i++) {
			unsigned long r = next_rand(&state) % (n + 3);

			v[i] = (struct stakeholder)P((long)(n - i) * 3, 0);
			v[i].reports_to = r < n ? (long)(r + 1) * 3 : r == n ? 99 : 0;
		}
		people_tree(v, n, order, depth);
		snprintf(what, sizeof what, "random trial %d", trial);
		assert_tree_valid(v, n, order, depth, what);
	}
}
END_TEST

START_TEST(test_would_cycle_self)
{
	const struct stakeholder v[] = {P(1, 0), P(2, 1)};

	ck_assert(people_would_cycle(v, N(v), 1, 1));
	ck_assert(people_would_cycle(v, N(v), 2, 2));
	ck_assert(people_would_cycle(NULL, 0, 3, 3));
}
END_TEST

START_TEST(test_would_cycle_direct_and_indirect)
{
	/* 1 <- 2 <- 3, and 1 <- 4. */
	const struct stakeholder v[] = {P(1, 0), P(2, 1), P(3, 2), P(4, 1)};

	ck_assert(people_would_cycle(v, N(v), 1, 2));
	ck_assert(people_would_cycle(v, N(v), 2, 3));
	ck_assert(people_would_cycle(v, N(v), 1, 3));
}
END_TEST

START_TEST(test_would_cycle_false)
{
	const struct stakeholder v[] = {P(1, 0), P(2, 1), P(3, 2), P(4, 1), P(5, 0), P(6, 77)};

	ck_assert(!people_would_cycle(v, N(v), 3, 1));  /* above, not below */
	ck_assert(!people_would_cycle(v, N(v), 3, 2));  /* unchanged */
	ck_assert(!people_would_cycle(v, N(v), 2, 4));  /* a sibling */
	ck_assert(!people_would_cycle(v, N(v), 1, 5));  /* another tree */
	ck_assert(!people_would_cycle(v, N(v), 1, 6));  /* an orphan */
	ck_assert(!people_would_cycle(v, N(v), 1, 0));  /* no manager */
	ck_assert(!people_would_cycle(v, N(v), 1, 99)); /* not in the list */
	ck_assert(!people_would_cycle(v, N(v), 42, 3)); /* a newcomer */
}
END_TEST

START_TEST(test_would_cycle_deep_chain)
{
	struct stakeholder v[50];

	for (int k = 0; k < 50; k++)
		v[k] = (struct stakeholder)P(k + 1, k);
	ck_assert(people_would_cycle(v, 50, 1, 50));
	ck_assert(people_would_cycle(v, 50, 25, 50));
	ck_assert(!people_would_cycle(v, 50, 50, 1));
	ck_assert(!people_would_cycle(v, 50, 51, 50));
}
END_TEST

START_TEST(test_would_cycle_existing_loop_with_id)
{
	/* Already a loop through id: it must still end, and say yes. */
	const struct stakeholder v[] = {P(1, 2), P(2, 3), P(3, 1), P(4, 4)};

	ck_assert(people_would_cycle(v, N(v), 1, 2));
	ck_assert(people_would_cycle(v, N(v), 1, 3));
	ck_assert(people_would_cycle(v, N(v), 4, 4));
}
END_TEST

START_TEST(test_would_cycle_existing_loop_elsewhere)
{
	/* Reporting to someone on (or under) an old loop closes no new loop. */
	const struct stakeholder v[] = {P(1, 2), P(2, 1), P(3, 1), P(4, 0), P(5, 5)};

	ck_assert_msg(!people_would_cycle(v, N(v), 4, 1), "4 -> 1 (on loop 1 <-> 2)");
	ck_assert_msg(!people_would_cycle(v, N(v), 4, 3), "4 -> 3 (under loop 1 <-> 2)");
	ck_assert_msg(!people_would_cycle(v, N(v), 4, 5), "4 -> 5 (self-loop of 5)");
}
END_TEST

START_TEST(test_plan_status)
{
	long today = date_from_ymd(2024, 6, 15);
	const struct {
		const char *due, *done_at;
		enum plan_status want;
	} cases[] = {
		{"2024-06-14", NULL, PLAN_OVERDUE},
		{"2024-06-15", NULL, PLAN_OPEN}, /* due today is not late yet */
		{"2024-06-16", NULL, PLAN_OPEN},
		{"1900-01-01", NULL, PLAN_OVERDUE},
		{"2024-06-14", "2024-06-20 09:00:00", PLAN_DONE}, /* done late is done */
		{"2024-06-16", "2024-06-01 09:00:00", PLAN_DONE},
		{"soon", "2024-06-01 09:00:00", PLAN_DONE},
		/* A date that does not parse cannot be late. */
		{"2024-6-1", NULL, PLAN_OPEN},
		{"2024-02-30", NULL, PLAN_OPEN},
		{"2024-06-14 ", NULL, PLAN_OPEN},
		{"14/06/2024", NULL, PLAN_OPEN},
		{"", NULL, PLAN_OPEN},
		{NULL, NULL, PLAN_OPEN},
	};

	for (size_t i = 0; i < N(cases); i++) {
		struct plan_step st = {.due = (char *)cases[i].due,
				       .done_at = (char *)cases[i].done_at};

		ck_assert_msg(plan_step_status(&st, today) == cases[i].want,
			      "due %s done %s: got %s", cases[i].due ? cases[i].due : "NULL",
			      cases[i].done_at ? cases[i].done_at : "NULL",
			      plan_status_word(plan_step_status(&st, today)));
	}
	/* Across a year boundary. */
	struct plan_step nye = {.due = "2023-12-31"};
	ck_assert_int_eq(plan_step_status(&nye, date_from_ymd(2024, 1, 1)), PLAN_OVERDUE);
	ck_assert_int_eq(plan_step_status(&nye, date_from_ymd(2023, 12, 31)), PLAN_OPEN);
}
END_TEST

START_TEST(test_plan_status_word)
{
	ck_assert_str_eq(plan_status_word(PLAN_OPEN), "open");
	ck_assert_str_eq(plan_status_word(PLAN_DONE), "done");
	ck_assert_str_eq(plan_status_word(PLAN_OVERDUE), "overdue");
}
END_TEST

/*
 * The API the CLI and forms call, on a real database: a fresh directory per
 * test, inside the run's (unit_tmp_base, removed after even when tests fail).
 */
static struct process def;
static struct dd_err err;
static struct session s;
static char *path;
static long deal;

static void
db_setup(void)
{
	char *dir = xasprintf("%s/XXXXXX", unit_tmp_base());
	struct db_init init = {&def, "EUR"};
	struct deal_fields f = {.title = "Renewal", .account = "Acme"};

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/pipeline.db", dir);
	free(dir);
	unit_load_default(&def);
	err_init(&err);
	ck_assert_msg(session_open(&s, path, DB_CREATE, &init, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
	ck_assert_msg(deal_create(&s, &f, &deal, &err) == DD_OK, "%s", strbuf_str(&err.msg));
}

static void
db_teardown(void)
{
	session_close(&s);
	err_free(&err);
	process_free(&def);
	free(path);
}

/* One number from the file through a separate connection: what others would see. */
static long
raw_long(const char *sql, long arg)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long v = -1;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s",
		      sqlite3_errmsg(h));
	sqlite3_bind_int64(st, 1, arg);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* The same for text; the caller frees. */
static char *
raw_text(const char *sql, long arg)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *v = NULL;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s",
		      sqlite3_errmsg(h));
	sqlite3_bind_int64(st, 1, arg);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static void
raw_exec(const char *sql)
{
	sqlite3 *h;
	char *msg = NULL;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
	sqlite3_close(h);
}

static long
version(void)
{
	return raw_long("SELECT version FROM deals WHERE id = ?", deal);
}

/* Every stakeholder column of the deal, to prove a refusal changed nothing. */
static char *
committee(void)
{
	return raw_text("SELECT group_concat(id || '|' || name || '|' || role || '|' ||"
			" ifnull(title, '-') || '|' || stance || '|' || influence || '|' ||"
			" ifnull(reports_to, '-') || '|' || ifnull(last_contact, '-'), ';')"
			" FROM (SELECT * FROM stakeholders WHERE deal_id = ? ORDER BY id)",
			deal);
}

static long
add_person(const char *name, const char *reports_to)
{
	struct stakeholder_fields f = {
		.name = name, .role = "influencer", .reports_to = reports_to};
	long id = 0, before = version();

	ck_assert_msg(people_add(&s, deal, &f, &id, &err) == DD_OK, "%s", strbuf_str(&err.msg));
	ck_assert_int_gt(id, 0);
	ck_assert_int_gt(version(), before);
	return id;
}

static long
manager_of(long id)
{
	/* -1: NULL in the file, which is what "no manager" must be stored as. */
	return raw_long("SELECT ifnull(reports_to, -1) FROM stakeholders WHERE id = ?", id);
}

static long
committee_find_raw(const char *name)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long v = -1;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(
		sqlite3_prepare_v2(h, "SELECT id FROM stakeholders WHERE name = ?", -1, &st, NULL),
		SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static void
assert_edit_refused(long id, const struct stakeholder_fields *f, const char *what)
{
	char *before = committee();
	long v = version();
	int rc = people_edit(&s, id, f, &err);
	char *after = committee();

	ck_assert_msg(rc == DD_REFUSED, "%s: got %d: %s", what, rc, strbuf_str(&err.msg));
	ck_assert_msg(strstr(strbuf_str(&err.msg), "loop") != NULL, "%s: message '%s'", what,
		      strbuf_str(&err.msg));
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(version(), v);
	free(before);
	free(after);
}

START_TEST(test_db_edit_refuses_cycle)
{
	long a = add_person("Ann", NULL);
	long b = add_person("Bob", "Ann");
	long c = add_person("Cy", "bob"); /* names resolve ignoring case */
	char c_id[24];

	snprintf(c_id, sizeof c_id, "%ld", c);
	ck_assert_int_eq(manager_of(a), -1);
	ck_assert_int_eq(manager_of(b), a);
	ck_assert_int_eq(manager_of(c), b);
	assert_edit_refused(a, &(struct stakeholder_fields){.reports_to = "Cy"}, "indirect");
	assert_edit_refused(a, &(struct stakeholder_fields){.reports_to = c_id}, "by id");
	assert_edit_refused(b, &(struct stakeholder_fields){.reports_to = "Cy"}, "direct");
	assert_edit_refused(a, &(struct stakeholder_fields){.reports_to = "Ann"}, "self");
	/* Nothing else in the same edit is saved either. */
	assert_edit_refused(a,
			    &(struct stakeholder_fields){
				    .name = "Anne", .stance = "blocker", .reports_to = "Cy"},
			    "with other fields");

	/* Moving within the tree is fine, and so is clearing. */
	long v = version();
	ck_assert_int_eq(
		people_edit(&s, c, &(struct stakeholder_fields){.reports_to = "Ann"}, &err),
		DD_OK);
	ck_assert_int_eq(manager_of(c), a);
	ck_assert_int_gt(version(), v);
	v = version();
	ck_assert_int_eq(
		people_edit(&s, b, &(struct stakeholder_fields){.reports_to = "none"}, &err),
		DD_OK);
	ck_assert_int_eq(manager_of(b), -1);
	ck_assert_int_gt(version(), v);
	v = version();
	ck_assert_int_eq(
		people_edit(&s, a, &(struct stakeholder_fields){.reports_to = "Bob"}, &err),
		DD_OK);
	ck_assert_int_eq(manager_of(a), b);
	ck_assert_int_gt(version(), v);
}
END_TEST

START_TEST(test_db_edit_under_existing_loop)
{
	/* A loop written by another program (the API never makes one). */
	long x = add_person("Xi", NULL);
	long y = add_person("Yu", "Xi");
	long z = add_person("Zoe", NULL);
	char *sql = xasprintf("UPDATE stakeholders SET reports_to = %ld WHERE id = %ld", y, x);

	raw_exec(sql);
	free(sql);
	/* Adding someone under the loop is allowed, so editing someone there must be too. */
	add_person("Wes", "Xi");
	long v = version();
	int rc = people_edit(&s, z, &(struct stakeholder_fields){.reports_to = "Xi"}, &err);
	ck_assert_msg(rc == DD_OK, "Zoe -> Xi (Zoe is on no loop): %d: %s", rc,
		      strbuf_str(&err.msg));
	ck_assert_int_eq(manager_of(z), x);
	ck_assert_int_gt(version(), v);
}
END_TEST

START_TEST(test_db_remove_manager)
{
	long a = add_person("Ann", NULL);
	long b = add_person("Bob", "Ann");
	long c = add_person("Cy", "Bob");
	long d = add_person("Di", "Bob");
	long e = add_person("Ed", "Ann");
	struct stakeholder *v;
	size_t n, order[4];
	int depth[4];

	long ver = version();
	ck_assert_int_eq(people_remove(&s, b, &err), DD_OK);
	ck_assert_int_gt(version(), ver);
	ck_assert_int_eq(raw_long("SELECT count(*) FROM stakeholders WHERE id = ?", b), 0);
	/* Bob's reports become roots; Ann's other report is untouched. */
	ck_assert_int_eq(manager_of(c), -1);
	ck_assert_int_eq(manager_of(d), -1);
	ck_assert_int_eq(manager_of(e), a);
	ck_assert_int_eq(people_list(s.db, deal, &v, &n, &err), DD_OK);
	ck_assert_uint_eq(n, 4); /* Ann, Cy, Di, Ed */
	ck_assert_int_eq(v[1].reports_to, 0);
	people_tree(v, n, order, depth);
	for (size_t k = 0; k < n; k++) {
		const size_t want_order[] = {0, 3, 1, 2};
		const int want_depth[] = {0, 1, 0, 0};

		ck_assert_uint_eq(order[k], want_order[k]);
		ck_assert_int_eq(depth[k], want_depth[k]);
	}
	people_free(v, n);

	ver = version();
	ck_assert_int_eq(people_remove(&s, a, &err), DD_OK);
	ck_assert_int_gt(version(), ver);
	ck_assert_int_eq(manager_of(e), -1);
	ck_assert_int_eq(people_remove(&s, a, &err), DD_FAIL); /* already gone */
}
END_TEST

static struct plan_step
one_step(long id)
{
	struct plan_step *v, st = {0};
	size_t n;

	ck_assert_int_eq(plan_list(s.db, deal, &v, &n, &err), DD_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id) {
			st = v[i];
			v[i] = (struct plan_step){0}; /* the copy now owns the strings */
		}
	plan_free(v, n);
	ck_assert_int_eq(st.id, id);
	return st;
}

static void
step_free(struct plan_step *st)
{
	struct plan_step *one = xmalloc(sizeof *one);

	*one = *st; /* plan_free frees the strings and the array */
	plan_free(one, 1);
}

START_TEST(test_db_plan_done_and_undo)
{
	struct plan_fields f = {.title = "Security review",
				.owner_side = "buyer",
				.who = "CISO",
				.due = "2024-01-10"};
	long id = 0, v = version();

	ck_assert_int_eq(plan_add(&s, deal, &f, &id, &err), DD_OK);
	ck_assert_int_gt(id, 0);
	ck_assert_int_gt(version(), v);

	struct plan_step st = one_step(id);
	ck_assert_ptr_null(st.done_at);
	ck_assert_ptr_null(st.done_by);
	ck_assert_int_eq(plan_step_status(&st, date_today()), PLAN_OVERDUE);
	step_free(&st);

	v = version();
	ck_assert_int_eq(plan_set_done(&s, id, 1, &err), DD_OK);
	ck_assert_int_gt(version(), v);
	st = one_step(id);
	ck_assert_ptr_nonnull(st.done_by);
	ck_assert_str_eq(st.done_by, s.login);
	ck_assert_ptr_nonnull(st.done_at);
	/* Stamped now: today, or tomorrow if midnight passed in between. */
	long day = date_of_timestamp(st.done_at);
	ck_assert_msg(day == date_today() || day == date_today() + 1, "done_at %s", st.done_at);
	ck_assert_int_eq(plan_step_status(&st, date_today()), PLAN_DONE);
	step_free(&st);

	/* Done again keeps who did it first. */
	raw_exec("UPDATE plan_steps SET done_at = '2024-01-09 08:00:00', done_by = 'eve'");
	ck_assert_int_eq(plan_set_done(&s, id, 1, &err), DD_OK);
	st = one_step(id);
	ck_assert_str_eq(st.done_at, "2024-01-09 08:00:00");
	ck_assert_str_eq(st.done_by, "eve");
	step_free(&st);

	v = version();
	ck_assert_int_eq(plan_set_done(&s, id, 0, &err), DD_OK);
	ck_assert_int_gt(version(), v);
	ck_assert_int_eq(raw_long("SELECT done_at IS NULL AND done_by IS NULL FROM plan_steps"
				  " WHERE id = ?",
				  id),
			 1);
	st = one_step(id);
	ck_assert_int_eq(plan_step_status(&st, date_today()), PLAN_OVERDUE);
	step_free(&st);
}
END_TEST

START_TEST(test_db_versions)
{
	struct plan_fields f = {.title = "Pilot", .owner_side = "joint", .due = "2030-01-01"};
	long v0 = version(), v, step = 0;

	ck_assert_int_gt(v0, 0);
	long a = add_person("Ann", NULL);
	add_person("Bob", "Ann");

	v = version();
	ck_assert_int_eq(
		people_edit(&s, a, &(struct stakeholder_fields){.stance = "supporter"}, &err),
		DD_OK);
	ck_assert_int_gt(version(), v);

	v = version();
	ck_assert_int_eq(plan_add(&s, deal, &f, &step, &err), DD_OK);
	ck_assert_int_gt(version(), v);

	v = version();
	ck_assert_int_eq(plan_edit(&s, step, &(struct plan_fields){.due = "2030-02-01"}, &err),
			 DD_OK);
	ck_assert_int_gt(version(), v);
	ck_assert_int_eq(raw_long("SELECT due = '2030-02-01' FROM plan_steps WHERE id = ?", step),
			 1);

	/* Refused changes leave the version alone. */
	v = version();
	ck_assert_int_eq(plan_edit(&s, step, &(struct plan_fields){.due = "Feb 1"}, &err),
			 DD_USAGE);
	ck_assert_int_eq(plan_edit(&s, step, &(struct plan_fields){0}, &err), DD_USAGE);
	ck_assert_int_eq(plan_add(&s, deal, &(struct plan_fields){.title = "x"}, &step, &err),
			 DD_USAGE);
	ck_assert_int_eq(people_add(&s, deal,
				    &(struct stakeholder_fields){.name = "ann", .role = "user"},
				    &a, &err),
			 DD_REFUSED); /* already mapped, ignoring case */
	ck_assert_int_eq(version(), v);

	v = version();
	ck_assert_int_eq(plan_set_done(&s, step, 1, &err), DD_OK);
	ck_assert_int_gt(version(), v);
	v = version();
	ck_assert_int_eq(plan_set_done(&s, step, 0, &err), DD_OK);
	ck_assert_int_gt(version(), v);

	v = version();
	ck_assert_int_eq(plan_remove(&s, step, &err), DD_OK);
	ck_assert_int_gt(version(), v);
	ck_assert_int_eq(raw_long("SELECT count(*) FROM plan_steps WHERE id = ?", step), 0);
	ck_assert_int_eq(plan_set_done(&s, step, 1, &err), DD_FAIL);
	ck_assert_int_eq(plan_remove(&s, step, &err), DD_FAIL);

	v = version();
	ck_assert_int_eq(people_remove(&s, a, &err), DD_OK);
	ck_assert_int_gt(version(), v);
	ck_assert_int_gt(version(), v0);
}
END_TEST

/* An edit that changes nothing writes nothing: the deal's version stays (forms notice it). */
START_TEST(test_db_edit_that_changes_nothing)
{
	long a = add_person("Ann", NULL), v;

	add_person("Bob", "Ann");
	v = version();
	ck_assert_int_eq(people_edit(&s, a, &(struct stakeholder_fields){0}, &err), DD_OK);
	ck_assert_int_eq(version(), v);
	/* The form sends every field back as it showed it. */
	ck_assert_int_eq(people_edit(&s, a,
				     &(struct stakeholder_fields){.name = "Ann",
								  .role = "influencer",
								  .title = "",
								  .stance = "neutral",
								  .influence = "medium",
								  .reports_to = "none",
								  .last_contact = ""},
				     &err),
			 DD_OK);
	ck_assert_int_eq(version(), v);
	/* A change, even of case only, is one. */
	ck_assert_int_eq(people_edit(&s, a, &(struct stakeholder_fields){.name = "ANN"}, &err),
			 DD_OK);
	ck_assert_int_gt(version(), v);
	v = version();
	ck_assert_int_eq(people_edit(&s, a, &(struct stakeholder_fields){.title = "CFO"}, &err),
			 DD_OK);
	ck_assert_int_gt(version(), v);
	v = version();
	ck_assert_int_eq(people_edit(&s, a, &(struct stakeholder_fields){.title = ""}, &err),
			 DD_OK);
	ck_assert_int_gt(version(), v);
	ck_assert_int_eq(raw_long("SELECT title IS NULL FROM stakeholders WHERE id = ?", a), 1);
}
END_TEST

static long
in_add(struct committee *c, const char *name)
{
	long id = 0;

	ck_assert_msg(people_add_in(&s, c,
				    &(struct stakeholder_fields){.name = name, .role = "user"},
				    &id, &err) == DD_OK,
		      "%s: %s", name, strbuf_str(&err.msg));
	return id;
}

/* An import's committee: found by name in any case, managers judged on the end result. */
START_TEST(test_db_committee)
{
	struct committee *c;
	char name[32];
	long ids[3], id;
	size_t bad = 99;

	ck_assert_int_eq(session_begin(&s, &err), DD_OK);
	ck_assert_int_eq(committee_load(s.db, deal, &c, &err), DD_OK);
	for (int i = 0; i < 1000; i++) { /* past several growths of the index */
		snprintf(name, sizeof name, "Person %d", i);
		in_add(c, name);
	}
	long jose = in_add(c, "Jos\xc3\xa9");
	ck_assert_int_eq(committee_find(c, "JOS\xc3\x89"), jose);
	ck_assert_int_eq(committee_find(c, "person 999"), committee_find(c, "Person 999"));
	ck_assert_int_eq(committee_find(c, "Nobody"), 0);
	ck_assert_int_eq(
		people_add_in(&s, c,
			      &(struct stakeholder_fields){.name = "PERSON 7", .role = "user"},
			      &id, &err),
		DD_REFUSED);
	/* A rename is found under its new name only. */
	ck_assert_int_eq(
		people_edit_in(&s, c, jose, &(struct stakeholder_fields){.name = "Pepe"}, &err),
		DD_OK);
	ck_assert_int_eq(committee_find(c, "Pepe"), jose);
	ck_assert_int_eq(committee_find(c, "Jos\xc3\xa9"), 0);

	/* A -> B stored; the file says B -> A and A -> C: no loop where it ends. */
	long a = committee_find(c, "Person 1"), b = committee_find(c, "Person 2");
	ck_assert_int_eq(people_edit_in(&s, c, a,
					&(struct stakeholder_fields){.reports_to = "Person 2"},
					&err),
			 DD_OK);
	ids[0] = b;
	ids[1] = a;
	const char *to[] = {"person 1", "Person 3"};
	ck_assert_msg(people_set_managers_tx(&s, c, ids, to, 2, &bad, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
	/* A loop the file closes is named by its last row. */
	ids[0] = committee_find(c, "Person 3");
	ids[1] = committee_find(c, "Person 10");
	ids[2] = committee_find(c, "Person 11");
	const char *loop[] = {"Person 10", "Person 11", "Person 2"};
	ck_assert_int_eq(people_set_managers_tx(&s, c, ids, loop, 3, &bad, &err), DD_REFUSED);
	ck_assert_uint_eq(bad, 2);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "Person 11 cannot report to Person 2"));
	err_clear(&err);
	committee_free(c);
	ck_assert_int_eq(committee_load(s.db, deal, &c, &err), DD_OK);
	/* Oneself, and someone not on the deal. */
	ids[0] = committee_find(c, "Person 20");
	const char *self[] = {"person 20"}, *none[] = {"Zed"};
	ck_assert_int_eq(people_set_managers_tx(&s, c, ids, self, 1, &bad, &err), DD_REFUSED);
	err_clear(&err);
	committee_free(c);
	ck_assert_int_eq(committee_load(s.db, deal, &c, &err), DD_OK);
	ck_assert_int_eq(people_set_managers_tx(&s, c, ids, none, 1, &bad, &err), DD_USAGE);
	ck_assert_uint_eq(bad, 0);
	err_clear(&err);
	committee_free(c);
	ck_assert_int_eq(db_commit(s.db, &err), DD_OK);
	ck_assert_int_eq(manager_of(b), a);
	ck_assert_int_eq(manager_of(a), committee_find_raw("Person 3"));
}
END_TEST

/* A loop another program wrote is no reason to refuse managers elsewhere. */
START_TEST(test_db_committee_old_loop)
{
	long x = add_person("Xi", NULL), y = add_person("Yu", "Xi"), z = add_person("Zoe", NULL);
	char *sql = xasprintf("UPDATE stakeholders SET reports_to = %ld WHERE id = %ld", y, x);
	struct committee *c;
	size_t bad;

	raw_exec(sql);
	free(sql);
	ck_assert_int_eq(session_begin(&s, &err), DD_OK);
	ck_assert_int_eq(committee_load(s.db, deal, &c, &err), DD_OK);
	const char *to[] = {"Xi"};
	ck_assert_msg(people_set_managers_tx(&s, c, &z, to, 1, &bad, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
	committee_free(c);
	ck_assert_int_eq(db_commit(s.db, &err), DD_OK);
	ck_assert_int_eq(manager_of(z), x);
}
END_TEST

Suite *
suite_people(void)
{
	Suite *s = suite_create("people");
	TCase *tc = tcase_create("tree");
	TCase *db = tcase_create("people_db");

	tcase_add_test(tc, test_tree_empty);
	tcase_add_test(tc, test_tree_single);
	tcase_add_test(tc, test_tree_several_roots);
	tcase_add_test(tc, test_tree_reports_listed_first);
	tcase_add_test(tc, test_tree_orphans);
	tcase_add_test(tc, test_tree_two_cycle);
	tcase_add_test(tc, test_tree_three_cycle);
	tcase_add_test(tc, test_tree_self_loop);
	tcase_add_test(tc, test_tree_cycle_beside_root);
	tcase_add_test(tc, test_tree_report_of_cycle_listed_first);
	tcase_add_test(tc, test_tree_deep_chain);
	tcase_add_test(tc, test_tree_random_graphs);
	tcase_add_test(tc, test_would_cycle_self);
	tcase_add_test(tc, test_would_cycle_direct_and_indirect);
	tcase_add_test(tc, test_would_cycle_false);
	tcase_add_test(tc, test_would_cycle_deep_chain);
	tcase_add_test(tc, test_would_cycle_existing_loop_with_id);
	tcase_add_test(tc, test_would_cycle_existing_loop_elsewhere);
	tcase_add_test(tc, test_plan_status);
	tcase_add_test(tc, test_plan_status_word);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(db, db_setup, db_teardown);
	tcase_add_test(db, test_db_edit_refuses_cycle);
	tcase_add_test(db, test_db_edit_under_existing_loop);
	tcase_add_test(db, test_db_remove_manager);
	tcase_add_test(db, test_db_plan_done_and_undo);
	tcase_add_test(db, test_db_versions);
	tcase_add_test(db, test_db_edit_that_changes_nothing);
	tcase_add_test(db, test_db_committee);
	tcase_add_test(db, test_db_committee_old_loop);
	suite_add_tcase(s, db);
	return s;
}
