#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "money.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Currency decoration: letters, symbols, spaces; never digits or separators. */
static int
is_decoration(unsigned char c)
{
	return c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '$' ||
	       c == ' ' || c == '\t';
}

/*
 * The symbols people write beside amounts, and the currencies each may mean:
 * "$" is any dollar's or peso's, "R$" only the real's.
 */
static const struct symbol {
	const char *sym, *codes;
} symbols[] = {
	{"$", "USD CAD AUD NZD HKD SGD MXN ARS CLP COP TWD"},
	{"US$", "USD"},
	{"C$", "CAD"},
	{"CA$", "CAD"},
	{"A$", "AUD"},
	{"AU$", "AUD"},
	{"NZ$", "NZD"},
	{"HK$", "HKD"},
	{"S$", "SGD"},
	{"MX$", "MXN"},
	{"R$", "BRL"},
	{"\xe2\x82\xac", "EUR"},     /* € */
	{"\xc2\xa3", "GBP"},         /* £ */
	{"\xc2\xa5", "JPY CNY"},     /* ¥ */
	{"\xef\xbf\xa5", "JPY CNY"}, /* fullwidth ¥ */
	{"\xe5\x86\x86", "JPY"},     /* 円 */
	{"\xe5\x85\x83", "CNY"},     /* 元 */
	{"\xe2\x82\xb9", "INR"},     /* ₹ */
	{"\xe2\x82\xa9", "KRW"},     /* ₩ */
	{"\xe2\x82\xbd", "RUB"},     /* ₽ */
	{"\xe2\x82\xba", "TRY"},     /* ₺ */
	{"\xe2\x82\xaa", "ILS"},     /* ₪ */
	{"\xe2\x82\xab", "VND"},     /* ₫ */
	{"\xe0\xb8\xbf", "THB"},     /* ฿ */
	{"\xe2\x82\xb1", "PHP"},     /* ₱ */
	{"\xe2\x82\xb4", "UAH"},     /* ₴ */
	{"\xe2\x82\xa6", "NGN"},     /* ₦ */
	{"z\xc5\x82", "PLN"},        /* zł */
	{"K\xc4\x8d", "CZK"},        /* Kč */
	{"Ft", "HUF"},
	{"kr", "SEK NOK DKK ISK"},
	{"Fr", "CHF"},
	{"R", "ZAR"},
	{"Rp", "IDR"},
	{"RM", "MYR"},
	{"lei", "RON"},
};

