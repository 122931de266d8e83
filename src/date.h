/* Calendar dates as day numbers (days since 1970-01-01), always UTC. */
#ifndef DD_DATE_H
#define DD_DATE_H

#include <time.h>

#define DATE_LEN      11 /* "YYYY-MM-DD" + NUL */
#define TIMESTAMP_LEN 20 /* "YYYY-MM-DD HH:MM:SS" + NUL */

/* Strict YYYY-MM-DD with a real calendar day; 0 on success, -1 otherwise. */
int date_parse(const char *s, long *days);
void date_format(long days, char out[DATE_LEN]);
long date_from_ymd(int y, int m, int d);
void date_to_ymd(long days, int *y, int *m, int *d);
/*
 * Now: the clock, read afresh on every call so a session open past midnight
 * moves on to the next day. Everything that asks for "now" or "today" asks here.
 */
time_t clock_now(void);
/* Tests only (no option or variable reaches it): stop the clock at t; 0 lets it run. */
void clock_pin(time_t t);
/* Today in UTC. */
long date_today(void);
/* The date part of a stored timestamp "YYYY-MM-DD HH:MM:SS"; -1 if malformed. */
long date_of_timestamp(const char *ts);

/*
 * A date or time as stored, "YYYY-MM-DD HH:MM:SS": ISO "YYYY-MM-DD",
 * "YYYY-MM-DD HH:MM[:SS[.fff]]" or "YYYY-MM-DDTHH:MM:SS[.fff][Z]", else (fmt not NULL) in
 * strptime format fmt. A real calendar day from 1900 on; 0, or -1 if it is not one.
 */
int timestamp_parse(const char *s, const char *fmt, char out[TIMESTAMP_LEN]);
/* Formats the parts without snprintf (imports and the demo write millions). */
void timestamp_from_parts(int y, int m, int d, int H, int M, int S, char out[TIMESTAMP_LEN]);
/* A stored UTC timestamp for time t. */
void timestamp_format(time_t t, char out[TIMESTAMP_LEN]);
void timestamp_now(char out[TIMESTAMP_LEN]);
/* The first and last second of a day: a period from one day to the end of another. */
void timestamp_start_of_day(long days, char out[TIMESTAMP_LEN]);
void timestamp_end_of_day(long days, char out[TIMESTAMP_LEN]);

#endif
