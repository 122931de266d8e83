/* The weekly review's arithmetic: waterfall buckets, the commit rule, periods, weighting. */
#include <stdint.h>
#include <string.h>

#include "commit_rule.h"
#include "date.h"
#include "forecast.h"
#include "period.h"
#include "unit.h"
#include "waterfall.h"

static long
day(const char *s)
{
	long d;

	ck_assert_msg(date_parse(s, &d) == 0, "bad date %s", s);
	return d;
}

static struct period
q2(void)
{
	struct period p;

	ck_assert_int_eq(period_parse("2026-Q2", 0, &p), 0);
	return p;
}

/* --- waterfall buckets ------------------------------------------------------------------ */

#define OPEN WF_NOW_OPEN
#define WON  WF_NOW_WON
#define LOST WF_NOW_LOST

/* One deal as the snapshot had it and now, and where its change goes (Q2 2026). */
static const struct {
	const char *name;
	int in_snapshot;
	int64_t was_amount;
	const char *was_close; /* NULL: none */
	int new_since;
	enum wf_now now;
	int64_t amount;
	const char *close;
	enum wf_row bucket;
	int64_t value;
} cases[] = {
	{"unchanged", 1, 1000, "2026-05-01", 0, OPEN, 1000, "2026-05-01", WF_NONE, 0},
	{"up", 1, 1000, "2026-05-01", 0, OPEN, 1500, "2026-06-01", WF_INCREASED, 500},
	{"down a cent", 1, 1000, "2026-05-01", 0, OPEN, 999, "2026-05-01", WF_DECREASED, 1},
	{"won, higher: at the snapshot amount", 1, 1000, "2026-05-01", 0, WON, 1200, "2026-05-01",
	 WF_WON, 1000},
	{"lost", 1, 1000, "2026-05-01", 0, LOST, 1000, "2026-05-01", WF_LOST, 1000},
	{"pushed out, lower: at the snapshot amount", 1, 1000, "2026-06-30", 0, OPEN, 700,
	 "2026-07-01", WF_PUSHED_OUT, 1000},
	{"close date cleared", 1, 1000, "2026-04-01", 0, OPEN, 1000, NULL, WF_PUSHED_OUT, 1000},
	{"moved before the period", 1, 1000, "2026-04-01", 0, OPEN, 1000, "2026-03-31",
	 WF_PUSHED_OUT, 1000},
	{"new in the period: at its amount now", 0, 0, NULL, 1, OPEN, 800, "2026-04-01",
	 WF_CREATED, 800},
	{"reopened into the period", 0, 0, NULL, 0, OPEN, 800, "2026-06-30", WF_PULLED_IN, 800},
	{"pulled in, higher: at its amount now", 1, 1000, "2026-07-15", 0, OPEN, 1100,
	 "2026-06-15", WF_PULLED_IN, 1100},
	{"date set into the period", 1, 1000, NULL, 0, OPEN, 1000, "2026-05-05", WF_PULLED_IN,
	 1000},
	{"new and won since: no bucket", 0, 0, NULL, 1, WON, 900, "2026-05-01", WF_NONE, 0},
	{"outside both times", 1, 1000, "2026-07-01", 0, OPEN, 5000, "2026-03-31", WF_NONE, 0},
	{"won outside the period", 1, 1000, "2026-07-01", 0, WON, 1000, "2026-07-01", WF_NONE, 0},
	{"new without a close date", 0, 0, NULL, 1, OPEN, 800, NULL, WF_NONE, 0},
};
#define NCASES (int)(sizeof cases / sizeof cases[0])

static struct wf_deal
deal_of(int i)
{
	struct wf_deal d = {cases[i].in_snapshot,
			    cases[i].was_amount,
			    cases[i].was_close ? day(cases[i].was_close) : NO_DAY,
			    cases[i].new_since,
			    cases[i].now,
			    cases[i].amount,
			    cases[i].close ? day(cases[i].close) : NO_DAY};

	return d;
}

START_TEST(test_waterfall_bucket)
{
	struct period p = q2();
	struct wf_deal d = deal_of(_i);
	int64_t value = -1;
	enum wf_row b = waterfall_bucket(&p, &d, &value);

	ck_assert_msg(b == cases[_i].bucket, "%s: bucket %d, wanted %d", cases[_i].name, b,
		      cases[_i].bucket);
	ck_assert_msg(value == cases[_i].value, "%s: %lld, wanted %lld", cases[_i].name,
		      (long long)value, (long long)cases[_i].value);
}
END_TEST

