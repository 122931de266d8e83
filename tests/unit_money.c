#include <stdint.h>
#include <string.h>

#include "money.h"
#include "unit.h"

/* What people and other CRMs write, and what it is worth in cents. */
static const struct {
	const char *in;
	int64_t minor;
} good[] = {
	{"12500", 1250000},
	{"12500.5", 1250050},
	{"12500.50", 1250050},
	{"12,500.00", 1250000},
	{"$12,500.00", 1250000},
	{"$12,500", 1250000},
	{"12.500,00 \xe2\x82\xac", 1250000}, /* 12.500,00 € */
	{"\xe2\x82\xac 12.500,00", 1250000},
	{"EUR 99", 9900},
	{"99 EUR", 9900},
	{"1 234,56", 123456},
	{"1'234.50", 123450},
	{"1,000,000", 100000000},
	{"1.000.000,5", 100000050},
	{"12,345", 1234500}, /* a comma before three digits groups thousands */
	{"1,5", 150},
	{"0", 0},
	{"0.00", 0},
	{"0.07", 7},
	{"+5", 500},
	{"  42  ", 4200},
	{"£7.25", 725},
	{"92233720368547749.99", INT64_C(9223372036854774999)},
};

START_TEST(test_money_parse_accepts)
{
	const char *why = NULL;
	int64_t v = -1;

	ck_assert_msg(money_parse(good[_i].in, &v, &why) == 0, "refused '%s': %s", good[_i].in,
		      why);
	ck_assert_msg(v == good[_i].minor, "'%s' gave %lld", good[_i].in, (long long)v);
}
END_TEST

static const char *const bad[] = {
	"12x",  /* a lone letter is a typo, not a currency */
	"x12",
	"-5",
	"-12,500.00",
	"$-5",
	"- 5",
	"12a50",
	"12 EUR 50",
	"1e5",
	"12.345.67",
	"12.505", /* 3 decimals after a lone '.': ambiguous */
	"12.500",
	"0.125",
	"1.2345",
	"12.5000",
	"12,500.123",
	"1,23,456",
	"1234,567",
	"12,50,000.00",
	"1.234,567",
	"1,234.5.6",
	"1.5.3",
	",500",
	".5",
	"1,,000",
	"1  234",
	"1 234 56",
	"1 234,567",
	"1,000.000,00",
	"",
	"   ",
	"$",
	"EUR",
	"99999999999999999999",
	"92233720368547750",
	"123456789012345678901234567890123456789012345678901234567890123456789",
};

START_TEST(test_money_refusals)
{
	const char *why = NULL;
	int64_t v = 777;

	ck_assert_msg(money_parse(bad[_i], &v, &why) == -1, "accepted '%s' as %lld", bad[_i],
		      (long long)v);
	ck_assert_msg(why != NULL && why[0] != '\0', "no reason for '%s'", bad[_i]);
}
END_TEST

START_TEST(test_money_refusal_reasons)
{
	const char *why = NULL;
	int64_t v;

	ck_assert_int_eq(money_parse("-5", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "negative"));
	ck_assert_int_eq(money_parse("12.500", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "ambiguous"));
	ck_assert_int_eq(money_parse("1.2345", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "decimals"));
	ck_assert_int_eq(money_parse("1,23,456", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "separator"));
	ck_assert_int_eq(money_parse("99999999999999999999", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "large"));
	ck_assert_int_eq(money_parse("", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "number"));
}
END_TEST

/* Spaces group thousands like commas do: in threes (once they were just dropped). */
START_TEST(test_money_space_groups_of_three)
{
	const char *why = NULL;
	int64_t v = 0;

	ck_assert_int_eq(money_parse("1 234 567", &v, &why), 0);
	ck_assert_int_eq(v, 123456700);
	ck_assert_msg(money_parse("1 23 456", &v, &why) == -1, "'1 23 456' read as %lld",
		      (long long)v);
	ck_assert_msg(money_parse("12 34", &v, &why) == -1, "'12 34' read as %lld", (long long)v);
}
END_TEST

START_TEST(test_money_format)
{
	static const struct {
		int64_t minor;
		const char *plain, *grouped;
	} cases[] = {
		{0, "0.00", "0.00"},
		{5, "0.05", "0.05"},
		{100, "1.00", "1.00"},
		{99999, "999.99", "999.99"},
		{100000, "1000.00", "1,000.00"},
		{1250050, "12500.50", "12,500.50"},
		{12345678900, "123456789.00", "123,456,789.00"},
		{-5, "-0.05", "-0.05"},
		{-1250000, "-12500.00", "-12,500.00"},
		{INT64_MAX, "92233720368547758.07", "92,233,720,368,547,758.07"},
		{INT64_MIN, "-92233720368547758.08", "-92,233,720,368,547,758.08"},
	};
	char out[MONEY_LEN];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		money_format(cases[i].minor, 0, out);
		ck_assert_str_eq(out, cases[i].plain);
		money_format(cases[i].minor, 1, out);
		ck_assert_str_eq(out, cases[i].grouped);
	}
}
END_TEST

/* What money_format writes, money_parse reads back the same. */
START_TEST(test_money_format_parse_round_trip)
{
	static const int64_t values[] = {0, 1, 10, 99, 100, 123456, 100000000, 999999999999};
	char out[MONEY_LEN];

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		for (int grouping = 0; grouping <= 1; grouping++) {
			const char *why = NULL;
			int64_t v = -1;

			money_format(values[i], grouping, out);
			ck_assert_msg(money_parse(out, &v, &why) == 0, "'%s': %s", out, why);
			ck_assert_int_eq(v, values[i]);
		}
}
END_TEST

START_TEST(test_currency_code_valid)
{
	ck_assert(currency_code_valid("USD"));
	ck_assert(currency_code_valid("EUR"));
	ck_assert(!currency_code_valid("usd"));
	ck_assert(!currency_code_valid("US"));
	ck_assert(!currency_code_valid("USDX"));
	ck_assert(!currency_code_valid("U$D"));
	ck_assert(!currency_code_valid(""));
	ck_assert(!currency_code_valid(NULL));
}
END_TEST

Suite *
suite_money(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("money");

	tcase_add_loop_test(tc, test_money_parse_accepts, 0, (int)(sizeof good / sizeof good[0]));
	tcase_add_loop_test(tc, test_money_refusals, 0, (int)(sizeof bad / sizeof bad[0]));
	tcase_add_test(tc, test_money_refusal_reasons);
	tcase_add_test(tc, test_money_space_groups_of_three);
	tcase_add_test(tc, test_money_format);
	tcase_add_test(tc, test_money_format_parse_round_trip);
	tcase_add_test(tc, test_currency_code_valid);
	suite_add_tcase(s, tc);
	return s;
}
