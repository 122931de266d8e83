#include <stdint.h>
#include <string.h>

#include "money.h"
#include "unit.h"

/* What people and other CRMs write, in a pipeline of that currency, in cents. */
static const struct {
	const char *in, *currency;
	int64_t minor;
} good[] = {
	{"12500", "USD", 1250000},
	{"12500.5", "USD", 1250050},
	{"12500.50", "USD", 1250050},
	{"12,500.00", "USD", 1250000},
	{"$12,500.00", "USD", 1250000},
	{"$12,500", "USD", 1250000},
	{"$12,500", "CAD", 1250000},
	{"C$ 12,500", "CAD", 1250000},
	{"US$12,500", "USD", 1250000},
	{"12.500,00 \xe2\x82\xac", "EUR", 1250000}, /* 12.500,00 € */
	{"\xe2\x82\xac 12.500,00", "EUR", 1250000},
	{"\342\202\254\302\24012.500,00", "EUR", 1250000}, /* a no-break space */
	{"EUR 99", "EUR", 9900},
	{"99 EUR", "EUR", 9900},
	{"99 eur", "EUR", 9900},
	{"$99 USD", "USD", 9900},
	{"1 234,56", "EUR", 123456},
	{"1'234.50", "CHF", 123450},
	{"1'234.50 Fr", "CHF", 123450},
	{"1,000,000", "USD", 100000000},
	{"1.000.000,5", "EUR", 100000050},
	{"12,345", "USD", 1234500}, /* a comma before three digits groups thousands */
	{"1,5", "EUR", 150},
	{"0", "USD", 0},
	{"0.00", "USD", 0},
	{"0.07", "USD", 7},
	{"+5", "USD", 500},
	{"  42  ", "USD", 4200},
	{"42", NULL, 4200},
	{"\302\2437.25", "GBP", 725}, /* £ */
	{"100 \xc2\xa5", "JPY", 10000},
	{"100 kr", "SEK", 10000},
	{"R 100", "ZAR", 10000},
	{"1,000,000,000,000", "USD", INT64_C(100000000000000)}, /* the most */
	{"999999999999.99", "USD", INT64_C(99999999999999)},
};

START_TEST(test_money_parse_accepts)
{
	const char *why = NULL;
	int64_t v = -1;

	ck_assert_msg(money_parse(good[_i].in, good[_i].currency, &v, &why) == 0,
		      "refused '%s' in %s: %s", good[_i].in, good[_i].currency, why);
	ck_assert_msg(v == good[_i].minor, "'%s' gave %lld", good[_i].in, (long long)v);
}
END_TEST

/* Refused in a USD pipeline. */
static const char *const bad[] = {
	"12x", /* a lone letter is a typo, not a currency */
	"x12",
	"12abc", /* once read as 12.00 */
	"5 million",
	"12 GBP", /* another currency is never read as ours */
	"EUR 100",
	"100 \xc2\xa5",   /* ¥ */
	"\342\202\25412", /* €12 */
	"R$ 12",
	"12 gbp",
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
	"1000000000000.01", /* above 10^12 */
	"1,000,000,000,001",
	"99999999999999999999",
	"92233720368547750",
	"92233720368547749.99",
	"123456789012345678901234567890123456789012345678901234567890123456789",
};

START_TEST(test_money_refusals)
{
	const char *why = NULL;
	int64_t v = 777;

	ck_assert_msg(money_parse(bad[_i], "USD", &v, &why) == -1, "accepted '%s' as %lld",
		      bad[_i], (long long)v);
	ck_assert_msg(why != NULL && why[0] != '\0', "no reason for '%s'", bad[_i]);
}
END_TEST

START_TEST(test_money_refusal_reasons)
{
	const char *why = NULL;
	int64_t v;

	ck_assert_int_eq(money_parse("-5", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "negative"));
	ck_assert_int_eq(money_parse("12.500", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "ambiguous"));
	ck_assert_int_eq(money_parse("1.2345", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "decimals"));
	ck_assert_int_eq(money_parse("1,23,456", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "separator"));
	ck_assert_int_eq(money_parse("99999999999999999999", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "large"));
	ck_assert_int_eq(money_parse("", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "number"));
}
END_TEST

/* Spaces group thousands like commas do: in threes (once they were just dropped). */
START_TEST(test_money_space_groups_of_three)
{
	const char *why = NULL;
	int64_t v = 0;

	ck_assert_int_eq(money_parse("1 234 567", "USD", &v, &why), 0);
	ck_assert_int_eq(v, 123456700);
	ck_assert_msg(money_parse("1 23 456", "USD", &v, &why) == -1, "'1 23 456' read as %lld",
		      (long long)v);
	ck_assert_msg(money_parse("12 34", "USD", &v, &why) == -1, "'12 34' read as %lld",
		      (long long)v);
}
END_TEST

/* The reason says what is wrong: another currency, or letters that are none. */
START_TEST(test_money_currency_reasons)
{
	const char *why = NULL;
	int64_t v = 777;

	ck_assert_int_eq(money_parse("12 GBP", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "another currency"));
	ck_assert_int_eq(money_parse("$12", "EUR", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "another currency"));
	ck_assert_int_eq(money_parse("12 EUR", NULL, &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "another currency"));
	ck_assert_int_eq(money_parse("12abc", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "letters"));
	ck_assert_int_eq(money_parse("5 million", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "letters"));
	ck_assert_int_eq(money_parse("1000000000000.01", "USD", &v, &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "large"));
	ck_assert_int_eq(v, 777);
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
			ck_assert_msg(money_parse(out, "USD", &v, &why) == 0, "'%s': %s", out,
				      why);
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
	tcase_add_test(tc, test_money_currency_reasons);
	tcase_add_test(tc, test_money_format);
	tcase_add_test(tc, test_money_format_parse_round_trip);
	tcase_add_test(tc, test_currency_code_valid);
	suite_add_tcase(s, tc);
	return s;
}
