#include <string.h>

#include "date.h"
#include "unit.h"

START_TEST(test_date_parse_epoch)
{
	long d = 42;

	ck_assert_int_eq(date_parse("1970-01-01", &d), 0);
	ck_assert_int_eq(d, 0);
	ck_assert_int_eq(date_parse("1970-01-02", &d), 0);
	ck_assert_int_eq(d, 1);
	ck_assert_int_eq(date_parse("1969-12-31", &d), 0);
	ck_assert_int_eq(d, -1);
	ck_assert_int_eq(date_parse("2000-03-01", &d), 0);
	ck_assert_int_eq(d, 11017);
	ck_assert_int_eq(date_parse("2024-06-15", &d), 0);
	ck_assert_int_eq(d, 19889);
}
END_TEST

START_TEST(test_date_parse_leap_years)
{
	long d;

	ck_assert_int_eq(date_parse("2024-02-29", &d), 0);
	ck_assert_int_eq(date_parse("2000-02-29", &d), 0); /* divisible by 400 */
	ck_assert_int_eq(date_parse("2023-02-29", &d), -1);
	ck_assert_int_eq(date_parse("1900-02-29", &d), -1); /* divisible by 100 only */
	ck_assert_int_eq(date_parse("2100-02-29", &d), -1);
	ck_assert_int_eq(date_parse("2023-02-28", &d), 0);
	ck_assert_int_eq(date_parse("2024-02-30", &d), -1);
}
END_TEST

START_TEST(test_date_parse_bad_months_and_days)
{
	static const char *const bad[] = {
		"2024-00-10", "2024-13-01", "2024-99-01", "2024-01-00", "2024-01-32",
		"2024-04-31", "2024-06-31", "2024-09-31", "2024-11-31", "2024-12-32",
	};
	long d;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(date_parse(bad[i], &d) == -1, "accepted %s", bad[i]);
	ck_assert_int_eq(date_parse("2024-01-31", &d), 0);
	ck_assert_int_eq(date_parse("2024-12-31", &d), 0);
	ck_assert_int_eq(date_parse("2024-04-30", &d), 0);
}
END_TEST

START_TEST(test_date_parse_strict_format)
{
	static const char *const bad[] = {
		"",
		"2024",
		"2024-6-15",
		"2024-06-5",
		"24-06-15",
		"2024-06-15 ",
		" 2024-06-15",
		"2024-06-150",
		"2024/06/15",
		"2024.06.15",
		"20240615",
		"2024-06-1x",
		"x024-06-15",
		"2024-0a-15",
		"+024-06-15",
		"2024--6-15",
		"2024-06-15T00",
		"15-06-2024",
		"2024-06-15\n",
		"-024-06-15",
		"1899-12-31",
		"0000-01-01",
		"2024-06-15 00:00",
	};
	long d = 123;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(date_parse(bad[i], &d) == -1, "accepted '%s'", bad[i]);
	ck_assert_int_eq(date_parse(NULL, &d), -1);
	ck_assert_int_eq(d, 123); /* a refused date leaves the output alone */
}
END_TEST

START_TEST(test_date_format)
{
	char out[DATE_LEN];

	date_format(0, out);
	ck_assert_str_eq(out, "1970-01-01");
	date_format(-1, out);
	ck_assert_str_eq(out, "1969-12-31");
	date_format(date_from_ymd(2024, 2, 29), out);
	ck_assert_str_eq(out, "2024-02-29");
	date_format(date_from_ymd(9999, 12, 31), out);
	ck_assert_str_eq(out, "9999-12-31");
	date_format(date_from_ymd(1900, 1, 1), out);
	ck_assert_str_eq(out, "1900-01-01");
}
END_TEST

/*
 * Every day from 1900 to 2200: ymd, format and parse agree and are consecutive.
 * One assertion at the end: check's assertions are costly by the hundred thousand.
 */
