/*
 * A generated demo deal as rows of our schema, in batches (insert_batch.h):
 * the deal, its stakeholders (parents of the reports-to tree first), its plan,
 * and its stage history with each move's evidence after it.
 */
#include <string.h>

#include "demo_rows.h"

static const char *const ev_words[] = {"create", "forward", "back", "won", "lost"};
static const char *const status_words[] = {"open", "won", "lost"};

static const struct table_def {
	const char *name, *cols;
} table_defs[DEMO_NTABLES] = {
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

static long long
max_id(struct db *db, const char *table)
{
	char *sql = sqlite3_mprintf("SELECT coalesce(max(id), 0) FROM \"%w\"", table);
	sqlite3_stmt *st = db_prepare(db, sql);
	long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;

	sqlite3_finalize(st);
	sqlite3_free(sql);
	return id;
}

void
demo_rows_open(struct demo_rows *rows, struct db *db)
{
	memset(rows, 0, sizeof *rows);
	for (int i = 0; i < DEMO_NTABLES; i++) {
		insert_batch_open(&rows->out[i], db, table_defs[i].name, table_defs[i].cols);
		rows->last_id[i] = max_id(db, table_defs[i].name);
	}
}

void
demo_rows_close(struct demo_rows *rows)
{
	for (int i = 0; i < DEMO_NTABLES; i++)
		insert_batch_close(&rows->out[i]);
}

int
demo_rows_flush(struct demo_rows *rows, struct dd_err *err)
{
	for (int i = 0; i < DEMO_NTABLES; i++)
		if (insert_batch_flush(&rows->out[i], err) != DD_OK)
			return err->code;
	return DD_OK;
}

static const char *
lost_note_text(const struct demo_world *w, const struct demo_event *e)
{
	const char *code = w->p->lost_reasons.v[e->why];

	if (e->note < 0)
		return NULL;
	for (size_t i = 0; i < demo_nlost_notes; i++)
		if (strcmp(demo_lost_notes[i].code, code) == 0)
			return demo_lost_notes[i].notes[e->note];
	return demo_lost_generic[e->note];
}

static void
put_deal(struct demo_rows *rows, const struct demo_world *w, const struct demo_deal *d,
	 long long id)
{
	struct insert_batch *t = &rows->out[T_DEALS];
	const struct demo_event *last = &d->ev[d->nev - 1], *entered = last;
	long updated = last->at;

	if (last->kind == EV_WON || last->kind == EV_LOST)
		entered = last - 1;
	for (size_t i = 0; i < d->npeople; i++)
		updated = max_l(updated, d->people[i].mapped);
	for (size_t i = 0; i < d->nsteps; i++)
		updated = max_l(updated, max_l(d->steps[i].created, d->steps[i].done));

	insert_batch_int(t, id);
	insert_batch_text(t, d->title);
	insert_batch_text(t, demo_accounts[d->account].name);
	insert_batch_text(t, w->owners[d->seller]);
	insert_batch_text(t, w->p->stages[d->stage].key);
	insert_batch_text(t, status_words[d->outcome]);
	insert_batch_int(t, d->amount);
	insert_batch_day(t, d->close_day);
	insert_batch_text(t, d->next);
	insert_batch_day(t, d->next != NULL ? d->due_day : -1);
	insert_batch_text(t, d->criteria);
	insert_batch_text(t, d->outcome == DEMO_LOST ? w->p->lost_reasons.v[last->why] : NULL);
	insert_batch_text(t, d->outcome == DEMO_LOST ? lost_note_text(w, last) : NULL);
	insert_batch_time(t, d->ev[0].at);
	insert_batch_time(t, entered->at);
	insert_batch_time(t, d->outcome == DEMO_OPEN ? -1 : last->at);
	insert_batch_time(t, updated);
	insert_batch_int(t, (long long)d->nev);
}

static void
put_people(struct demo_rows *rows, struct demo_deal *d, long long deal)
{
	struct insert_batch *t = &rows->out[T_PEOPLE];

	for (size_t i = 0; i < d->npeople; i++) {
		struct demo_person *p = &d->people[d->order[i]];
		const struct demo_role *ro = &demo_roles[p->role];

		p->id = ++rows->last_id[T_PEOPLE];
		insert_batch_int(t, p->id);
		insert_batch_int(t, deal);
		insert_batch_text(t, p->name);
		insert_batch_text(t, ro->word);
		insert_batch_text(t, p->title >= 0 ? demo_role_titles[p->role][p->title] : NULL);
		insert_batch_text(t, demo_stances[p->stance]);
		insert_batch_text(t, demo_influences[p->influence]);
		insert_batch_id(t, p->parent >= 0 ? d->people[p->parent].id : 0);
		insert_batch_day(t, p->last);
		insert_batch_time(t, p->mapped);
	}
}

static void
put_steps(struct demo_rows *rows, const struct demo_world *w, const struct demo_deal *d,
	  long long deal)
{
	struct insert_batch *t = &rows->out[T_STEPS];

	for (size_t i = 0; i < d->nsteps; i++) {
		const struct demo_step *s = &d->steps[i];
		const struct demo_step_text *st = &demo_step_texts[s->text];

		insert_batch_int(t, deal);
		insert_batch_text(t, st->title);
		insert_batch_text(t, demo_sides[st->side]);
		insert_batch_text(t, st->side == DEMO_SELLER ? w->owners[d->seller]
				     : s->who >= 0           ? d->people[s->who].name
							     : NULL);
		insert_batch_day(t, s->due);
		insert_batch_time(t, s->done);
		insert_batch_text(t, s->done >= 0 ? w->owners[d->seller] : NULL);
		insert_batch_time(t, s->created);
	}
}

static void
put_proof(struct demo_rows *rows, const struct demo_world *w, const struct demo_deal *d,
	  long long deal, const struct demo_proof *pr, const char *actor)
{
	const struct demo_event *e = &d->ev[pr->ev];
	const struct stage *s = &w->p->stages[pr->stage];
	struct insert_batch *t = &rows->out[T_PROOFS];

	insert_batch_int(t, deal);
	insert_batch_int(t, e->id);
	insert_batch_text(t, s->key);
	insert_batch_text(t, s->evidence[pr->req].key);
	insert_batch_text(t, d->texts.s + pr->what);
	insert_batch_id(t, pr->who >= 0 ? d->people[pr->who].id : 0);
	insert_batch_text(t, pr->who >= 0 ? d->people[pr->who].name : NULL);
	insert_batch_day(t, pr->day);
	insert_batch_text(t, actor);
	insert_batch_time(t, e->at);
}

/* The stage history, each move followed by the evidence recorded with it. */
static void
put_events(struct demo_rows *rows, const struct demo_world *w, struct demo_deal *d, long long deal)
{
	struct insert_batch *t = &rows->out[T_EVENTS];
	const char *owner = w->owners[d->seller];
	size_t pr = 0;

	for (size_t j = 0; j < d->nev; j++) {
		struct demo_event *e = &d->ev[j];
		enum demo_outcome status = e->kind == EV_WON    ? DEMO_WON
					   : e->kind == EV_LOST ? DEMO_LOST
								: DEMO_OPEN;
		const char *actor = e->override >= 0 && w->manager != NULL ? w->manager : owner;

		e->id = ++rows->last_id[T_EVENTS];
		insert_batch_int(t, e->id);
		insert_batch_int(t, deal);
		insert_batch_text(t, ev_words[e->kind]);
		insert_batch_text(t, e->from >= 0 ? w->p->stages[e->from].key : NULL);
		insert_batch_text(t, w->p->stages[demo_stage_after(e)].key);
		insert_batch_text(t, status_words[status]);
		insert_batch_time(t, e->at);
		insert_batch_text(t, actor);
		insert_batch_text(t, e->kind == EV_BACK   ? demo_back_reasons[e->why]
				     : e->kind == EV_LOST ? w->p->lost_reasons.v[e->why]
							  : NULL);
		insert_batch_text(t, e->kind == EV_LOST ? lost_note_text(w, e) : NULL);
		insert_batch_text(t, e->override >= 0 ? demo_override_reasons[e->override] : NULL);
		insert_batch_int(t, 0);
		/* No reopen here: the stay before an event is the previous event's. */
		insert_batch_time(t, j > 0 ? d->ev[j - 1].at : -1);
		for (; pr < d->nproofs && d->proofs[pr].ev == j; pr++)
			put_proof(rows, w, d, deal, &d->proofs[pr], actor);
	}
}

void
demo_rows_put(struct demo_rows *rows, const struct demo_world *w, struct demo_deal *d)
{
	long long id = ++rows->last_id[T_DEALS];

	put_deal(rows, w, d, id);
	put_people(rows, d, id);
	put_steps(rows, w, d, id);
	put_events(rows, w, d, id);
}
