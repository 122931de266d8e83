#define _XOPEN_SOURCE 700 /* strptime */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "csv_export.h"
#include "csv_import.h"
#include "date.h"
#include "history.h"
#include "money.h"
#include "people.h"
#include "plan.h"
#include "permit.h"
#include "strbuf.h"
#include "text.h"
#include "xmalloc.h"

#define CHUNK      65536
#define MAX_FIELDS 4096 /* per record: more is ragged anyway, and stops a row of commas */

/* What a column holds. The order is that of our export. */
enum field {
	F_ID,
	F_TITLE,
	F_ACCOUNT,
	F_OWNER,
	F_STAGE,
	F_AMOUNT,
	F_CURRENCY,
	F_CLOSE_DATE,
	F_CREATED,
	F_STATUS,
	F_CLOSED,
	F_LOST_REASON,
	F_NEXT_STEP,
	F_NEXT_STEP_DUE,
	F_SUCCESS_CRITERIA,
	NFIELD,
	F_ENTERED = NFIELD, /* entered_<stage>: the stage is in the column */
	F_IGNORE,
};

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

struct column {
	char *name; /* as in the header, for messages */
	int f;      /* enum field, F_ENTERED or F_IGNORE */
	int stage;  /* F_ENTERED: stage index, or nstages (won) / nstages + 1 (lost) */
};

struct map {
	char *header; /* normalised */
	int f, stage;
};

/* One name of a stage (key, label or --stage-map name), normalised. */
struct stage_name {
	char *name;
	int stage;
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
	int from, stage;
	char at[TIMESTAMP_LEN];
	char from_entered[TIMESTAMP_LEN]; /* when it entered 'from', if it was open there */
};

struct entry {
	int stage;
	char at[TIMESTAMP_LEN];
};

struct pending; /* a reports-to to set once every row is in */

struct importer {
	int kind; /* 0 deals, else enum rel_kind */
	struct pending *pend;
	size_t npend;
	struct session *s;
	const struct import_options *o;
	struct import_result *r;
	struct dd_err *err;
	const char *path;
	int nst; /* stages in the process */

	struct map *maps;
	size_t nmaps;
	struct stage_name *names;
	size_t nnames;

	/* Reading: the line being fed, and where the current record began. */
	long line, rec_line;
	int in_quotes, line_start, stop;
	struct strbuf buf; /* the current record's fields, each NUL-terminated */
	size_t *off, *len;
	size_t nf, nf_seen;

	struct column *cols;
	size_t ncols;
	int have_header;
	int col_of[NFIELD]; /* column index of each field, or -1 */

	long nerrors;
	int fail; /* a database error: stop */
	char now[TIMESTAMP_LEN];
	char currency[16];
	sqlite3_stmt *find, *insert, *update, *event;
	/* The file has our export's "id" column: a value may name a deal here. */
	int own_ids;
	sqlite3_stmt *find_own;

	/* Per row, sized once. */
	struct entry *entries;
	struct planned *plan;
};

static int
is_alnum_ascii(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Lowercase letters and digits only, so "Deal - Title" matches "deal title". */
static char *
norm(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80 || is_alnum_ascii(c))
			*o++ = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	*o = '\0';
	return out;
}

