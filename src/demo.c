/*
 * The demo pipeline. Each deal is drawn from its own random stream, first as a
 * shape (outcome, stage path, dates), then lived forward stay by stay: people
 * are mapped, plans written and evidence recorded so that every gate it passes
 * is met, as the real product would have demanded.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "db_bulk.h"
#include "demo.h"
#include "demo_data.h"
#include "xmalloc.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

#define DAY          86400L
#define HISTORY_DAYS 270 /* about nine months */
#define WORK_START   (8 * 3600L)
#define WORK_END     (19 * 3600L)
#define MAX_PEOPLE   6   /* a natural buying committee; gates may ask for more */
#define IDX_BITS     24  /* deal index in a sort key (demo deals are capped at 10M) */
#define CHUNK_ROWS   16  /* rows per multi-row INSERT */
#define FLUSH_DEALS  256 /* deals whose rows are held before writing them */

/* splitmix64: tiny, fast and the same on every platform. */
struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Each deal has its own stream, so its shape can be drawn again on its own. */
static void
rng_stream(struct rng *r, unsigned long seed, long deal)
{
	struct rng m = {(uint64_t)seed};

	r->s = rng_next(&m) ^ ((uint64_t)deal * 0xd1b54a32d192ed03u);
	rng_next(r);
}

/* 0 .. n-1 */
static long
rnd(struct rng *r, long n)
{
	return n <= 1 ? 0 : (long)(rng_next(r) % (uint64_t)n);
}

/* lo .. hi */
static long
rnd_in(struct rng *r, long lo, long hi)
{
	return hi <= lo ? lo : lo + rnd(r, hi - lo + 1);
}

static int
chance(struct rng *r, int percent)
{
	return rnd(r, 100) < percent;
}

static size_t
pick_weighted(struct rng *r, const int *w, size_t n)
{
	long sum = 0, x;

	for (size_t i = 0; i < n; i++)
		sum += w[i];
	x = rnd(r, sum);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return 0;
}

#define PICK(r, table) ((table)[rnd((r), (long)LEN(table))])

enum outcome { OPEN, WON, LOST };
enum age { FRESH, WARN, ROT };
enum ev_kind { EV_CREATE, EV_FORWARD, EV_BACK, EV_WON, EV_LOST };
static const char *const ev_words[] = {"create", "forward", "back", "won", "lost"};
static const char *const status_words[] = {"open", "won", "lost"};

struct ev {
	enum ev_kind kind;
	int from, to; /* stage indices; to is nstages for won */
	long gap;     /* days in the stay that ends with this event */
	long at;      /* seconds since the epoch, UTC */
	int why;      /* back reason, or lost reason index */
	int note;     /* lost note, or -1 */
	int override; /* override reason, or -1 */
	sqlite3_int64 id;
};

struct member {
	int role, stance, influence, title; /* title -1: none */
	int parent;                         /* index, or -1 */
	long mapped;                        /* created_at, seconds */
	long acted;                         /* last day they acted in evidence, or -1 */
	long last;                          /* last contact day, or -1 */
	const char *family;                 /* to keep families apart */
	char name[64];
	sqlite3_int64 id;
};

struct step {
	int text, who;           /* who: a person index, or -1 */
	long created, due, done; /* done: seconds, or -1 */
};

struct proof {
	size_t ev;
	int stage;
	size_t req;
	int who; /* -1: no contact */
	long day;
	const char *text, *arg; /* arg: for a generic sentence, else NULL */
};

/* One deal being generated: buffers are reused from deal to deal. */
struct deal {
	enum outcome outcome;
	int stage; /* where it is, or closed from */
	int seller, age, account, offering, motion;
	struct ev *ev;
	size_t nev, cap_ev;
	struct member *people;
	size_t npeople, cap_people;
	struct step *steps;
	size_t nsteps, cap_steps;
	struct proof *proofs;
	size_t nproofs, cap_proofs;
	long sched[MAX_PEOPLE]; /* stay in which each natural stakeholder is mapped */
	size_t nsched, next_sched;
	int want_plan, have_plan;
	unsigned used_steps, forbidden_stances;
	int need_close, need_criteria, need_next, need_amount;
	long expect_close, end_day, end_at;
	int *order;
	size_t cap_order;
};

enum { T_DEALS, T_PEOPLE, T_STEPS, T_EVENTS, T_PROOFS, NTABLES }; /* parents first */
enum val_kind { V_NULL, V_INT, V_TEXT };

struct val {
	enum val_kind kind;
	sqlite3_int64 i;
	size_t off; /* of the text in the table's text */
};

/* Rows waiting to be written: values, their text in one buffer. */
struct table {
	sqlite3_stmt *one, *many;
	int ncols;
	struct val *vals;
	size_t nvals, cap_vals;
	struct strbuf text;
};

struct gen {
	struct db *db;
	const struct process *p;
	int n;      /* stages */
	long today; /* history ends the day before, so no time is in the future */
	const char **owners;
	int *owner_weight;
	size_t nowners;
	const struct demo_seller *tendency; /* per owner, when they are our sellers */
	const char *manager;                /* who overrides gates; NULL: the owner */
	int *lost_weight;                   /* per lost reason of the process */
	int *cat_weight;                    /* see pick_spread() */
	unsigned gated_roles;               /* roles some gate asks for */
	size_t ncats;
	long total;
	uint64_t spread;
	struct table out[NTABLES];
	sqlite3_int64 last_id[NTABLES]; /* we number rows ourselves, to batch them */
	struct strbuf text;
	struct deal d;
};

#define GROW(a, n, cap)                                                                           \
	do {                                                                                      \
		if ((n) == (cap)) {                                                               \
			(cap) = (cap) ? 2 * (cap) : 16;                                           \
			(a) = xreallocarray((a), (cap), sizeof *(a));                             \
		}                                                                                 \
	} while (0)

static long
day_of(long at)
{
	return at / DAY;
}

static long
max_l(long a, long b)
{
	return a > b ? a : b;
}

static long
min_l(long a, long b)
{
	return a < b ? a : b;
}

/* A time strictly between lo and hi when there is room, in working hours if it can be. */
static long
stamp_between(struct rng *r, long lo, long hi)
{
	long t;

	if (hi - lo < 2)
		return lo;
	/* One draw per statement: C leaves the order of operands open, and the same
	 * seed must give the same data whichever compiler built us. */
	t = rnd_in(r, day_of(lo), day_of(hi)) * DAY;
	t += rnd_in(r, WORK_START, WORK_END - 1);
	if (t <= lo || t >= hi)
		t = t <= lo ? lo + 1 + rnd(r, min_l(hi - lo - 1, 3600))
			    : hi - 1 - rnd(r, min_l(hi - lo - 1, 3600));
	return t;
}

