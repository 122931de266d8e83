/*
 * Importing deals: other CRMs' headers and values, per-field checks, and each
 * row's stage history planned from its dates, then written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "history.h"
#include "import_internal.h"
#include "import_presets.h"
#include "import_preview.h"
#include "money.h"
#include "real_text.h"
#include "text.h"
#include "xmalloc.h"

enum ftype {
	T_ID,
	T_REQUIRED,
	T_TEXT,
	T_OWNER,
	T_STAGE,
	T_MONEY,
	T_CURRENCY,
	T_DATE,
	T_TIME,
	T_STATUS,
	T_LOST_REASON
};

/* Name (for --map and messages), type and the deals column it is stored in. */
static const struct field_def {
	const char *name;
	enum ftype type;
	const char *column;
} fields[NFIELD] = {
	[F_ID] = {"id", T_ID, "external_id"},
	[F_TITLE] = {"title", T_REQUIRED, "title"},
	[F_ACCOUNT] = {"account", T_REQUIRED, "account"},
	[F_OWNER] = {"owner", T_OWNER, "owner"},
	[F_STAGE] = {"stage", T_STAGE, NULL},
	[F_AMOUNT] = {"amount", T_MONEY, "amount"},
	[F_CURRENCY] = {"currency", T_CURRENCY, NULL},
	[F_CLOSE_DATE] = {"close_date", T_DATE, "close_date"},
	[F_CREATED] = {"created", T_TIME, NULL},
	[F_STATUS] = {"status", T_STATUS, NULL},
	[F_CLOSED] = {"closed", T_TIME, NULL},
	[F_LOST_REASON] = {"lost_reason", T_LOST_REASON, NULL},
	[F_NEXT_STEP] = {"next_step", T_TEXT, "next_step"},
	[F_NEXT_STEP_DUE] = {"next_step_due", T_DATE, "next_step_due"},
	[F_SUCCESS_CRITERIA] = {"success_criteria", T_TEXT, "success_criteria"},
};

/*
 * Other CRMs' header names, compared after normalising (lowercase, letters and
 * digits only). Our own names match through the field table.
 */
static const struct alias {
	enum field f;
	const char *header;
} aliases[] = {
	{F_ID, "Deal - ID"},
	{F_ID, "Record ID"},
	{F_ID, "Opportunity ID"},
	{F_ID, "external_id"},
	{F_TITLE, "Deal - Title"},
	{F_TITLE, "Deal Name"},
	{F_TITLE, "Opportunity Name"},
	{F_TITLE, "Name"},
	{F_ACCOUNT, "Deal - Organization"},
	{F_ACCOUNT, "Organization"},
	{F_ACCOUNT, "Company"},
	{F_ACCOUNT, "Account Name"},
	{F_ACCOUNT, "Associated Company"},
	{F_OWNER, "Deal - Owner"},
	{F_OWNER, "Deal owner"},
	{F_OWNER, "Opportunity Owner"},
	{F_STAGE, "Deal - Stage"},
	{F_STAGE, "Deal Stage"},
	{F_AMOUNT, "Deal - Value"},
	{F_AMOUNT, "Value"},
	{F_CURRENCY, "Deal - Currency"},
	{F_CLOSE_DATE, "Deal - Expected close date"},
	{F_CLOSE_DATE, "Expected close date"},
	{F_CLOSE_DATE, "Close Date"},
	{F_CREATED, "Deal - Deal created"},
	{F_CREATED, "Create Date"},
	{F_CREATED, "Created Date"},
};

/* Headers naming a stage entry date: "Date entered <stage>", "entered_<key>". */
static const char *const entered_prefixes[] = {"dateentered", "entered"};

/* Stage values that mean an outcome rather than a stage. */
static const struct outcome_word {
	const char *word; /* normalised */
	const char *status;
} outcome_words[] = {
	{"won", "won"},
	{"closedwon", "won"},
	{"lost", "lost"},
	{"closedlost", "lost"},
};

static const char *const statuses[] = {"open", "won", "lost"};

/* One name of a stage (key, label, --stage-map or --from name), normalised. */
struct stage_name {
	char *name;
	int stage;
	const char *source; /* which of those, for the preview */
};

/* Where a deal is: what the import plans from, and ends with. */
struct state {
	int exists;
	int stage;
	const char *status;
	char entered[TIMESTAMP_LEN], closed[TIMESTAMP_LEN], last_at[TIMESTAMP_LEN];
	char created[TIMESTAMP_LEN];
	char *external_id; /* the deal's own, or NULL */
};

struct planned {
	const char *kind, *status;
	const char *col; /* the column that asked for it, for messages */
	int from, stage;
	char at[TIMESTAMP_LEN];
	char from_entered[TIMESTAMP_LEN]; /* when it entered 'from', if it was open there */
};

struct entry {
	int stage;
	const char *col;
	char at[TIMESTAMP_LEN];
};

/*
 * A stage key, label or mapped name; nst for won, nst + 1 for lost; -1 if unknown.
 * Names are tried in the order they were added. *source says which matched and
 * *norm gets the normalised value (to free), when not NULL.
 */