/* Trims spaces, tabs and no-break spaces (U+00A0, U+202F) off both ends of [*a, *z). */
static void
trim_spaces(const char **a, const char **z)
{
	for (;;) {
		if (*a < *z && (**a == ' ' || **a == '\t'))
			(*a)++;
		else if (*z - *a >= 2 && memcmp(*a, "\xc2\xa0", 2) == 0)
			*a += 2;
		else if (*z - *a >= 3 && memcmp(*a, "\xe2\x80\xaf", 3) == 0)
			*a += 3;
		else
			break;
	}
	for (;;) {
		if (*z > *a && ((*z)[-1] == ' ' || (*z)[-1] == '\t'))
			(*z)--;
		else if (*z - *a >= 2 && memcmp(*z - 2, "\xc2\xa0", 2) == 0)
			*z -= 2;
		else if (*z - *a >= 3 && memcmp(*z - 3, "\xe2\x80\xaf", 3) == 0)
			*z -= 3;
		else
			break;
	}
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
has_code(const char *codes, const char *code)
{
	for (const char *c = codes; *c; c += c[3] ? 4 : 3)
		if (strncmp(c, code, 3) == 0)
			return 1;
	return 0;
}

static int
is_code(const char *m, size_t len)
{
	if (len != 3)
		return 0;
	for (size_t i = 0; i < 3; i++)
		if (m[i] < 'A' || m[i] > 'Z')
			return 0;
	return 1;
}

/*
 * What a mark beside the number is: nothing or the pipeline's currency (its
 * code in any case, or one of its symbols) is 0; another currency's code or
 * symbol is 1; anything else (a typo, "million") is 2.
 */
static int
mark_kind(const char *a, const char *z, const char *currency)
{
	size_t len;

	trim_spaces(&a, &z);
	len = (size_t)(z - a);
	if (len == 0)
		return 0;
	if (currency != NULL && len == 3 && strlen(currency) == 3 &&
	    strncasecmp(a, currency, 3) == 0)
		return 0;
	/* Any currency: a code in any case may be the pipeline's. */
	if (currency != NULL && strcmp(currency, MONEY_ANY_CURRENCY) == 0 && len == 3 &&
	    is_alpha(a[0]) && is_alpha(a[1]) && is_alpha(a[2]))
		return 1;
	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
		if (strlen(symbols[i].sym) == len && memcmp(symbols[i].sym, a, len) == 0)
			return currency != NULL && strlen(currency) == 3 &&
					       has_code(symbols[i].codes, currency)
				       ? 0
				       : 1;
	return is_code(a, len) ? 1 : 2;
}

int
money_parse(const char *s, const char *currency, int64_t *minor, const char **why)
{
	const char *a = s, *z = s + strlen(s);
	char num[64];
	size_t n = 0;
	const char *dec = NULL;
	int64_t whole = 0, frac = 0;
	int fdigits = 0;

	while (a < z && is_decoration((unsigned char)*a))
		a++;
	while (z > a && is_decoration((unsigned char)z[-1]))
		z--;
	/* Only the pipeline's own currency may be named: 12 GBP is not 12 USD. */
	int before = mark_kind(s, a, currency), after = mark_kind(z, s + strlen(s), currency);
	int any = currency != NULL && strcmp(currency, MONEY_ANY_CURRENCY) == 0;
	if ((before == 1 || after == 1) && !any) {
		*why = "it names another currency";
		return -1;
	}
	if (before == 2 || after == 2) {
		*why = "not a number (letters that are not the currency)";
		return -1;
	}
	if (a < z && *a == '-') {
		*why = "negative amounts are not allowed";
		return -1;
	}
	if (a < z && *a == '+')
		a++;
	if (a == z) {
		*why = "no number";
		return -1;
	}
	if ((size_t)(z - a) >= sizeof num) {
		*why = "too long";
		return -1;
	}
	for (const char *p = a; p < z; p++) {
		if (!is_digit(*p) && *p != ',' && *p != '.' && *p != ' ' && *p != '\'') {
			*why = "not a number";
			return -1;
		}
		num[n++] = *p == '\'' ? ' ' : *p; /* 1'234 (Swiss) groups like 1 234 */
	}
	num[n] = '\0';

	/* The decimal separator is the last '.' or ',' followed by one or two digits;
	 * ',', '.' or ' ' before it group thousands. */
	char *last = NULL;
	for (char *p = num; *p; p++)
		if (*p == '.' || *p == ',')
			last = p;
	if (last != NULL) {
		size_t after = strlen(last + 1);
		int others = 0;

		for (char *p = num; p < last; p++)
			others += *p == *last;
		if (after == 1 || after == 2)
			dec = last;
		else if (after == 3 && *last == '.' && others == 0 && strchr(num, ',') == NULL) {
			*why = "ambiguous: write 12500 or 12.50";
			return -1;
		} else if (after != 3) {
			*why = "more than two decimals";
			return -1;
		}
	}
	/* Everything before the decimal separator: digits in groups of three. */
	const char *end = dec ? dec : num + n;
	char sep = 0;
	int group = -1, ndigits = 0;
	for (const char *p = num; p < end; p++) {
		if (is_digit(*p)) {
			if (whole > MONEY_MAX / 100) {
				*why = "too large (at most 1,000,000,000,000)";
				return -1;
			}
			whole = whole * 10 + (*p - '0');
			ndigits++;
			if (group >= 0)
				group++;
			continue;
		}
		if ((sep && *p != sep) || (dec && *p == *dec) || ndigits == 0 ||
		    (group >= 0 && group != 3) || (group < 0 && ndigits > 3)) {
			*why = "misplaced thousands separator";
			return -1;
		}
		sep = *p;
		group = 0;
	}
	if (ndigits == 0 || (group >= 0 && group != 3)) {
		*why = ndigits == 0 ? "no digits before the decimals"
				    : "misplaced thousands separator";
		return -1;
	}
	if (dec) {
		for (const char *p = dec + 1; *p; p++) {
			if (!is_digit(*p)) {
				*why = "not a number";
				return -1;
			}
			frac = frac * 10 + (*p - '0');
			fdigits++;
		}
		if (fdigits == 1)
			frac *= 10;
	}
	if (whole > MONEY_MAX / 100 || whole * 100 + frac > MONEY_MAX) {
		*why = "too large (at most 1,000,000,000,000)";
		return -1;
	}
	*minor = whole * 100 + frac;
	return 0;
}

void
money_format(int64_t minor, int grouping, char out[MONEY_LEN])
{
	char digits[MONEY_LEN];
	int64_t whole = minor / 100, frac = minor % 100;
	const char *sign = "";
	size_t len, o = 0;

	if (minor < 0) {
		sign = "-";
		whole = -whole;
		frac = -frac;
	}
	snprintf(digits, sizeof digits, "%lld", (long long)whole);
	len = strlen(digits);
	o = (size_t)snprintf(out, MONEY_LEN, "%s", sign);
	for (size_t i = 0; i < len && o < MONEY_LEN - 5; i++) {
		if (grouping && i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, MONEY_LEN - o, ".%02lld", (long long)frac);
}

int
currency_code_valid(const char *code)
{
	if (code == NULL || strlen(code) != 3)
		return 0;
	for (int i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return 0;
	return 1;
}
