/*
 * The date layouts other CRMs write besides ISO, and finding a column's. Read by
 * hand, not by strptime: %p and month names follow the locale, and strptime
 * takes 02/31 and skips spaces where a layout has none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_dates.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Day before month (most of the world), month before day (the US), year first. */
static const struct layout {
	const char *name; /* as --date-format names it */
	char sep;
	char order[4]; /* d, m and y in the order written */
} layouts[DATE_LAYOUTS] = {
	{"%m/%d/%Y", '/', "mdy"},
	{"%d/%m/%Y", '/', "dmy"},
	{"%d.%m.%Y", '.', "dmy"},
	{"%Y/%m/%d", '/', "ymd"},
};

const char *
date_layout_name(int k)
{
	return k >= 0 && k < DATE_LAYOUTS ? layouts[k].name : NULL;
}

int
date_layout_find(const char *fmt)
{
	for (int k = 0; fmt != NULL && k < DATE_LAYOUTS; k++)
		if (strcmp(layouts[k].name, fmt) == 0)
			return k;
	return -1;
}

/* min to max digits at *p, which moves past them; -1 for fewer or more. */
static int
number(const char **p, int min, int max)
{
	int v = 0, n = 0;

	for (; **p >= '0' && **p <= '9'; (*p)++) {
		if (++n > max)
			return -1;
		v = v * 10 + (**p - '0');
	}
	return n >= min ? v : -1;
}

/* Nothing, or a space or T and H:MM[:SS[.fff]] with an optional AM or PM. */
static int
read_time(const char *p, int *H, int *M, int *S)
{
	*H = *M = *S = 0;
	if (*p == '\0')
		return 0;
	if (*p != ' ' && *p != 'T')
		return -1;
	p++;
	if ((*H = number(&p, 1, 2)) < 0 || *p != ':')
		return -1;
	p++;
	if ((*M = number(&p, 2, 2)) < 0)
		return -1;
	if (*p == ':') {
		p++;
		if ((*S = number(&p, 2, 2)) < 0)
			return -1;
		if (*p == '.') {
			p++;
			if (number(&p, 1, 9) < 0)
				return -1;
		}
	}
	if (*p == ' ')
		p++;
	if (strncasecmp(p, "AM", 2) == 0 || strncasecmp(p, "PM", 2) == 0) {
		if (*H < 1 || *H > 12)
			return -1;
		*H = *H % 12 + ((p[0] | 0x20) == 'p' ? 12 : 0);
		p += 2;
	}
	return *p == '\0' ? 0 : -1;
}

int
date_layout_read(int k, const char *s, char out[TIMESTAMP_LEN])
{
	const struct layout *l = &layouts[k];
	const char *p = s;
	int v[3] = {0}, H, M, S; /* d, m, y */
	char ts[TIMESTAMP_LEN];

	if (k < 0 || k >= DATE_LAYOUTS)
		return -1;
	for (int i = 0; i < 3; i++) {
		char part = l->order[i];
		int n = part == 'y' ? number(&p, 4, 4) : number(&p, 1, 2);

		if (n < 0)
			return -1;
		v[part == 'd' ? 0 : part == 'm' ? 1 : 2] = n;
		if (i < 2 && *p++ != l->sep)
			return -1;
	}
	if (read_time(p, &H, &M, &S) != 0)
		return -1;
	/* timestamp_parse checks the calendar day and the clock. */
	timestamp_from_parts(v[2], v[1], v[0], H, M, S, ts);
	return timestamp_parse(ts, NULL, out);
}

unsigned
date_layouts_reading(const char *s)
{
	char ts[TIMESTAMP_LEN];
	unsigned mask = 0;

	for (int k = 0; k < DATE_LAYOUTS; k++)
		if (date_layout_read(k, s, ts) == 0)
			mask |= 1u << k;
	return mask;
}

/* Where the scan is: after digits, a mark, its one or two digits, the mark again. */
enum { SC_NONE, SC_DIGITS, SC_MARK, SC_MIDDLE, SC_MARK2, SC_FOUND };