static int
stage_lookup(const struct importer *im, const char *value, const char **source, char **norm)
{
	char *n = import_norm(value);
	const char *from = NULL;
	int found = -1;

	for (size_t i = 0; i < im->nnames && found < 0; i++)
		if (strcmp(im->names[i].name, n) == 0) {
			found = im->names[i].stage;
			from = im->names[i].source;
		}
	for (size_t i = 0; i < sizeof outcome_words / sizeof outcome_words[0] && found < 0; i++)
		if (strcmp(outcome_words[i].word, n) == 0) {
			found = im->nst + (strcmp(outcome_words[i].status, "lost") == 0);
			from = "outcome";
		}
	if (source != NULL)
		*source = from;
	if (norm != NULL)
		*norm = n;
	else
		free(n);
	return found;
}

static void
add_name(struct importer *im, const char *name, int stage, const char *source)
{
	im->names = xreallocarray(im->names, im->nnames + 1, sizeof *im->names);
	im->names[im->nnames++] = (struct stage_name){import_norm(name), stage, source};
}

/* A stage index as --stage-map names it: its key, won or lost. */
static const char *
target_name(const struct importer *im, int k)
{
	return k < im->nst ? im->s->proc.stages[k].key : k == im->nst ? "won" : "lost";
}

/* A stage key, won (nst) or lost (nst + 1), as --map and --stage-map name them; or -1. */
static int
target_index(const struct importer *im, const char *key)
{
	int k = process_stage_index(&im->s->proc, key);

	return k < 0 && strcmp(key, "lost") == 0 ? im->nst + 1 : k;
}

/* A field name as --map takes it: a field, entered_<stage>, or ignore. */
static int
field_by_name(const struct importer *im, const char *name, int *stage)
{
	*stage = -1;
	if (strcmp(name, "ignore") == 0)
		return F_IGNORE;
	if (strcmp(name, "external_id") == 0)
		return F_ID;
	for (int f = 0; f < NFIELD; f++)
		if (strcmp(fields[f].name, name) == 0)
			return f;
	if (strncmp(name, "entered_", 8) == 0) {
		int k = target_index(im, name + 8);

		if (k >= 0) {
			*stage = k;
			return F_ENTERED;
		}
	}
	return -1;
}

/* HubSpot adds the pipeline: 'Date entered "Qualify (Sales Pipeline)"'. */
static char *
strip_pipeline(const char *h)
{
	char *s = xstrdup(h);
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '"'))
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == ')') {
		char *open = strrchr(s, '(');

		if (open != NULL)
			*open = '\0';
	}
	return s;
}

/* What the header name h means: sets c->f and c->stage. */
static void
classify(struct importer *im, const char *h, struct column *c)
{
	char *n = import_norm(h);

	c->f = -1;
	c->stage = -1;
	for (size_t i = 0; i < im->nmaps && c->f < 0; i++)
		if (strcmp(im->maps[i].header, n) == 0) {
			c->f = im->maps[i].f;
			c->stage = im->maps[i].stage;
			c->why = im->maps[i].source;
		}
	for (int f = 0; f < NFIELD && c->f < 0; f++) {
		char *fn = import_norm(fields[f].name);

		if (strcmp(fn, n) == 0)
			c->f = f;
		free(fn);
	}
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0] && c->f < 0; i++) {
		char *a = import_norm(aliases[i].header);

		if (strcmp(a, n) == 0)
			c->f = (int)aliases[i].f;
		free(a);
	}
	if (c->f < 0) {
		char *bare = strip_pipeline(h), *nb = import_norm(bare);

		for (size_t i = 0; i < sizeof entered_prefixes / sizeof entered_prefixes[0]; i++) {
			size_t len = strlen(entered_prefixes[i]);

			if (strncmp(nb, entered_prefixes[i], len) == 0 && nb[len] != '\0') {
				int k = stage_lookup(im, nb + len, NULL, NULL);

				if (k >= 0) {
					c->f = F_ENTERED;
					c->stage = k;
					break;
				}
			}
		}
		free(bare);
		free(nb);
	}
	free(n);
}

/* One row, checked and converted. */
struct row {
	long line;
	const char *v[NFIELD]; /* NULL: no column or empty */
	const char *owner;
	int64_t amount;
	int stage; /* -1: not given */
	const char *status;
	char close_date[TIMESTAMP_LEN], next_step_due[TIMESTAMP_LEN];
	char created[TIMESTAMP_LEN], closed[TIMESTAMP_LEN];
	char outcome_at[2][TIMESTAMP_LEN]; /* "Date entered Closed Won/Lost", entered_won */
	const char *outcome_col[2];        /* their headers */
	size_t nentries;
};

/* Where the converted date or time of field f goes. */
static char *
when_slot(struct row *rw, int f)
{
	switch (f) {
	case F_CLOSE_DATE:
		return rw->close_date;
	case F_NEXT_STEP_DUE:
		return rw->next_step_due;
	case F_CREATED:
		return rw->created;
	default:
		return rw->closed;
	}
}

