/*
 * Commit is earned: a deal in a commit stage counts as commit only when the
 * move into that stage carried buyer evidence (not an override) and no
 * buyer-owned plan step is overdue; otherwise it counts as best case, for the
 * reasons named here. The forecast and the snapshots decide by this one rule.
 */
#ifndef DD_COMMIT_RULE_H
#define DD_COMMIT_RULE_H

#include "db.h"
#include "process.h"

/* What is known about how an open deal came into its stage, at the time asked. */
struct commit_facts {
	enum forecast_cat stage_cat; /* its stage's category in the process */
	const char *entry_kind; /* the event that put it there: create, forward, back, reopen */
	int imported;           /* that event is imported history */
	int overridden;         /* that move passed a failing gate by a manager's override */
	int evidence;           /* buyer evidence recorded with that move */
	int buyer_overdue;      /* buyer-owned plan steps open past their due day */
};

/* Why a deal in a commit stage is not commit; several may hold. */
enum demotion {
	DEMOTE_OVERRIDE = 1 << 0,      /* moved in by an override */
	DEMOTE_IMPORTED = 1 << 1,      /* came in through imported history: no evidence */
	DEMOTE_MOVED_BACK = 1 << 2,    /* moved back into it: a backward move carries none */
	DEMOTE_REOPENED = 1 << 3,      /* reopened into it */
	DEMOTE_NO_EVIDENCE = 1 << 4,   /* created there, or a move that recorded none */
	DEMOTE_BUYER_OVERDUE = 1 << 5, /* a buyer-owned plan step is overdue */
};
#define DEMOTE_NKINDS 6

/* The demotions as the CSV and the text name them, in bit order. */
extern const char *const demotion_codes[DEMOTE_NKINDS];

/* The category the deal counts in; *demoted gets the reasons (0 when none). */
enum forecast_cat commit_rule(const struct commit_facts *f, unsigned *demoted);

/*
 * Makes the rule callable from SQL on this connection, for the snapshot's one
 * INSERT ... SELECT: dd_forecast(stage_category, entry_kind, imported,
 * override, evidence_count, buyer_overdue_count) returns the category's name.
 */
int commit_rule_register(struct db *db, struct dd_err *err);

#endif