static int
stage_after(const struct ev *e)
{
	return e->kind == EV_WON ? e->from : e->to;
}

/* Days in a stage, by how long the stage should take (its warn and rot days). */
static long
stay_days(struct rng *r, const struct stage *s, enum age age)
{
	long warn = s->warn_days > 2 ? s->warn_days : 2;
	long rot = s->rot_days > warn ? s->rot_days : warn + 1;

	switch (age) {
	case FRESH:
		return rnd_in(r, 1, warn - 1);
	case WARN:
		return rnd_in(r, warn, rot - 1);
	case ROT:
		break;
	}
	return rnd_in(r, rot, rot + rot / 2 + 5);
}

static struct ev *
add_ev(struct deal *d, enum ev_kind kind, int from, int to)
{
	struct ev *e;

	GROW(d->ev, d->nev, d->cap_ev);
	e = &d->ev[d->nev++];
	*e = (struct ev){kind, from, to, 0, 0, -1, -1, -1, 0};
	return e;
}

/* The stage path: forward moves, now and then a jump or a step back, then the outcome. */
static void
shape_path(struct gen *g, struct rng *r)
{
	struct deal *d = &g->d;
	int n = g->n, cur = 0, goal = d->outcome == WON ? n : d->stage, over, backs;

	/* Now and then a deal pushed ahead too early, and moved back. */
	over = d->outcome == OPEN && goal + 1 < n && chance(r, 5);
	backs = !over && chance(r, 12);
	goal += over;
	add_ev(d, EV_CREATE, -1, 0);
	while (cur < goal) {
		int to = cur + (cur + 2 <= goal && chance(r, 7) ? 2 : 1);

		add_ev(d, to == n ? EV_WON : EV_FORWARD, cur, to);
		cur = to;
		if (backs && cur < n && chance(r, 30)) {
			int back = cur >= 2 && chance(r, 25) ? 2 : 1;

			add_ev(d, EV_BACK, cur, cur - back)->why = (int)rnd(r, demo_nback_reasons);
			cur -= back;
			backs = 0;
		}
	}
	if (over) {
		add_ev(d, EV_BACK, cur, cur - 1)->why = (int)rnd(r, demo_nback_reasons);
		cur--;
	}
	if (d->outcome == WON)
		d->stage = d->ev[d->nev - 1].from;
	if (d->outcome == LOST) {
		struct ev *e = add_ev(d, EV_LOST, cur, cur);

		e->why = (int)pick_weighted(r, g->lost_weight, g->p->lost_reasons.n);
		e->note = chance(r, 60) ? (int)rnd(r, 2) : -1;
	}
}

/* Squeezes the stays into the history, longest first. */
static long
fit_stays(struct deal *d, long room)
{
	long sum = 0, total = 0;

	for (size_t j = 1; j < d->nev; j++)
		total += d->ev[j].gap;
	if (total <= room)
		return total;
	for (size_t j = 1; j < d->nev; j++) {
		d->ev[j].gap = max_l(1, d->ev[j].gap * room / total);
		sum += d->ev[j].gap;
	}
	while (sum > room) {
		size_t big = 1;

		for (size_t j = 2; j < d->nev; j++)
			if (d->ev[j].gap > d->ev[big].gap)
				big = j;
		if (d->ev[big].gap <= 1)
			break; /* more stages than days: the history starts earlier */
		d->ev[big].gap--;
		sum--;
	}
	return sum;
}

/*
 * Outcome and stage, as a category: open in stage k (k < n), won (n), lost from
 * stage k (n + 1 + k). A Weyl sequence over the deal index spreads them evenly, so
 * even 60 deals show every column with a believable funnel.
 */
static size_t
pick_spread(const struct gen *g, long idx)
{
	uint64_t x = (uint64_t)(idx + 1) * 0x9e3779b97f4a7c15u + g->spread;
	uint64_t at = ((x >> 32) * (uint64_t)g->total) >> 32;

	for (size_t c = 0; c < g->ncats; c++) {
		if (at < (uint64_t)g->cat_weight[c])
			return c;
		at -= (uint64_t)g->cat_weight[c];
	}
	return 0;
}

/*
 * The shape of deal idx: owner, outcome, the stages it went through and when.
 * Everything the creation order depends on is drawn here, first, from the deal's
 * own stream, so sorting by creation needs only this.
 */
static void
shape_deal(struct gen *g, struct rng *r, long idx)
{
	struct deal *d = &g->d;
	int n = g->n, aw[3] = {62, 24, 14};
	long final = 0, room, sum, last;
	size_t c = pick_spread(g, idx);

	d->nev = 0;
	d->seller = (int)pick_weighted(r, g->owner_weight, g->nowners);
	if (g->tendency != NULL)
		aw[ROT] += g->tendency[d->seller].rot;
	d->age = (int)pick_weighted(r, aw, 3);
	d->outcome = c < (size_t)n ? OPEN : c == (size_t)n ? WON : LOST;
	d->stage = c < (size_t)n ? (int)c : c == (size_t)n ? 0 : (int)c - n - 1;
	/* Some sellers close more than others. */
	if (g->tendency != NULL && d->outcome != OPEN) {
		int won = g->tendency[d->seller].won;

		if (d->outcome == LOST && won > 0 && chance(r, 3 * won))
			d->outcome = WON;
		else if (d->outcome == WON && won < 0 && chance(r, -3 * won) &&
			 g->p->lost_reasons.n > 0)
			d->outcome = LOST;
	}
	/* The first deals cover every stage and outcome, so even a small demo shows all. */
	if (idx < n) {
		d->outcome = OPEN;
		d->stage = (int)idx;
		d->age = idx == 0 ? ROT : idx == 1 ? WARN : d->age;
	} else if (idx == n || (idx == n + 1 && g->p->lost_reasons.n > 0)) {
		d->outcome = idx == n ? WON : LOST;
		d->stage = (int)rnd(r, n);
	}
	shape_path(g, r);

	/* Each event ends a stay in the stage before it; an open deal is still in one. */
	for (size_t j = 1; j < d->nev; j++) {
		int s = stage_after(&d->ev[j - 1]);
		int age = (int)pick_weighted(r, (const int[]){72, 20, 8}, 3);

		d->ev[j].gap = stay_days(r, &g->p->stages[s], (enum age)age);
	}
	if (d->outcome == OPEN)
		final = min_l(stay_days(r, &g->p->stages[d->stage], (enum age)d->age),
			      HISTORY_DAYS / 2);
	room = d->outcome == OPEN ? HISTORY_DAYS - final : HISTORY_DAYS - 1;
	sum = fit_stays(d, room);
	/* Nothing happens today: a time of today could still be in the future. */
	last = d->outcome == OPEN ? g->today - final
				  : g->today - 1 - rnd(r, max_l(room - sum, 0) + 1);
	d->ev[d->nev - 1].at = last;
	for (size_t j = d->nev - 1; j > 0; j--)
		d->ev[j - 1].at = d->ev[j].at - d->ev[j].gap;
	for (size_t j = 0; j < d->nev; j++)
		d->ev[j].at = d->ev[j].at * DAY + rnd_in(r, WORK_START, WORK_END - 1);
}

