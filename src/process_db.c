#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "process_db.h"
#include "process_ini.h"
#include "xmalloc.h"

static int
step_done(struct db *db, sqlite3_stmt *st, struct dd_err *err)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(db, err, "saving the process");

	sqlite3_reset(st);
	return rc;
}

/* Stages being dropped must be empty: a deal may not lose its stage. */
static int
check_dropped_stages(struct db *db, const struct process *p, struct dd_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT stage, count(*) FROM deals GROUP BY stage");
	int step, dropped = 0;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *stage = (const char *)sqlite3_column_text(st, 0);

		if (process_stage(p, stage) != NULL)
			continue;
		err_add(err, DD_REFUSED,
			"stage %s still has %d deal(s): keep the stage, or move them first", stage,
			sqlite3_column_int(st, 1));
		dropped++;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return db_fail(db, err, "counting the deals of each stage");
	return dropped ? DD_REFUSED : DD_OK;
}

/* A process as its ini text, to tell whether an apply changes anything. */
static char *
ini_text(const struct process *p)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		fatal("out of memory");
	process_ini_write(p, f);
	fclose(f);
	return text;
}

/* Whether the stored process is p already: then an apply writes nothing. */
static int
same_as_stored(struct db *db, const struct process *p)
{
	struct process cur;
	struct dd_err e;
	int same = 0;

	err_init(&e);
	if (process_db_load(db, &cur, &e) == DD_OK) {
		char *a = ini_text(&cur), *b = ini_text(p);

		same = strcmp(a, b) == 0;
		free(a);
		free(b);
		process_free(&cur);
	}
	err_free(&e);
	return same;
}

