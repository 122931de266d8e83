/*
 * The date layouts other CRMs write besides ISO (12/25/2026, 25.12.2026, …), each
 * with or without a time, and finding the one a column is in from its values.
 */
#ifndef DD_IMPORT_DATES_H
#define DD_IMPORT_DATES_H

#include "date.h"

/* Layouts are numbered 0 .. DATE_LAYOUTS - 1; a set of them is a bit mask. */
#define DATE_LAYOUTS 4

/* The layout as --date-format names it ("%m/%d/%Y"), or NULL past the last. */
const char *date_layout_name(int k);
/* The layout --date-format names, or -1 when fmt is no layout (a strptime format). */
int date_layout_find(const char *fmt);
/*
 * Reads s in layout k, with an optional time after a space or T: H:MM, H:MM:SS,
 * fractions of a second, AM/PM. 0 and the stored form in out, or -1.
 */
int date_layout_read(int k, const char *s, char out[TIMESTAMP_LEN]);
/* The layouts that read s, as a mask (0: none; ISO is no layout). */
unsigned date_layouts_reading(const char *s);

/*
 * A look through raw bytes, chunk by chunk, for text shaped like a layout's
 * date (digits, / or ., one or two digits, the same mark, a digit). A file
 * without any holds no value a layout reads: its date formats need no search.
 */
struct date_scan {
	int state, digits;
	char mark;
};

/* 1 once such text was seen, in this chunk or an earlier one. */
int date_scan_feed(struct date_scan *sc, const char *b, size_t n);

/* What the values of one column said so far. Values are kept cut to this. */
#define GUESS_VALUE_MAX 40

struct date_guess {
	unsigned left; /* layouts that read every value so far */
	long line;     /* the first value a layout reads, and its line */
	char first[GUESS_VALUE_MAX];
	long clash_line; /* the first value that none of those left reads */
	char clash[GUESS_VALUE_MAX];
};

enum { GUESS_NONE = -1, GUESS_AMBIGUOUS = -2, GUESS_CLASH = -3 };

void date_guess_init(struct date_guess *g);
/* One value of the column: ISO, empty and unreadable values tell nothing. */
void date_guess_add(struct date_guess *g, const char *v, long line);
/*
 * The layout every value is in (k >= 0); GUESS_NONE when no value needs one;
 * GUESS_AMBIGUOUS when several read them all; GUESS_CLASH when none does.
 */
int date_guess_result(const struct date_guess *g);
/*
 * Why the column cannot be read, for a FILE:LINE error at date_guess_line, with
 * the readings and the flag that chooses; usual names a vendor's usual layout
 * ("HubSpot", "%m/%d/%Y") or is NULL. NULL when it can be read; free the rest.
 */
char *date_guess_problem(const struct date_guess *g, const char *vendor, const char *usual);
long date_guess_line(const struct date_guess *g);
/* "YYYY-MM-DD, %m/%d/%Y, …": what is read without --date-format, for messages. */
const char *date_layouts_known(void);

#endif