/* Why v is no stage here: with a --from preset, whether its stages were read. */
static char *
unknown_stage(const struct importer *im, const char *v)
{
	if (im->preset != NULL && !im->preset_stages)
		return xasprintf("unknown stage '%s' (a stage key or label; or --stage-map): %s's "
				 "stages map onto the default process only, and this one differs",
				 v, im->preset->vendor);
	return xasprintf("unknown stage '%s' (a stage key or label; or --stage-map)", v);
}

/* A row's stage: checked, converted, and counted for the preview. */
static char *
stage_problem(struct importer *im, struct row *rw, const char *v)
{
	const char *source;
	char *norm;
	int k = stage_lookup(im, v, &source, &norm);

	if (im->pv != NULL && rw->line > 0)
		preview_count_stage(im->pv, v, norm, k < 0 ? NULL : target_name(im, k), source);
	free(norm);
	if (k < 0)
		return unknown_stage(im, v);
	if (k >= im->nst)
		rw->status = statuses[k - im->nst + 1];
	else
		rw->stage = k;
	return NULL;
}

/*
 * Checks and converts one value of field f, from column ci or a --default (ci <
 * 0), into rw: NULL, or what is wrong with it (to free).
 */
static char *
field_problem(struct importer *im, struct row *rw, int f, const char *v, long ci)
{
	char ts[TIMESTAMP_LEN], *msg = NULL;
	const char *why;

	switch (fields[f].type) {
	case T_REQUIRED:
		if (v[0] == '\0')
			msg = xasprintf("the %s cannot be empty", fields[f].name);
		else if (text_is_blank(v)) /* a quoted field keeps its spaces */
			msg = xasprintf("the %s cannot be only spaces", fields[f].name);
		break;
	case T_ID:
	case T_TEXT:
		break;
	case T_OWNER:
		if (v[0] == '\0')
			break;
		rw->owner = im->s->proc.nteam == 0 ? v : process_team_login(&im->s->proc, v);
		if (rw->owner == NULL)
			msg = xasprintf("owner '%s' is not in the team", v);
		break;
	case T_STAGE:
		if (v[0] != '\0')
			msg = stage_problem(im, rw, v);
		break;
	case T_MONEY:
		if (v[0] != '\0' && money_parse(v, im->currency, &rw->amount, &why) != 0)
			msg = xasprintf("'%s' is not money in %s: %s", v, im->currency, why);
		break;
	case T_CURRENCY:
		if (v[0] != '\0' && strcasecmp(v, im->currency) != 0)
			msg = xasprintf("the deal is in '%s' but the pipeline is in %s", v,
					im->currency);
		break;
	case T_DATE:
	case T_TIME: {
		int got = v[0] != '\0' ? import_when(im, ci, v, ts) : 1;

		if (got == 1) /* empty, or the column's format is not known (reported) */
			break;
		if (got != 0) {
			msg = import_date_problem(im, ci, v);
			break;
		}
		if (fields[f].type == T_DATE)
			ts[10] = '\0';
		else if (strcmp(ts, im->now) > 0) /* history: as move --on, never later */
			msg = xasprintf("'%s' is in the future (now is %s UTC)", v, im->now);
		memcpy(when_slot(rw, f), ts, sizeof ts);
		break;
	}
	case T_STATUS: {
		const char *st = NULL;

		for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
			if (strcasecmp(v, statuses[i]) == 0)
				st = statuses[i];
		if (v[0] != '\0' && st == NULL)
			msg = xasprintf("status '%s' is not open, won or lost", v);
		else if (st != NULL && rw->status != NULL && rw->status != st)
			msg = xasprintf("status '%s' contradicts the stage", v);
		else if (st != NULL)
			rw->status = st;
		break;
	}
	case T_LOST_REASON:
		if (v[0] != '\0' && !process_has_lost_reason(&im->s->proc, v))
			msg = xasprintf("'%s' is not a lost reason of the process", v);
		break;
	}
	if (v[0] != '\0')
		rw->v[f] = v;
	return msg;
}

/* The header of field f's column, or the field's name when the file has none. */
static const char *
col_name(const struct importer *im, int f)
{
	return im->col_of[f] >= 0 ? im->cols[im->col_of[f]].name : fields[f].name;
}

/* One value of field f (column ci, or a --default), named by its column when bad. */
static void
check_field(struct importer *im, struct row *rw, int f, const char *v, long ci)
{
	char *msg = field_problem(im, rw, f, v, ci);

	if (msg != NULL) {
		row_error(im, rw->line, ci >= 0 ? im->cols[ci].name : col_name(im, f), "%s", msg);
		free(msg);
	}
}

/* The stages a --from preset names, when the process is the one they map onto. */
static void
preset_options(struct importer *im)
{
	const struct import_preset *p = im->preset;

	im->preset_stages = import_process_is_default(&im->s->proc);
	for (size_t i = 0; im->preset_stages && i < p->nstages; i++) {
		int k = target_index(im, p->stages[i].key);

		if (k < 0)
			fatal("--from %s: no stage %s", p->name, p->stages[i].key);
		add_name(im, p->stages[i].name, k, p->name);
	}
	/* After --map (load_options): a user's map wins over the vendor's. */
	for (size_t i = 0; i < p->ncolumns; i++) {
		int stage, f = field_by_name(im, p->columns[i].field, &stage);

		if (f < 0)
			fatal("--from %s: no field %s", p->name, p->columns[i].field);
		im->maps = xreallocarray(im->maps, im->nmaps + 1, sizeof *im->maps);
		im->maps[im->nmaps++] =
			(struct map){import_norm(p->columns[i].header), f, stage, p->name};
	}
	if (im->pv == NULL)
		return;
	im->pv->vendor = p->vendor;
	if (!im->preset_stages)
		im->pv->note = xasprintf("%s's stage names map onto the default process only, and "
					 "this database's differs: map them with --stage-map",
					 p->vendor);
}