/* A role for a new stakeholder: the first is an entry point, few deals have two champions. */
static int
natural_role(struct rng *r, const struct deal *d)
{
	int w[DEMO_NROLES];

	for (size_t i = 0; i < DEMO_NROLES; i++) {
		w[i] = d->npeople == 0 ? demo_roles[i].entry : demo_roles[i].weight;
		for (size_t k = 0; k < d->npeople && demo_roles[i].unique; k++)
			if (d->people[k].role == (int)i)
				w[i] = 0;
	}
	return (int)pick_weighted(r, w, DEMO_NROLES);
}

static int
role_index(const char *word)
{
	for (size_t i = 0; i < DEMO_NROLES; i++)
		if (strcmp(demo_roles[i].word, word) == 0)
			return (int)i;
	fatal("demo: no stakeholder role '%s'", word);
}

static int
stance_index(const char *word)
{
	for (size_t i = 0; i < DEMO_NSTANCES; i++)
		if (strcmp(demo_stances[i], word) == 0)
			return (int)i;
	fatal("demo: no stance '%s'", word);
}

/* Maps a stakeholder (role -1: a natural one) at a time between lo and hi. */
static int
map_person(struct rng *r, struct deal *d, int role, long lo, long hi)
{
	struct member *p;

	GROW(d->people, d->npeople, d->cap_people);
	p = &d->people[d->npeople];
	int natural = role >= 0 ? role : natural_role(r, d); /* drawn before the time */
	*p = (struct member){.role = natural,
			     .parent = -1,
			     .mapped = stamp_between(r, lo, hi),
			     .acted = -1,
			     .last = -1};
	return (int)d->npeople++;
}

/* A stakeholder a gate needs now takes the place of one that would have come later. */
static int
map_needed(struct rng *r, struct deal *d, int role, long lo, long hi)
{
	if (d->nsched > d->next_sched)
		d->nsched--;
	return map_person(r, d, role, lo, hi);
}

/* Someone mapped by then, preferring the champion. */
static int
buyer_contact(struct rng *r, const struct deal *d, long by)
{
	int any = -1, champ = -1, seen = 0;

	for (size_t i = 0; i < d->npeople; i++) {
		if (d->people[i].mapped > by)
			continue;
		if (strcmp(demo_roles[d->people[i].role].word, "champion") == 0)
			champ = (int)i;
		if (rnd(r, ++seen) == 0)
			any = (int)i;
	}
	return champ >= 0 && chance(r, 60) ? champ : any;
}

static void
add_step(struct rng *r, struct deal *d, int text, long created, long due)
{
	enum demo_side side = demo_step_texts[text].side;
	struct step *s;

	GROW(d->steps, d->nsteps, d->cap_steps);
	s = &d->steps[d->nsteps++];
	*s = (struct step){text, -1, created, due, -1};
	if (side == DEMO_BUYER || (side == DEMO_JOINT && chance(r, 50)))
		s->who = buyer_contact(r, d, created);
	d->used_steps |= 1u << text;
}

/*
 * The mutual action plan, written once the deal is far enough along: the steps
 * from where the deal is (stage s of n) to the handoff.
 */
static void
write_plan(struct rng *r, struct deal *d, int s, int n, long lo, long hi)
{
	long created = stamp_between(r, lo, hi), start = day_of(created), end = d->expect_close;
	long first = max_l((long)s * (long)(DEMO_NSTEP_TEXTS - 1) / n - 1, 0);
	long left = (long)DEMO_NSTEP_TEXTS - first, want = min_l(rnd_in(r, 3, 8), left);

	if (end < start + 14)
		end = start + 14 + rnd(r, 30);
	for (size_t t = (size_t)first; t < DEMO_NSTEP_TEXTS && want > 0; t++, left--) {
		/* Spread over the plan; the last (the handoff) lands after the close. */
		long due = start + (end - start) * ((long)t - first + 1) /
					   max_l((long)DEMO_NSTEP_TEXTS - 1 - first, 1);

		if (rnd(r, left) >= want)
			continue;
		add_step(r, d, (int)t, created, max_l(start + 1, due + rnd_in(r, -2, 2)));
		want--;
	}
	d->have_plan = 1;
}

/* One more step a gate asks for, of a side (-1: any) not yet in the plan if possible. */
static void
add_needed_step(struct rng *r, struct deal *d, int side, long lo, long hi)
{
	int cand[DEMO_NSTEP_TEXTS], ncand = 0, fresh;
	long created = stamp_between(r, lo, hi);

	for (fresh = 1; fresh >= 0 && ncand == 0; fresh--)
		for (size_t t = 0; t < DEMO_NSTEP_TEXTS; t++)
			if ((side < 0 || (int)demo_step_texts[t].side == side) &&
			    (!fresh || !(d->used_steps & (1u << t))))
				cand[ncand++] = (int)t;
	int pick = cand[rnd(r, ncand)];
	add_step(r, d, pick, created, day_of(created) + rnd_in(r, 5, 35));
}

static size_t
buyer_steps(const struct deal *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nsteps; i++)
		n += demo_step_texts[d->steps[i].text].side == DEMO_BUYER;
	return n;
}

/*
 * A role a gate needs, on a full committee: someone whose role no gate asks for
 * turns out to hold it. -1 if nobody can.
 */
static int
recast(const struct gen *g, const struct deal *d)
{
	if (d->npeople < MAX_PEOPLE || d->nsched > d->next_sched)
		return -1;
	for (size_t i = 0; i < d->npeople; i++)
		if (!demo_roles[d->people[i].role].unique &&
		    !(g->gated_roles & (1u << d->people[i].role)))
			return (int)i;
	return -1;
}

