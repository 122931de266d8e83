/*
 * The demo's model of a deal while it is generated: its story (the stage
 * events), its buying committee, its plan, the evidence of its moves and its
 * own fields; and what every deal of one demo shares (struct demo_world).
 * demo_story.c shapes the story, demo_life.c lives it (with demo_people.c and
 * demo_plan.c), demo_fields.c fills the deal's fields, demo_rows.c writes it.
 */
#ifndef DD_DEMO_DEAL_H
#define DD_DEMO_DEAL_H

#include <stddef.h>
#include <stdint.h>

#include "demo_data.h"
#include "gate.h"
#include "process.h"
#include "strbuf.h"

#define DAY          86400L
#define HISTORY_DAYS 270 /* about nine months */
#define WORK_START   (8 * 3600L)
#define WORK_END     (19 * 3600L)
#define MAX_PEOPLE   6 /* a natural buying committee; gates may ask for more */

enum demo_outcome { DEMO_OPEN, DEMO_WON, DEMO_LOST };
enum demo_ev_kind { EV_CREATE, EV_FORWARD, EV_BACK, EV_WON, EV_LOST };

struct demo_event {
	enum demo_ev_kind kind;
	int from, to; /* stage indices; to is nstages for won */
	long gap;     /* days in the stay that ends with this event */
	long at;      /* seconds since the epoch, UTC */
	int why;      /* back reason, or lost reason index */
	int note;     /* lost note, or -1 */
	int override; /* override reason, or -1 */
	long long id; /* its row, once written */
};

struct demo_person {
	int role, stance, influence, title; /* title -1: none */
	int parent;                         /* index, or -1 */
	long mapped;                        /* created_at, seconds */
	long acted;                         /* last day they acted in evidence, or -1 */
	long last;                          /* last contact day, or -1 */
	const char *family;                 /* to keep families apart */
	char name[64];
	char key[24]; /* how evidence names them to the gate engine before they have a name */
	long long id; /* its row, once written */
};

struct demo_step {
	int text, who;           /* who: a person index, or -1 */
	long created, due, done; /* done: seconds, or -1 */
};

struct demo_proof {
	size_t ev; /* the event of the move it was recorded with */
	int stage;
	size_t req;
	int who; /* -1: no contact */
	long day;
	size_t what; /* what the buyer did: its offset in the deal's texts */
};

/* One deal being generated: buffers are reused from deal to deal. */
struct demo_deal {
	enum demo_outcome outcome;
	int stage; /* where it is, or closed from */
	int seller, age, account, offering, motion;
	struct demo_event *ev;
	size_t nev, cap_ev;
	struct demo_person *people;
	size_t npeople, cap_people;
	struct demo_step *steps;
	size_t nsteps, cap_steps;
	struct demo_proof *proofs;
	size_t nproofs, cap_proofs;
	long sched[MAX_PEOPLE]; /* stay in which each natural stakeholder is mapped */
	size_t nsched, next_sched;
	int want_plan, have_plan;
	unsigned used_steps;
	int need_close, need_criteria, need_next, need_amount;
	long expect_close, end_day, end_at;
	struct strbuf texts;       /* the evidence texts, NUL after each */
	struct facts_person *seen; /* the committee as the gate engine sees it */
	size_t cap_seen;
	struct facts_said *said; /* and the evidence on record */
	size_t cap_said;
	int *order; /* people in insertion order (demo_finish_people) */
	size_t cap_order;
	/* The deal's own fields (demo_fields.c); days are -1 and texts NULL when unset. */
	char title[256], next_buf[256];
	const char *next, *criteria;
	long amount, close_day, due_day;
};

/* What every deal of one demo shares. */
struct demo_world {
	const struct process *p;
	int n;      /* stages */
	long today; /* history ends the day before, so no time is in the future */
	const char **owners;
	int *owner_weight;
	size_t nowners;
	const struct demo_seller *tendency; /* per owner, when they are our sellers */
	const char *manager;                /* who overrides gates; NULL: the owner */
	int *lost_weight;                   /* per lost reason of the process */
	int *cat_weight;                    /* see demo_story.c */
	size_t ncats;
	long total;
	uint64_t spread;
	unsigned gated_roles; /* roles some gate asks for */
};

#define DEMO_GROW(a, n, cap)                                                                      \
	do {                                                                                      \
		if ((n) == (cap)) {                                                               \
			(cap) = (cap) ? 2 * (cap) : 16;                                           \
			(a) = xreallocarray((a), (cap), sizeof *(a));                             \
		}                                                                                 \
	} while (0)

static inline long
day_of(long at)
{
	return at / DAY;
}

static inline long
max_l(long a, long b)
{
	return a > b ? a : b;
}

static inline long
min_l(long a, long b)
{
	return a < b ? a : b;
}

/* The stage a deal is in after the event (a won deal stays where it closed from). */
static inline int
demo_stage_after(const struct demo_event *e)
{
	return e->kind == EV_WON ? e->from : e->to;
}

#endif
