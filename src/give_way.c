#include "give_way.h"

/* Nonzero stops the statement that is stepping (SQLite's progress handler). */
static int
look(void *arg)
{
	struct give_way *g = arg;

	if (!g->armed)
		return 0;
	g->looks++;
	if (!g->gave_way)
		g->gave_way = g->waiting != NULL && g->waiting(g->arg);
	return g->gave_way;
}

void
give_way_start(struct db *db, struct give_way *g)
{
	sqlite3_progress_handler(db->h, g->steps > 0 ? g->steps : GIVE_WAY_STEPS, look, g);
}

void
give_way_stop(struct db *db)
{
	sqlite3_progress_handler(db->h, 0, NULL, NULL);
}