static void row_error(struct importer *im, long line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
row_error(struct importer *im, long line, const char *column, const char *fmt, ...)
{
	va_list ap;
	char *msg, *col;
	int n;

	if (++im->nerrors > IMPORT_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	/* A header may hold anything: keep the message on one line. */
	col = text_printable(column);
	err_add(im->err, DD_DATAERR, "%s:%ld: %s: %s", im->path, line, col, msg);
	free(col);
	free(msg);
}

/* A stage key, label or mapped name; nst for won, nst + 1 for lost; -1 if unknown. */
static int
stage_lookup(const struct importer *im, const char *value)
{
	char *n = norm(value);
	int found = -1;

	for (size_t i = 0; i < im->nnames && found < 0; i++)
		if (strcmp(im->names[i].name, n) == 0)
			found = im->names[i].stage;
	for (size_t i = 0; i < sizeof outcome_words / sizeof outcome_words[0] && found < 0; i++)
		if (strcmp(outcome_words[i].word, n) == 0)
			found = im->nst + (strcmp(outcome_words[i].status, "lost") == 0);
	free(n);
	return found;
}

static void
add_name(struct importer *im, const char *name, int stage)
{
	im->names = xreallocarray(im->names, im->nnames + 1, sizeof *im->names);
	im->names[im->nnames++] = (struct stage_name){norm(name), stage};
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
		int k = process_stage_index(&im->s->proc, name + 8);

		if (k < 0 && strcmp(name + 8, "lost") == 0)
			k = im->nst + 1;
		if (k >= 0) {
			*stage = k;
			return F_ENTERED;
		}
	}
	return -1;
}

static int rel_field_by_name(const struct importer *im, const char *name);
static const char *rel_field_list(const struct importer *im);

/* --map and --stage-map, checked before the file is opened. */
static int
load_options(struct importer *im)
{
	const struct import_options *o = im->o;

	for (int k = 0; k < im->nst; k++) {
		add_name(im, im->s->proc.stages[k].key, k);
		add_name(im, im->s->proc.stages[k].label, k);
	}
	for (size_t i = 0; i < o->nstage_maps; i++) {
		const char *eq = strrchr(o->stage_maps[i], '=');
		int k = eq ? process_stage_index(&im->s->proc, eq + 1) : -1;

		if (eq != NULL && k < 0 && strcmp(eq + 1, "lost") == 0)
			k = im->nst + 1;
		if (eq == NULL || eq == o->stage_maps[i] || k < 0)
			return err_set(im->err, DD_USAGE,
				       "--stage-map '%s': want NAME=KEY with KEY a stage key, won "
				       "or lost",
				       o->stage_maps[i]);
		char *name = xstrndup(o->stage_maps[i], (size_t)(eq - o->stage_maps[i]));
		/* Before the keys and labels: a map overrides them. */
		im->names = xreallocarray(im->names, im->nnames + 1, sizeof *im->names);
		memmove(im->names + 1, im->names, im->nnames * sizeof *im->names);
		im->names[0] = (struct stage_name){norm(name), k};
		im->nnames++;
		free(name);
	}
	for (size_t i = 0; i < o->nmaps; i++) {
		const char *eq = strrchr(o->maps[i], '=');
		int f = -1, stage;

		stage = -1;
		if (eq != NULL && eq != o->maps[i])
			f = im->kind ? rel_field_by_name(im, eq + 1)
				     : field_by_name(im, eq + 1, &stage);
		if (f < 0 && im->kind)
			return err_set(
				im->err, DD_USAGE,
				"--map '%s': want HEADER=FIELD with FIELD one of %s, ignore",
				o->maps[i], rel_field_list(im));
		if (f < 0)
			return err_set(
				im->err, DD_USAGE,
				"--map '%s': want HEADER=FIELD with FIELD one of id, title, "
				"account, owner, stage, amount, currency, close_date, "
				"created, status, closed, lost_reason, next_step, "
				"next_step_due, success_criteria, entered_<stage>, ignore",
				o->maps[i]);
		char *h = xstrndup(o->maps[i], (size_t)(eq - o->maps[i]));
		im->maps = xreallocarray(im->maps, im->nmaps + 1, sizeof *im->maps);
		im->maps[im->nmaps++] = (struct map){norm(h), f, stage};
		free(h);
	}
	return DD_OK;
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
	char *n = norm(h);

	c->f = -1;
	c->stage = -1;
	for (size_t i = 0; i < im->nmaps && c->f < 0; i++)
		if (strcmp(im->maps[i].header, n) == 0) {
			c->f = im->maps[i].f;
			c->stage = im->maps[i].stage;
		}
	for (int f = 0; f < NFIELD && c->f < 0; f++) {
		char *fn = norm(fields[f].name);

		if (strcmp(fn, n) == 0)
			c->f = f;
		free(fn);
	}
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0] && c->f < 0; i++) {
		char *a = norm(aliases[i].header);

		if (strcmp(a, n) == 0)
			c->f = (int)aliases[i].f;
		free(a);
	}
	if (c->f < 0) {
		char *bare = strip_pipeline(h), *nb = norm(bare);

		for (size_t i = 0; i < sizeof entered_prefixes / sizeof entered_prefixes[0]; i++) {
			size_t len = strlen(entered_prefixes[i]);

			if (strncmp(nb, entered_prefixes[i], len) == 0 && nb[len] != '\0') {
				int k = stage_lookup(im, nb + len);

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

static void prepare_statements(struct importer *im);
static void rel_classify(struct importer *im, const char *h, struct column *c);
static void rel_header_check(struct importer *im);
static void rel_row(struct importer *im);

static void
read_header(struct importer *im)
{
	struct strbuf unknown;
	size_t nunknown = 0;

	im->ncols = im->nf;
	im->cols = xcalloc(im->ncols ? im->ncols : 1, sizeof *im->cols);
	for (int f = 0; f < NFIELD; f++)
		im->col_of[f] = -1;
	strbuf_init(&unknown);
	for (size_t i = 0; i < im->ncols; i++) {
		struct column *c = &im->cols[i];

		c->name = xstrdup(im->buf.s + im->off[i]);
		if (im->kind)
			rel_classify(im, c->name, c);
		else
			classify(im, c->name, c);
		if (c->f < 0) {
			if (c->name[0] != '\0')
				strbuf_printf(&unknown, "%s'%s'", nunknown++ ? ", " : "", c->name);
			c->f = F_IGNORE;
			continue;
		}
		/* Two columns for one thing: which one would win is a guess. */
		for (size_t j = 0; j < i; j++) {
			if (im->cols[j].f != c->f || im->cols[j].stage != c->stage ||
			    c->f == F_IGNORE)
				continue;
			row_error(im, im->rec_line, c->name,
				  "means the same as column '%s'; use --map '%s=ignore'",
				  im->cols[j].name, c->name);
			c->f = F_IGNORE; /* and keeps one entry date per stage */
			break;
		}
		if (c->f < NFIELD)
			im->col_of[c->f] = (int)i;
	}
	if (nunknown > 0) {
		char *printable = text_printable(strbuf_str(&unknown));

		im->r->warning = xasprintf("%s: ignoring unknown column%s: %s", im->path,
					   nunknown > 1 ? "s" : "", printable);
		free(printable);
	}
	strbuf_free(&unknown);
	if (im->kind) {
		rel_header_check(im);
		im->have_header = 1;
		return;
	}
	if (im->col_of[F_TITLE] < 0)
		row_error(im, im->rec_line, "title",
			  "no title column (e.g. 'Deal - Title', 'Deal Name'; or --map)");
	if (im->col_of[F_ACCOUNT] < 0)
		row_error(im, im->rec_line, "account",
			  "no account column (e.g. 'Deal - Organization', 'Company'; or --map)");
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
	im->have_header = 1;
	prepare_statements(im);
}

static int
digits(const char *s, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*out = *out * 10 + (s[i] - '0');
	}
	return 1;
}

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]", "YYYY-MM-DDTHH:MM:SS[Z]". */
static int
parse_iso(const char *s, int *y, int *m, int *d, int *H, int *M, int *S)
{
	const char *p = s + 10;

	*H = *M = *S = 0;
	if (strlen(s) < 10 || !digits(s, 4, y) || s[4] != '-' || !digits(s + 5, 2, m) ||
	    s[7] != '-' || !digits(s + 8, 2, d))
		return 0;
	if (*p == '\0')
		return 1;
	if ((*p != ' ' && *p != 'T') || !digits(p + 1, 2, H) || p[3] != ':' ||
	    !digits(p + 4, 2, M))
		return 0;
	p += 6;
	if (*p == ':' && digits(p + 1, 2, S))
		p += 3;
	if (*p == 'Z' && s[10] == 'T')
		p++;
	return *p == '\0';
}

/* A date or time as stored: "YYYY-MM-DD HH:MM:SS"; 0, or -1 if it is not one. */
static int
parse_when(const char *s, const char *fmt, char out[TIMESTAMP_LEN])
{
	int y, m, d, H, M, S, ok = parse_iso(s, &y, &m, &d, &H, &M, &S);
	char day[DATE_LEN];
	long days;

	if (!ok && fmt != NULL) {
		struct tm tm;
		const char *end;

		memset(&tm, 0, sizeof tm);
		end = strptime(s, fmt, &tm);
		ok = end != NULL && *end == '\0';
		y = tm.tm_year + 1900;
		m = tm.tm_mon + 1;
		d = tm.tm_mday;
		H = tm.tm_hour;
		M = tm.tm_min;
		S = tm.tm_sec;
	}
	if (!ok || y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99)
		return -1;
	/* strptime takes 02/31: date_parse knows the calendar. */
	snprintf(day, sizeof day, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	if (date_parse(day, &days) != 0 || H < 0 || H > 23 || M < 0 || M > 59 || S < 0 || S > 59)
		return -1;
	snprintf(out, TIMESTAMP_LEN, "%s %02u:%02u:%02u", day, (unsigned)H % 100u,
		 (unsigned)M % 100u, (unsigned)S % 100u);
	return 0;
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
	char outcome_at[2][TIMESTAMP_LEN]; /* "Date entered Closed Won/Lost" */
	size_t nentries;
};

static const char *
cell(const struct importer *im, size_t i)
{
	return csv_unneutralise(im->buf.s + im->off[i]); /* undo our export's apostrophe */
}

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

/* Checks and converts one cell of a known field. */
static void
check_field(struct importer *im, struct row *rw, int f, const char *v, const char *col)
{
	char ts[TIMESTAMP_LEN];
	const char *why;
	int k;

	switch (fields[f].type) {
	case T_REQUIRED:
		if (v[0] == '\0')
			row_error(im, rw->line, col, "the %s cannot be empty", fields[f].name);
		break;
	case T_ID:
	case T_TEXT:
		break;
	case T_OWNER:
		if (v[0] == '\0')
			break;
		rw->owner = im->s->proc.nteam == 0 ? v : process_team_login(&im->s->proc, v);
		if (rw->owner == NULL)
			row_error(im, rw->line, col, "owner '%s' is not in the team", v);
		else if (im->s->role == ROLE_REP && strcmp(rw->owner, im->s->login) != 0)
			row_error(im, rw->line, col,
				  "only a manager may import deals owned by someone else");
		break;
	case T_STAGE:
		if (v[0] == '\0')
			break;
		k = stage_lookup(im, v);
		if (k < 0)
			row_error(im, rw->line, col,
				  "unknown stage '%s' (a stage key or label; or --stage-map)", v);
		else if (k >= im->nst)
			rw->status = statuses[k - im->nst + 1];
		else
			rw->stage = k;
		break;
	case T_MONEY:
		if (v[0] != '\0' && money_parse(v, &rw->amount, &why) != 0)
			row_error(im, rw->line, col, "'%s' is not money: %s", v, why);
		break;
	case T_CURRENCY:
		if (v[0] != '\0' && strcasecmp(v, im->currency) != 0)
			row_error(im, rw->line, col,
				  "the deal is in '%s' but the pipeline is in %s", v,
				  im->currency);
		break;
	case T_DATE:
	case T_TIME:
		if (v[0] == '\0')
			break;
		if (parse_when(v, im->o->date_format, ts) != 0) {
			row_error(im, rw->line, col,
				  "'%s' is not a date (YYYY-MM-DD[ HH:MM[:SS]]%s)", v,
				  im->o->date_format ? " or --date-format" : "; or --date-format");
			break;
		}
		if (fields[f].type == T_DATE)
			ts[10] = '\0';
		memcpy(when_slot(rw, f), ts, sizeof ts);
		break;
	case T_STATUS: {
		const char *st = NULL;

		for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
			if (strcasecmp(v, statuses[i]) == 0)
				st = statuses[i];
		if (v[0] != '\0' && st == NULL)
			row_error(im, rw->line, col, "status '%s' is not open, won or lost", v);
		else if (st != NULL && rw->status != NULL && rw->status != st)
			row_error(im, rw->line, col, "status '%s' contradicts the stage", v);
		else if (st != NULL)
			rw->status = st;
		break;
	}
	case T_LOST_REASON:
		if (v[0] != '\0' && !process_has_lost_reason(&im->s->proc, v))
			row_error(im, rw->line, col, "'%s' is not a lost reason of the process",
				  v);
		break;
	}
	if (v[0] != '\0')
		rw->v[f] = v;
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
		const char *v = cell(im, i);
		struct entry *e;

		if (!utf8_valid(im->buf.s + im->off[i], im->len[i]) ||
		    strlen(im->buf.s + im->off[i]) != im->len[i]) {
			row_error(im, rw->line, c->name, "not valid UTF-8 text");
			continue;
		}
		if (c->f < NFIELD) {
			check_field(im, rw, c->f, v, c->name);
			continue;
		}
		if (c->f != F_ENTERED || v[0] == '\0')
			continue;
		e = c->stage < im->nst ? &im->entries[rw->nentries]
				       : &(struct entry){0}; /* outcome: kept below */
		if (parse_when(v, im->o->date_format, e->at) != 0) {
			row_error(im, rw->line, c->name, "'%s' is not a date", v);
			continue;
		}
		if (c->stage >= im->nst) {
			memcpy(rw->outcome_at[c->stage - im->nst], e->at, TIMESTAMP_LEN);
			continue;
		}
		e->stage = c->stage;
		rw->nentries++;
	}
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->at, y->at);

	return c != 0 ? c : x->stage - y->stage;
}

