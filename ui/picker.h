/*
 * A list to pick from, in a box over the board, without curses: the owner
 * filter (one item, found by typing: the list keeps the items whose text or
 * help contains what was typed, case ignored in any alphabet) and the problem
 * filters (several, checked with Space).
 */
#ifndef DD_PICKER_H
#define DD_PICKER_H

#include "canvas.h"
#include "line_edit.h"
#include "strbuf.h"

struct picker {
	char *title;
	int multi;              /* Space checks items; else typing finds them */
	struct strvec values;   /* what an item means (a login, a filter's number) */
	struct strvec texts;    /* what it shows, and what typing searches */
	struct strvec helps;    /* beside it, dimmed ("" for none) */
	unsigned char *checked; /* multi: per item */
	struct line_edit query; /* the typed text */
	int *match;             /* items the query keeps, in order */
	int nmatch, sel, top;
};

enum picker_result { PICK_NONE, PICK_DONE, PICK_CANCEL };

void picker_init(struct picker *p, const char *title, int multi);
void picker_free(struct picker *p);
void picker_add(struct picker *p, const char *value, const char *text, const char *help,
		int checked);
/* Puts the selection on the item with this value (when it is shown). */
void picker_select(struct picker *p, const char *value);
/*
 * Up/Down (and j/k when nothing can be typed), PgUp/PgDn, Home/End move;
 * Space checks (multi); other printable keys type (single); Enter is done
 * (PICK_NONE while no item matches what was typed), Esc cancels.
 */
enum picker_result picker_key(struct picker *p, int key);
/* The selected item's value, or NULL when none matches. */
const char *picker_value(const struct picker *p);
int picker_checked(const struct picker *p, size_t item);
/* Draws the box centred on c; *cy, *cx: the cursor in the typed text (or -1). */
void picker_draw(struct picker *p, struct canvas *c, int *cy, int *cx);

#endif
