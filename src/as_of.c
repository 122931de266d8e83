#include "as_of.h"

void
as_of_init(struct as_of *t, long as_of)
{
	t->day = as_of >= 0 ? as_of : date_today();
	timestamp_end_of_day(t->day, t->end);
	date_format(t->day, t->date);
}

void
bind_named_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i == 0)
		return;
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

void
bind_named_int(sqlite3_stmt *st, const char *name, long long v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i != 0)
		sqlite3_bind_int64(st, i, v);
}

void
as_of_bind(sqlite3_stmt *st, const struct as_of *t)
{
	bind_named_text(st, ":t_end", t->end);
	bind_named_text(st, ":today", t->date);
}