/* Appends the event that takes st to (stage, status) at 'at'; nothing if it is there. */
static void
plan_step(struct importer *im, struct state *st, size_t *n, int stage, const char *status,
	  const char *at)
{
	struct planned *p = &im->plan[*n];

	if (st->exists && st->stage == stage && strcmp(st->status, status) == 0)
		return;
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
 * The imported history: entry dates newer than what the deal has, then the move
 * to the stage and outcome the row names. Returns the number of events planned.
 */
static size_t
plan_history(struct importer *im, struct row *rw, struct state *st)
{
	const char *status = rw->status;
	char after[TIMESTAMP_LEN];
	size_t n = 0;
	int stage;

	memcpy(after, st->last_at, TIMESTAMP_LEN);
	qsort(im->entries, rw->nentries, sizeof *im->entries, entry_cmp);
	for (size_t i = 0; i < rw->nentries; i++)
		if (strcmp(im->entries[i].at, after) > 0)
			plan_step(im, st, &n, im->entries[i].stage, "open", im->entries[i].at);
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
	/* A stage without an entry date: at creation, or entered now. */
	if (!st->exists)
		plan_step(im, st, &n, stage, "open", rw->created[0] ? rw->created : im->now);
	else if (stage != st->stage || strcmp(st->status, "open") != 0)
		if (strcmp(status, "open") == 0 || stage != st->stage)
			plan_step(im, st, &n, stage, "open", im->now);
	if (strcmp(status, "open") != 0 && strcmp(st->status, status) != 0) {
		const char *at = rw->closed[0] ? rw->closed
				 : rw->outcome_at[status[0] == 'l'][0]
					 ? rw->outcome_at[status[0] == 'l']
					 : im->now;

		if (strcmp(at, st->last_at) < 0)
			row_error(im, rw->line, "closed", "%s is before the deal entered %s (%s)",
				  at, im->s->proc.stages[st->stage].key, st->last_at);
		plan_step(im, st, &n, st->stage, status, at);
	}
	if (strcmp(status, "lost") != 0 && rw->v[F_LOST_REASON] != NULL)
		rw->v[F_LOST_REASON] = NULL; /* only a lost deal has a reason */
	return n;
}

/* Binds text or NULL (empty or not given). */
static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	db_bind_text_or_null(st, i, v);
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
	if (im->own_ids)
		im->find_own = db_prepare(im->s->db, FIND_SQL "d.id = ?");
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
			bind_opt(q, (int)i + 1, rw->close_date);
		else if (f == F_NEXT_STEP_DUE)
			bind_opt(q, (int)i + 1, rw->next_step_due);
		else
			bind_opt(q, (int)i + 1, v);
	}
	sqlite3_bind_text(q, NVALUES + 1, im->s->proc.stages[st->stage].key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, NVALUES + 2, st->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, NVALUES + 3, st->entered, -1, SQLITE_TRANSIENT);
	bind_opt(q, NVALUES + 4, strcmp(st->status, "open") == 0 ? NULL : st->closed);
	bind_opt(q, NVALUES + 5, strcmp(st->status, "lost") == 0 ? rw->v[F_LOST_REASON] : NULL);
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