/* --default FIELD=VALUE: any field but the id, its value checked as a cell's would be. */
static int
default_options(struct importer *im)
{
	const struct import_options *o = im->o;

	for (size_t i = 0; i < o->ndefaults; i++) {
		const char *d = o->defaults[i], *eq = strchr(d, '=');
		char *name = eq != NULL ? xstrndup(d, (size_t)(eq - d)) : NULL;
		int stage, f = name != NULL ? field_by_name(im, name, &stage) : -1;
		struct row rw = {.stage = -1};
		char *why;

		free(name);
		if (f < 0 || f >= NFIELD || f == F_ID)
			return err_set(
				im->err, DD_USAGE,
				"--default '%s': want FIELD=VALUE with FIELD one of %s", d,
				"title, account, owner, stage, amount, currency, close_date, "
				"created, status, closed, lost_reason, next_step, "
				"next_step_due, success_criteria");
		if ((why = field_problem(im, &rw, f, eq + 1, -1)) != NULL) {
			err_set(im->err, DD_USAGE, "--default %s: %s", d, why);
			free(why);
			return DD_USAGE;
		}
		im->defaults[f] = eq + 1;
		if (im->pv != NULL)
			preview_add_default(im->pv, fields[f].name, eq + 1);
	}
	return DD_OK;
}

/*
 * The override's reason, --from, stage names (--stage-map, then the process's
 * keys and labels, then the preset's), then --default: checked before the file
 * is opened (run_import checked who may override).
 */
static int
deal_options(struct importer *im)
{
	const struct import_options *o = im->o;
	const char *why;

	if (o->override != NULL && (why = real_text_problem(o->override)) != NULL)
		return err_set(im->err, DD_REFUSED, "--override REASON is not real text: %s", why);
	if (o->from != NULL && (im->preset = import_preset_find(o->from)) == NULL)
		return err_set(im->err, DD_USAGE, "--from '%s': want %s", o->from,
			       import_preset_names());
	if (db_meta(im->s->db, "currency", im->currency, sizeof im->currency) == NULL)
		im->currency[0] = '\0';
	for (size_t i = 0; i < o->nstage_maps; i++) {
		const char *eq = strrchr(o->stage_maps[i], '=');
		int k = eq ? target_index(im, eq + 1) : -1;

		if (eq == NULL || eq == o->stage_maps[i] || k < 0)
			return err_set(im->err, DD_USAGE,
				       "--stage-map '%s': want NAME=KEY with KEY a stage key, won "
				       "or lost",
				       o->stage_maps[i]);
		char *name = xstrndup(o->stage_maps[i], (size_t)(eq - o->stage_maps[i]));
		add_name(im, name, k, "--stage-map");
		free(name);
	}
	for (int k = 0; k < im->nst; k++) {
		add_name(im, im->s->proc.stages[k].key, k, "key");
		add_name(im, im->s->proc.stages[k].label, k, "label");
	}
	if (im->preset != NULL)
		preset_options(im);
	return default_options(im);
}

/* The row's cells: checked, converted, and the entry dates gathered. */
static void
read_row(struct importer *im, struct row *rw)
{
	memset(rw, 0, sizeof *rw);
	rw->line = im->rec_line;
	rw->stage = -1;
	for (size_t i = 0; i < im->ncols; i++) {
		const struct column *c = &im->cols[i];
		const char *v = import_cell(im, i);
		struct entry *e;

		int got;

		if (c->f < NFIELD && v[0] == '\0' && im->defaults[c->f] != NULL) {
			check_field(im, rw, c->f, im->defaults[c->f], -1);
			continue;
		}
		if (c->f < NFIELD) {
			check_field(im, rw, c->f, v, (long)i);
			continue;
		}
		if (c->f != F_ENTERED || v[0] == '\0')
			continue;
		e = c->stage < im->nst ? &im->entries[rw->nentries]
				       : &(struct entry){0}; /* outcome: kept below */
		if ((got = import_when(im, (long)i, v, e->at)) != 0) {
			char *why = got < 0 ? import_date_problem(im, (long)i, v) : NULL;

			if (why != NULL)
				row_error(im, rw->line, c->name, "%s", why);
			free(why);
			continue;
		}
		if (strcmp(e->at, im->now) > 0) {
			row_error(im, rw->line, c->name, "'%s' is in the future (now is %s UTC)",
				  v, im->now);
			continue;
		}
		if (c->stage >= im->nst) {
			memcpy(rw->outcome_at[c->stage - im->nst], e->at, TIMESTAMP_LEN);
			rw->outcome_col[c->stage - im->nst] = c->name;
			continue;
		}
		e->stage = c->stage;
		e->col = c->name;
		rw->nentries++;
	}
	/* What the file has no column for at all. */
	for (int f = 0; f < NFIELD; f++)
		if (im->defaults[f] != NULL && im->col_of[f] < 0)
			check_field(im, rw, f, im->defaults[f], -1);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->at, y->at);

	return c != 0 ? c : x->stage - y->stage;
}

