/* The append-only history: stage events and the evidence recorded with moves. */
#ifndef DD_HISTORY_H
#define DD_HISTORY_H

#include "db.h"
#include "gate.h"

struct event {
	long id, deal_id;
	const char *kind; /* create, forward, back, won, lost, reopen */
	const char *from_stage;
	const char *from_entered_at; /* when it entered from_stage; NULL for create, reopen */
	const char *stage;  /* where the deal is after; won/lost: the stage closed from */
	const char *status; /* open, won, lost */
	const char *at, *actor;
	const char *reason, *note, *override;
	int imported;
};

struct evidence_row {
	long id, deal_id, event_id;
	const char *stage, *requirement, *what, *contact_name, *acted_on;
	const char *recorded_by, *recorded_at;
};

int history_add_event(struct db *db, const struct event *e, long *id, struct dd_err *err);
/*
 * The same with a statement prepared once (history_prepare_event) and reused,
 * for bulk writers; the caller finalizes it.
 */
sqlite3_stmt *history_prepare_event(struct db *db);
int history_insert_event(struct db *db, sqlite3_stmt *st, const struct event *e, long *id,
			 struct dd_err *err);
int history_add_evidence(struct db *db, long deal_id, long event_id, const struct evidence_ok *ev,
			 const char *actor, const char *at, struct dd_err *err);

/* Oldest first. */
int history_each_event(struct db *db, long deal_id, void (*cb)(const struct event *e, void *arg),
		       void *arg, struct dd_err *err);
int history_each_evidence(struct db *db, long deal_id,
			  void (*cb)(const struct evidence_row *e, void *arg), void *arg,
			  struct dd_err *err);

#endif
