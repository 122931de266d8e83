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
int process_db_load(struct db *db, struct process *out, struct dd_err *err);

#endif