/* Makes a data check of a gate true before the move that passes it (lo..hi: the stay). */
static void
meet_check(struct gen *g, struct rng *r, const struct check *c, long lo, long hi)
{
	struct deal *d = &g->d;
	int role, has = 0, who;

	switch (c->kind) {
	case CHECK_MIN_STAKEHOLDERS:
		while (d->npeople < (size_t)c->n)
			map_needed(r, d, -1, lo, hi);
		break;
	case CHECK_HAS_ROLE:
		role = role_index(c->arg);
		for (size_t i = 0; i < d->npeople; i++)
			has |= d->people[i].role == role;
		if (!has && (who = recast(g, d)) >= 0)
			d->people[who].role = role;
		else if (!has)
			map_needed(r, d, role, lo, hi);
		break;
	case CHECK_NO_STANCE:
		d->forbidden_stances |= 1u << stance_index(c->arg);
		break;
	case CHECK_MIN_PLAN_STEPS:
		while (d->nsteps < (size_t)c->n)
			add_needed_step(r, d, -1, lo, hi);
		break;
	case CHECK_MIN_BUYER_STEPS:
		while (buyer_steps(d) < (size_t)c->n)
			add_needed_step(r, d, DEMO_BUYER, lo, hi);
		break;
	case CHECK_CLOSE_DATE_SET:
		d->need_close = 1;
		break;
	case CHECK_SUCCESS_CRITERIA_SET:
		d->need_criteria = 1;
		break;
	case CHECK_NEXT_STEP_SET:
		d->need_next = 1;
		break;
	case CHECK_AMOUNT_SET:
		d->need_amount = 1;
		break;
	}
}

/* Who acted: early gates hear from the working level, late ones from the top. */
static int
pick_contact(struct rng *r, const struct deal *d, int late, long by)
{
	int pref = -1, any = -1, npref = 0, nany = 0;

	for (size_t i = 0; i < d->npeople; i++) {
		int rank = demo_roles[d->people[i].role].rank;

		if (d->people[i].mapped > by)
			continue;
		if (rnd(r, ++nany) == 0)
			any = (int)i;
		if ((late ? rank <= 2 : rank >= 2) && rnd(r, ++npref) == 0)
			pref = (int)i;
	}
	return pref >= 0 && chance(r, 75) ? pref : any;
}

static const char *
proof_sentence(struct rng *r, const struct evidence_req *req, const char **arg)
{
	*arg = NULL;
	for (size_t i = 0; i < demo_nproof_texts; i++)
		if (strcmp(demo_proof_texts[i].key, req->key) == 0)
			return PICK(r, demo_proof_texts[i].what);
	*arg = req->meaning != NULL && req->meaning[0] != '\0' ? req->meaning : req->key;
	return demo_proof_generic[rnd(r, (long)demo_nproof_generic)];
}

/* Evidence for one requirement of a gate the move of event j passes. */
static void
record_proof(struct gen *g, struct rng *r, size_t j, int s, size_t q, long lo, long hi)
{
	struct deal *d = &g->d;
	const struct evidence_req *req = &g->p->stages[s].evidence[q];
	struct proof *pr;
	int who = pick_contact(r, d, s * 2 >= g->n, hi);
	long first, last = day_of(hi);

	if (who < 0 && req->contact_required)
		who = map_needed(r, d, -1, lo, hi);
	first = max_l(day_of(lo), who >= 0 ? day_of(d->people[who].mapped) : 0);
	GROW(d->proofs, d->nproofs, d->cap_proofs);
	pr = &d->proofs[d->nproofs++];
	pr->ev = j;
	pr->stage = s;
	pr->req = q;
	pr->who = who;
	pr->day = last - rnd(r, min_l(last - first, 6) + 1);
	pr->text = proof_sentence(r, req, &pr->arg);
	if (who >= 0)
		d->people[who].acted = max_l(d->people[who].acted, pr->day);
}

/*
 * The move of event j leaves the stay lo..hi: first make every data check of the
 * gates it passes true, then record their evidence, unless a manager overrode.
 */
static void
pass_gates(struct gen *g, struct rng *r, size_t j, long lo, long hi)
{
	struct deal *d = &g->d;
	struct ev *e = &d->ev[j];

	for (int s = e->from; s < e->to; s++)
		for (size_t c = 0; c < g->p->stages[s].nchecks; c++)
			meet_check(g, r, &g->p->stages[s].checks[c], lo, hi);
	if (g->p->stages[e->from].nevidence > 0 && chance(r, 3))
		e->override = (int)rnd(r, demo_noverride_reasons);
	for (int s = e->from; s < e->to; s++)
		for (size_t q = 0; q < g->p->stages[s].nevidence; q++)
			if (e->override < 0 || s != e->from) /* the gate overridden */
				record_proof(g, r, j, s, q, lo, hi);
}

/* The day a deal is expected to close, before we know whether it will be stored. */
static long
expect_close(struct gen *g, struct rng *r, const struct deal *d)
{
	long created = day_of(d->ev[0].at), last = day_of(d->ev[d->nev - 1].at), day;

	switch (d->outcome) {
	case WON:
		return last;
	case LOST:
		day = last + rnd_in(r, 0, 60);
		break;
	case OPEN:
	default:
		day = chance(r, 12) ? g->today - rnd_in(r, 1, 25) /* slipped */
				    : g->today + (g->n - d->stage) * 9L + rnd_in(r, 0, 35);
		break;
	}
	return max_l(day, created + 7);
}

/* Walks the deal's stays in order: people come in, the plan is written, gates are met. */
static void
live_deal(struct gen *g, struct rng *r)
{
	struct deal *d = &g->d;
	size_t nstays = d->outcome == OPEN ? d->nev : d->nev - 1;
	int reached = 0, plan_stage = (g->n - 1) / 2;
	long m;

	d->npeople = d->nsteps = d->nproofs = 0;
	d->next_sched = 0;
	d->used_steps = d->forbidden_stances = 0;
	d->have_plan = 0;
	d->need_close = d->need_criteria = d->need_next = d->need_amount = 0;
	d->end_at = d->outcome == OPEN ? (g->today - 1) * DAY + WORK_END : d->ev[d->nev - 1].at;
	d->end_day = day_of(d->end_at);
	d->expect_close = expect_close(g, r, d);
	d->want_plan = chance(r, 85);
	for (size_t j = 0; j < d->nev; j++)
		reached = d->ev[j].to > reached ? d->ev[j].to : reached;
	/* Committees grow with the deal; a few early ones hang on a single thread. */
	m = 1 + (4L * reached + g->n / 2) / g->n + rnd_in(r, -1, 1);
	m = m < 1 && chance(r, 60) ? 1 : m;
	d->nsched = (size_t)(m < 0 ? 0 : m > MAX_PEOPLE ? MAX_PEOPLE : m);
	for (size_t i = 0; i < d->nsched; i++) {
		long s = i == 0 ? 0 : rnd(r, (long)nstays);
		size_t k = i;

		for (; k > 0 && d->sched[k - 1] > s; k--)
			d->sched[k] = d->sched[k - 1];
		d->sched[k] = s;
	}
	for (size_t j = 0; j < nstays; j++) {
		long lo = d->ev[j].at, hi = j + 1 < d->nev ? d->ev[j + 1].at : d->end_at;

		for (; d->next_sched < d->nsched && d->sched[d->next_sched] == (long)j;
		     d->next_sched++)
			/* The first contact usually comes with the lead. */
			map_person(r, d, -1, lo,
				   d->npeople == 0 && chance(r, 70) ? min_l(hi, lo + 1800) : hi);
		if (d->want_plan && !d->have_plan && stage_after(&d->ev[j]) >= plan_stage)
			write_plan(r, d, stage_after(&d->ev[j]), g->n, lo, hi);
		if (j + 1 < d->nev &&
		    (d->ev[j + 1].kind == EV_FORWARD || d->ev[j + 1].kind == EV_WON))
			pass_gates(g, r, j + 1, lo, hi);
	}
}