/*
 * Appends the event that takes st to (stage, status) at 'at', asked for by column
 * col; nothing if it is there.
 */
static void
plan_step(struct importer *im, struct state *st, size_t *n, int stage, const char *status,
	  const char *at, const char *col)
{
	struct planned *p = &im->plan[*n];

	if (st->exists && st->stage == stage && strcmp(st->status, status) == 0)
		return;
	p->col = col;
	p->from = st->exists ? st->stage : -1;
	if (st->exists && strcmp(st->status, "open") == 0)
		memcpy(p->from_entered, st->entered, TIMESTAMP_LEN);
	else
		p->from_entered[0] = '\0';
	p->stage = stage;
	p->status = status;
	if (!st->exists)
		p->kind = "create";
	else if (strcmp(status, "open") != 0)
		p->kind = status;
	else if (strcmp(st->status, "open") != 0)
		p->kind = "reopen";
	else
		p->kind = stage > st->stage ? "forward" : "back";
	memcpy(p->at, at, TIMESTAMP_LEN);
	(*n)++;
	st->exists = 1;
	st->stage = stage;
	st->status = status;
	if (strcmp(status, "open") == 0) {
		memcpy(st->entered, at, TIMESTAMP_LEN);
		st->closed[0] = '\0';
	} else {
		memcpy(st->closed, at, TIMESTAMP_LEN);
	}
	memcpy(st->last_at, at, TIMESTAMP_LEN);
}

/*
 * When a deal that ends the row won or lost closed, or NULL when the row does
 * not say: the closed column, else the date it entered the outcome (entered_won,
 * "Date entered Closed Lost"), which means the same and must agree. *col names
 * the column the time came from.
 */
static const char *
close_time(struct importer *im, struct row *rw, const char *status, const char **col)
{
	const char *closed_col = col_name(im, F_CLOSED);
	int lost = strcmp(status, "lost") == 0;
	const char *entered = rw->outcome_at[lost];

	*col = closed_col;
	if (strcmp(status, "open") == 0)
		return NULL;
	if (rw->closed[0] && entered[0] && strncmp(rw->closed, entered, DATE_LEN - 1) != 0)
		row_error(im, rw->line, rw->outcome_col[lost], "'%.10s' contradicts %s (%.10s)",
			  entered, closed_col, rw->closed);
	if (rw->closed[0])
		return rw->closed;
	if (!entered[0])
		return NULL;
	*col = rw->outcome_col[lost];
	return entered;
}

/*
 * The imported history: entry dates newer than what the deal has, then the move
 * to the stage and outcome the row names. Returns the number of events planned.
 */
static size_t
plan_history(struct importer *im, struct row *rw, struct state *st)
{
	const char *status = rw->status, *closed, *closed_col, *undated;
	char after[TIMESTAMP_LEN];
	size_t n = 0;
	int stage;

	memcpy(after, st->last_at, TIMESTAMP_LEN);
	qsort(im->entries, rw->nentries, sizeof *im->entries, entry_cmp);
	for (size_t i = 0; i < rw->nentries; i++)
		if (strcmp(im->entries[i].at, after) > 0)
			plan_step(im, st, &n, im->entries[i].stage, "open", im->entries[i].at,
				  im->entries[i].col);
	if (status == NULL)
		status = rw->outcome_at[1][0]   ? "lost"
			 : rw->outcome_at[0][0] ? "won"
			 : st->exists           ? st->status
						: "open";
	if (rw->stage >= 0)
		stage = rw->stage;
	else if (st->exists)
		stage = st->stage;
	else /* won with no history: it got to the end; else the start */
		stage = strcmp(status, "won") == 0 ? im->nst - 1 : 0;
	/*
	 * A stage without an entry date: at creation, else entered when the deal
	 * closed (it was there then), else now.
	 */
	closed = close_time(im, rw, status, &closed_col);
	undated = closed ? closed : im->now;
	if (!st->exists)
		plan_step(im, st, &n, stage, "open", rw->created[0] ? rw->created : undated,
			  col_name(im, F_STAGE));
	else if (stage != st->stage || strcmp(st->status, "open") != 0)
		if (strcmp(status, "open") == 0 || stage != st->stage)
			plan_step(im, st, &n, stage, "open", undated,
				  col_name(im, rw->stage >= 0 ? F_STAGE : F_STATUS));
	if (strcmp(status, "open") != 0 && strcmp(st->status, status) != 0) {
		if (strcmp(undated, st->last_at) < 0)
			row_error(im, rw->line, closed_col,
				  "%s is before the deal entered %s (%s)", undated,
				  im->s->proc.stages[st->stage].key, st->last_at);
		/* The outcome came from the status, the stage ("Closed Won") or its date. */
		plan_step(im, st, &n, st->stage, status, undated,
			  rw->v[F_STATUS] ? col_name(im, F_STATUS)
			  : rw->status    ? col_name(im, F_STAGE)
					  : closed_col);
	}
	if (strcmp(status, "lost") != 0 && rw->v[F_LOST_REASON] != NULL)
		rw->v[F_LOST_REASON] = NULL; /* only a lost deal has a reason */
	return n;
}

