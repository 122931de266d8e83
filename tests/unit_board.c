/*
 * The board's reading of the pipeline (src/board_data.c): the orders, the
 * problem filters, the quarter's won and lost, where a deal sits, and the
 * pipeline as it stood at the end of a past day. Deals are written as rows,
 * so each case knows exactly what the board must find.
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_data.h"
#include "date.h"
#include "db.h"
#include "deal.h"
#include "facts.h"
#include "move.h"
#include "session.h"
#include "unit.h"
#include "xmalloc.h"

static struct process def;
static struct dd_err err;
static struct session s;
static long today;

static void
exec(const char *sql)
{
	ck_assert_msg(db_exec(s.db, sql, &err) == DD_OK, "%s: %s", sql, strbuf_str(&err.msg));
}

/* A deal row: its stage, status and when it entered the stage (and closed). */
static void
deal(long id, const char *title, const char *stage, const char *status, long amount,
     const char *entered, const char *closed, const char *close_date, const char *next,
     const char *next_due)
{
	char *sql = sqlite3_mprintf(
		"INSERT INTO deals (id, title, account, owner, stage, status, amount, close_date,"
		" next_step, next_step_due, created_at, stage_entered_at, closed_at, updated_at)"
		" VALUES (%ld, %Q, 'Acme', %Q, %Q, %Q, %ld, %Q, %Q, %Q, '2026-06-01 09:00:00', %Q,"
		" %Q, %Q)",
		id, title, id % 2 ? "ann" : "bob", stage, status, amount * 100, close_date, next,
		next_due, entered, closed, entered);

	exec(sql);
	sqlite3_free(sql);
}

static void
person(long deal_id, const char *name, const char *role)
{
	char *sql = sqlite3_mprintf("INSERT INTO stakeholders (deal_id, name, role, created_at)"
				    " VALUES (%ld, %Q, %Q, '2026-06-02 09:00:00')",
				    deal_id, name, role);

	exec(sql);
	sqlite3_free(sql);
}

static void
step(long deal_id, const char *due, const char *done_at)
{
	char *sql = sqlite3_mprintf(
		"INSERT INTO plan_steps (deal_id, title, owner_side, due, done_at, created_at)"
		" VALUES (%ld, 'a step', 'buyer', %Q, %Q, '2026-06-02 09:00:00')",
		deal_id, due, done_at);

	exec(sql);
	sqlite3_free(sql);
}

/*
 * Today is 2026-12-01. Prospect (warn 14, rot 30) holds three open deals; a
 * won deal closed from qualify this quarter, two lost from discover, one of
 * them last quarter.
 */
