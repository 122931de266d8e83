/*
 * A poll is one PRAGMA (about 4 us) while nobody commits, and one meta lookup
 * more when someone did: a heartbeat never costs a read of the pipeline.
 */
#include <string.h>

#include "watch.h"

void
watch_mark(struct db *db, struct watch *w)
{
	w->version = db_data_version(db);
	db_data_writes(db, w->writes, sizeof w->writes);
}

enum watch_change
watch_poll(struct db *db, struct watch *w)
{
	long v = db_data_version(db);
	char writes[sizeof w->writes];

	if (v == w->version)
		return WATCH_NONE;
	w->version = v;
	db_data_writes(db, writes, sizeof writes);
	if (strcmp(writes, w->writes) == 0)
		return WATCH_OTHER;
	memcpy(w->writes, writes, sizeof writes);
	return WATCH_DATA;
}