static void
write_deal(struct importer *im, struct row *rw, long id, const struct state *st, const char *owner,
	   size_t nplan)
{
	sqlite3_stmt *q = id ? im->update : im->insert;
	const char *created = rw->created[0] ? rw->created : nplan ? im->plan[0].at : im->now;

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
			.reason = strcmp(p->status, "lost") == 0 ? rw->v[F_LOST_REASON] : NULL,
			.imported = 1,
		};
		if (history_insert_event(im->s->db, im->event, &e, NULL, im->err) != DD_OK) {
			im->fail = im->err->code;
			return;
		}
	}
}

/* A record whose field count is not the header's: 1 after naming it. */
static int
ragged(struct importer *im)
{
	if (im->nf != im->ncols) {
		const char *col = im->nf < im->ncols ? im->cols[im->nf].name : "";

		if (im->nf < im->ncols)
			row_error(im, im->rec_line, col,
				  "missing: the record has %zu fields, the header %zu",
				  im->nf_seen, im->ncols);
		else
			row_error(im, im->rec_line, "(extra)",
				  "the record has %zu fields, the header %zu", im->nf_seen,
				  im->ncols);
		return 1;
	}
	return 0;
}

static void
import_row(struct importer *im)
{
	struct row rw;
	struct state st;
	char old_owner[128] = "";
	long id;
	size_t nplan;

	if (ragged(im))
		return;
	read_row(im, &rw);
	id = find_deal(im, &rw, &st, old_owner, sizeof old_owner);
	if (id && im->s->role == ROLE_REP && strcmp(old_owner, im->s->login) != 0)
		row_error(im, rw.line, im->cols[im->col_of[F_ID]].name,
			  "deal %ld belongs to %s: only a manager may change it", id, old_owner);
	nplan = plan_history(im, &rw, &st);
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
			   nplan);
	if (!im->fail)
		*(id ? &im->r->updated : &im->r->added) += 1;
	free(st.external_id);
}

