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
/* Today in UTC. */
long date_today(void);
/* The date part of a stored timestamp "YYYY-MM-DD HH:MM:SS"; -1 if malformed. */
long date_of_timestamp(const char *ts);

/* A stored UTC timestamp for time t. */
void timestamp_format(time_t t, char out[TIMESTAMP_LEN]);
void timestamp_now(char out[TIMESTAMP_LEN]);
/* The last second of a day, for "as of the end of that day". */
void timestamp_end_of_day(long days, char out[TIMESTAMP_LEN]);

#endif
