#include <stdio.h>
#include <string.h>

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

/* Whether [a, z) holds exactly one ASCII letter among its decorations. */
static int
lone_letter(const char *a, const char *z)
{
	int letters = 0;

	for (; a < z; a++)
		letters += (*a >= 'A' && *a <= 'Z') || (*a >= 'a' && *a <= 'z');
	return letters == 1;
}

int
money_parse(const char *s, int64_t *minor, const char **why)
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
	/* A currency is a symbol or a code ("EUR", "kr"): a lone letter is a typo. */
	if (lone_letter(s, a) || lone_letter(z, s + strlen(s))) {
		*why = "not a number";
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
			if (whole > (INT64_MAX / 100 - 9) / 10) {
				*why = "too large";
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