static void
on_field(void *data, size_t len, void *arg)
{
	struct importer *im = arg;

	if (im->stop || im->fail)
		return;
	im->nf_seen++;
	if (im->nf >= MAX_FIELDS)
		return;
	if (im->nf % 64 == 0) {
		im->off = xreallocarray(im->off, im->nf + 64, sizeof *im->off);
		im->len = xreallocarray(im->len, im->nf + 64, sizeof *im->len);
	}
	im->off[im->nf] = im->buf.len;
	im->len[im->nf] = len;
	strbuf_add(&im->buf, data ? data : "", data ? len : 0);
	strbuf_putc(&im->buf, '\0');
	im->nf++;
}

static void
on_record(int term, void *arg)
{
	struct importer *im = arg;

	if (!im->stop && !im->fail) {
		/* A long field list is ragged: report the count, not what was kept. */
		if (im->nf < im->nf_seen)
			im->nf = im->nf_seen;
		if (!im->have_header)
			read_header(im);
		else if (im->kind)
			rel_row(im);
		else
			import_row(im);
	}
	strbuf_reset(&im->buf);
	im->nf = im->nf_seen = 0;
}

/* libcsv grows a field's buffer through this: refusing stops a 2 GB field. */
static void *
limited_realloc(void *p, size_t n)
{
	return n > IMPORT_FIELD_MAX + CHUNK ? NULL : realloc(p, n);
}

static void
parse_failed(struct importer *im, struct csv_parser *p, int at_end)
{
	const char *col = im->have_header && im->nf < im->ncols ? im->cols[im->nf].name
			  : im->have_header                     ? "(extra)"
								: "(header)";
	int e = csv_error(p);

	if (e == CSV_ENOMEM)
		row_error(im, im->rec_line, col, "a field is longer than %d bytes",
			  IMPORT_FIELD_MAX);
	else if (at_end)
		row_error(im, im->rec_line, col, "a quoted field is not closed");
	else
		row_error(im, im->rec_line, col,
			  "bad quoting (a quote in a field is written \"\")");
	im->stop = 1;
}

/* Feeds one line at a time, so a record's first line is known (libcsv has none). */
static void
feed(struct importer *im, struct csv_parser *p, const char *b, size_t n)
{
	while (n > 0 && !im->stop && !im->fail) {
		const char *nl = memchr(b, '\n', n);
		size_t len = nl ? (size_t)(nl - b) + 1 : n;

		if (!im->in_quotes && im->nf == 0 && im->line_start)
			im->rec_line = im->line;
		im->line_start = 0;
		/* Strict quoting: each quote opens, closes or doubles, so parity tracks. */
		for (const char *q = memchr(b, '"', len); q != NULL;
		     q = memchr(q + 1, '"', len - (size_t)(q + 1 - b)))
			im->in_quotes = !im->in_quotes;
		if (csv_parse(p, b, len, on_field, on_record, im) != len) {
			parse_failed(im, p, 0);
			return;
		}
		if (nl != NULL) {
			im->line++;
			im->line_start = 1;
		}
		b += len;
		n -= len;
	}
}

static void
importer_free(struct importer *im)
{
	sqlite3_finalize(im->find);
	sqlite3_finalize(im->find_own);
	sqlite3_finalize(im->insert);
	sqlite3_finalize(im->update);
	sqlite3_finalize(im->event);
	free(im->pend);
	for (size_t i = 0; i < im->nmaps; i++)
		free(im->maps[i].header);
	free(im->maps);
	for (size_t i = 0; i < im->nnames; i++)
		free(im->names[i].name);
	free(im->names);
	for (size_t i = 0; i < im->ncols; i++)
		free(im->cols[i].name);
	free(im->cols);
	free(im->off);
	free(im->len);
	free(im->entries);
	free(im->plan);
	strbuf_free(&im->buf);
}

/* Reads the whole file through the parser in chunks; the BOM goes first. */
static void
parse_file(struct importer *im, FILE *f)
{
	struct csv_parser p;
	char *chunk = xmalloc(CHUNK);
	size_t n;
	int first = 1;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		fatal("csv_init failed");
	csv_set_realloc_func(&p, limited_realloc);
	csv_set_blk_size(&p, CHUNK);
	while (!im->stop && !im->fail && (n = fread(chunk, 1, CHUNK, f)) > 0) {
		size_t skip = first && n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

		first = 0;
		feed(im, &p, chunk + skip, n - skip);
	}
	if (ferror(f))
		row_error(im, im->line, "(file)", "read error: %s", strerror(errno));
	if (!im->stop && !im->fail && csv_fini(&p, on_field, on_record, im) != 0)
		parse_failed(im, &p, 1);
	csv_free(&p);
	free(chunk);
}

/*
 * Reads the whole file and writes it in one transaction (tx), or only checks it
 * (!tx: a dry run of deals). prepare runs before the first row; finish after the
 * last, whatever happened (it looks at im->fail itself).
 */
static int
run_import(struct importer *im, int tx, void (*prepare)(struct importer *),
	   void (*finish)(struct importer *))
{
	struct session *s = im->s;
	struct import_result *r = im->r;
	struct dd_err *err = im->err;
	FILE *f;
	int rc;

	memset(r, 0, sizeof *r);
	im->nst = (int)s->proc.nstages;
	im->line = im->rec_line = 1;
	im->line_start = 1;
	strbuf_init(&im->buf);
	if (permit_write(s, err) != DD_OK)
		return err->code;
	if (load_options(im) != DD_OK) {
		importer_free(im);
		return err->code;
	}
	f = fopen(im->path, "rb");
	if (f == NULL) {
		importer_free(im);
		return err_set(err, DD_FAIL, "%s: %s", im->path, strerror(errno));
	}
	timestamp_now(im->now);
	if (prepare != NULL)
		prepare(im);
	if (tx && db_begin(s->db, err) != DD_OK) {
		fclose(f);
		importer_free(im);
		return err->code;
	}
	parse_file(im, f);
	fclose(f);
	if (!im->fail && !im->have_header && im->nerrors == 0)
		row_error(im, 1, "(header)", "the file is empty: want a header row");
	if (finish != NULL)
		finish(im);
	if (im->nerrors > IMPORT_MAX_ERRORS)
		err_add(err, DD_DATAERR, "… and %ld more", im->nerrors - IMPORT_MAX_ERRORS);
	/* Statements go before the commit, or it could not finish reading. */
	importer_free(im);
	if (im->fail || im->nerrors > 0) {
		if (tx)
			db_rollback(s->db);
		r->added = r->updated = 0;
		return im->fail ? im->fail : DD_DATAERR;
	}
	if (!tx)
		return DD_OK;
	if (im->o->dry_run) {
		db_rollback(s->db);
		return DD_OK;
	}
	rc = db_commit(s->db, err);
	if (rc != DD_OK)
		r->added = r->updated = 0;
	return rc;
}

