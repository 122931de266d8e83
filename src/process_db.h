/* The process as stored in the database, so everyone on it works under one. */
#ifndef DD_PROCESS_DB_H
#define DD_PROCESS_DB_H

#include "db.h"
#include "process.h"

/*
 * Replaces the stored process; the caller holds the write transaction. Refuses
 * (DD_REFUSED) to drop a stage that still has deals.
 */
int process_db_save(struct db *db, const struct process *p, struct dd_err *err);
/* The stored process, read whole in one snapshot (a read transaction if none is open). */
int process_db_load(struct db *db, struct process *out, struct dd_err *err);
/*
 * The stored process's revision, one meta lookup: an open session compares it
 * with its own to notice a process applied since it loaded.
 */
long process_db_revision(struct db *db);

#endif
