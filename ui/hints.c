#include <stdio.h>
#include <string.h>

#include "hints.h"
#include "input.h"
#include "text.h"

#define MAX_RUN 4

/*
 * One entry of a hint line: the keys of up to MAX_RUN actions run together
 * ("hjkl"), or a key of the mode's own (Esc), and the word for what they do.
 */
static const struct hint_row {
	enum hint_mode mode;
	enum action a[MAX_RUN];
	int key;
	const char *word;
} hint_rows[] = {
	{HINT_BOARD, {A_HELP}, 0, "help"},
	{HINT_BOARD, {A_LEFT, A_DOWN, A_UP, A_RIGHT}, 0, "move"},
	{HINT_BOARD, {A_ADVANCE}, 0, "advance"},
	{HINT_BOARD, {A_BACK}, 0, "back"},
	{HINT_BOARD, {A_DETAIL}, 0, "open"},
	{HINT_BOARD, {A_PEOPLE}, 0, "people"},
	{HINT_BOARD, {A_PLAN}, 0, "plan"},
	{HINT_BOARD, {A_STATS}, 0, "stats"},
	{HINT_BOARD, {A_REVIEW}, 0, "review"},
	{HINT_BOARD, {A_EDIT}, 0, "edit"},
	{HINT_BOARD, {A_NEW}, 0, "new"},
	{HINT_BOARD, {A_FILTER}, 0, "filter"},
	{HINT_BOARD, {A_OWNER}, 0, "owner"},
	{HINT_BOARD, {A_PROBLEMS}, 0, "problems"},
	{HINT_BOARD, {A_ORDER}, 0, "order"},
	{HINT_BOARD, {A_DENSITY}, 0, "density"},
	{HINT_BOARD, {A_PRIVACY}, 0, "privacy"},
	{HINT_BOARD, {A_MOVE_TO}, 0, "move to"},
	{HINT_BOARD, {A_WON}, 0, "won"},
	{HINT_BOARD, {A_LOST}, 0, "lost"},
	{HINT_BOARD, {A_QUIT}, 0, "quit"},

	{HINT_PEOPLE, {A_NEW}, 0, "add"},
	{HINT_PEOPLE, {A_EDIT}, 0, "edit"},
	{HINT_PEOPLE, {A_DELETE}, 0, "delete"},
	{HINT_PEOPLE, {A_FOCUS}, 0, "board"},
	{HINT_PEOPLE, {0}, K_ESC, "close"},
	{HINT_PEOPLE, {A_DOWN, A_UP}, 0, "choose"},
	{HINT_PEOPLE, {A_HELP}, 0, "help"},

	{HINT_PLAN, {A_NEW}, 0, "add"},
	{HINT_PLAN, {A_EDIT}, 0, "edit"},
	{HINT_PLAN, {A_DELETE}, 0, "delete"},
	{HINT_PLAN, {A_DONE}, 0, "done"},
	{HINT_PLAN, {A_FOCUS}, 0, "board"},
	{HINT_PLAN, {0}, K_ESC, "close"},
	{HINT_PLAN, {A_DOWN, A_UP}, 0, "choose"},
	{HINT_PLAN, {A_HELP}, 0, "help"},

	{HINT_DETAIL, {A_DOWN, A_UP}, 0, "scroll"},
	{HINT_DETAIL, {A_PGDN}, 0, "page down"},
	{HINT_DETAIL, {A_PGUP}, 0, "page up"},
	{HINT_DETAIL, {A_TOP}, 0, "top"},
	{HINT_DETAIL, {A_BOTTOM}, 0, "end"},
	{HINT_DETAIL, {0}, K_ESC, "close"},

	{HINT_REVIEW, {A_NEXT, A_PREV}, 0, "next/previous"},
	{HINT_REVIEW, {0}, K_ESC, "board"},
	{HINT_REVIEW, {A_ADVANCE}, 0, "advance"},
	{HINT_REVIEW, {A_BACK}, 0, "back"},
	{HINT_REVIEW, {A_EDIT}, 0, "edit"},
	{HINT_REVIEW, {A_PEOPLE}, 0, "people"},
	{HINT_REVIEW, {A_PLAN}, 0, "plan"},
	{HINT_REVIEW, {A_PGDN}, 0, "scroll"},
	{HINT_REVIEW, {A_PRIVACY}, 0, "privacy"},
	{HINT_REVIEW, {A_WON}, 0, "won"},
	{HINT_REVIEW, {A_LOST}, 0, "lost"},
	{HINT_REVIEW, {A_HELP}, 0, "help"},

	{HINT_HELP, {A_DOWN, A_UP}, 0, "scroll"},
	{HINT_HELP, {A_PGDN}, 0, "page down"},
	{HINT_HELP, {A_PGUP}, 0, "page up"},
	{HINT_HELP, {0}, K_ESC, "close"},
};

void
keys_short(enum action a, char *buf, size_t len)
{
	char all[64];

	keys_of(a, all, sizeof all);
	keys_shortest(all, buf, len);
}

void
keys_shortest(const char *names, char *buf, size_t len)
{
	char all[64], *save = NULL;

	snprintf(all, sizeof all, "%s", names);
	buf[0] = '\0';
	for (char *t = strtok_r(all, " ", &save); t; t = strtok_r(NULL, " ", &save))
		if (buf[0] == '\0' || text_width(t) < text_width(buf))
			snprintf(buf, len, "%s", t);
}

/* A row's keys: "hjkl" when each is one character, else "Left/Down/Up/Right". */
static void
row_keys(const struct hint_row *r, char *buf, size_t len)
{
	char one[MAX_RUN][32];
	int n = 0, single = 1;
	size_t o = 0;

	buf[0] = '\0';
	if (r->key != 0) {
		key_name(r->key, buf, len);
		return;
	}
	for (int i = 0; i < MAX_RUN && r->a[i] != A_NONE; i++) {
		keys_short(r->a[i], one[n], sizeof one[n]);
		if (one[n][0] == '\0')
			return; /* unbound: the entry would lie */
		single &= text_width(one[n]) == 1;
		n++;
	}
	for (int i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i && !single ? "/" : "", one[i]);
}

void
hints_line(enum hint_mode m, int width, char *buf, size_t len)
{
	size_t o = 0;
	int used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof hint_rows / sizeof hint_rows[0]; i++) {
		char keys[160], entry[200];
		int w;

		if (hint_rows[i].mode != m)
			continue;
		row_keys(&hint_rows[i], keys, sizeof keys);
		if (keys[0] == '\0')
			continue;
		snprintf(entry, sizeof entry, "%s%s %s", o ? "  " : "", keys, hint_rows[i].word);
		w = text_width(entry);
		if (used + w > width || o + strlen(entry) >= len)
			break; /* whole entries only: the first ones matter most */
		o += (size_t)snprintf(buf + o, len - o, "%s", entry);
		used += w;
	}
}
