#include <stdio.h>
#include <string.h>

#include "date.h"
#include "period.h"

static void
quarter(int year, int q, struct period *out)
{
	out->year = year;
	out->quarter = q;
	out->first = date_from_ymd(year, 3 * q - 2, 1);
	out->last =
		(q == 4 ? date_from_ymd(year + 1, 1, 1) : date_from_ymd(year, 3 * q + 1, 1)) - 1;
}

void
period_of_day(long day, struct period *out)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	quarter(y, (m + 2) / 3, out);
}

int
period_parse(const char *s, long today, struct period *out)
{
	if (strcmp(s, "this") == 0 || strcmp(s, "next") == 0) {
		period_of_day(today, out);
		if (s[0] == 'n')
			period_of_day(out->last + 1, out);
		return 0;
	}
	/* Exactly YYYY-Qn, in the years dates may have. */
	if (strlen(s) != 7 || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q') || s[6] < '1' ||
	    s[6] > '4')
		return -1;
	int year = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		year = year * 10 + (s[i] - '0');
	}
	if (year < 1900)
		return -1;
	quarter(year, s[6] - '0', out);
	return 0;
}

int
period_has(const struct period *p, long day)
{
	return day != NO_DAY && day >= p->first && day <= p->last;
}

void
period_name(const struct period *p, char out[PERIOD_LEN])
{
	snprintf(out, PERIOD_LEN, "%04u-Q%c", (unsigned)p->year % 10000u, '0' + p->quarter % 10);
}
