/*
 * The stats screen's computation between keys (src/give_way.c,
 * src/stats_job.c): a key stops it at any point and leaves no figure behind,
 * the connection as it was and nothing interrupted afterwards; the job keeps
 * the figures asked for due until a computation runs to its end, and does
 * not try a failing one again.
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "demo.h"
#include "session.h"
#include "stats_job.h"
#include "unit.h"
#include "xmalloc.h"

/* Steps between looks: a hundred or so looks in a computation of the demo. */
#define STEPS 1000

static struct process def;
static struct dd_err err;
static struct session s;
static long today;

static void
setup(void)
{
	char *dir = xasprintf("%s/XXXXXX", unit_tmp_base());
	char *path;
	struct db_init init = {&def, "USD"};
	struct demo_options o = {.deals = 120, .seed = 7};

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/pipeline.db", dir);
	unit_load_default(&def);
	err_init(&err);
	today = date_today();
	o.today = today;
	ck_assert_msg(session_open(&s, path, DB_CREATE, &init, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
	ck_assert_msg(demo_fill(s.db, &s.proc, &o, &err) == DD_OK, "%s", strbuf_str(&err.msg));
	free(dir);
	free(path);
}

static void
teardown(void)
{
	session_close(&s);
	err_free(&err);
	process_free(&def);
}

/* A key waits from the `at`-th look on (0: never); counts the looks. */
struct keys {
	long at, looks;
};

static int
waiting(void *arg)
{
	struct keys *k = arg;

	return k->at > 0 && ++k->looks >= k->at;
}

static int
never(void *arg)
{
	((struct keys *)arg)->looks++;
	return 0;
}

static void
add_metric(const struct stats_metric *m, void *arg)
{
	char v[STATS_VALUE_LEN];

	stats_format(m->kind, m->value, v);
	strbuf_printf(arg, "%s,%s,%s,%s\n", m->section, m->stage, m->name, v);
}

/* Every figure as `dealdeck stats --format csv` prints it; the caller frees. */
static char *
figures(const struct stats *st)
{
	struct strbuf b;

	strbuf_init(&b);
	stats_each_metric(st, add_metric, &b);
	return strbuf_detach(&b);
}

/* The last year, everyone: the longest of the screen's periods. */
static struct stats_query
year(const char *owner)
{
	return (struct stats_query){owner, today, today - 364, today, NULL};
}

/* How often an uninterrupted computation looks at the keys, every `steps` steps. */
static long
looks_in_full(int steps)
{
	struct keys k = {0};
	struct give_way g = {.waiting = never, .arg = &k, .steps = steps};
	struct stats_query q = year(NULL);
	struct stats st;

	q.give_way = &g;
	ck_assert_int_eq(stats_compute(&s, &q, &st, &err), DD_OK);
	ck_assert_int_eq(g.gave_way, 0);
	stats_free(&st);
	return k.looks;
}

START_TEST(test_stops_anywhere_leaving_nothing)
{
	struct stats_query q = year(NULL);
	struct stats full, st;
	long n = looks_in_full(STEPS);
	char *want;

	ck_assert_int_eq(stats_compute(&s, &q, &full, &err), DD_OK);
	want = figures(&full);
	ck_assert_msg(n > 20, "only %ld looks: too few points to stop at", n);
	/* A key at each look in turn: every statement, and every part of each, stops. */
	for (long at = 1; at <= n; at++) {
		struct keys k = {at, 0};
		struct give_way g = {.waiting = waiting, .arg = &k, .steps = STEPS};

		q.give_way = &g;
		memset(&st, 0x5a, sizeof st);
		ck_assert_int_eq(stats_compute(&s, &q, &st, &err), DD_FAIL);
		ck_assert_int_eq(g.gave_way, 1);
		ck_assert_int_eq(k.looks, at);
		ck_assert_int_eq(g.looks, at); /* the key stopped it at once */
		ck_assert_ptr_null(st.stages); /* nothing half filled to show */
		ck_assert_ptr_null(st.reasons);
		ck_assert_msg(sqlite3_get_autocommit(s.db->h), "a read left open at look %ld", at);
	}
	/* The connection as before: the next computation runs to its end, the same figures. */
	q.give_way = NULL;
	ck_assert_int_eq(stats_compute(&s, &q, &st, &err), DD_OK);
	char *got = figures(&st);
	ck_assert_str_eq(got, want);
	free(got);
	stats_free(&st);
	stats_free(&full);
	free(want);
}
END_TEST

START_TEST(test_nothing_stops_afterwards)
{
	struct keys k = {1, 0};
	struct give_way g = {.waiting = waiting, .arg = &k, .steps = 10};
	struct stats_query q = year(NULL);
	struct stats st;

	q.give_way = &g;
	ck_assert_int_eq(stats_compute(&s, &q, &st, &err), DD_FAIL);
	ck_assert_int_eq(k.looks, 1);
	ck_assert_int_eq(g.looks, 1);
	/* The handler is gone: another long read (and a write) run to their end. */
	q.give_way = NULL;
	ck_assert_int_eq(stats_compute(&s, &q, &st, &err), DD_OK);
	stats_free(&st);
	ck_assert_int_eq(
		db_exec(s.db, "BEGIN IMMEDIATE; UPDATE deals SET title = title; COMMIT", &err),
		DD_OK);
	ck_assert_int_eq(k.looks, 1);
	ck_assert_int_eq(g.looks, 1);
}
END_TEST

START_TEST(test_job_resumes_until_done)
{
	struct stats_job j = {.steps = STEPS};
	struct stats_query q = year("nobody"), mine = year(NULL);
	struct stats shown, full;
	char *before, *want, *got;

	/* Figures on screen already (another owner's), and the ones asked for. */
	ck_assert_int_eq(stats_compute(&s, &q, &shown, &err), DD_OK);
	before = figures(&shown);
	ck_assert_int_eq(stats_compute(&s, &mine, &full, &err), DD_OK);
	want = figures(&full);
	ck_assert_str_ne(before, want);
	ck_assert_int_eq(stats_job_run(&j, &s, NULL, NULL, &shown, &err), STATS_JOB_IDLE);
	stats_job_want(&j, &mine);
	/* A stream of keys: a key before the start, then keys at every point of the work. */
	long n = looks_in_full(STEPS);
	for (long at = 1; at <= n + 1; at++) {
		struct keys k = {at, 0};

		ck_assert_int_eq(stats_job_run(&j, &s, waiting, &k, &shown, &err),
				 STATS_JOB_GAVE_WAY);
		ck_assert_int_eq(j.due, 1);
		ck_assert_int_eq(j.gave_way, at);
		got = figures(&shown); /* the old figures, whole */
		ck_assert_str_eq(got, before);
		free(got);
	}
	/* The keys pause: the figures asked for, in full. */
	struct keys idle = {0};
	ck_assert_int_eq(stats_job_run(&j, &s, never, &idle, &shown, &err), STATS_JOB_DONE);
	got = figures(&shown);
	ck_assert_str_eq(got, want);
	free(got);
	ck_assert_int_eq(j.due, 0);
	ck_assert_int_eq(stats_job_run(&j, &s, never, &idle, &shown, &err), STATS_JOB_IDLE);
	stats_job_free(&j);
	stats_free(&shown);
	stats_free(&full);
	free(before);
	free(want);
}
END_TEST

START_TEST(test_job_keeps_its_owner)
{
	struct stats_job j = {0};
	char owner[16] = "rep7";
	struct stats_query q = year(owner);

	stats_job_want(&j, &q);
	strcpy(owner, "someone");
	ck_assert_str_eq(j.want.owner, "rep7");
	q.owner = NULL;
	stats_job_want(&j, &q); /* asked again: the newer question wins */
	ck_assert_ptr_null(j.want.owner);
	ck_assert_int_eq(j.due, 1);
	stats_job_free(&j);
}
END_TEST

START_TEST(test_job_failure_is_not_retried)
{
	struct stats_job j = {0};
	struct stats_query q = year(NULL);
	struct stats shown = {0};

	q.from = today;
	q.to = today - 1; /* ends before it starts */
	stats_job_want(&j, &q);
	ck_assert_int_eq(stats_job_run(&j, &s, NULL, NULL, &shown, &err), STATS_JOB_FAILED);
	ck_assert_int_eq(err.code, DD_USAGE);
	ck_assert_ptr_null(shown.stages);
	ck_assert_int_eq(stats_job_run(&j, &s, NULL, NULL, &shown, &err), STATS_JOB_IDLE);
	stats_job_free(&j);
}
END_TEST

Suite *
suite_stats_job(void)
{
	Suite *su = suite_create("stats_job");
	TCase *tc = tcase_create("stats_job");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_stops_anywhere_leaving_nothing);
	tcase_add_test(tc, test_nothing_stops_afterwards);
	tcase_add_test(tc, test_job_resumes_until_done);
	tcase_add_test(tc, test_job_keeps_its_owner);
	tcase_add_test(tc, test_job_failure_is_not_retried);
	suite_add_tcase(su, tc);
	return su;
}