/* All the cases together: each in one bucket, and start + buckets = end. */
START_TEST(test_waterfall_adds_up)
{
	struct waterfall w = {q2(), {{0, 0}}};
	long in_buckets = 0;

	for (int i = 0; i < NCASES; i++) {
		struct wf_deal d = deal_of(i);

		in_buckets += waterfall_add(&w, &d) != WF_NONE;
	}
	/* start: the 8 snapshot deals closing in Q2, 1000 each */
	ck_assert_int_eq(w.row[WF_START].deals, 8);
	ck_assert_int_eq(w.row[WF_START].amount, 8000);
	/* end: unchanged 1000, up 1500, down 999, new 800, reopened 800, pulled in 1100,
	 * date set 1000 */
	ck_assert_int_eq(w.row[WF_END].deals, 7);
	ck_assert_int_eq(w.row[WF_END].amount, 1000 + 1500 + 999 + 800 + 800 + 1100 + 1000);
	ck_assert_int_eq(w.row[WF_WON].amount, 1000);
	ck_assert_int_eq(w.row[WF_PUSHED_OUT].deals, 3);
	ck_assert_int_eq(w.row[WF_PULLED_IN].amount, 800 + 1100 + 1000);
	ck_assert_int_eq(in_buckets, 11);
	ck_assert(waterfall_adds_up(&w));
	/* a cent anywhere else and it no longer adds up */
	w.row[WF_LOST].amount += 1;
	ck_assert(!waterfall_adds_up(&w));
	w.row[WF_LOST].amount -= 1;
	w.row[WF_CREATED].deals += 1;
	ck_assert(!waterfall_adds_up(&w));
}
END_TEST

/* A waterfall whose start is not the start counted on its own ends the program. */
START_TEST(test_waterfall_check_fails_loudly)
{
	struct waterfall w = {q2(), {{0, 0}}};
	struct wf_deal d = deal_of(1);
	struct wf_line start = {1, 1000}, end = {1, 1500};

	waterfall_add(&w, &d);
	waterfall_check(&w, &start, &end); /* agrees: returns */
	start.amount = 999;
	waterfall_check(&w, &start, &end); /* exit(1) */
}
END_TEST

/* --- the commit rule ------------------------------------------------------------------ */

static const struct {
	const char *name;
	struct commit_facts f;
	enum forecast_cat cat;
	unsigned demoted;
} rules[] = {
	{"earned", {FORECAST_COMMIT, "forward", 0, 0, 1, 0}, FORECAST_COMMIT, 0},
	{"a jump with every gate's evidence",
	 {FORECAST_COMMIT, "forward", 0, 0, 3, 0},
	 FORECAST_COMMIT,
	 0},
	{"override",
	 {FORECAST_COMMIT, "forward", 0, 1, 0, 0},
	 FORECAST_BEST_CASE,
	 DEMOTE_OVERRIDE},
	{"override with some evidence",
	 {FORECAST_COMMIT, "forward", 0, 1, 1, 0},
	 FORECAST_BEST_CASE,
	 DEMOTE_OVERRIDE},
	{"imported move",
	 {FORECAST_COMMIT, "forward", 1, 0, 0, 0},
	 FORECAST_BEST_CASE,
	 DEMOTE_IMPORTED},
	{"imported create",
	 {FORECAST_COMMIT, "create", 1, 0, 0, 0},
	 FORECAST_BEST_CASE,
	 DEMOTE_IMPORTED},
	{"created there",
	 {FORECAST_COMMIT, "create", 0, 0, 0, 0},
	 FORECAST_BEST_CASE,
	 DEMOTE_NO_EVIDENCE},
	{"a gate that asked for none",
	 {FORECAST_COMMIT, "forward", 0, 0, 0, 0},
	 FORECAST_BEST_CASE,
	 DEMOTE_NO_EVIDENCE},
	{"moved back",
	 {FORECAST_COMMIT, "back", 0, 0, 0, 0},
	 FORECAST_BEST_CASE,
	 DEMOTE_MOVED_BACK},
	{"reopened", {FORECAST_COMMIT, "reopen", 0, 0, 0, 0}, FORECAST_BEST_CASE, DEMOTE_REOPENED},
	{"buyer step overdue",
	 {FORECAST_COMMIT, "forward", 0, 0, 1, 2},
	 FORECAST_BEST_CASE,
	 DEMOTE_BUYER_OVERDUE},
	{"override and overdue",
	 {FORECAST_COMMIT, "forward", 0, 1, 0, 1},
	 FORECAST_BEST_CASE,
	 DEMOTE_OVERRIDE | DEMOTE_BUYER_OVERDUE},
	{"best case stays", {FORECAST_BEST_CASE, "forward", 0, 1, 0, 1}, FORECAST_BEST_CASE, 0},
	{"pipeline stays", {FORECAST_PIPELINE, "back", 0, 0, 0, 0}, FORECAST_PIPELINE, 0},
};

