/*
 * An open session follows the world: past midnight today is the next day, and
 * a process a manager applies meanwhile governs its next write.
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_data.h"
#include "date.h"
#include "deal.h"
#include "move.h"
#include "people.h"
#include "presence.h"
#include "process_db.h"
#include "process_ini.h"
#include "session.h"
#include "unit.h"
#include "watch.h"
#include "xmalloc.h"

static struct process def;
static struct dd_err err;
static struct session s;
static char *db_path;

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

	ck_assert_ptr_nonnull(mkdtemp(dir));
	db_path = xasprintf("%s/pipeline.db", dir);
	unit_load_default(&def);
	err_init(&err);
	clock_pin(at_dec1(23, 59, 30));
	ck_assert_msg(session_open(&s, db_path, DB_CREATE, &init, &err) == DD_OK, "%s",
		      strbuf_str(&err.msg));
	free(dir);
}

static void
teardown(void)
{
	clock_pin(0);
	session_close(&s);
	err_free(&err);
	process_free(&def);
	free(db_path);
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

/* The default process file with one piece of text replaced, applied by another session. */
static void
apply_changed(const char *from, const char *to, const char *append)
{
	struct session other;
	struct dd_err e;
	struct process p;
	struct strbuf text;
	char buf[4096];
	FILE *f = fopen(DEFAULT_PROCESS_INI, "r");
	size_t n;
	char *at;

	ck_assert_ptr_nonnull(f);
	strbuf_init(&text);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&text, buf, n);
	fclose(f);
	at = strstr(text.s, from);
	ck_assert_ptr_nonnull(at);
	char *changed = xasprintf("%.*s%s%s%s", (int)(at - text.s), text.s, to, at + strlen(from),
				  append);
	unit_load_text(changed, &p);
	err_init(&e);
	ck_assert(session_open(&other, db_path, 0, NULL, &e) == DD_OK);
	ck_assert(db_begin(other.db, &e) == DD_OK);
	ck_assert_msg(db_end(other.db, process_db_save(other.db, &p, &e), &e) == DD_OK, "%s",
		      strbuf_str(&e.msg));
	err_free(&e);
	session_close(&other);
	process_free(&p);
	free(changed);
	strbuf_free(&text);
}

/* A requirement dropped by a manager no longer holds this session's next move. */
START_TEST(test_write_follows_applied_process)
{
	long id = add_deal("Under new rules");
	struct evidence_in ev = {"buyer_engaged", "Ann replied and booked a call", NULL, NULL};
	struct move_request rq = {.deal_id = id, .target = "qualify", .evidence = &ev,
				  .nevidence = 1};
	struct gate_result g;
	long rev = s.proc.revision;

	/* No buyer contact named: the default process asks for one. */
	ck_assert_int_eq(deal_move(&s, &rq, &g, &err), DD_REFUSED);
	gate_result_free(&g);
	apply_changed("first conversation\"\ncontact = required", "first conversation\"\ncontact = optional",
		      "");
	ck_assert_int_eq(s.proc.stages[0].evidence[0].contact_required, 1); /* not read yet */
	ck_assert_msg(deal_move(&s, &rq, &g, &err) == DD_OK, "%s", strbuf_str(&err.msg));
	gate_result_free(&g);
	ck_assert_int_eq(s.proc.revision, rev + 1);
	ck_assert_int_eq(s.proc.stages[0].evidence[0].contact_required, 0);
}
END_TEST

/* A stage added while open is there after a refresh; nothing changed, nothing read. */
START_TEST(test_refresh_sees_added_stage)
{
	int changed = -1;

	ck_assert_int_eq(session_refresh_process(&s, &changed, &err), DD_OK);
	ck_assert_int_eq(changed, 0);
	apply_changed("stages = prospect, qualify,", "stages = prospect, scoping, qualify,",
		      "\n[stage scoping]\nlabel = \"Scoping\"\nprobability = 7\nwarn_days = 7\n"
		      "rot_days = 14\nevidence =\nchecks =\n");
	ck_assert_int_eq(session_refresh_process(&s, &changed, &err), DD_OK);
	ck_assert_int_eq(changed, 1);
	ck_assert_uint_eq(s.proc.nstages, 8);
	ck_assert_str_eq(s.proc.stages[1].label, "Scoping");
}
END_TEST

