/* "Now" moves on under an open session: past midnight, today is the next day. */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>

#include "board_data.h"
#include "date.h"
#include "deal.h"
#include "move.h"
#include "people.h"
#include "session.h"
#include "unit.h"
#include "xmalloc.h"

static struct process def;
static struct dd_err err;
static struct session s;

/* 2026-12-01 at H:M:S UTC. */
static time_t
at_dec1(int h, int m, int sec)
{
	return (time_t)date_from_ymd(2026, 12, 1) * 86400 + h * 3600 + m * 60 + sec;
}

static void
setup(void)
{
	char *dir = xasprintf("%s/XXXXXX", unit_tmp_base());
	struct db_init init = {&def, "EUR"};
	char *path;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/pipeline.db", dir);
	unit_load_default(&def);
	err_init(&err);
	clock_pin(at_dec1(23, 59, 30));
	ck_assert_msg(session_open(&s, path, DB_CREATE, &init, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
	free(path);
	free(dir);
}

static void
teardown(void)
{
	clock_pin(0);
	session_close(&s);
	err_free(&err);
	process_free(&def);
}

static long
add_deal(const char *title)
{
	struct deal_fields f = {.title = title, .account = "Acme"};
	struct stakeholder_fields p = {.name = "Ann Lee", .role = "champion"};
	long id, person;

	ck_assert_msg(deal_create(&s, &f, &id, &err) == DD_OK, "%s", strbuf_str(&err.msg));
	ck_assert_msg(people_add(&s, id, &p, &person, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
	return id;
}

START_TEST(test_clock_pinned)
{
	char ts[TIMESTAMP_LEN];

	ck_assert_int_eq(date_today(), date_from_ymd(2026, 12, 1));
	timestamp_now(ts);
	ck_assert_str_eq(ts, "2026-12-01 23:59:30");
	clock_pin(at_dec1(24, 0, 1));
	ck_assert_int_eq(date_today(), date_from_ymd(2026, 12, 2));
	clock_pin(0);
	ck_assert_int_eq(date_today(), (long)(time(NULL) / 86400));
}
END_TEST

/* Evidence dated the real today is not "in the future" for a session opened yesterday. */
START_TEST(test_evidence_today_after_midnight)
{
	long id = add_deal("Late night deal");
	struct evidence_in ev = {"buyer_engaged", "Ann replied just after midnight", "Ann Lee",
				 "2026-12-02"};
	struct move_request rq = {.deal_id = id, .target = "qualify", .evidence = &ev,
				  .nevidence = 1};
	struct gate_result g;

	/* Before midnight, the 2nd is tomorrow. */
	ck_assert_int_eq(deal_move(&s, &rq, &g, &err), DD_REFUSED);
	ck_assert_uint_eq(g.nunmet, 1);
	ck_assert_ptr_nonnull(strstr(g.unmet[0].message, "in the future"));
	gate_result_free(&g);
	clock_pin(at_dec1(24, 0, 30));
	ck_assert_msg(deal_move(&s, &rq, &g, &err) == DD_OK, "%s", strbuf_str(&err.msg));
	gate_result_free(&g);
}
END_TEST

/* Evidence with no date is dated today: the day it is recorded, not the day the session began. */
START_TEST(test_evidence_default_date_moves_on)
{
	long id = add_deal("Default date deal");
	struct evidence_in ev = {"buyer_engaged", "Ann replied just after midnight", "Ann Lee",
				 NULL};
	struct move_request rq = {.deal_id = id, .target = "qualify", .evidence = &ev,
				  .nevidence = 1};
	struct gate_result g;
	sqlite3_stmt *st;

	clock_pin(at_dec1(24, 0, 30));
	ck_assert_msg(deal_move(&s, &rq, &g, &err) == DD_OK, "%s", strbuf_str(&err.msg));
	gate_result_free(&g);
	st = db_prepare(s.db, "SELECT acted_on FROM evidence WHERE deal_id = ?");
	sqlite3_bind_int64(st, 1, id);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "2026-12-02");
	sqlite3_finalize(st);
}
END_TEST

/* The board's cards age a day at midnight, for the same open database. */
START_TEST(test_cards_age_at_midnight)
{
	struct board_filter f = {0};
	struct card *cards;
	size_t n;

	add_deal("Aging deal");
	ck_assert_int_eq(board_cards(s.db, &s.proc.stages[0], &f, 0, 10, date_today(), &cards, &n,
				     &err),
			 DD_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(cards[0].days, 0);
	board_cards_free(cards, n);
	clock_pin(at_dec1(24, 0, 1));
	ck_assert_int_eq(board_cards(s.db, &s.proc.stages[0], &f, 0, 10, date_today(), &cards, &n,
				     &err),
			 DD_OK);
	ck_assert_int_eq(cards[0].days, 1);
	board_cards_free(cards, n);
}
END_TEST

Suite *
suite_clock(void)
{
	Suite *su = suite_create("clock");
	TCase *tc = tcase_create("clock");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_clock_pinned);
	tcase_add_test(tc, test_evidence_today_after_midnight);
	tcase_add_test(tc, test_evidence_default_date_moves_on);
	tcase_add_test(tc, test_cards_age_at_midnight);
	suite_add_tcase(su, tc);
	return su;
}