/* A name nobody else in this deal has: mostly from the account's region. */
static void
name_person(struct rng *r, struct deal *d, size_t self)
{
	static const int elsewhere[DEMO_NREGIONS] = {8, 3, 3, 2, 2, 1, 1};
	struct member *p = &d->people[self];
	size_t dup;

	for (int tries = 0;; tries++) {
		const struct demo_name_pool *np =
			&demo_name_pools[chance(r, 55)
						 ? demo_accounts[d->account].region
						 : pick_weighted(r, elsewhere, DEMO_NREGIONS)];
		const char *given = np->given[rnd(r, (long)np->ngiven)];
		const char *family = np->family[rnd(r, (long)np->nfamily)];

		if (np->family_first)
			snprintf(p->name, sizeof p->name, "%s%s%s", family, np->sep, given);
		else
			snprintf(p->name, sizeof p->name, "%s%s%s", given, np->sep, family);
		if (tries >= 20) /* a committee larger than our lists of names */
			snprintf(p->name + strlen(p->name), sizeof p->name - strlen(p->name),
				 " %d", tries);
		/* Two of one family in a committee happens, but rarely. */
		for (dup = 0; dup < self; dup++)
			if (strcasecmp(d->people[dup].name, p->name) == 0 ||
			    (tries < 10 && d->people[dup].family == family && chance(r, 85)))
				break;
		if (dup == self) {
			p->family = family;
			return;
		}
	}
}

/* Insertion order: the top of each reports-to tree first, so parents exist. */
static void
order_people(struct deal *d)
{
	if (d->cap_order < d->npeople) {
		d->cap_order = d->cap_people;
		d->order = xreallocarray(d->order, d->cap_order, sizeof *d->order);
	}
	for (size_t i = 0; i < d->npeople; i++) {
		size_t k = i;
		int rank = demo_roles[d->people[i].role].rank;

		for (; k > 0 && demo_roles[d->people[d->order[k - 1]].role].rank > rank; k--)
			d->order[k] = d->order[k - 1];
		d->order[k] = (int)i;
	}
}

/* Who they are: name, title, stance, influence, reports-to, last contact. */
static void
finish_people(struct rng *r, struct deal *d)
{
	for (size_t i = 0; i < d->npeople; i++) {
		struct member *p = &d->people[i];
		const struct demo_role *ro = &demo_roles[p->role];
		int sw[DEMO_NSTANCES];
		long lo;

		name_person(r, d, i);
		p->title = chance(r, 93) ? (int)rnd(r, LEN(demo_role_titles[0])) : -1;
		p->influence = (int)pick_weighted(r, ro->influence, DEMO_NINFLUENCES);
		/* A gate passed with "no_stance X": nobody holds X. */
		for (size_t s = 0; s < DEMO_NSTANCES; s++)
			sw[s] = d->forbidden_stances & (1u << s) ? 0 : ro->stance[s] + 1;
		p->stance = (int)pick_weighted(r, sw, DEMO_NSTANCES);
		lo = max_l(day_of(p->mapped), p->acted);
		p->last = p->acted < 0 && chance(r, 10)
				  ? -1
				  : max_l(rnd_in(r, lo, d->end_day), rnd_in(r, lo, d->end_day));
	}
	order_people(d);
	for (size_t i = 1; i < d->npeople; i++) {
		struct member *p = &d->people[d->order[i]];
		size_t above = 0;

		while (above < i &&
		       demo_roles[d->people[d->order[above]].role].rank < demo_roles[p->role].rank)
			above++;
		if (above > 0 && chance(r, 80))
			p->parent = d->order[rnd(r, (long)above)];
	}
}

/* Steps due before the deal ended are mostly done; an open deal has some overdue. */
static void
finish_steps(struct rng *r, struct deal *d)
{
	int done = d->outcome == WON ? 95 : d->outcome == LOST ? 55 : 65;

	for (size_t i = 0; i < d->nsteps; i++) {
		struct step *s = &d->steps[i];
		long first = day_of(s->created), day;

		if (s->due <= d->end_day ? !chance(r, done) : !chance(r, 8))
			continue;
		day = s->due <= d->end_day ? s->due + rnd_in(r, -4, 3)
					   : rnd_in(r, first, d->end_day);
		day = min_l(max_l(day, first), d->end_day);
		s->done = day * DAY + rnd_in(r, WORK_START, WORK_END - 1);
		s->done = min_l(max_l(s->done, s->created + 60), d->end_at);
	}
}

/*
 * Rows go out in batches, parents before children: multi-row INSERTs cost SQLite
 * far less per row than one statement each (measured: 100,000 deals).
 */
static const struct table_def {
	const char *name, *cols;
} table_defs[NTABLES] = {
	[T_DEALS] = {"deals", "id, title, account, owner, stage, status, amount, close_date,"
			      " next_step, next_step_due, success_criteria, lost_reason,"
			      " lost_note, created_at, stage_entered_at, closed_at,"
			      " updated_at, version"},
	[T_PEOPLE] = {"stakeholders", "id, deal_id, name, role, title, stance, influence,"
				      " reports_to, last_contact, created_at"},
	[T_STEPS] = {"plan_steps", "deal_id, title, owner_side, who, due, done_at, done_by,"
				   " created_at"},
	[T_EVENTS] = {"stage_events", "id, deal_id, kind, from_stage, stage, status, at, actor,"
				      " reason, note, override, imported, from_entered_at"},
	[T_PROOFS] = {"evidence", "deal_id, event_id, stage, requirement, what, contact_id,"
				  " contact_name, acted_on, recorded_by, recorded_at"},
};

