/*
 * The hint line: the keys of what has the focus (the board, a pane, the
 * detail view, help), built from the key table, so a key remapped in [keys]
 * shows as it is bound. Each mode is a table of rows.
 */
#ifndef DD_HINTS_H
#define DD_HINTS_H

#include <stddef.h>

#include "keys.h"

enum hint_mode { HINT_BOARD, HINT_PEOPLE, HINT_PLAN, HINT_DETAIL, HINT_HELP, HINT_REVIEW };

/*
 * The mode's keys, "? help  hjkl move  > advance", as many whole entries as fit
 * in width columns (the table's order is their priority).
 */
void hints_line(enum hint_mode m, int width, char *buf, size_t len);
/* The shortest key bound to an action ("j" rather than "Down"); "" when none. */
void keys_short(enum action a, char *buf, size_t len);
/* The narrowest of space-separated key names ("Down j" -> "j"); "" for none. */
void keys_shortest(const char *names, char *buf, size_t len);

#endif