int
date_scan_feed(struct date_scan *sc, const char *b, size_t n)
{
	for (size_t i = 0; i < n && sc->state != SC_FOUND; i++) {
		char c = b[i];
		int digit = c >= '0' && c <= '9', mark = c == '/' || c == '.';

		switch (sc->state) {
		case SC_DIGITS:
			sc->state = digit ? SC_DIGITS : mark ? SC_MARK : SC_NONE;
			sc->mark = c;
			break;
		case SC_MARK:
			sc->state = digit ? SC_MIDDLE : SC_NONE;
			sc->digits = 1;
			break;
		case SC_MIDDLE:
			if (digit && ++sc->digits > 2)
				sc->state = SC_DIGITS; /* too long for a day or month: a start */
			else if (!digit)
				sc->state = c == sc->mark ? SC_MARK2 : mark ? SC_MARK : SC_NONE;
			if (sc->state == SC_MARK)
				sc->mark = c;
			break;
		case SC_MARK2:
			sc->state = digit ? SC_FOUND : SC_NONE;
			break;
		default:
			sc->state = digit ? SC_DIGITS : SC_NONE;
		}
	}
	return sc->state == SC_FOUND;
}

void
date_guess_init(struct date_guess *g)
{
	memset(g, 0, sizeof *g);
}

void
date_guess_add(struct date_guess *g, const char *v, long line)
{
	char ts[TIMESTAMP_LEN];
	unsigned mask;

	if (v[0] == '\0' || g->clash_line != 0 || timestamp_parse(v, NULL, ts) == 0)
		return;
	mask = date_layouts_reading(v);
	if (mask == 0) /* no date at all: the import names it as such */
		return;
	if (g->line == 0) {
		g->left = mask;
		g->line = line;
		snprintf(g->first, sizeof g->first, "%s", v);
	} else if ((g->left & mask) != 0) {
		g->left &= mask;
	} else {
		g->clash_line = line;
		snprintf(g->clash, sizeof g->clash, "%s", v);
	}
}

int
date_guess_result(const struct date_guess *g)
{
	if (g->clash_line != 0)
		return GUESS_CLASH;
	if (g->line == 0)
		return GUESS_NONE;
	for (int k = 0; k < DATE_LAYOUTS; k++)
		if (g->left == 1u << k)
			return k;
	return GUESS_AMBIGUOUS;
}

long
date_guess_line(const struct date_guess *g)
{
	return g->clash_line != 0 ? g->clash_line : g->line;
}

char *
date_guess_problem(const struct date_guess *g, const char *vendor, const char *usual)
{
	struct strbuf b;
	int r = date_guess_result(g), n = 0;

	if (r != GUESS_AMBIGUOUS && r != GUESS_CLASH)
		return NULL;
	strbuf_init(&b);
	if (r == GUESS_CLASH) {
		strbuf_printf(&b,
			      "'%s' is not in the date format of '%s' (line %ld): the column's "
			      "dates are written in more than one way; give --date-format with "
			      "theirs and correct the others",
			      g->clash, g->first, g->line);
		return strbuf_detach(&b);
	}
	strbuf_printf(&b, "'%s' reads as ", g->first);
	for (int k = 0; k < DATE_LAYOUTS; k++) {
		char ts[TIMESTAMP_LEN];

		if (!(g->left & 1u << k) || date_layout_read(k, g->first, ts) != 0)
			continue;
		strbuf_printf(&b, "%s%.10s (%s)", n++ ? " or " : "", ts, layouts[k].name);
	}
	strbuf_puts(&b, ", and so does every date of the column: say which with");
	n = 0;
	for (int k = 0; k < DATE_LAYOUTS; k++)
		if (g->left & 1u << k)
			strbuf_printf(&b, "%s --date-format %s", n++ ? " or" : "",
				      layouts[k].name);
	int u = date_layout_find(usual);
	if (vendor != NULL && u >= 0 && (g->left & 1u << u))
		strbuf_printf(&b, " (%s usually writes %s)", vendor, usual);
	return strbuf_detach(&b);
}

const char *
date_layouts_known(void)
{
	static char known[128];

	if (known[0] == '\0') {
		size_t n = (size_t)snprintf(known, sizeof known, "YYYY-MM-DD");

		for (int k = 0; k < DATE_LAYOUTS && n < sizeof known; k++)
			n += (size_t)snprintf(known + n, sizeof known - n, "%s%s",
					      k + 1 < DATE_LAYOUTS ? ", " : " or ",
					      layouts[k].name);
	}
	return known;
}