static sqlite3_stmt *
prepare_insert(struct db *db, const struct table_def *def, int ncols, int rows)
{
	struct strbuf sql;
	sqlite3_stmt *st;

	strbuf_init(&sql);
	strbuf_printf(&sql, "INSERT INTO %s (%s) VALUES ", def->name, def->cols);
	for (int r = 0; r < rows; r++) {
		strbuf_puts(&sql, r ? ", (" : "(");
		for (int c = 0; c < ncols; c++)
			strbuf_puts(&sql, c ? ", ?" : "?");
		strbuf_putc(&sql, ')');
	}
	st = db_prepare(db, strbuf_str(&sql));
	strbuf_free(&sql);
	return st;
}

static void
table_open(struct table *t, struct db *db, const struct table_def *def)
{
	memset(t, 0, sizeof *t);
	t->ncols = 1;
	for (const char *c = def->cols; *c != '\0'; c++)
		t->ncols += *c == ',';
	t->one = prepare_insert(db, def, t->ncols, 1);
	t->many = prepare_insert(db, def, t->ncols, CHUNK_ROWS);
	strbuf_init(&t->text);
}

static void
table_close(struct table *t)
{
	sqlite3_finalize(t->one);
	sqlite3_finalize(t->many);
	free(t->vals);
	strbuf_free(&t->text);
}

static struct val *
put(struct table *t, enum val_kind kind)
{
	GROW(t->vals, t->nvals, t->cap_vals);
	t->vals[t->nvals].kind = kind;
	return &t->vals[t->nvals++];
}

static void
put_int(struct table *t, sqlite3_int64 v)
{
	put(t, V_INT)->i = v;
}

/* Text is copied: NULL is SQL NULL. */
static void
put_text(struct table *t, const char *s)
{
	if (s == NULL) {
		put(t, V_NULL);
		return;
	}
	put(t, V_TEXT)->off = t->text.len;
	strbuf_add(&t->text, s, strlen(s) + 1);
}

static void
put_id(struct table *t, sqlite3_int64 id)
{
	if (id > 0)
		put_int(t, id);
	else
		put(t, V_NULL);
}

static void
put_date(struct table *t, long day)
{
	char buf[DATE_LEN];

	if (day < 0) {
		put(t, V_NULL);
		return;
	}
	date_format(day, buf);
	put_text(t, buf);
}

/* Not through gmtime: there are a million and a half of them. */
static void
put_at(struct table *t, long at)
{
	char buf[TIMESTAMP_LEN];
	long s;
	int y, m, d;

	if (at < 0) {
		put(t, V_NULL);
		return;
	}
	s = at % DAY;
	date_to_ymd(day_of(at), &y, &m, &d);
	timestamp_from_parts(y, m, d, (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60), buf);
	put_text(t, buf);
}

static void
bind_row(struct table *t, sqlite3_stmt *st, size_t row, int first)
{
	const struct val *v = &t->vals[row * (size_t)t->ncols];

	for (int c = 0; c < t->ncols; c++) {
		switch (v[c].kind) {
		case V_NULL:
			sqlite3_bind_null(st, first + c);
			break;
		case V_INT:
			sqlite3_bind_int64(st, first + c, v[c].i);
			break;
		case V_TEXT:
			sqlite3_bind_text(st, first + c, t->text.s + v[c].off, -1, SQLITE_STATIC);
			break;
		}
	}
}

static int
run(struct db *db, sqlite3_stmt *st, struct dd_err *err)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(db, err, "demo");

	sqlite3_reset(st);
	return rc;
}

/* Writes the rows put so far: in chunks, the rest one by one. */
static int
table_flush(struct table *t, struct db *db, struct dd_err *err)
{
	size_t rows = t->nvals / (size_t)t->ncols, row = 0;
	int rc = DD_OK;

	for (; rc == DD_OK && rows - row >= CHUNK_ROWS; row += CHUNK_ROWS) {
		for (size_t k = 0; k < CHUNK_ROWS; k++)
			bind_row(t, t->many, row + k, 1 + (int)k * t->ncols);
		rc = run(db, t->many, err);
	}
	for (; rc == DD_OK && row < rows; row++) {
		bind_row(t, t->one, row, 1);
		rc = run(db, t->one, err);
	}
	t->nvals = 0;
	strbuf_reset(&t->text);
	return rc;
}

static int
flush_all(struct gen *g, struct dd_err *err)
{
	for (int i = 0; i < NTABLES; i++)
		if (table_flush(&g->out[i], g->db, err) != DD_OK)
			return err->code;
	return DD_OK;
}

static const char *
lost_note_text(struct gen *g, const struct ev *e)
{
	const char *code = g->p->lost_reasons.v[e->why];

	if (e->note < 0)
		return NULL;
	for (size_t i = 0; i < demo_nlost_notes; i++)
		if (strcmp(demo_lost_notes[i].code, code) == 0)
			return demo_lost_notes[i].notes[e->note];
	return demo_lost_generic[e->note];
}

/* A next step for a stage bucket, naming a stakeholder when one can be named. */
static const char *
next_step_text(struct gen *g, struct rng *r, int bucket, int who)
{
	const char *t;

	do
		t = PICK(r, demo_next_steps[bucket]);
	while (who < 0 && strstr(t, "%s") != NULL);
	if (who < 0 || strstr(t, "%s") == NULL)
		return t;
	strbuf_reset(&g->text);
	strbuf_printf(&g->text, t, g->d.people[who].name);
	return strbuf_str(&g->text);
}