/* The value columns of a deal, in the order both statements bind them. */
static const enum field value_fields[] = {F_ID,        F_TITLE,         F_ACCOUNT,
					  F_OWNER,     F_AMOUNT,        F_CLOSE_DATE,
					  F_NEXT_STEP, F_NEXT_STEP_DUE, F_SUCCESS_CRITERIA};
#define NVALUES (sizeof value_fields / sizeof value_fields[0])

/*
 * One INSERT and one UPDATE for the whole file. The UPDATE sets only the columns
 * the file has, so a file without amounts leaves them alone.
 */
static void
prepare_statements(struct importer *im)
{
	struct strbuf sql;

#define FIND_SQL                                                                                  \
	"SELECT d.id, d.owner, d.stage, d.status, d.stage_entered_at,"                            \
	" coalesce(d.closed_at, ''), (SELECT max(at) FROM stage_events e"                         \
	" WHERE e.deal_id = d.id), d.created_at, d.external_id FROM deals d WHERE "
	im->find = db_prepare(im->s->db, FIND_SQL "d.external_id = ?");
	if (im->own_ids) {
		im->find_own = db_prepare(im->s->db, FIND_SQL "d.id = ?1 AND d.id <= ?2");
		sqlite3_bind_int64(im->find_own, 2, im->old_max);
	}
#undef FIND_SQL
	strbuf_init(&sql);
	strbuf_puts(&sql, "INSERT INTO deals (");
	for (size_t i = 0; i < NVALUES; i++)
		strbuf_printf(&sql, "%s, ", fields[value_fields[i]].column);
	strbuf_puts(&sql, "stage, status, stage_entered_at, closed_at, lost_reason, created_at,"
			  " updated_at) VALUES (");
	for (size_t i = 0; i < NVALUES + 7; i++)
		strbuf_puts(&sql, i ? ", ?" : "?");
	strbuf_puts(&sql, ")");
	im->insert = db_prepare(im->s->db, strbuf_str(&sql));
	strbuf_reset(&sql);
	strbuf_puts(&sql, "UPDATE deals SET ");
	for (size_t i = 0; i < NVALUES; i++)
		if (im->col_of[value_fields[i]] >= 0)
			strbuf_printf(&sql, "%s = ?%zu, ", fields[value_fields[i]].column, i + 1);
	strbuf_printf(&sql,
		      "stage = ?%zu, status = ?%zu, stage_entered_at = ?%zu, closed_at = ?%zu,"
		      " lost_reason = ?%zu, updated_at = ?%zu, version = version + 1"
		      " WHERE id = ?%zu",
		      NVALUES + 1, NVALUES + 2, NVALUES + 3, NVALUES + 4, NVALUES + 5, NVALUES + 7,
		      NVALUES + 8);
	im->update = db_prepare(im->s->db, strbuf_str(&sql));
	strbuf_free(&sql);
	im->event = history_prepare_event(im->s->db);
}

/* The columns every deal needs, and whose ids the file has; then the statements. */
static void
check_header(struct importer *im)
{
	if (im->col_of[F_TITLE] < 0 && im->defaults[F_TITLE] == NULL)
		row_error(im, im->rec_line, "title",
			  "no title column (e.g. 'Deal - Title', 'Deal Name'; or --map, or "
			  "--default title=TEXT)");
	if (im->col_of[F_ACCOUNT] < 0 && im->defaults[F_ACCOUNT] == NULL)
		row_error(im, im->rec_line, "account",
			  "no account column (e.g. 'Deal - Organization', 'Company'; or --map, or "
			  "--default account=NAME)");
	/*
	 * Our export's "id" is our deal id, not an external one: exactly that
	 * header, not a --map'ed or another CRM's id column.
	 */
	if (im->col_of[F_ID] >= 0 && strcmp(im->cols[im->col_of[F_ID]].name, "id") == 0) {
		im->own_ids = 1;
		for (size_t i = 0; i < im->nmaps; i++)
			if (strcmp(im->maps[i].header, "id") == 0)
				im->own_ids = 0;
	}
	/*
	 * Only deals that were here before are ours by id, and only they can be
	 * moved: a deal this import just created from another database's id 5 is
	 * not that file's id 1 (ids are never reused), nor is its next row a move.
	 */
	sqlite3_stmt *st = db_prepare(im->s->db, "SELECT coalesce(max(id), 0) FROM deals");

	im->old_max = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	im->own_ids = im->own_ids && im->old_max > 0;
	prepare_statements(im);
}

