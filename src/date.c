#include <stdio.h>
#include <string.h>

#include "date.h"

/* Howard Hinnant's days_from_civil / civil_from_days, proleptic Gregorian. */
long
date_from_ymd(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse(const char *s, long *days)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*days = date_from_ymd(y, m, d);
	return 0;
}

void
date_format(long days, char out[DATE_LEN])
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	snprintf(out, DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

long
date_today(void)
{
	time_t t = time(NULL);

	return (long)(t / 86400) - (t % 86400 < 0);
}

long
date_of_timestamp(const char *ts)
{
	char buf[DATE_LEN];
	long days;

	if (ts == NULL || strlen(ts) < 10)
		return -1;
	memcpy(buf, ts, 10);
	buf[10] = '\0';
	return date_parse(buf, &days) == 0 ? days : -1;
}

void
timestamp_format(time_t t, char out[TIMESTAMP_LEN])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, TIMESTAMP_LEN, "%Y-%m-%d %H:%M:%S", &tm);
}

void
timestamp_now(char out[TIMESTAMP_LEN])
{
	timestamp_format(time(NULL), out);
}

void
timestamp_end_of_day(long days, char out[TIMESTAMP_LEN])
{
	char d[DATE_LEN];

	date_format(days, d);
	snprintf(out, TIMESTAMP_LEN, "%s 23:59:59", d);
}