/* The deal row's fields, from what happened. */
static void
put_deal(struct gen *g, struct rng *r, sqlite3_int64 id)
{
	struct deal *d = &g->d;
	struct table *t = &g->out[T_DEALS];
	const struct ev *last = &d->ev[d->nev - 1], *entered = last;
	const struct demo_band *b =
		&demo_bands[pick_weighted(r, (const int[]){35, 35, 20, 10}, demo_nbands)];
	char title[256];
	int reached = 0, late = (d->stage * 3 + g->n / 2) / g->n,
	    who = buyer_contact(r, d, d->end_at);
	long amount = rnd_in(r, b->lo / b->step, b->hi / b->step) * b->step, close_day = -1;
	long due_day = -1, updated = last->at;
	const char *next = NULL, *criteria = NULL;

	for (size_t j = 0; j < d->nev; j++)
		reached = d->ev[j].to > reached ? d->ev[j].to : reached;
	late = late > 2 ? 2 : late;
	if (last->kind == EV_WON || last->kind == EV_LOST)
		entered = last - 1;
	/* A new lead often has no amount yet. */
	if (d->outcome == OPEN && d->stage == 0 && !d->need_amount && chance(r, 8))
		amount = 0;
	if (d->outcome == WON || d->need_close ||
	    chance(r, d->outcome == LOST ? 50 : 35 + 60 * d->stage / g->n))
		close_day = d->expect_close;
	if (d->outcome == OPEN ? chance(r, 88) || d->need_next : d->need_next) {
		next = next_step_text(g, r, d->outcome == OPEN ? late : 2, who);
		if (d->outcome != OPEN)
			due_day = d->end_day + rnd_in(r, 3, 14);
		else if (chance(r, 90))
			due_day = chance(r, 72) ? g->today + rnd_in(r, 0, 14)
						: max_l(day_of(d->ev[0].at),
							g->today - rnd_in(r, 1, 21));
	}
	if (d->outcome == WON || reached >= g->n - 1 || d->need_criteria ||
	    (d->stage == g->n - 2 && chance(r, 30)))
		criteria = demo_success_criteria[rnd(r, (long)demo_nsuccess_criteria)];
	for (size_t i = 0; i < d->npeople; i++)
		updated = max_l(updated, d->people[i].mapped);
	for (size_t i = 0; i < d->nsteps; i++)
		updated = max_l(updated, max_l(d->steps[i].created, d->steps[i].done));
	snprintf(title, sizeof title, "%s — %s %s", demo_accounts[d->account].name,
		 d->offering < 0 ? demo_accounts[d->account].special : demo_offerings[d->offering],
		 demo_motions[d->motion]);

	put_int(t, id);
	put_text(t, title);
	put_text(t, demo_accounts[d->account].name);
	put_text(t, g->owners[d->seller]);
	put_text(t, g->p->stages[d->stage].key);
	put_text(t, status_words[d->outcome]);
	put_int(t, amount);
	put_date(t, close_day);
	put_text(t, next);
	put_date(t, next != NULL ? due_day : -1);
	put_text(t, criteria);
	put_text(t, d->outcome == LOST ? g->p->lost_reasons.v[last->why] : NULL);
	put_text(t, d->outcome == LOST ? lost_note_text(g, last) : NULL);
	put_at(t, d->ev[0].at);
	put_at(t, entered->at);
	put_at(t, d->outcome == OPEN ? -1 : last->at);
	put_at(t, updated);
	put_int(t, (sqlite3_int64)d->nev);
}

static void
put_people(struct gen *g, sqlite3_int64 deal)
{
	struct deal *d = &g->d;
	struct table *t = &g->out[T_PEOPLE];

	for (size_t i = 0; i < d->npeople; i++) {
		struct member *p = &d->people[d->order[i]];
		const struct demo_role *ro = &demo_roles[p->role];

		p->id = ++g->last_id[T_PEOPLE];
		put_int(t, p->id);
		put_int(t, deal);
		put_text(t, p->name);
		put_text(t, ro->word);
		put_text(t, p->title >= 0 ? demo_role_titles[p->role][p->title] : NULL);
		put_text(t, demo_stances[p->stance]);
		put_text(t, demo_influences[p->influence]);
		put_id(t, p->parent >= 0 ? d->people[p->parent].id : 0);
		put_date(t, p->last);
		put_at(t, p->mapped);
	}
}

static void
put_steps(struct gen *g, sqlite3_int64 deal)
{
	struct deal *d = &g->d;
	struct table *t = &g->out[T_STEPS];

	for (size_t i = 0; i < d->nsteps; i++) {
		const struct step *s = &d->steps[i];
		const struct demo_step_text *st = &demo_step_texts[s->text];

		put_int(t, deal);
		put_text(t, st->title);
		put_text(t, demo_sides[st->side]);
		put_text(t, st->side == DEMO_SELLER ? g->owners[d->seller]
			    : s->who >= 0           ? d->people[s->who].name
						    : NULL);
		put_date(t, s->due);
		put_at(t, s->done);
		put_text(t, s->done >= 0 ? g->owners[d->seller] : NULL);
		put_at(t, s->created);
	}
}

static void
put_proof(struct gen *g, sqlite3_int64 deal, const struct proof *pr, const char *actor)
{
	const struct deal *d = &g->d;
	const struct ev *e = &d->ev[pr->ev];
	const struct stage *s = &g->p->stages[pr->stage];
	struct table *t = &g->out[T_PROOFS];

	put_int(t, deal);
	put_int(t, e->id);
	put_text(t, s->key);
	put_text(t, s->evidence[pr->req].key);
	if (pr->arg != NULL) {
		strbuf_reset(&g->text);
		strbuf_printf(&g->text, pr->text, pr->arg);
		put_text(t, strbuf_str(&g->text));
	} else {
		put_text(t, pr->text);
	}
	put_id(t, pr->who >= 0 ? d->people[pr->who].id : 0);
	put_text(t, pr->who >= 0 ? d->people[pr->who].name : NULL);
	put_date(t, pr->day);
	put_text(t, actor);
	put_at(t, e->at);
}

/* The stage history, each move followed by the evidence recorded with it. */
static void
put_events(struct gen *g, sqlite3_int64 deal)
{
	struct deal *d = &g->d;
	struct table *t = &g->out[T_EVENTS];
	const char *owner = g->owners[d->seller];
	size_t pr = 0;

	for (size_t j = 0; j < d->nev; j++) {
		struct ev *e = &d->ev[j];
		enum outcome status = e->kind == EV_WON ? WON : e->kind == EV_LOST ? LOST : OPEN;
		const char *actor = e->override >= 0 && g->manager != NULL ? g->manager : owner;

		e->id = ++g->last_id[T_EVENTS];
		put_int(t, e->id);
		put_int(t, deal);
		put_text(t, ev_words[e->kind]);
		put_text(t, e->from >= 0 ? g->p->stages[e->from].key : NULL);
		put_text(t, g->p->stages[stage_after(e)].key);
		put_text(t, status_words[status]);
		put_at(t, e->at);
		put_text(t, actor);
		put_text(t, e->kind == EV_BACK   ? demo_back_reasons[e->why]
			    : e->kind == EV_LOST ? g->p->lost_reasons.v[e->why]
						 : NULL);
		put_text(t, e->kind == EV_LOST ? lost_note_text(g, e) : NULL);
		put_text(t, e->override >= 0 ? demo_override_reasons[e->override] : NULL);
		put_int(t, 0);
		put_at(t,
		       j > 0 ? d->ev[j - 1].at : -1); /* no reopen here: the last stay was open */
		for (; pr < d->nproofs && d->proofs[pr].ev == j; pr++)
			put_proof(g, deal, &d->proofs[pr], actor);
	}
}

/* Deal idx, from its shape to its rows. */
static void
make_deal(struct gen *g, unsigned long seed, long idx)
{
	struct deal *d = &g->d;
	sqlite3_int64 id = ++g->last_id[T_DEALS];
	struct rng r;

	rng_stream(&r, seed, idx);
	shape_deal(g, &r, idx);
	d->account = (int)rnd(&r, demo_naccounts);
	d->offering = chance(&r, 55) ? -1 : (int)rnd(&r, demo_nofferings);
	d->motion = (int)rnd(&r, demo_nmotions);
	live_deal(g, &r);
	finish_people(&r, d);
	finish_steps(&r, d);
	put_deal(g, &r, id);
	put_people(g, id);
	put_steps(g, id);
	put_events(g, id);
}