static void
bind_deal(struct importer *im, sqlite3_stmt *q, const struct row *rw, const struct state *st,
	  const char *owner, const char *created)
{
	for (size_t i = 0; i < NVALUES; i++) {
		enum field f = value_fields[i];
		const char *v = rw->v[f];

		if (f == F_AMOUNT)
			sqlite3_bind_int64(q, (int)i + 1, rw->amount);
		else if (f == F_OWNER)
			sqlite3_bind_text(q, (int)i + 1, owner, -1, SQLITE_TRANSIENT);
		else if (f == F_CLOSE_DATE)
			db_bind_text_or_null(q, (int)i + 1, rw->close_date);
		else if (f == F_NEXT_STEP_DUE)
			db_bind_text_or_null(q, (int)i + 1, rw->next_step_due);
		else
			db_bind_text_or_null(q, (int)i + 1, v);
	}
	sqlite3_bind_text(q, NVALUES + 1, im->s->proc.stages[st->stage].key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, NVALUES + 2, st->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, NVALUES + 3, st->entered, -1, SQLITE_TRANSIENT);
	db_bind_text_or_null(q, NVALUES + 4, strcmp(st->status, "open") == 0 ? NULL : st->closed);
	db_bind_text_or_null(q, NVALUES + 5,
			     strcmp(st->status, "lost") == 0 ? rw->v[F_LOST_REASON] : NULL);
	if (created != NULL)
		sqlite3_bind_text(q, NVALUES + 6, created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, NVALUES + 7, im->now, -1, SQLITE_STATIC);
}

/* The deal q finds by key, into st; its id or 0 when there is none. */
static long
find_by(struct importer *im, sqlite3_stmt *q, const char *key, struct state *st, char *owner,
	size_t olen)
{
	long id = 0;

	memset(st, 0, sizeof *st);
	if (key == NULL || q == NULL)
		return 0;
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(q, 3);
		const char *ext = (const char *)sqlite3_column_text(q, 8);

		id = (long)sqlite3_column_int64(q, 0);
		snprintf(owner, olen, "%s", (const char *)sqlite3_column_text(q, 1));
		st->exists = 1;
		st->stage =
			process_stage_index(&im->s->proc, (const char *)sqlite3_column_text(q, 2));
		if (st->stage < 0 || st->stage >= im->nst)
			st->stage = 0; /* a stage the process no longer has */
		for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
			if (strcmp(status, statuses[i]) == 0)
				st->status = statuses[i];
		snprintf(st->entered, sizeof st->entered, "%s",
			 (const char *)sqlite3_column_text(q, 4));
		snprintf(st->closed, sizeof st->closed, "%s",
			 (const char *)sqlite3_column_text(q, 5));
		const char *last = (const char *)sqlite3_column_text(q, 6);
		snprintf(st->last_at, sizeof st->last_at, "%s", last ? last : "");
		const char *created = (const char *)sqlite3_column_text(q, 7);
		snprintf(st->created, sizeof st->created, "%s", created ? created : "");
		st->external_id = ext ? xstrdup(ext) : NULL;
		if (st->status == NULL)
			st->status = "open";
	}
	sqlite3_reset(q);
	return id;
}

/*
 * The deal a row names, into st; its id or 0 when there is none. With our
 * export's "id" column the value is first our own deal id, so a round trip on
 * one database updates its deals; a deal whose external id it is (a file from
 * another database, imported here before) wins only when the row's created
 * time matches that deal and not ours, or neither tells and ours came from an
 * import itself (has an external id). Not a deal here: the value becomes the
 * new deal's external id.
 */
static long
find_deal(struct importer *im, struct row *rw, struct state *st, char *owner, size_t olen)
{
	const char *v = rw->v[F_ID];
	struct state own;
	char own_owner[128] = "";
	long id, oid;

	id = find_by(im, im->find, v, st, owner, olen);
	if (!im->own_ids)
		return id;
	oid = find_by(im, im->find_own, v, &own, own_owner, sizeof own_owner);
	int ext_same = rw->created[0] && strcmp(rw->created, st->created) == 0;
	int own_same = rw->created[0] && strcmp(rw->created, own.created) == 0;
	if (oid == 0 || oid == id ||
	    (id != 0 && (ext_same > own_same || (ext_same == own_same && own.external_id)))) {
		free(own.external_id);
		return id;
	}
	free(st->external_id);
	*st = own;
	snprintf(owner, olen, "%s", own_owner);
	rw->v[F_ID] = st->external_id; /* keep the deal's own external id */
	return oid;
}

/* Lost keeps its code; back and reopen need a reason, and an override gives one. */
static const char *
event_reason(const struct row *rw, const struct planned *p, const char *override)
{
	if (strcmp(p->status, "lost") == 0)
		return rw->v[F_LOST_REASON];
	if (strcmp(p->kind, "back") == 0 || strcmp(p->kind, "reopen") == 0)
		return override;
	return NULL;
}

/*
 * Writes the deal and its planned events: imported history, or, for a deal
 * that was here before (moved), the importer's overrides.
 */