/* A stored check that cannot be read fails the load: a gate never gets weaker silently. */
START_TEST(test_unreadable_check_fails_load)
{
	/* As another program would, past the apply-only triggers (schema 8). */
	ck_assert_int_eq(db_exec(s.db, "INSERT INTO meta VALUES ('applying_process', '1');"
				       "UPDATE gate_checks SET check_text = 'min_stakeholders many'"
				       " WHERE stage = 'qualify'",
				 &err),
			 DD_OK);
	ck_assert_int_eq(session_reload_process(&s, &err), DD_FAIL);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "'min_stakeholders many' of stage "
							   "qualify cannot be read"));
	ck_assert_uint_eq(s.proc.nstages, 7); /* the process loaded before stays */
	ck_assert_int_eq(s.proc.stages[1].nchecks, 1);
}
END_TEST

/*
 * An open board (another connection) reads the pipeline again for a write of
 * deal data, never for a presenter's heartbeat or view change.
 */
START_TEST(test_watch_tells_data_from_presence)
{
	struct db *board;
	struct watch w;
	char writes[32];
	long me, id;

	ck_assert_int_eq(db_open(db_path, 0, NULL, &board, &err), DD_OK);
	watch_mark(board, &w);
	ck_assert_int_eq(watch_poll(board, &w), WATCH_NONE);
	ck_assert_int_eq(presence_begin(s.db, PRESENCE_PRESENT, "ann", NULL, &me, &err), DD_OK);
	ck_assert_int_eq(watch_poll(board, &w), WATCH_OTHER);
	/* Views (a heartbeat in the same second changes no byte: no commit to see). */
	for (int view = 0; view < 3; view++) {
		ck_assert_int_eq(presence_update(s.db, me, view % 2 ? "v2 a" : "v2 b", &err),
				 DD_OK);
		ck_assert_int_eq(watch_poll(board, &w), WATCH_OTHER);
		ck_assert_int_eq(presence_update(s.db, me, NULL, &err), DD_OK);
		ck_assert_int_ne(watch_poll(board, &w), WATCH_DATA);
	}
	id = add_deal("Counted deal"); /* two writes: the deal, its stakeholder */
	ck_assert_int_eq(watch_poll(board, &w), WATCH_DATA);
	ck_assert_int_eq(watch_poll(board, &w), WATCH_NONE);
	db_data_writes(board, writes, sizeof writes);
	ck_assert_str_eq(writes, "2");
	/* A write that rolls back, or changes no row, is not counted. */
	ck_assert_int_eq(session_begin(&s, &err), DD_OK);
	db_rollback(s.db);
	ck_assert_int_eq(session_begin(&s, &err), DD_OK);
	ck_assert_int_eq(db_commit(s.db, &err), DD_OK);
	ck_assert_int_eq(watch_poll(board, &w), WATCH_NONE);
	db_data_writes(board, writes, sizeof writes);
	ck_assert_str_eq(writes, "2");
	ck_assert_int_eq(deal_edit(&s, id, &(struct deal_fields){.title = "Renamed deal"}, 0, &err),
			 DD_OK);
	presence_end(s.db, me);
	ck_assert_int_eq(watch_poll(board, &w), WATCH_DATA);
	db_close(board);
}
END_TEST

Suite *
suite_session(void)
{
	Suite *su = suite_create("session");
	TCase *tc = tcase_create("session");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_clock_pinned);
	tcase_add_test(tc, test_evidence_today_after_midnight);
	tcase_add_test(tc, test_evidence_default_date_moves_on);
	tcase_add_test(tc, test_cards_age_at_midnight);
	tcase_add_test(tc, test_write_follows_applied_process);
	tcase_add_test(tc, test_refresh_sees_added_stage);
	tcase_add_test(tc, test_unreadable_check_fails_load);
	tcase_add_test(tc, test_watch_tells_data_from_presence);
	suite_add_tcase(su, tc);
	return su;
}
