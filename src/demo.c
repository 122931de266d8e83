/*
 * The demo pipeline. Each deal is drawn from its own random stream, first as a
 * story (demo_story.c), then lived forward stay by stay (demo_life.c) so that
 * every gate it passes is met, as the real product would have demanded; its
 * rows are written in batches (demo_rows.c), in creation order, in one
 * transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "db_bulk.h"
#include "demo.h"
#include "demo_fields.h"
#include "demo_life.h"
#include "demo_people.h"
#include "demo_plan.h"
#include "demo_rows.h"
#include "demo_story.h"
#include "xmalloc.h"

#define IDX_BITS    24  /* deal index in a sort key (demo deals are capped at 10M) */
#define FLUSH_DEALS 256 /* deals whose rows are held before writing them */

static int
lost_weight(const char *code)
{
	for (size_t i = 0; i < demo_nlost_notes; i++)
		if (strcmp(demo_lost_notes[i].code, code) == 0)
			return demo_lost_notes[i].weight;
	return 6;
}

/* Owners: the process's reps (managers override gates), else our sellers. */
static void
world_init(struct demo_world *w, const struct process *p, long today, unsigned long seed)
{
	size_t n = 0;

	memset(w, 0, sizeof *w);
	w->p = p;
	w->n = (int)p->nstages;
	w->today = today;
	w->owners = xcalloc(p->nteam + demo_nsellers, sizeof *w->owners);
	w->owner_weight = xcalloc(p->nteam + demo_nsellers, sizeof *w->owner_weight);
	for (size_t i = 0; i < p->nteam; i++) {
		if (p->team[i].role == ROLE_MANAGER && w->manager == NULL)
			w->manager = p->team[i].login;
		if (p->team[i].role == ROLE_REP)
			w->owners[n++] = p->team[i].login;
	}
	for (size_t i = 0; n == 0 && i < p->nteam; i++)
		w->owners[i] = p->team[i].login;
	if (n == 0 && p->nteam > 0)
		n = p->nteam;
	for (size_t i = 0; i < n; i++)
		w->owner_weight[i] = 1;
	if (n == 0) {
		w->tendency = demo_sellers;
		for (; n < demo_nsellers; n++) {
			w->owners[n] = demo_sellers[n].login;
			w->owner_weight[n] = demo_sellers[n].weight;
		}
	}
	w->nowners = n;
	w->lost_weight = xcalloc(p->lost_reasons.n + 1, sizeof *w->lost_weight);
	for (size_t i = 0; i < p->lost_reasons.n; i++)
		w->lost_weight[i] = lost_weight(p->lost_reasons.v[i]);
	/* 60% open along a funnel, 20% won, 20% lost from any stage. */
	w->ncats = 2 * p->nstages + 1;
	w->cat_weight = xcalloc(w->ncats, sizeof *w->cat_weight);
	for (int k = 0; k < w->n; k++) {
		w->cat_weight[k] = 600 * (3 * w->n - 2 * k) / (2 * w->n * w->n + w->n) + 1;
		w->cat_weight[w->n + 1 + k] = p->lost_reasons.n > 0 ? 200 / w->n + 1 : 0;
	}
	w->cat_weight[w->n] = 200;
	for (size_t c = 0; c < w->ncats; c++)
		w->total += w->cat_weight[c];
	w->spread = rng_next(&(struct rng){seed});
	for (size_t i = 0; i < p->nstages; i++)
		for (size_t c = 0; c < p->stages[i].nchecks; c++) {
			const struct check *k = &p->stages[i].checks[c];

			if (k->kind == CHECK_HAS_ROLE)
				w->gated_roles |= 1u << demo_role_index(k->arg);
		}
}

static void
world_free(struct demo_world *w)
{
	free(w->owners);
	free(w->owner_weight);
	free(w->lost_weight);
	free(w->cat_weight);
}

static void
deal_free(struct demo_deal *d)
{
	free(d->ev);
	free(d->people);
	free(d->steps);
	free(d->proofs);
	free(d->order);
	free(d->seen);
	free(d->said);
	strbuf_free(&d->texts);
}

/* Deal idx, from its story to its rows. */
static void
make_deal(const struct demo_world *w, struct demo_deal *d, struct demo_rows *rows,
	  unsigned long seed, long idx)
{
	struct rng r;

	rng_stream(&r, seed, idx);
	demo_shape_deal(w, d, &r, idx);
	demo_pick_account(&r, d);
	demo_live_deal(w, d, &r);
	demo_finish_people(&r, d);
	demo_finish_steps(&r, d);
	demo_fill_fields(w, &r, d);
	demo_rows_put(rows, w, d);
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

/* Writes the deals in creation order, as a real pipeline has its ids. */
static int
write_deals(struct db *db, const struct demo_world *w, const struct demo_options *o,
	    struct dd_err *err)
{
	const long max_deals = (1L << IDX_BITS) - 1;
	long base = (o->today - 2L * HISTORY_DAYS) * DAY;
	struct demo_deal d = {0};
	struct demo_rows rows;
	uint64_t *keys = xreallocarray(NULL, (size_t)o->deals, sizeof *keys);
	int rc = DD_OK;

	/* Only the stories are drawn to sort by: a deal's own stream draws it again. */
	for (long i = 0; i < o->deals; i++) {
		struct rng r;

		rng_stream(&r, o->seed, i);
		demo_shape_deal(w, &d, &r, i);
		keys[i] = (uint64_t)max_l(d.ev[0].at - base, 0) << IDX_BITS | (uint64_t)i;
	}
	qsort(keys, (size_t)o->deals, sizeof *keys, by_key);
	demo_rows_open(&rows, db);
	for (long i = 0; i < o->deals && rc == DD_OK; i++) {
		make_deal(w, &d, &rows, o->seed, (long)(keys[i] & (uint64_t)max_deals));
		if ((i + 1) % FLUSH_DEALS == 0 || i + 1 == o->deals)
			rc = demo_rows_flush(&rows, err);
	}
	demo_rows_close(&rows);
	deal_free(&d);
	free(keys);
	return rc;
}

int
demo_fill(struct db *db, const struct process *p, const struct demo_options *o, struct dd_err *err)
{
	const long max_deals = (1L << IDX_BITS) - 1;
	struct db_bulk bulk;
	struct demo_world w;
	int rc;

	if (p->nstages == 0)
		return err_set(err, DD_FAIL, "demo: the process has no stages");
	if (o->deals < 1 || o->deals > max_deals)
		return err_set(err, DD_USAGE, "demo: the number of deals must be 1 to %ld",
			       max_deals);
	if (db_begin_data(db, err) != DD_OK)
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
	world_init(&w, p, o->today, o->seed);
	rc = write_deals(db, &w, o, err);
	world_free(&w);
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
