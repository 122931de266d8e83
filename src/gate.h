/*
 * The gate engine: the only place that decides whether a deal may move forward,
 * and why not. Pure: it reads a process and a deal's facts, never the database,
 * so every caller (command line, gate form, import) gets the same answer.
 */
#ifndef DD_GATE_H
#define DD_GATE_H

#include <stddef.h>

#include "process.h"

/* What the gate engine needs to know about a deal (see deal_facts_load()). */
struct facts_person {
	long id;
	char *name;
	char *role;
	char *stance;
};

/* A piece of evidence already recorded for the deal. */
struct facts_said {
	char *key;
	char *what;
};

struct deal_facts {
	long created_day;
	int has_close_date, has_success_criteria, has_next_step, has_amount;
	struct facts_person *people;
	size_t npeople;
	int plan_steps, buyer_steps;
	struct facts_said *said; /* evidence on record, so none is given twice */
	size_t nsaid;
};

void deal_facts_free(struct deal_facts *f);

/* Evidence offered with a move, as the user typed it. */
struct evidence_in {
	const char *key;
	const char *what;
	const char *contact; /* a stakeholder's name or id; may be NULL */
	const char *date;    /* YYYY-MM-DD; NULL means today */
};

/* Offered evidence that passed every rule, ready to record. */
struct evidence_ok {
	const char *key;
	const char *stage; /* whose exit gate asked for it */
	const char *what;
	long contact_id; /* 0 when none */
	const char *contact_name;
	long day;
};

enum unmet_kind {
	UNMET_EVIDENCE_MISSING,
	UNMET_EVIDENCE_INVALID,
	UNMET_CHECK,
	UNMET_RULE,
};

/* Which part of the deal a failing check is fixed in. */
enum fix_where { FIX_NONE, FIX_STAKEHOLDERS, FIX_PLAN, FIX_DEAL, FIX_EVIDENCE };

struct unmet {
	enum unmet_kind kind;
	enum fix_where where;
	char *stage;   /* the gate's stage */
	char *key;     /* evidence key, or check word */
	char *message; /* what is wrong */
	char *fix;     /* what to do about it */
};

struct gate_result {
	struct unmet *unmet;
	size_t nunmet;
	struct evidence_ok *accepted;
	size_t naccepted;
};

/*
 * Checks a forward move from stage index `from` to `to` (to == nstages is won):
 * every gate passed, every requirement. Fills out with every unmet requirement
 * and the evidence that may be recorded. Returns the number unmet.
 */
size_t gate_check(const struct process *p, const struct deal_facts *f, int from, int to,
		  const struct evidence_in *ev, size_t nev, long today, struct gate_result *out);
void gate_result_free(struct gate_result *r);

/* One data check, for showing ✓/✗ beside it. */
int gate_check_met(const struct check *c, const struct deal_facts *f);
/* "economic buyer mapped": what the check asks, in words. Caller frees. */
char *gate_check_describe(const struct check *c);
enum fix_where gate_check_fix_where(const struct check *c);

/*
 * The buying-committee roles a deal should have mapped and has not: the
 * economic buyer and the champion, and any role a gate of the process asks
 * for. Appends role words (e.g. "economic_buyer") to missing.
 */
void gate_missing_roles(const struct process *p, const struct deal_facts *f,
			struct strvec *missing);

/* The check words of the process file: "has_role champion" <-> struct check. */
int gate_check_parse(const char *text, struct check *out, const char **why);
char *gate_check_format(const struct check *c);
/* Every check word with its argument, for messages and the man page. */
const char *gate_check_words(void);

#endif