static int
lost_weight(const char *code)
{
	for (size_t i = 0; i < demo_nlost_notes; i++)
		if (strcmp(demo_lost_notes[i].code, code) == 0)
			return demo_lost_notes[i].weight;
	return 6;
}

static sqlite3_int64
max_id(struct db *db, const char *table)
{
	char *sql = sqlite3_mprintf("SELECT coalesce(max(id), 0) FROM \"%w\"", table);
	sqlite3_stmt *st = db_prepare(db, sql);
	sqlite3_int64 id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;

	sqlite3_finalize(st);
	sqlite3_free(sql);
	return id;
}

/* Owners: the process's reps (managers override gates), else our sellers. */
static void
gen_init(struct gen *g, struct db *db, const struct process *p, long today, unsigned long seed)
{
	size_t n = 0;

	memset(g, 0, sizeof *g);
	g->db = db;
	g->p = p;
	g->n = (int)p->nstages;
	g->today = today;
	strbuf_init(&g->text);
	g->owners = xcalloc(p->nteam + demo_nsellers, sizeof *g->owners);
	g->owner_weight = xcalloc(p->nteam + demo_nsellers, sizeof *g->owner_weight);
	for (size_t i = 0; i < p->nteam; i++) {
		if (p->team[i].role == ROLE_MANAGER && g->manager == NULL)
			g->manager = p->team[i].login;
		if (p->team[i].role == ROLE_REP)
			g->owners[n++] = p->team[i].login;
	}
	for (size_t i = 0; n == 0 && i < p->nteam; i++)
		g->owners[i] = p->team[i].login;
	if (n == 0 && p->nteam > 0)
		n = p->nteam;
	for (size_t i = 0; i < n; i++)
		g->owner_weight[i] = 1;
	if (n == 0) {
		g->tendency = demo_sellers;
		for (; n < demo_nsellers; n++) {
			g->owners[n] = demo_sellers[n].login;
			g->owner_weight[n] = demo_sellers[n].weight;
		}
	}
	g->nowners = n;
	g->lost_weight = xcalloc(p->lost_reasons.n + 1, sizeof *g->lost_weight);
	for (size_t i = 0; i < p->lost_reasons.n; i++)
		g->lost_weight[i] = lost_weight(p->lost_reasons.v[i]);
	/* 60% open along a funnel, 20% won, 20% lost from any stage. */
	g->ncats = 2 * p->nstages + 1;
	g->cat_weight = xcalloc(g->ncats, sizeof *g->cat_weight);
	for (int k = 0; k < g->n; k++) {
		g->cat_weight[k] = 600 * (3 * g->n - 2 * k) / (2 * g->n * g->n + g->n) + 1;
		g->cat_weight[g->n + 1 + k] = p->lost_reasons.n > 0 ? 200 / g->n + 1 : 0;
	}
	g->cat_weight[g->n] = 200;
	for (size_t c = 0; c < g->ncats; c++)
		g->total += g->cat_weight[c];
	g->spread = rng_next(&(struct rng){seed});
	for (size_t i = 0; i < p->nstages; i++)
		for (size_t c = 0; c < p->stages[i].nchecks; c++)
			if (p->stages[i].checks[c].kind == CHECK_HAS_ROLE)
				g->gated_roles |= 1u << role_index(p->stages[i].checks[c].arg);
	for (int i = 0; i < NTABLES; i++) {
		table_open(&g->out[i], db, &table_defs[i]);
		g->last_id[i] = max_id(db, table_defs[i].name);
	}
}

static void
gen_free(struct gen *g)
{
	for (int i = 0; i < NTABLES; i++)
		table_close(&g->out[i]);
	strbuf_free(&g->text);
	free(g->owners);
	free(g->owner_weight);
	free(g->lost_weight);
	free(g->cat_weight);
	free(g->d.ev);
	free(g->d.people);
	free(g->d.steps);
	free(g->d.proofs);
	free(g->d.order);
}

static int
has_deals(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM deals)");
	int has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);

	sqlite3_finalize(st);
	return has;
}

/* What the demo fills; a bulk load (db_bulk.h), parents first. */
static const char *const demo_tables[] = {"deals",        "stakeholders", "plan_steps",
					  "stage_events", "evidence",     NULL};

static int
by_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
demo_fill(struct db *db, const struct process *p, const struct demo_options *o, struct dd_err *err)
{
	const long max_deals = (1L << IDX_BITS) - 1;
	long base = (o->today - 2L * HISTORY_DAYS) * DAY;
	struct db_bulk bulk;
	uint64_t *keys = NULL;
	struct gen g;
	int rc;

	if (p->nstages == 0)
		return err_set(err, DD_FAIL, "demo: the process has no stages");
	if (o->deals < 1 || o->deals > max_deals)
		return err_set(err, DD_USAGE, "demo: the number of deals must be 1 to %ld",
			       max_deals);
	if (db_begin(db, err) != DD_OK)
		return err->code;
	if (has_deals(db)) {
		db_rollback(db);
		return err_set(err, DD_REFUSED,
			       "the database already has deals: a demo pipeline fills only an "
			       "empty one (create a new database with 'dealdeck init')");
	}
	if (db_bulk_lift(db, demo_tables, NULL, &bulk, err) != DD_OK) {
		db_rollback(db);
		return err->code;
	}
	gen_init(&g, db, p, o->today, o->seed);
	/* Ids in creation order, as a real pipeline has them: only the shapes are sorted. */
	keys = xreallocarray(NULL, (size_t)o->deals, sizeof *keys);
	for (long i = 0; i < o->deals; i++) {
		struct rng r;

		rng_stream(&r, o->seed, i);
		shape_deal(&g, &r, i);
		keys[i] = (uint64_t)max_l(g.d.ev[0].at - base, 0) << IDX_BITS | (uint64_t)i;
	}
	qsort(keys, (size_t)o->deals, sizeof *keys, by_key);
	rc = DD_OK;
	for (long i = 0; i < o->deals && rc == DD_OK; i++) {
		make_deal(&g, o->seed, (long)(keys[i] & (uint64_t)max_deals));
		if ((i + 1) % FLUSH_DEALS == 0 || i + 1 == o->deals)
			rc = flush_all(&g, err);
	}
	free(keys);
	gen_free(&g);
	if (rc == DD_OK)
		rc = db_bulk_restore(db, &bulk, err);
	else
		db_bulk_free(&bulk);
	if (rc != DD_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}
