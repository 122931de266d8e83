#define _XOPEN_SOURCE 700 /* strptime */
#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* A real calendar day in the years we store. */
static int
valid_day(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* n decimal digits of v at p: what %0nu prints of v modulo 10^n. */
static void
put_digits(char *p, unsigned v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
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
	if (!valid_day(y, m, d))
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

static time_t pinned;

time_t
clock_now(void)
{
	return pinned != 0 ? pinned : time(NULL);
}

void
clock_pin(time_t t)
{
	pinned = t;
}

long
date_today(void)
{
	time_t t = clock_now();

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

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.fff]]", "YYYY-MM-DDTHH:MM:SS[.fff][Z]". */
static int
parse_iso(const char *s, int *y, int *m, int *d, int *H, int *M, int *S)
{
	const char *p = s + 10;

	*H = *M = *S = 0;
	if (strlen(s) < 10 || (*y = digits(s, 4)) < 0 || s[4] != '-' ||
	    (*m = digits(s + 5, 2)) < 0 || s[7] != '-' || (*d = digits(s + 8, 2)) < 0)
		return 0;
	if (*p == '\0')
		return 1;
	if ((*p != ' ' && *p != 'T') || (*H = digits(p + 1, 2)) < 0 || p[3] != ':' ||
	    (*M = digits(p + 4, 2)) < 0)
		return 0;
	p += 6;
	if (*p == ':' && (*S = digits(p + 1, 2)) >= 0) {
		p += 3;
		/* Fractions of a second (APIs write .000Z): dropped, as stored. */
		if (*p == '.' && p[1] >= '0' && p[1] <= '9')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
	}
	if (*p == 'Z' && s[10] == 'T')
		p++;
	return *p == '\0';
}

int
timestamp_parse(const char *s, const char *fmt, char out[TIMESTAMP_LEN])
{
	int y, m, d, H, M, S, ok = parse_iso(s, &y, &m, &d, &H, &M, &S);

	if (!ok && fmt != NULL) {
		struct tm tm;
		const char *end;

		memset(&tm, 0, sizeof tm);
		end = strptime(s, fmt, &tm);
		ok = end != NULL && *end == '\0';
		y = tm.tm_year + 1900;
		m = tm.tm_mon + 1;
		d = tm.tm_mday;
		H = tm.tm_hour;
		M = tm.tm_min;
		S = tm.tm_sec;
	}
	/* strptime takes 02/31, and 60 seconds. */
	if (!ok || !valid_day(y, m, d) || H < 0 || H > 23 || M < 0 || M > 59 || S < 0 || S > 59)
		return -1;
	timestamp_from_parts(y, m, d, H, M, S, out);
	return 0;
}

void
timestamp_from_parts(int y, int m, int d, int H, int M, int S, char out[TIMESTAMP_LEN])
{
	put_digits(out, (unsigned)y, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d, 2);
	out[10] = ' ';
	put_digits(out + 11, (unsigned)H, 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)M, 2);
	out[16] = ':';
	put_digits(out + 17, (unsigned)S, 2);
	out[19] = '\0';
}

void
timestamp_format(time_t t, char out[TIMESTAMP_LEN])
{
	struct tm tm;

	/* What strftime's "%Y-%m-%d %H:%M:%S" gives for years 1000 to 9999. */
	gmtime_r(&t, &tm);
	timestamp_from_parts(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			     tm.tm_sec, out);
}

void
timestamp_now(char out[TIMESTAMP_LEN])
{
	timestamp_format(clock_now(), out);
}

static void
day_at(long days, int H, int M, int S, char out[TIMESTAMP_LEN])
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	timestamp_from_parts(y, m, d, H, M, S, out);
}

void
timestamp_start_of_day(long days, char out[TIMESTAMP_LEN])
{
	day_at(days, 0, 0, 0, out);
}

void
timestamp_end_of_day(long days, char out[TIMESTAMP_LEN])
{
	day_at(days, 23, 59, 59, out);
}
