/*
 * The review's "now": the end of today, or of the --as-of day, when only the
 * history up to it counts. Where a deal stood then is its last event by then
 * (for an open deal, the move that put it in its stage).
 */
#ifndef DD_AS_OF_H
#define DD_AS_OF_H

#include <sqlite3.h>

#include "date.h"

struct as_of {
	long day;                /* T */
	char end[TIMESTAMP_LEN]; /* its last second, bound as :t_end */
	char date[DATE_LEN];     /* "YYYY-MM-DD", bound as :today */
};

/* as_of: a day number, or -1 for today. */
void as_of_init(struct as_of *t, long as_of);

// clang-format off
/* SQL: the id of deal d's last event up to :t_end (d: an expression for its id). */
#define AS_OF_LAST_EVENT(d)                                                                     \
	"(SELECT y.id FROM stage_events y WHERE y.deal_id = " d " AND y.at <= :t_end"            \
	" ORDER BY y.at DESC, y.id DESC LIMIT 1)"
// clang-format on

/* Binds :t_end and :today where the statement has them. */
void as_of_bind(sqlite3_stmt *st, const struct as_of *t);
/* Binds a named parameter if the statement has it; NULL binds NULL. Copies v. */
void bind_named_text(sqlite3_stmt *st, const char *name, const char *v);
void bind_named_int(sqlite3_stmt *st, const char *name, long long v);

#endif
