/* Forecast periods: calendar quarters, named YYYY-Qn, "this" or "next". */
#ifndef DD_PERIOD_H
#define DD_PERIOD_H

#include <limits.h>

#define PERIOD_LEN 8        /* "2026-Q2" + NUL */
#define NO_DAY     LONG_MIN /* a deal without a close date: in no period */

struct period {
	int year, quarter; /* 1..4 */
	long first, last;  /* day numbers, both included */
};

/* The quarter day falls in. */
void period_of_day(long day, struct period *out);
/*
 * "YYYY-Qn" (q or Q), or "this" / "next": the quarter of today and the one
 * after. 0, or -1 when s is none of those.
 */
int period_parse(const char *s, long today, struct period *out);
/* Whether a close date (a day number, or NO_DAY) falls in the period. */
int period_has(const struct period *p, long day);
void period_name(const struct period *p, char out[PERIOD_LEN]);

#endif
