#include "legend.h"

/* A marker with its ASCII form (NULL: the same), in the order a card shows them. */
static const struct legend_row {
	const char *utf8, *ascii, *meaning;
} legend[] = {
	{"ROT", NULL, "days in stage at or past the stage's rot days: rotting"},
	{"warn", NULL, "days in stage at or past the stage's warn days"},
	{"next late", NULL, "the next step is past its due date"},
	{"N late", NULL, "N plan steps past their due date"},
	{"EB✓ EB✗", "EB+ EB-", "an economic buyer is mapped, or not"},
	{"CH✓ CH✗", "CH+ CH-", "a champion is mapped, or not"},
	{"single", NULL, "fewer than two stakeholders: single-threaded"},
	{"no-contacts", NULL, "no stakeholder mapped at all"},
	{"plan N/M", NULL, "N of the M steps of the mutual action plan done"},
	{"no next", NULL, "no next step set"},
	{"+N", NULL, "N more markers than the card has room for"},
	{"WON LOST", NULL, "closed this quarter (problem filter f; u reopens)"},
	{"w", NULL, "column header: the weighted amount (by probability)"},
	{"‹ 2 3 ›", "< 2 3 >", "header row: stages beyond the screen, left and right"},
	{"▲ ▼ N more", "^ v N more", "more cards above or below in the column"},
	{"▶", ">", "the selected card"},
	{"•••", "***", "an amount hidden ($)"},
};

int
legend_rows(const struct canvas *c, const char **markers, const char **meanings, int max)
{
	int n = 0;

	for (size_t i = 0; i < sizeof legend / sizeof legend[0] && n < max; i++, n++) {
		const struct legend_row *r = &legend[i];

		markers[n] = r->ascii ? glyph(c, r->utf8, r->ascii) : r->utf8;
		meanings[n] = r->meaning;
	}
	return n;
}