int
process_db_save(struct db *db, const struct process *p, struct dd_err *err)
{
	static const char *const wipe = "DELETE FROM stages; DELETE FROM gate_evidence;"
					"DELETE FROM gate_checks; DELETE FROM lost_reasons;"
					"DELETE FROM team;";
	sqlite3_stmt *stage, *ev, *chk, *reason, *team;
	char revision[32];
	int rc = DD_OK;

	if (check_dropped_stages(db, p, err) != DD_OK)
		return err->code;
	if (same_as_stored(db, p))
		return DD_OK; /* open sessions need not read it again */
	/* The tables' triggers let only a transaction holding this flag change them. */
	if (db_set_meta(db, "applying_process", "1", err) != DD_OK ||
	    db_exec(db, wipe, err) != DD_OK || db_set_meta(db, "process_name", p->name, err))
		return err->code;
	/* Every session that loaded the old one notices at its next write or poll. */
	snprintf(revision, sizeof revision, "%ld", process_db_revision(db) + 1);
	if (db_set_meta(db, "process_revision", revision, err) != DD_OK)
		return err->code;
	stage = db_prepare(db, "INSERT INTO stages (key, position, label, probability, warn_days,"
				"  rot_days, forecast) VALUES (?, ?, ?, ?, ?, ?, ?)");
	ev = db_prepare(db, "INSERT INTO gate_evidence VALUES (?, ?, ?, ?, ?)");
	chk = db_prepare(db, "INSERT INTO gate_checks VALUES (?, ?, ?)");
	reason = db_prepare(db, "INSERT INTO lost_reasons VALUES (?, ?)");
	team = db_prepare(db, "INSERT INTO team VALUES (?, ?, ?, ?)");
	for (size_t i = 0; i < p->nstages && rc == DD_OK; i++) {
		const struct stage *s = &p->stages[i];

		sqlite3_bind_text(stage, 1, s->key, -1, SQLITE_STATIC);
		sqlite3_bind_int(stage, 2, (int)i);
		sqlite3_bind_text(stage, 3, s->label, -1, SQLITE_STATIC);
		sqlite3_bind_int(stage, 4, s->probability);
		sqlite3_bind_int(stage, 5, s->warn_days);
		sqlite3_bind_int(stage, 6, s->rot_days);
		sqlite3_bind_text(stage, 7, forecast_name(s->forecast), -1, SQLITE_STATIC);
		rc = step_done(db, stage, err);
		for (size_t j = 0; j < s->nevidence && rc == DD_OK; j++) {
			sqlite3_bind_text(ev, 1, s->evidence[j].key, -1, SQLITE_STATIC);
			sqlite3_bind_text(ev, 2, s->key, -1, SQLITE_STATIC);
			sqlite3_bind_int(ev, 3, (int)j);
			sqlite3_bind_text(ev, 4, s->evidence[j].meaning, -1, SQLITE_STATIC);
			sqlite3_bind_int(ev, 5, s->evidence[j].contact_required);
			rc = step_done(db, ev, err);
		}
		for (size_t j = 0; j < s->nchecks && rc == DD_OK; j++) {
			char *text = gate_check_format(&s->checks[j]);

			sqlite3_bind_text(chk, 1, s->key, -1, SQLITE_STATIC);
			sqlite3_bind_int(chk, 2, (int)j);
			sqlite3_bind_text(chk, 3, text, -1, SQLITE_TRANSIENT);
			free(text);
			rc = step_done(db, chk, err);
		}
	}
	for (size_t i = 0; i < p->lost_reasons.n && rc == DD_OK; i++) {
		sqlite3_bind_text(reason, 1, p->lost_reasons.v[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(reason, 2, (int)i);
		rc = step_done(db, reason, err);
	}
	for (size_t i = 0; i < p->nteam && rc == DD_OK; i++) {
		const struct person *t = &p->team[i];

		sqlite3_bind_text(team, 1, t->login, -1, SQLITE_STATIC);
		sqlite3_bind_text(team, 2, t->role == ROLE_MANAGER ? "manager" : "rep", -1,
				  SQLITE_STATIC);
		db_bind_text_or_null(team, 3, t->name);
		db_bind_text_or_null(team, 4, t->email);
		rc = step_done(db, team, err);
	}
	sqlite3_finalize(stage);
	sqlite3_finalize(ev);
	sqlite3_finalize(chk);
	sqlite3_finalize(reason);
	sqlite3_finalize(team);
	if (rc == DD_OK)
		rc = db_exec(db, "DELETE FROM meta WHERE key = 'applying_process'", err);
	return rc;
}

static struct stage *
stage_of(struct process *p, const char *key)
{
	return (struct stage *)process_stage(p, key);
}

long
process_db_revision(struct db *db)
{
	char buf[32];

	return db_meta(db, "process_revision", buf, sizeof buf) ? atol(buf) : 0;
}

/* Ends a statement's rows: DD_OK when they all came, else the error, never a short list. */
static int
rows_end(struct db *db, sqlite3_stmt *st, int step, struct dd_err *err)
{
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? DD_OK : db_fail(db, err, "reading the process");
}

/* Reads the tables into p; a row it cannot read fails the load, never weakens a gate. */
static int
load(struct db *db, struct process *p, struct dd_err *err)
{
	sqlite3_stmt *st;
	char name[256];
	int step;

	memset(p, 0, sizeof *p);
	p->revision = process_db_revision(db);
	p->name = xstrdup(db_meta(db, "process_name", name, sizeof name) ? name : "Process");
	st = db_prepare(db, "SELECT key, label, probability, warn_days, rot_days, forecast"
			    " FROM stages ORDER BY position");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct stage *s;

		p->stages = xreallocarray(p->stages, p->nstages + 1, sizeof *p->stages);
		s = &p->stages[p->nstages++];
		memset(s, 0, sizeof *s);
		s->key = db_column_text(st, 0);
		s->label = db_column_text(st, 1);
		s->probability = sqlite3_column_int(st, 2);
		s->warn_days = sqlite3_column_int(st, 3);
		s->rot_days = sqlite3_column_int(st, 4);
		if (forecast_parse((const char *)sqlite3_column_text(st, 5), &s->forecast) != 0)
			s->forecast = forecast_default(s->key, s->probability); /* CHECKed: never */
	}
	if (rows_end(db, st, step, err) != DD_OK)
		return err->code;
	if (p->nstages == 0) {
		return err_set(err, DD_FAIL,
			       "%s has no process: apply one with 'dealdeck process "
			       "apply FILE'",
			       db->path);
	}
	st = db_prepare(db, "SELECT stage, key, meaning, contact_required FROM gate_evidence "
			    "ORDER BY position");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct stage *s = stage_of(p, (const char *)sqlite3_column_text(st, 0));

		if (s == NULL)
			continue;
		s->evidence = xreallocarray(s->evidence, s->nevidence + 1, sizeof *s->evidence);
		s->evidence[s->nevidence++] = (struct evidence_req){
			db_column_text(st, 1), db_column_text(st, 2), sqlite3_column_int(st, 3)};
	}
	if (rows_end(db, st, step, err) != DD_OK)
		return err->code;
	st = db_prepare(db, "SELECT stage, check_text FROM gate_checks ORDER BY position");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct stage *s = stage_of(p, (const char *)sqlite3_column_text(st, 0));
		const char *why;

		if (s == NULL)
			continue;
		s->checks = xreallocarray(s->checks, s->nchecks + 1, sizeof *s->checks);
		if (gate_check_parse((const char *)sqlite3_column_text(st, 1),
				     &s->checks[s->nchecks], &why) != 0) {
			err_set(err, DD_FAIL,
				"%s: the stored check '%s' of stage %s cannot be read (%s): "
				"apply the process again",
				db->path, (const char *)sqlite3_column_text(st, 1), s->key, why);
			sqlite3_finalize(st);
			return err->code;
		}
		s->nchecks++;
	}
	if (rows_end(db, st, step, err) != DD_OK)
		return err->code;
	st = db_prepare(db, "SELECT code FROM lost_reasons ORDER BY position");
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		strvec_push(&p->lost_reasons, (const char *)sqlite3_column_text(st, 0));
	if (rows_end(db, st, step, err) != DD_OK)
		return err->code;
	st = db_prepare(db, "SELECT login, role, name, email FROM team ORDER BY rowid");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		p->team = xreallocarray(p->team, p->nteam + 1, sizeof *p->team);
		p->team[p->nteam++] = (struct person){
			db_column_text(st, 0), db_column_text(st, 2), db_column_text(st, 3),
			strcmp((const char *)sqlite3_column_text(st, 1), "manager") == 0
				? ROLE_MANAGER
				: ROLE_REP};
	}
	return rows_end(db, st, step, err);
}

int
process_db_load(struct db *db, struct process *p, struct dd_err *err)
{
	int own = sqlite3_get_autocommit(db->h);
	int rc;

	/* One snapshot: a process applied meanwhile is read whole or not at all. */
	if (own && db_exec(db, "BEGIN", err) != DD_OK)
		return err->code;
	rc = load(db, p, err);
	if (own)
		rc = db_end(db, rc, err);
	if (rc != DD_OK)
		process_free(p);
	return rc;
}