static void
prepare_deals(struct importer *im)
{
	im->entries = xcalloc((size_t)im->nst + 1, sizeof *im->entries);
	im->plan = xcalloc((size_t)im->nst + 4, sizeof *im->plan);
	if (db_meta(im->s->db, "currency", im->currency, sizeof im->currency) == NULL)
		im->currency[0] = '\0';
}

int
import_deals(struct session *s, const char *path, const struct import_options *o,
	     struct import_result *r, struct dd_err *err)
{
	struct importer im = {.s = s, .o = o, .r = r, .err = err, .path = path};

	/* A dry run of deals writes nothing at all, so it needs no transaction. */
	return run_import(&im, !o->dry_run, prepare_deals, NULL);
}

void
import_result_free(struct import_result *r)
{
	free(r->warning);
	r->warning = NULL;
}

/*
 * Stakeholders and plan steps: rows name their deal by our id or its external
 * id, and go through the same checks and writes as `people` and `plan` do.
 */
enum rel_kind { REL_PEOPLE = 1, REL_PLAN = 2 };
enum { R_DEAL_ID, R_DEAL_EXT, R_NREL_MAX = 9 };
enum { P_NAME = 2, P_ROLE, P_TITLE, P_STANCE, P_INFLUENCE, P_REPORTS_TO, P_LAST_CONTACT };
enum { S_TITLE = 2, S_OWNER, S_WHO, S_DUE, S_DONE_AT, S_DONE_BY };

/* Our export's columns, in order: the names --map takes. */
static const char *const people_fields[] = {
	"deal_id", "deal_external_id", "name",       "role",        "title",
	"stance",  "influence",        "reports_to", "last_contact"};
static const char *const plan_fields[] = {"deal_id", "deal_external_id", "title",  "owner", "who",
					  "due",     "done_at",          "done_by"};

static const struct rel_alias {
	int kind, f;
	const char *header;
} rel_aliases[] = {
	{0, R_DEAL_ID, "Deal"},
	{0, R_DEAL_EXT, "external_id"},
	{0, R_DEAL_EXT, "Deal - ID"},
	{0, R_DEAL_EXT, "Record ID"},
	{0, R_DEAL_EXT, "Opportunity ID"},
	{0, R_DEAL_EXT, "Deal External ID"},
	{REL_PEOPLE, P_NAME, "Full Name"},
	{REL_PEOPLE, P_NAME, "Contact Name"},
	{REL_PEOPLE, P_NAME, "Person - Name"},
	{REL_PEOPLE, P_NAME, "Person"},
	{REL_PEOPLE, P_TITLE, "Job Title"},
	{REL_PEOPLE, P_TITLE, "Position"},
	{REL_PEOPLE, P_REPORTS_TO, "Reports To"},
	{REL_PEOPLE, P_REPORTS_TO, "Manager"},
	{REL_PEOPLE, P_LAST_CONTACT, "Last Contacted"},
	{REL_PEOPLE, P_LAST_CONTACT, "Last Contact Date"},
	{REL_PLAN, S_TITLE, "Step"},
	{REL_PLAN, S_TITLE, "Task"},
	{REL_PLAN, S_OWNER, "Owner Side"},
	{REL_PLAN, S_OWNER, "Side"},
	{REL_PLAN, S_WHO, "Assignee"},
	{REL_PLAN, S_WHO, "Assigned To"},
	{REL_PLAN, S_DUE, "Due Date"},
	{REL_PLAN, S_DONE_AT, "Completed"},
	{REL_PLAN, S_DONE_AT, "Completed At"},
	{REL_PLAN, S_DONE_BY, "Completed By"},
};

struct pending {
	long id, line;
	size_t col;
	char *manager;
};

static const char *const *
rel_fields(const struct importer *im, size_t *n)
{
	*n = im->kind == REL_PEOPLE ? sizeof people_fields / sizeof people_fields[0]
				    : sizeof plan_fields / sizeof plan_fields[0];
	return im->kind == REL_PEOPLE ? people_fields : plan_fields;
}