static void
write_deal(struct importer *im, struct row *rw, long id, const struct state *st, const char *owner,
	   size_t nplan, int moved)
{
	sqlite3_stmt *q = id ? im->update : im->insert;
	const char *created = rw->created[0] ? rw->created : nplan ? im->plan[0].at : im->now;
	const char *override = moved ? im->o->override : NULL;

	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	bind_deal(im, q, rw, st, owner, id ? NULL : created);
	if (id)
		sqlite3_bind_int64(q, NVALUES + 8, id);
	if (sqlite3_step(q) != SQLITE_DONE) {
		im->fail = db_fail(im->s->db, im->err, "importing a deal");
		return;
	}
	if (!id)
		id = (long)sqlite3_last_insert_rowid(im->s->db->h);
	for (size_t i = 0; i < nplan; i++) {
		const struct planned *p = &im->plan[i];
		struct event e = {
			.deal_id = id,
			.kind = p->kind,
			.from_stage = p->from >= 0 ? im->s->proc.stages[p->from].key : NULL,
			.from_entered_at = p->from_entered[0] ? p->from_entered : NULL,
			.stage = im->s->proc.stages[p->stage].key,
			.status = p->status,
			.at = p->at,
			.actor = im->s->login,
			.reason = event_reason(rw, p, override),
			.override = override,
			.imported = !moved,
		};
		if (history_insert_event(im->s->db, im->event, &e, NULL, im->err) != DD_OK) {
			im->fail = im->err->code;
			return;
		}
	}
}

/* Where a deal is, in words: its stage, or won or lost. */
static const char *
state_name(const struct importer *im, const struct state *st)
{
	return strcmp(st->status, "open") == 0 ? im->s->proc.stages[st->stage].key : st->status;
}

static void
import_row(struct importer *im)
{
	struct row rw;
	struct state st;
	char old_owner[128] = "";
	const char *from;
	long id;
	size_t nplan;
	int moved;

	read_row(im, &rw);
	id = find_deal(im, &rw, &st, old_owner, sizeof old_owner);
	from = id ? state_name(im, &st) : NULL;
	nplan = plan_history(im, &rw, &st);
	/*
	 * A new deal's history is history; a deal that was here before changing
	 * stage or status is a move, which passes gates, or a manager's override.
	 */
	moved = id != 0 && id <= im->old_max && nplan > 0;
	if (moved && im->o->override == NULL)
		row_error(im, rw.line, im->plan[0].col,
			  "deal %ld would go from %s to %s, which is a move: use move, or import "
			  "with --override REASON",
			  id, from, state_name(im, &st));
	/* After the first error only check: nothing will be written. */
	if (im->nerrors > 0) {
		free(st.external_id);
		return;
	}
	if (!im->o->dry_run)
		write_deal(im, &rw, id, &st,
			   rw.owner ? rw.owner
			   : id     ? old_owner
				    : im->s->login,
			   nplan, moved);
	if (!im->fail)
		*(id ? &im->r->updated : &im->r->added) += 1;
	free(st.external_id);
}

static void
prepare_deals(struct importer *im)
{
	im->entries = xcalloc((size_t)im->nst + 1, sizeof *im->entries);
	im->plan = xcalloc((size_t)im->nst + 4, sizeof *im->plan);
}

static void
free_deals(struct importer *im)
{
	sqlite3_finalize(im->find);
	sqlite3_finalize(im->find_own);
	sqlite3_finalize(im->insert);
	sqlite3_finalize(im->update);
	sqlite3_finalize(im->event);
	for (size_t i = 0; i < im->nnames; i++)
		free(im->names[i].name);
	free(im->names);
	free(im->entries);
	free(im->plan);
}

/* Dates to find the format of: close and next step dates, history. */
static int
is_date(const struct importer *im, const struct column *c)
{
	return c->f == F_ENTERED ||
	       (c->f < NFIELD && (fields[c->f].type == T_DATE || fields[c->f].type == T_TIME));
}

static char *
field_name(const struct importer *im, const struct column *c)
{
	if (c->f == F_ENTERED)
		return xasprintf("entered_%s", target_name(im, c->stage));
	return xstrdup(c->f < NFIELD ? fields[c->f].name : "ignore");
}

static const char *const bulk_tables[] = {"deals", "stage_events", NULL};
/* A deal named twice in one file finds its history's end through it. */
static const char *const bulk_keep[] = {"stage_events_by_deal", NULL};

static const struct import_ops deal_ops = {
	.what = "import deals",
	.bulk_tables = bulk_tables,
	.bulk_keep = bulk_keep,
	.field_list = "id, title, account, owner, stage, amount, currency, close_date, created, "
		      "status, closed, lost_reason, next_step, next_step_due, success_criteria, "
		      "entered_<stage>",
	.field_by_name = field_by_name,
	.options = deal_options,
	.prepare = prepare_deals,
	.classify = classify,
	.header = check_header,
	.row = import_row,
	.free = free_deals,
	.is_date = is_date,
	.field_name = field_name,
};

int
import_deals(struct session *s, const char *path, const struct import_options *o,
	     struct import_result *r, struct dd_err *err)
{
	struct importer im = {.ops = &deal_ops, .s = s, .o = o, .r = r, .err = err, .path = path};

	/* A dry run of deals writes nothing at all, so it needs no write transaction. */
	return run_import(&im, o->dry_run ? TX_READ : TX_WRITE);
}
