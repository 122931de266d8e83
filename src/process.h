/*
 * The sales process: stages in order, their exit gates (buyer-action evidence and
 * data checks), lost reasons and the team. Loaded from an ini file or the database.
 */
#ifndef DD_PROCESS_H
#define DD_PROCESS_H

#include <stddef.h>

#include "strbuf.h"

enum check_kind {
	CHECK_MIN_STAKEHOLDERS,
	CHECK_HAS_ROLE,
	CHECK_MIN_PLAN_STEPS,
	CHECK_MIN_BUYER_STEPS,
	CHECK_CLOSE_DATE_SET,
	CHECK_NO_STANCE,
	CHECK_SUCCESS_CRITERIA_SET,
	CHECK_NEXT_STEP_SET,
	CHECK_AMOUNT_SET,
};

/* A data check of a gate, e.g. "has_role champion" or "min_plan_steps 3". */
struct check {
	enum check_kind kind;
	int n;     /* for min_* checks */
	char *arg; /* role or stance, else NULL */
};

/* A piece of buyer-action evidence a gate asks for. */
struct evidence_req {
	char *key;
	char *meaning;
	int contact_required;
};

/* Where a stage's deals count in the forecast (review forecast). */
enum forecast_cat { FORECAST_PIPELINE, FORECAST_BEST_CASE, FORECAST_COMMIT, FORECAST_NCATS };

struct stage {
	char *key;
	char *label;
	int probability; /* percent */
	int warn_days, rot_days;
	enum forecast_cat forecast;
	struct evidence_req *evidence; /* exit gate */
	size_t nevidence;
	struct check *checks;
	size_t nchecks;
};

enum team_role { ROLE_NONE, ROLE_REP, ROLE_MANAGER };

struct person {
	char *login;
	char *name;  /* display name, for mapping imports; may be NULL */
	char *email; /* may be NULL */
	enum team_role role;
};

struct process {
	char *name;
	struct stage *stages;
	size_t nstages;
	struct strvec lost_reasons;
	struct person *team;
	size_t nteam;
	long revision; /* as stored: each process apply counts one up */
};

void process_free(struct process *p);
/* Position of a stage key; nstages for "won"; -1 if unknown. */
int process_stage_index(const struct process *p, const char *key);
const struct stage *process_stage(const struct process *p, const char *key);
/* Days in stage st against its thresholds: at or past warn_days, rot_days. */
enum aging { AGING_OK, AGING_WARN, AGING_ROT };
enum aging stage_aging(const struct stage *st, double days);
int process_has_lost_reason(const struct process *p, const char *code);
/* With no team named everyone is a manager; else the login's role, or ROLE_NONE. */
enum team_role process_role_of(const struct process *p, const char *login);
/* A plausible OS login: 1 to 64 of letters, digits and . _ - @ $. */
int process_login_valid(const char *s);
/* Maps a login, display name or email of the team to a login; NULL if none. */
const char *process_team_login(const struct process *p, const char *who);
/* pipeline, best_case, commit. */
const char *forecast_name(enum forecast_cat c);
/* 0 and the category for one of those words, else -1. */
int forecast_parse(const char *word, enum forecast_cat *out);
/*
 * A stage's category when the process file does not say: the contract's for the
 * default stage keys (prospect-discover pipeline, present-propose best case,
 * negotiate and close commit), else by probability (80% on commit, 40% on best
 * case), which gives the same for the default stages.
 */
enum forecast_cat forecast_default(const char *key, int probability);
/* "key, key, ..." of the stages. */
void process_stage_list(const struct process *p, struct strbuf *out);

#endif
