/*
 * Moving deals: forward through the gate engine, back with a reason, won, lost,
 * reopened. Each is one transaction that writes the deal and its history.
 */
#ifndef DD_MOVE_H
#define DD_MOVE_H

#include "gate.h"
#include "session.h"

struct move_request {
	long deal_id;
	const char *target; /* a stage key, or "won" */
	const struct evidence_in *evidence;
	size_t nevidence;
	const char *reason;    /* why, for a backward move */
	const char *override;  /* a manager's reason to pass failing gates */
	long expected_version; /* > 0: refuse if the deal changed since it was read */
};

/*
 * Moves a deal. On a failing gate returns DD_REFUSED with gate->unmet listing
 * every unmet requirement (the caller frees gate with gate_result_free).
 */
int deal_move(struct session *s, const struct move_request *rq, struct gate_result *gate,
	      struct dd_err *err);
int deal_lose(struct session *s, long id, const char *code, const char *note,
	      long expected_version, struct dd_err *err);
int deal_reopen(struct session *s, long id, const char *reason, struct dd_err *err);

#endif