static int
rel_field_by_name(const struct importer *im, const char *name)
{
	size_t n;
	const char *const *names = rel_fields(im, &n);

	if (strcmp(name, "ignore") == 0)
		return F_IGNORE;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

static const char *
rel_field_list(const struct importer *im)
{
	return im->kind == REL_PEOPLE ? "deal_id, deal_external_id, name, role, title, stance, "
					"influence, reports_to, last_contact"
				      : "deal_id, deal_external_id, title, owner, who, due, "
					"done_at, done_by";
}

static void
rel_classify(struct importer *im, const char *h, struct column *c)
{
	char *n = norm(h);
	size_t nf;
	const char *const *names = rel_fields(im, &nf);

	c->f = -1;
	c->stage = -1;
	for (size_t i = 0; i < im->nmaps && c->f < 0; i++)
		if (strcmp(im->maps[i].header, n) == 0)
			c->f = im->maps[i].f;
	for (size_t i = 0; i < nf && c->f < 0; i++) {
		char *fn = norm(names[i]);

		if (strcmp(fn, n) == 0)
			c->f = (int)i;
		free(fn);
	}
	for (size_t i = 0; i < sizeof rel_aliases / sizeof rel_aliases[0] && c->f < 0; i++) {
		char *a;

		if (rel_aliases[i].kind != 0 && rel_aliases[i].kind != im->kind)
			continue;
		a = norm(rel_aliases[i].header);
		if (strcmp(a, n) == 0)
			c->f = rel_aliases[i].f;
		free(a);
	}
	free(n);
}

static void
rel_header_check(struct importer *im)
{
	const int people[] = {P_NAME, P_ROLE}, plan[] = {S_TITLE, S_OWNER, S_DUE};
	const int *need = im->kind == REL_PEOPLE ? people : plan;
	size_t nneed = im->kind == REL_PEOPLE ? 2 : 3, nf;
	const char *const *names = rel_fields(im, &nf);

	if (im->col_of[R_DEAL_ID] < 0 && im->col_of[R_DEAL_EXT] < 0)
		row_error(im, im->rec_line, "deal_id",
			  "no deal column: want deal_id or deal_external_id (or --map)");
	for (size_t i = 0; i < nneed; i++)
		if (im->col_of[need[i]] < 0)
			row_error(im, im->rec_line, names[need[i]], "no %s column (or --map)",
				  names[need[i]]);
}

/* The value of field f in this row; NULL when the file has no such column. */
static const char *
rel_value(const struct importer *im, int f)
{
	return im->col_of[f] < 0 ? NULL : cell(im, (size_t)im->col_of[f]);
}

static const char *
rel_col(const struct importer *im, int f)
{
	return im->col_of[f] < 0 ? "(row)" : im->cols[im->col_of[f]].name;
}

/* Empty counts as not given. */
static const char *
given(const char *v)
{
	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* The deal the row names, or 0 after naming the problem. */
static long
rel_deal(struct importer *im)
{
	const char *ext = given(rel_value(im, R_DEAL_EXT)), *id = given(rel_value(im, R_DEAL_ID));
	sqlite3_stmt *st;
	long found = 0;

	if (ext == NULL && id == NULL) {
		row_error(im, im->rec_line, rel_col(im, id ? R_DEAL_ID : R_DEAL_EXT),
			  "empty: the row names no deal");
		return 0;
	}
	st = db_prepare(im->s->db, ext ? "SELECT id FROM deals WHERE external_id = ?"
				       : "SELECT id FROM deals WHERE id = ?");
	sqlite3_bind_text(st, 1, ext ? ext : id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		found = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (found == 0)
		row_error(im, im->rec_line, rel_col(im, ext ? R_DEAL_EXT : R_DEAL_ID),
			  ext ? "no deal with external id '%s'" : "no deal %s", ext ? ext : id);
	return found;
}

/* A date field as YYYY-MM-DD (day) or a timestamp into out; "" stays "". */
static int
rel_when(struct importer *im, int f, int day, char out[TIMESTAMP_LEN])
{
	const char *v = rel_value(im, f);

	out[0] = '\0';
	if (given(v) == NULL)
		return 0;
	if (parse_when(v, im->o->date_format, out) != 0) {
		row_error(im, im->rec_line, rel_col(im, f), "'%s' is not a date%s", v,
			  im->o->date_format ? "" : " (YYYY-MM-DD, or --date-format)");
		return -1;
	}
	if (day)
		out[10] = '\0';
	return 0;
}

/* Runs a core check and names its complaint by the column. */
static void
rel_check(struct importer *im, int f, int rc, struct dd_err *e)
{
	if (rc != DD_OK)
		row_error(im, im->rec_line, rel_col(im, f), "%s", strbuf_str(&e->msg));
	err_clear(e);
}

static void
people_row(struct importer *im, long deal)
{
	struct stakeholder_fields one, f = {
					       .name = rel_value(im, P_NAME),
					       .role = given(rel_value(im, P_ROLE)),
					       .title = rel_value(im, P_TITLE),
					       .stance = given(rel_value(im, P_STANCE)),
					       .influence = given(rel_value(im, P_INFLUENCE)),
				       };
	const char *manager = rel_value(im, P_REPORTS_TO);
	char last[TIMESTAMP_LEN];
	struct stakeholder *v;
	struct dd_err e;
	size_t n;
	long id = 0;
	int rc;

	err_init(&e);
	const int checked[] = {P_NAME, P_ROLE, P_TITLE, P_STANCE, P_INFLUENCE};
	const char *vals[] = {f.name, f.role, f.title, f.stance, f.influence};
	for (size_t i = 0; i < sizeof checked / sizeof checked[0]; i++) {
		const char **slot[] = {&one.name, &one.role, &one.title, &one.stance,
				       &one.influence};
		memset(&one, 0, sizeof one);
		*slot[i] = vals[i];
		if (vals[i] != NULL)
			rel_check(im, checked[i], people_check(&one, &e), &e);
	}
	if (rel_when(im, P_LAST_CONTACT, 1, last) == 0 && im->col_of[P_LAST_CONTACT] >= 0)
		f.last_contact = last;
	if (deal == 0 || im->nerrors > 0) {
		err_free(&e);
		return;
	}
	/* The same person on the same deal (ignoring case) is updated. */
	rc = people_list(im->s->db, deal, &v, &n, &e);
	for (size_t i = 0; rc == DD_OK && i < n && id == 0; i++)
		if (text_casecmp(v[i].name, f.name) == 0)
			id = v[i].id;
	if (rc == DD_OK)
		people_free(v, n);
	int existed = id != 0;
	/* Managers are set once all rows are in; until then nobody reports to anyone. */
	if (manager != NULL)
		f.reports_to = "";
	if (rc == DD_OK && id != 0)
		rc = people_edit_tx(im->s, id, &f, &e);
	else if (rc == DD_OK && f.role == NULL)
		rc = err_set(&e, DD_USAGE, "empty: a new stakeholder needs a role");
	else if (rc == DD_OK)
		rc = people_add_tx(im->s, deal, &f, &id, &e);
	if (rc != DD_OK) {
		rel_check(im, f.role == NULL && id == 0 ? P_ROLE : P_NAME, rc, &e);
		err_free(&e);
		return;
	}
	err_free(&e);
	*(existed ? &im->r->updated : &im->r->added) += 1;
	if (given(manager) != NULL) {
		im->pend = xreallocarray(im->pend, im->npend + 1, sizeof *im->pend);
		im->pend[im->npend++] = (struct pending){
			id, im->rec_line, (size_t)im->col_of[P_REPORTS_TO], xstrdup(manager)};
	}
}

static void
plan_row(struct importer *im, long deal)
{
	struct plan_fields one, f = {
					.title = rel_value(im, S_TITLE),
					.owner_side = given(rel_value(im, S_OWNER)),
					.who = rel_value(im, S_WHO),
				};
	const char *by = given(rel_value(im, S_DONE_BY));
	char due[TIMESTAMP_LEN], done[TIMESTAMP_LEN];
	struct dd_err e;
	long id = 0;
	int rc = DD_OK, bad = 0;

	err_init(&e);
	memset(&one, 0, sizeof one);
	one.title = f.title ? f.title : "";
	rel_check(im, S_TITLE, plan_check(&one, &e), &e);
	memset(&one, 0, sizeof one);
	one.owner_side = f.owner_side;
	rel_check(im, S_OWNER, plan_check(&one, &e), &e);
	memset(&one, 0, sizeof one);
	one.who = f.who;
	rel_check(im, S_WHO, plan_check(&one, &e), &e);
	bad |= rel_when(im, S_DUE, 1, due);
	bad |= rel_when(im, S_DONE_AT, 0, done);
	if (!bad && due[0] == '\0')
		row_error(im, im->rec_line, rel_col(im, S_DUE), "empty: a step needs a due date");
	f.due = due;
	if (deal == 0 || im->nerrors > 0) {
		err_free(&e);
		return;
	}
	/* The same title and due date on the same deal is the same step. */
	sqlite3_stmt *st = db_prepare(im->s->db, "SELECT id FROM plan_steps WHERE deal_id = ?"
						 " AND title = ? AND due = ? ORDER BY id LIMIT 1");
	sqlite3_bind_int64(st, 1, deal);
	sqlite3_bind_text(st, 2, f.title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, due, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	int existed = id != 0;
	if (existed)
		rc = plan_edit_tx(im->s, id, &f, &e);
	else if (f.owner_side == NULL)
		rc = err_set(&e, DD_USAGE,
			     "empty: a new step needs an owner (buyer, seller, joint)");
	else
		rc = plan_add_tx(im->s, deal, &f, &id, &e);
	/* A done_at column says which steps are done; without one, done stays as it is. */
	if (rc == DD_OK && im->col_of[S_DONE_AT] >= 0 && (done[0] != '\0' || existed))
		rc = plan_set_done_tx(im->s, id, done[0] != '\0', done, by, &e);
	if (rc != DD_OK)
		rel_check(im, existed || f.owner_side != NULL ? S_TITLE : S_OWNER, rc, &e);
	else
		*(existed ? &im->r->updated : &im->r->added) += 1;
	err_free(&e);
}

static void
rel_row(struct importer *im)
{
	long deal;

	if (ragged(im) || im->nerrors > IMPORT_MAX_ERRORS * 4)
		return;
	deal = rel_deal(im);
	if (im->kind == REL_PEOPLE)
		people_row(im, deal);
	else
		plan_row(im, deal);
}

/* Who reports to whom, once every row of every deal is in. */
static void
resolve_pending(struct importer *im)
{
	struct dd_err e;

	err_init(&e);
	for (size_t i = 0; i < im->npend && im->nerrors == 0; i++) {
		struct stakeholder_fields f = {.reports_to = im->pend[i].manager};
		int rc = people_edit_tx(im->s, im->pend[i].id, &f, &e);

		if (rc != DD_OK)
			row_error(im, im->pend[i].line, im->cols[im->pend[i].col].name, "%s",
				  strbuf_str(&e.msg));
		err_clear(&e);
	}
	err_free(&e);
	for (size_t i = 0; i < im->npend; i++)
		free(im->pend[i].manager);
	im->npend = 0;
}

/* After the last row: reports-to, once every person is in. */
static void
finish_rel(struct importer *im)
{
	if (!im->fail)
		resolve_pending(im);
	for (size_t i = 0; i < im->npend; i++)
		free(im->pend[i].manager);
}

/*
 * Always inside one transaction, so each row sees the ones before it; a dry
 * run or any error rolls it all back.
 */
static int
import_rel(int kind, struct session *s, const char *path, const struct import_options *o,
	   struct import_result *r, struct dd_err *err)
{
	struct importer im = {.kind = kind, .s = s, .o = o, .r = r, .err = err, .path = path};

	memset(r, 0, sizeof *r);
	if (permit_write(s, err) != DD_OK)
		return err->code;
	if (o->nstage_maps > 0)
		return err_set(err, DD_USAGE, "--stage-map is for import deals");
	return run_import(&im, 1, NULL, finish_rel);
}

int
import_stakeholders(struct session *s, const char *path, const struct import_options *o,
		    struct import_result *r, struct dd_err *err)
{
	return import_rel(REL_PEOPLE, s, path, o, r, err);
}

int
import_plan(struct session *s, const char *path, const struct import_options *o,
	    struct import_result *r, struct dd_err *err)
{
	return import_rel(REL_PLAN, s, path, o, r, err);
}