static void
setup(void)
{
	char *dir = xasprintf("%s/XXXXXX", unit_tmp_base());
	char *path;
	struct db_init init = {&def, "USD"};

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/pipeline.db", dir);
	unit_load_default(&def);
	err_init(&err);
	clock_pin((time_t)date_from_ymd(2026, 12, 1) * 86400 + 12 * 3600);
	today = date_today();
	ck_assert_msg(session_open(&s, path, DB_CREATE, &init, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
	free(dir);
	free(path);
	/* 30 days in prospect: rotting; no next step, nobody mapped, no plan. */
	deal(1, "Alpha", "prospect", "open", 100, "2026-11-01 10:00:00", NULL, "2026-12-15", NULL,
	     NULL);
	/* 11 days; next step overdue, a plan step overdue, two people with an EB. */
	deal(2, "bravo", "prospect", "open", 500, "2026-11-20 10:00:00", NULL, NULL, "call",
	     "2026-11-25");
	person(2, "Eve Buyer", "economic_buyer");
	person(2, "Carl Champ", "champion");
	step(2, "2026-11-28", NULL);
	/* 16 days: past warn; one person; a plan step done. */
	deal(3, "Charlie", "prospect", "open", 300, "2026-11-15 10:00:00", NULL, "2027-01-10",
	     "demo", "2026-12-20");
	person(3, "Cora Champ", "champion");
	step(3, "2026-11-10", "2026-11-09 10:00:00");
	deal(4, "Delta", "qualify", "won", 1000, "2026-10-01 10:00:00", "2026-11-10 10:00:00",
	     NULL, NULL, NULL);
	deal(5, "Echo", "discover", "lost", 70, "2026-08-01 10:00:00", "2026-09-20 10:00:00", NULL,
	     NULL, NULL);
	deal(6, "Foxtrot", "discover", "lost", 60, "2026-09-01 10:00:00", "2026-10-05 10:00:00",
	     NULL, NULL, NULL);
}

static void
teardown(void)
{
	clock_pin(0);
	session_close(&s);
	err_free(&err);
	process_free(&def);
}

/* The titles of a stage's cards under f, joined by spaces. */
static char *
titles(int stage, const struct board_filter *f)
{
	struct card *cards;
	struct strbuf b;
	size_t n;

	ck_assert_msg(board_cards(s.db, &s.proc.stages[stage], f, 0, 20, today, &cards, &n,
				  &err) == DD_OK,
		      "%s", strbuf_str(&err.msg));
	strbuf_init(&b);
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&b, "%s%s", i ? " " : "", cards[i].title);
	board_cards_free(cards, n);
	return strbuf_detach(&b);
}

static void
check_titles(int stage, const struct board_filter *f, const char *want)
{
	char *got = titles(stage, f);

	ck_assert_str_eq(got, want);
	free(got);
}

/* Each order, and board_locate agrees with the position the order gives. */
START_TEST(test_orders)
{
	static const char *const want[ORDER_COUNT] = {
		[ORDER_DAYS] = "Alpha Charlie bravo",
		[ORDER_AMOUNT] = "bravo Charlie Alpha",
		[ORDER_CLOSE] = "Alpha Charlie bravo", /* no close date last */
		[ORDER_TITLE] = "Alpha bravo Charlie", /* case ignored */
	};
	static const long ids_of[ORDER_COUNT][3] = {
		[ORDER_DAYS] = {1, 3, 2},
		[ORDER_AMOUNT] = {2, 3, 1},
		[ORDER_CLOSE] = {1, 3, 2},
		[ORDER_TITLE] = {1, 2, 3},
	};

	for (int o = 0; o < ORDER_COUNT; o++) {
		struct board_filter f = {.order = (enum board_order)o};

		check_titles(0, &f, want[o]);
		for (long k = 0; k < 3; k++) {
			int stage;
			long index;

			ck_assert_int_eq(board_locate(s.db, &s.proc, &f, today, ids_of[o][k],
						      &stage, &index),
					 0);
			ck_assert_int_eq(stage, 0);
			ck_assert_int_eq(index, k);
		}
	}
	/* A window: the second card on, in amount order. */
	struct board_filter f = {.order = ORDER_AMOUNT};
	struct card *cards;
	size_t n;

	ck_assert_int_eq(board_cards(s.db, &s.proc.stages[0], &f, 1, 1, today, &cards, &n, &err),
			 DD_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(cards[0].title, "Charlie");
	board_cards_free(cards, n);
}
END_TEST

/* Every problem filter alone, a combination, and the closed deals of the quarter. */
START_TEST(test_problems)
{
	static const struct {
		enum board_problem p;
		int stage;
		const char *want;
	} cases[] = {
		{PROB_ROTTING, 0, "Alpha"},
		{PROB_WARN, 0, "Alpha Charlie"},
		{PROB_NO_NEXT, 0, "Alpha"},
		{PROB_OVERDUE, 0, "bravo"},
		{PROB_SINGLE, 0, "Alpha Charlie"},
		{PROB_NO_PLAN, 0, "Alpha"},
		{PROB_NO_EB, 0, "Alpha Charlie"},
		{PROB_CLOSE_MONTH, 0, "Alpha"},
		{PROB_CLOSE_QUARTER, 0, "Alpha"},
		{PROB_WON, 1, "Delta"},
		{PROB_WON, 0, ""},         /* won deals show in the stage they closed from only */
		{PROB_LOST, 2, "Foxtrot"}, /* Echo was lost last quarter */
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct board_filter f = {.problems = PROBLEM_BIT(cases[i].p)};

		check_titles(cases[i].stage, &f, cases[i].want);
	}
	struct board_filter both = {.problems =
					    PROBLEM_BIT(PROB_WARN) | PROBLEM_BIT(PROB_NO_PLAN)};
	check_titles(0, &both, "Alpha");
	/* Won and lost together; a committee problem applies to them too. */
	struct board_filter closed = {.problems = PROBLEMS_CLOSED | PROBLEM_BIT(PROB_SINGLE)};
	check_titles(1, &closed, "Delta");
	check_titles(2, &closed, "Foxtrot");
	/* With the owner filter (odd ids are ann's). */
	struct board_filter owner = {.owner = "ann", .problems = PROBLEM_BIT(PROB_WARN)};
	check_titles(0, &owner, "Alpha Charlie");
	owner.owner = "bob";
	check_titles(0, &owner, "");
}
END_TEST

/* The cards' marks come from the same rows: lateness, plan and committee. */
START_TEST(test_card_marks)
{
	struct board_filter f = {.order = ORDER_TITLE};
	struct card *c;
	size_t n;

	ck_assert_int_eq(board_cards(s.db, &s.proc.stages[0], &f, 0, 5, today, &c, &n, &err),
			 DD_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(c[0].days, 30);
	ck_assert_int_eq(c[0].aging, AGING_ROT);
	ck_assert_int_eq(c[1].next_overdue, 1);
	ck_assert_int_eq(c[1].plan_overdue, 1);
	ck_assert_int_eq(c[1].people, 2);
	ck_assert_int_eq(c[1].has_economic_buyer, 1);
	ck_assert_int_eq(c[2].aging, AGING_WARN);
	ck_assert_int_eq(c[2].plan_done, 1);
	ck_assert_int_eq(c[2].status, CARD_OPEN);
	board_cards_free(c, n);
	f.problems = PROBLEM_BIT(PROB_WON);
	ck_assert_int_eq(board_cards(s.db, &s.proc.stages[1], &f, 0, 5, today, &c, &n, &err),
			 DD_OK);
	ck_assert_int_eq(c[0].status, CARD_WON);
	ck_assert_int_eq(c[0].days, 40); /* in qualify until it closed */
	board_cards_free(c, n);
}
END_TEST

/* Columns count what they show; the title bar sums the open and the quarter's closed. */
START_TEST(test_totals)
{
	struct totals t[16];
	struct board_sums sums;
	struct board_filter f = {0};

	ck_assert_int_eq(board_totals(s.db, &s.proc, &f, today, t, &sums, &err), DD_OK);
	ck_assert_int_eq(t[0].count, 3);
	ck_assert_int_eq(t[0].amount, 90000);
	ck_assert_int_eq(t[1].count, 0);
	ck_assert_int_eq(sums.open.count, 3);
	ck_assert_int_eq(sums.weighted, 90000 * 5 / 100);
	ck_assert_int_eq(sums.won.count, 1);
	ck_assert_int_eq(sums.won.amount, 100000);
	ck_assert_int_eq(sums.lost.count, 1);
	ck_assert_int_eq(sums.lost.amount, 6000);
	f.problems = PROBLEMS_CLOSED;
	ck_assert_int_eq(board_totals(s.db, &s.proc, &f, today, t, &sums, &err), DD_OK);
	ck_assert_int_eq(t[0].count, 0);
	ck_assert_int_eq(t[1].count, 1);
	ck_assert_int_eq(t[2].count, 1);
	ck_assert_int_eq(sums.open.count, 3); /* the title bar still sums the open */
	f.problems = PROBLEM_BIT(PROB_ROTTING);
	f.owner = "bob";
	ck_assert_int_eq(board_totals(s.db, &s.proc, &f, today, t, &sums, &err), DD_OK);
	ck_assert_int_eq(sums.open.count, 0); /* Alpha rots, but is ann's */
	/* The quarter's won and lost take the owner filter, not the problem ones. */
	ck_assert_int_eq(sums.won.count, 1);
	ck_assert_int_eq(sums.lost.count, 1);
	f.owner = "ann";
	ck_assert_int_eq(board_totals(s.db, &s.proc, &f, today, t, &sums, &err), DD_OK);
	ck_assert_int_eq(sums.open.count, 1);
	ck_assert_int_eq(sums.won.count + sums.lost.count, 0);
	ck_assert_int_eq(board_quarter(date_from_ymd(2026, 12, 1)), 4);
	ck_assert_int_eq(board_quarter(date_from_ymd(2026, 4, 1)), 2);
}
END_TEST

/* One history row; from_entered_at is the last event's time (NULL for create and reopen). */
static void
event(long deal_id, const char *kind, const char *from, const char *stage, const char *status,
      const char *at)
{
	int enters = strcmp(kind, "create") == 0 || strcmp(kind, "reopen") == 0;
	char *sql = sqlite3_mprintf(
		"INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor,"
		" from_entered_at) VALUES (%ld, %Q, %Q, %Q, %Q, %Q, 'ann', %s)",
		deal_id, kind, from, stage, status, at,
		enters ? "NULL" : "(SELECT max(at) FROM stage_events WHERE deal_id = 7)");

	ck_assert(deal_id == 7);
	exec(sql);
	sqlite3_free(sql);
}

/*
 * As of a past day: the stage and the days of then, a deal created later left
 * out, a deal won since shown open, and the won and lost of that day's quarter.
 */
START_TEST(test_as_of)
{
	struct board_filter f = {0};
	struct totals t[16];
	struct board_sums sums;
	struct card *c;
	size_t n;
	int stage;
	long index;

	deal(7, "Golf", "close", "won", 250, "2026-11-12 10:00:00", "2026-11-20 10:00:00", NULL,
	     NULL, NULL);
	event(7, "create", NULL, "prospect", "open", "2026-11-01 10:00:00");
	event(7, "forward", "prospect", "qualify", "open", "2026-11-05 10:00:00");
	event(7, "forward", "qualify", "close", "open", "2026-11-12 10:00:00");
	event(7, "won", "close", "close", "won", "2026-11-20 10:00:00");

	f.as_of = date_from_ymd(2026, 11, 3);
	ck_assert_int_eq(board_locate(s.db, &s.proc, &f, today, 7, &stage, &index), 0);
	ck_assert_int_eq(stage, 0);
	ck_assert_int_eq(board_cards(s.db, &s.proc.stages[0], &f, 0, 10, today, &c, &n, &err),
			 DD_OK);
	/* Alpha entered prospect on the 1st too (no history: its row says so); Golf. */
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(c[1].title, "Golf");
	ck_assert_int_eq(c[1].days, 2);
	board_cards_free(c, n);

	f.as_of = date_from_ymd(2026, 11, 15); /* in close 3 days, not yet won */
	ck_assert_int_eq(board_locate(s.db, &s.proc, &f, today, 7, &stage, &index), 0);
	ck_assert_int_eq(stage, 6);
	ck_assert_int_eq(board_cards(s.db, &s.proc.stages[6], &f, 0, 10, today, &c, &n, &err),
			 DD_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(c[0].days, 3);
	ck_assert_int_eq(c[0].status, CARD_OPEN);
	board_cards_free(c, n);
	ck_assert_int_eq(board_totals(s.db, &s.proc, &f, today, t, &sums, &err), DD_OK);
	ck_assert_int_eq(t[6].count, 1);
	ck_assert_int_eq(sums.won.count, 0); /* Golf not yet; Delta has no history */

	f.as_of = date_from_ymd(2026, 11, 25);
	ck_assert_int_eq(board_totals(s.db, &s.proc, &f, today, t, &sums, &err), DD_OK);
	ck_assert_int_eq(t[6].count, 0);
	ck_assert_int_eq(sums.won.count, 1);
	ck_assert_int_eq(sums.won.amount, 25000);
	f.problems = PROBLEM_BIT(PROB_WON);
	ck_assert_int_eq(board_locate(s.db, &s.proc, &f, today, 7, &stage, &index), 0);
	ck_assert_int_eq(stage, 6);

	f.problems = 0;
	f.as_of = date_from_ymd(2026, 10, 31); /* before Golf was created */
	ck_assert_int_eq(board_locate(s.db, &s.proc, &f, today, 7, &stage, &index), -1);
}
END_TEST

/* Reopening from the won view: the deal is open in its stage again and leaves the view. */
START_TEST(test_reopen_leaves_closed_view)
{
	struct board_filter won = {.problems = PROBLEM_BIT(PROB_WON)}, open = {0};
	struct totals t[16];
	struct board_sums sums;

	exec("INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor,"
	     " from_entered_at) VALUES (4, 'won', 'qualify', 'qualify', 'won',"
	     " '2026-11-10 10:00:00', 'ann', '2026-10-01 10:00:00')");
	ck_assert_int_eq(deal_reopen(&s, 4, "tbd", &err), DD_REFUSED);
	err_free(&err);
	err_init(&err);
	ck_assert_msg(deal_reopen(&s, 4, "The buyer came back with a bigger scope", &err) == DD_OK,
		      "%s", strbuf_str(&err.msg));
	check_titles(1, &won, "");
	check_titles(1, &open, "Delta");
	ck_assert_int_eq(board_totals(s.db, &s.proc, &open, today, t, &sums, &err), DD_OK);
	ck_assert_int_eq(sums.won.count, 0);
	ck_assert_int_eq(sums.open.count, 4);
}
END_TEST

/*
 * Every statement a keypress runs, as SQLite plans it: none reads the deals or
 * the history whole. The statements are caught as they run (with their
 * values), so a new one on these paths is checked without being listed here.
 */
static struct strvec ran;

static int
catch_stmt(unsigned type, void *arg, void *p, void *x)
{
	char *sql = sqlite3_expanded_sql(p);

	if (sql != NULL && strncmp(sql, "--", 2) != 0) /* a trigger's body */
		strvec_push(&ran, sql);
	sqlite3_free(sql);
	return 0;
}

/* The small tables a plan may read whole, by the names and aliases used. */
static int
small_table(const char *detail)
{
	static const char *const ok[] = {"SCAN CONSTANT ROW", "SCAN deal_totals", "SCAN stages",
					 "SCAN s", "SCAN team", "SCAN gate_", "SCAN lost_reasons",
					 "SCAN meta", NULL};

	for (int i = 0; ok[i] != NULL; i++)
		if (strncmp(detail, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

/* Fails naming the statement and the step that reads a large table whole. */
static void
check_plans(const char *path)
{
	for (size_t i = 0; i < ran.n; i++) {
		char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", ran.v[i]);
		sqlite3_stmt *st = db_prepare(s.db, eqp);

		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(st, 3);

			if (getenv("DD_SHOW_PLANS") != NULL)
				fprintf(stderr, "%s: %s\n", path, d);
			ck_assert_msg(strncmp(d, "SCAN ", 5) != 0 || small_table(d),
				      "%s reads a table whole (%s):\n%s", path, d, ran.v[i]);
			/* A range of one status is every open (or closed) deal. */
			ck_assert_msg(strstr(d, " (status=?)") == NULL,
				      "%s reads every deal of a status (%s):\n%s", path, d,
				      ran.v[i]);
		}
		sqlite3_finalize(st);
		free(eqp);
	}
	strvec_free(&ran);
}

START_TEST(test_keypress_plans)
{
	struct board_filter f = {0};
	struct totals t[16];
	struct board_sums sums;
	struct deal d;
	struct deal_facts facts;
	struct card *cards;
	size_t n;
	int stage;
	long index;

	/* No ANALYZE, as in a user's database: the plans SQLite makes without statistics. */
	sqlite3_trace_v2(s.db->h, SQLITE_TRACE_STMT, catch_stmt, NULL);
	for (int owner = 0; owner < 2; owner++) {
		f.owner = owner ? "ann" : NULL;
		ck_assert_int_eq(board_totals(s.db, &s.proc, &f, today, t, &sums, &err), DD_OK);
		check_plans(owner ? "board totals, one owner" : "board totals");
		for (int o = 0; o < ORDER_COUNT; o++) {
			f.order = o;
			ck_assert_int_eq(board_cards(s.db, &s.proc.stages[0], &f, 0, 20, today,
						     &cards, &n, &err),
					 DD_OK);
			board_cards_free(cards, n);
			check_plans(board_orders[o].name);
			board_locate(s.db, &s.proc, &f, today, 2, &stage, &index);
			check_plans("locate");
		}
	}
	ck_assert_int_eq(deal_get(s.db, 2, &d, &err), DD_OK);
	check_plans("detail");
	ck_assert_int_eq(deal_facts_load(s.db, &d, &facts, &err), DD_OK);
	check_plans("facts");
	deal_facts_free(&facts);
	deal_free(&d);
	sqlite3_trace_v2(s.db->h, 0, NULL, NULL);
}
END_TEST

Suite *
suite_board(void)
{
	Suite *su = suite_create("board");
	TCase *tc = tcase_create("board");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_orders);
	tcase_add_test(tc, test_problems);
	tcase_add_test(tc, test_card_marks);
	tcase_add_test(tc, test_totals);
	tcase_add_test(tc, test_as_of);
	tcase_add_test(tc, test_reopen_leaves_closed_view);
	tcase_add_test(tc, test_keypress_plans);
	suite_add_tcase(su, tc);
	return su;
}