START_TEST(test_commit_rule)
{
	unsigned demoted = 99;
	enum forecast_cat c = commit_rule(&rules[_i].f, &demoted);

	ck_assert_msg(c == rules[_i].cat, "%s: %s", rules[_i].name, forecast_name(c));
	ck_assert_msg(demoted == rules[_i].demoted, "%s: demoted %#x, wanted %#x", rules[_i].name,
		      demoted, rules[_i].demoted);
}
END_TEST

/* --- periods, weighting, accuracy ------------------------------------------------------ */

START_TEST(test_period_parse)
{
	struct period p;
	char name[PERIOD_LEN], d[DATE_LEN];

	ck_assert_int_eq(period_parse("2026-Q1", 0, &p), 0);
	date_format(p.first, d);
	ck_assert_str_eq(d, "2026-01-01");
	date_format(p.last, d);
	ck_assert_str_eq(d, "2026-03-31");
	ck_assert_int_eq(period_parse("2024-q1", 0, &p), 0);
	ck_assert_int_eq(p.last - p.first + 1, 91); /* a leap February */
	ck_assert_int_eq(period_parse("this", day("2026-12-31"), &p), 0);
	period_name(&p, name);
	ck_assert_str_eq(name, "2026-Q4");
	date_format(p.last, d);
	ck_assert_str_eq(d, "2026-12-31");
	ck_assert_int_eq(period_parse("next", day("2026-12-31"), &p), 0);
	period_name(&p, name);
	ck_assert_str_eq(name, "2027-Q1");
	ck_assert(period_has(&p, day("2027-01-01")) && period_has(&p, day("2027-03-31")));
	ck_assert(!period_has(&p, day("2026-12-31")) && !period_has(&p, day("2027-04-01")));
	ck_assert(!period_has(&p, NO_DAY));
	const char *bad[] = {"2026-Q0", "2026-Q5", "26-Q1",   "2026Q1", "2026-Q1x",
			     "",        "last",    "Q1-2026", "2026-01"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(period_parse(bad[i], 0, &p) != 0, "took '%s'", bad[i]);
}
END_TEST

START_TEST(test_weighted_rounds_once)
{
	struct weighted_sum w = {0, 0};

	/* three cents at 50%: 1.5 cents, half up to 2 (rounding each would give 3) */
	for (int i = 0; i < 3; i++)
		weighted_add(&w, 1, 50);
	ck_assert_int_eq(weighted_value(&w), 2);
	w = (struct weighted_sum){0, 0};
	weighted_add(&w, 600001, 60); /* 6000.01 at 60% = 3600.006 */
	weighted_add(&w, 2000000, 90);
	ck_assert_int_eq(weighted_value(&w), 360001 + 1800000);
	/* as many of the largest amounts as still sum (10^14 minor units each): no overflow */
	w = (struct weighted_sum){0, 0};
	for (int i = 0; i < 92233; i++)
		weighted_add(&w, INT64_C(100000000000000), 99);
	ck_assert(weighted_value(&w) == INT64_C(99000000000000) * 92233);
}
END_TEST

START_TEST(test_forecast_accuracy)
{
	ck_assert(forecast_accuracy(1360001, 1600000) > 0.85 &&
		  forecast_accuracy(1360001, 1600000) < 0.8501);
	ck_assert(forecast_accuracy(1000000, 1600000) == 0.625);
	ck_assert(forecast_accuracy(1600000, 1600000) == 1.0);
	ck_assert(forecast_accuracy(4000000, 1600000) < 0); /* forecast 2.5 times the won */
	ck_assert(forecast_accuracy(500, 0) == 0);          /* nothing won: a rate over nothing */
}
END_TEST

Suite *
suite_review(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("review");

	tcase_add_loop_test(tc, test_waterfall_bucket, 0, NCASES);
	tcase_add_test(tc, test_waterfall_adds_up);
	tcase_add_exit_test(tc, test_waterfall_check_fails_loudly, 1);
	tcase_add_loop_test(tc, test_commit_rule, 0, (int)(sizeof rules / sizeof rules[0]));
	tcase_add_test(tc, test_period_parse);
	tcase_add_test(tc, test_weighted_rounds_once);
	tcase_add_test(tc, test_forecast_accuracy);
	suite_add_tcase(s, tc);
	return s;
}