START_TEST(test_date_round_trip_range)
{
	long first = date_from_ymd(1900, 1, 1), last = date_from_ymd(2200, 12, 31);
	long bad = 0;
	int py = 1899, pm = 12, pd = 31;

	ck_assert_int_eq(last - first + 1, 301 * 365 + 73); /* 73 leap days, 2000 incl. */
	for (long day = first; day <= last && bad == 0; day++) {
		char out[DATE_LEN];
		int y, m, d, next;
		long back = -999999;

		date_to_ymd(day, &y, &m, &d);
		/* The day after the previous one. */
		if (d == 1)
			next = (y == py && m == pm + 1) || (m == 1 && pm == 12 && y == py + 1);
		else
			next = y == py && m == pm && d == pd + 1;
		date_format(day, out);
		if (!next || date_from_ymd(y, m, d) != day || strlen(out) != 10 ||
		    date_parse(out, &back) != 0 || back != day)
			bad = day;
		py = y, pm = m, pd = d;
	}
	ck_assert_msg(bad == 0, "day %ld (%04d-%02d-%02d) does not round trip", bad, py, pm, pd);
}
END_TEST

START_TEST(test_date_of_timestamp)
{
	long d = date_from_ymd(2024, 3, 5);

	ck_assert_int_eq(date_of_timestamp("2024-03-05 00:00:00"), d);
	ck_assert_int_eq(date_of_timestamp("2024-03-05 23:59:59"), d);
	ck_assert_int_eq(date_of_timestamp("2024-03-05"), d);
	ck_assert_int_eq(date_of_timestamp("2024-3-5 10:00:00"), -1);
	ck_assert_int_eq(date_of_timestamp("2024-02-30 10:00:00"), -1);
	ck_assert_int_eq(date_of_timestamp("2024-03"), -1);
	ck_assert_int_eq(date_of_timestamp(""), -1);
	ck_assert_int_eq(date_of_timestamp(NULL), -1);
}
END_TEST

START_TEST(test_timestamp_end_of_day)
{
	char out[TIMESTAMP_LEN];

	timestamp_end_of_day(date_from_ymd(2024, 12, 31), out);
	ck_assert_str_eq(out, "2024-12-31 23:59:59");
	timestamp_end_of_day(0, out);
	ck_assert_str_eq(out, "1970-01-01 23:59:59");
	ck_assert_int_eq(date_of_timestamp(out), 0);
}
END_TEST

START_TEST(test_timestamp_format)
{
	char out[TIMESTAMP_LEN];

	timestamp_format(0, out);
	ck_assert_str_eq(out, "1970-01-01 00:00:00");
	timestamp_format(1718409599, out); /* always UTC, whatever TZ says */
	ck_assert_str_eq(out, "2024-06-14 23:59:59");
	timestamp_format(1718409600, out);
	ck_assert_str_eq(out, "2024-06-15 00:00:00");
}
END_TEST

START_TEST(test_timestamp_start_of_day)
{
	char out[TIMESTAMP_LEN];

	timestamp_start_of_day(date_from_ymd(2024, 2, 29), out);
	ck_assert_str_eq(out, "2024-02-29 00:00:00");
	timestamp_start_of_day(0, out);
	ck_assert_str_eq(out, "1970-01-01 00:00:00");
}
END_TEST

START_TEST(test_timestamp_from_parts)
{
	char out[TIMESTAMP_LEN];

	timestamp_from_parts(2024, 6, 5, 7, 8, 9, out);
	ck_assert_str_eq(out, "2024-06-05 07:08:09");
	timestamp_from_parts(9999, 12, 31, 23, 59, 59, out);
	ck_assert_str_eq(out, "9999-12-31 23:59:59");
}
END_TEST

/* Each input, its format (or NULL) and what is stored ("" when refused). */
static const struct {
	const char *in, *fmt, *want;
} parse_cases[] = {
	{"2024-03-05", NULL, "2024-03-05 00:00:00"},
	{"2024-03-05 14:30", NULL, "2024-03-05 14:30:00"},
	{"2024-03-05 14:30:15", NULL, "2024-03-05 14:30:15"},
	{"2024-03-05T14:30:15", NULL, "2024-03-05 14:30:15"},
	{"2024-03-05T14:30:15Z", NULL, "2024-03-05 14:30:15"},
	{"2024-03-05T14:30", NULL, "2024-03-05 14:30:00"},
	{"2024-03-05T14:30:15.000Z", NULL, "2024-03-05 14:30:15"}, /* APIs' milliseconds */
	{"2024-03-05 14:30:15.5", NULL, "2024-03-05 14:30:15"},
	{"2024-03-05 14:30:15.", NULL, ""},
	{"2024-03-05 14:30.000", NULL, ""}, /* a fraction of a second, not of a minute */
	{"2024-02-29", NULL, "2024-02-29 00:00:00"},
	{"2024-03-05 14:30:15Z", NULL, ""}, /* Z only after T */
	{"2024-03-05 14", NULL, ""},
	{"2024-03-05 14:3", NULL, ""},
	{"2024-03-05 14:30:1", NULL, ""},
	{"2024-03-05 14:30:15 ", NULL, ""},
	{"2024-03-05x", NULL, ""},
	{"2024-3-5", NULL, ""},
	{"2023-02-29", NULL, ""},
	{"2024-04-31", NULL, ""},
	{"1899-12-31", NULL, ""},
	{"2024-03-05 24:00", NULL, ""},
	{"2024-03-05 23:60", NULL, ""},
	{"2024-03-05 23:59:60", NULL, ""},
	{"", NULL, ""},
	{"03/05/2024", NULL, ""},
	{"03/05/2024", "%m/%d/%Y", "2024-03-05 00:00:00"},
	{"3/5/2024 9:07", "%m/%d/%Y %H:%M", "2024-03-05 09:07:00"},
	{"2024-03-05 14:30", "%m/%d/%Y", "2024-03-05 14:30:00"}, /* ISO first */
	{"02/31/2024", "%m/%d/%Y", ""},                          /* the calendar refuses */
	{"02/29/2023", "%m/%d/%Y", ""},
	{"03/05/2024 junk", "%m/%d/%Y", ""},
	{"05.03.2024", "%m/%d/%Y", ""},
};

START_TEST(test_timestamp_parse)
{
	char out[TIMESTAMP_LEN];

	for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		int rc;

		strcpy(out, "unchanged");
		rc = timestamp_parse(parse_cases[i].in, parse_cases[i].fmt, out);
		if (parse_cases[i].want[0] == '\0') {
			ck_assert_msg(rc == -1, "'%s' was taken as %s", parse_cases[i].in, out);
			ck_assert_str_eq(out, "unchanged"); /* nothing written when refused */
		} else {
			ck_assert_msg(rc == 0, "'%s' was refused", parse_cases[i].in);
			ck_assert_str_eq(out, parse_cases[i].want);
		}
	}
}
END_TEST

START_TEST(test_date_today)
{
	char now[TIMESTAMP_LEN];
	long before = (long)(time(NULL) / 86400), today = date_today();

	timestamp_now(now);
	ck_assert(today == before || today == before + 1); /* midnight may pass */
	ck_assert(date_of_timestamp(now) == today || date_of_timestamp(now) == today + 1);
}
END_TEST

Suite *
suite_date(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");

	tcase_add_test(tc, test_date_parse_epoch);
	tcase_add_test(tc, test_date_parse_leap_years);
	tcase_add_test(tc, test_date_parse_bad_months_and_days);
	tcase_add_test(tc, test_date_parse_strict_format);
	tcase_add_test(tc, test_date_format);
	tcase_add_test(tc, test_date_round_trip_range);
	tcase_add_test(tc, test_date_of_timestamp);
	tcase_add_test(tc, test_timestamp_end_of_day);
	tcase_add_test(tc, test_timestamp_format);
	tcase_add_test(tc, test_timestamp_start_of_day);
	tcase_add_test(tc, test_timestamp_from_parts);
	tcase_add_test(tc, test_timestamp_parse);
	tcase_add_test(tc, test_date_today);
	suite_add_tcase(s, tc);
	return s;
}
