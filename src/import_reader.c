/*
 * Reading a CSV file for any import: libcsv fed line by line, each record's first
 * line, limits, the header's columns, FILE:LINE errors, and the one transaction.
 */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv_export.h"
#include "db_bulk.h"
#include "import_dates.h"
#include "import_internal.h"
#include "import_presets.h"
#include "import_preview.h"
#include "permit.h"
#include "text.h"
#include "xmalloc.h"

#define CHUNK 65536
/* Columns a header may have, and so fields a record: stops a row of a million commas. */
#define MAX_FIELDS 4096

static int
is_alnum_ascii(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char *
import_norm(const char *s)
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

void
row_error(struct importer *im, long line, const char *column, const char *fmt, ...)
{
	va_list ap;
	char *msg, *col;
	int n;

	/* Looking for date formats: the second pass names what is wrong. */
	if (im->detecting) {
		im->stop = 1;
		return;
	}
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

const char *
import_cell(const struct importer *im, size_t i)
{
	return csv_unneutralise(im->buf.s + im->off[i]); /* undo our export's apostrophe */
}

int
import_when(const struct importer *im, long ci, const char *v, char out[TIMESTAMP_LEN])
{
	int dates = ci >= 0 ? im->cols[ci].dates : im->fmt_layout;

	if (timestamp_parse(v, NULL, out) == 0)
		return 0;
	/* Reported once for the column; a value no layout reads is no date anyway. */
	if (dates == DATES_UNKNOWN)
		return date_layouts_reading(v) != 0 ? 1 : -1;
	if (dates >= 0)
		return date_layout_read(dates, v, out);
	return im->o->date_format != NULL ? timestamp_parse(v, im->o->date_format, out) : -1;
}

char *
import_date_problem(const struct importer *im, long ci, const char *v)
{
	int dates = ci >= 0 ? im->cols[ci].dates : DATES_ISO;

	if (im->o->date_format != NULL)
		return xasprintf("'%s' is not a date in --date-format %s (nor YYYY-MM-DD)", v,
				 im->o->date_format);
	if (dates >= 0)
		return xasprintf("'%s' is not a date in %s, the format of the column's other "
				 "dates",
				 v, date_layout_name(dates));
	if (ci < 0) /* an option's value: no column to find a format in */
		return xasprintf("'%s' is not YYYY-MM-DD (or give --date-format)", v);
	if (ci >= 0 && !im->regular && date_layouts_reading(v) != 0)
		return xasprintf("'%s' is not YYYY-MM-DD, and the format of other dates is found "
				 "only in a regular file (read twice): give --date-format",
				 v);
	return xasprintf("'%s' is not a date (%s, with or without a time; or --date-format)", v,
			 date_layouts_known());
}

/* --map, then the kind's own options: checked before the file is opened. */
static int
load_options(struct importer *im)
{
	const struct import_options *o = im->o;

	im->fmt_layout = date_layout_find(o->date_format);
	for (size_t i = 0; i < o->nmaps; i++) {
		const char *eq = strrchr(o->maps[i], '=');
		int f = -1, stage;

		stage = -1;
		if (eq != NULL && eq != o->maps[i])
			f = im->ops->field_by_name(im, eq + 1, &stage);
		if (f < 0)
			return err_set(
				im->err, DD_USAGE,
				"--map '%s': want HEADER=FIELD with FIELD one of %s, ignore",
				o->maps[i], im->ops->field_list);
		char *h = xstrndup(o->maps[i], (size_t)(eq - o->maps[i]));
		im->maps = xreallocarray(im->maps, im->nmaps + 1, sizeof *im->maps);
		im->maps[im->nmaps++] = (struct map){import_norm(h), f, stage, "--map"};
		free(h);
	}
	/* After --map: what a kind adds (a --from preset's columns) yields to it. */
	if (im->ops->options != NULL && im->ops->options(im) != DD_OK)
		return im->err->code;
	return DD_OK;
}

/*
 * How column c's dates are read: --date-format, else what the first pass found
 * in the column (an ambiguous or mixed column is reported here, once).
 */
static void
column_dates(struct importer *im, size_t i, struct column *c)
{
	const struct date_guess *g = i < im->nguesses && im->dated[i] ? &im->guesses[i] : NULL;
	const char *vendor = im->preset ? im->preset->vendor : NULL;
	const char *usual = im->preset ? im->preset->date_format : NULL;
	char *why;
	int r;

	c->dates = DATES_ISO;
	if (im->o->date_format != NULL) {
		c->dates = im->fmt_layout >= 0 ? im->fmt_layout : DATES_ISO;
		return;
	}
	if (g == NULL)
		return;
	r = date_guess_result(g);
	if (r >= 0 || r == GUESS_NONE) {
		c->dates = r >= 0 ? r : DATES_ISO;
		return;
	}
	c->dates = DATES_UNKNOWN;
	why = date_guess_problem(g, vendor, usual);
	row_error(im, date_guess_line(g), c->name, "%s", why);
	free(why);
}

/* What the preview says of a column's dates: the format, and how it was chosen. */
static const char *
dates_said(const struct importer *im, size_t i, const struct column *c, const char **how)
{
	int r = i < im->nguesses && im->dated[i] ? date_guess_result(&im->guesses[i]) : 0;

	*how = NULL;
	if (im->o->date_format != NULL) {
		*how = "--date-format";
		return im->o->date_format;
	}
	if (c->dates >= 0) {
		*how = "found";
		return date_layout_name(c->dates);
	}
	if (c->dates == DATES_UNKNOWN) {
		*how = "give --date-format";
		return r == GUESS_CLASH ? "mixed" : "ambiguous";
	}
	if (!im->regular)
		*how = "others not searched";
	return "YYYY-MM-DD";
}

/* The header's column i, classified and checked, for the preview. */
static void
preview_column(struct importer *im, size_t i, const struct column *c, int known)
{
	char *field = known ? im->ops->field_name(im, c) : NULL;
	int dated = c->f != F_IGNORE && im->ops->is_date != NULL && im->ops->is_date(im, c);
	const char *how, *dates = dated ? dates_said(im, i, c, &how) : NULL;

	preview_add_column(im->pv, c->name, field, c->why, dates, dated ? how : NULL);
	free(field);
}

static void
read_header(struct importer *im)
{
	struct strbuf unknown;
	size_t nunknown = 0;

	/* Only MAX_FIELDS fields were kept: a wider header cannot be read, so nothing is. */
	if (im->nf_seen > MAX_FIELDS) {
		row_error(im, im->rec_line, "(header)", "%zu columns; at most %d are read",
			  im->nf_seen, MAX_FIELDS);
		im->stop = 1;
		return;
	}
	for (size_t i = 0; i < im->nf; i++) {
		const char *why = text_problem(im->buf.s + im->off[i], im->len[i]);

		if (why != NULL) {
			row_error(im, im->rec_line, "(header)", "column %zu %s", i + 1, why);
			im->stop = 1;
		}
	}
	if (im->stop)
		return;
	im->ncols = im->nf;
	im->cols = xcalloc(im->ncols ? im->ncols : 1, sizeof *im->cols);
	for (int f = 0; f < NFIELD; f++)
		im->col_of[f] = -1;
	strbuf_init(&unknown);
	for (size_t i = 0; i < im->ncols; i++) {
		struct column *c = &im->cols[i];

		c->name = xstrdup(im->buf.s + im->off[i]);
		c->why = NULL;
		c->dates = DATES_ISO;
		im->ops->classify(im, c->name, c);
		if (c->f < 0) {
			if (c->name[0] != '\0')
				strbuf_printf(&unknown, "%s'%s'", nunknown++ ? ", " : "", c->name);
			c->f = F_IGNORE;
			if (im->pv != NULL)
				preview_column(im, i, c, 0);
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
		if (c->f != F_IGNORE && im->ops->is_date != NULL && im->ops->is_date(im, c))
			column_dates(im, i, c);
		if (im->pv != NULL)
			preview_column(im, i, c, 1);
	}
	if (nunknown > 0) {
		char *printable = text_printable(strbuf_str(&unknown));

		im->r->warning = xasprintf("%s: ignoring unknown column%s: %s", im->path,
					   nunknown > 1 ? "s" : "", printable);
		free(printable);
	}
	strbuf_free(&unknown);
	im->ops->header(im);
	im->have_header = 1;
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

/* Text every kind of import can store: each bad cell named, and the row skipped. */
static int
cells_ok(struct importer *im)
{
	int ok = 1;

	for (size_t i = 0; i < im->nf; i++) {
		const char *why = text_problem(im->buf.s + im->off[i], im->len[i]);

		if (why != NULL) {
			row_error(im, im->rec_line, im->cols[i].name, "%s", why);
			ok = 0;
		}
	}
	return ok;
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

/* The first pass: which columns hold dates, then what their values say. */
static void
detect_record(struct importer *im)
{
	if (!im->have_header) {
		im->have_header = 1;
		im->stop = im->nf_seen > MAX_FIELDS; /* the second pass says so */
		im->nguesses = im->stop ? 0 : im->nf;
		im->guesses = xcalloc(im->nguesses + 1, sizeof *im->guesses);
		im->dated = xcalloc(im->nguesses + 1, sizeof *im->dated);
		int any = 0;
		for (size_t i = 0; i < im->nguesses; i++) {
			struct column c = {.name = im->buf.s + im->off[i]};

			im->ops->classify(im, c.name, &c);
			any |= im->dated[i] = c.f >= 0 && im->ops->is_date(im, &c);
			date_guess_init(&im->guesses[i]);
		}
		im->stop |= !any; /* nothing to look for */
		return;
	}
	if (im->nf != im->nguesses)
		return;
	for (size_t i = 0; i < im->nf; i++)
		if (im->dated[i])
			date_guess_add(&im->guesses[i], import_cell(im, i), im->rec_line);
}

static void
on_record(int term, void *arg)
{
	struct importer *im = arg;

	if (!im->stop && !im->fail) {
		/* A long field list is ragged: report the count, not what was kept. */
		if (im->nf < im->nf_seen)
			im->nf = im->nf_seen;
		if (im->detecting) {
			detect_record(im);
		} else if (!im->have_header) {
			read_header(im);
		} else {
			long before = im->nerrors;

			if (!ragged(im) && cells_ok(im))
				im->ops->row(im);
			if (im->pv != NULL)
				preview_count_row(im->pv, im->rec_line, im->nerrors > before);
		}
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

/*
 * The length of b's first line with its end: LF, CRLF or a lone CR (old Mac
 * files), so each ends a line. *cut: b ends in a CR whose LF may come next.
 */
static size_t
line_len(const char *b, size_t n, int *ends, int *cut)
{
	const char *nl = memchr(b, '\n', n);
	const char *cr = memchr(b, '\r', nl ? (size_t)(nl - b) : n);

	*cut = 0;
	*ends = nl != NULL || cr != NULL;
	if (cr != NULL && cr + 1 != nl) {
		*cut = cr + 1 == b + n;
		return (size_t)(cr - b) + 1;
	}
	return nl ? (size_t)(nl - b) + 1 : n;
}

/* Feeds one line at a time, so a record's first line is known (libcsv has none). */
static void
feed(struct importer *im, struct csv_parser *p, const char *b, size_t n)
{
	while (n > 0 && !im->stop && !im->fail) {
		int ends, cut;
		size_t len;

		if (im->cr_cut && b[0] == '\n') {
			/* The LF of a CRLF a chunk cut in two: its line is counted. */
			im->cr_cut = 0;
			if (csv_parse(p, b, 1, on_field, on_record, im) != 1) {
				parse_failed(im, p, 0);
				return;
			}
			b++;
			n--;
			continue;
		}
		len = line_len(b, n, &ends, &cut);
		im->cr_cut = cut;
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
		if (ends) {
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
	im->ops->free(im);
	for (size_t i = 0; i < im->nmaps; i++)
		free(im->maps[i].header);
	free(im->maps);
	for (size_t i = 0; i < im->ncols; i++)
		free(im->cols[i].name);
	free(im->cols);
	free(im->off);
	free(im->len);
	free(im->guesses);
	free(im->dated);
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

/* Where the parser starts: line 1, nothing read. */
static void
reader_reset(struct importer *im)
{
	im->line = im->rec_line = 1;
	im->line_start = 1;
	im->in_quotes = im->cr_cut = im->stop = im->have_header = 0;
	im->nf = im->nf_seen = 0;
	strbuf_reset(&im->buf);
}

/*
 * Whether any byte of the file looks like a layout's date: if none does (our
 * own export, an ISO vendor), the search below is skipped. About ten times
 * faster than parsing, and it stops at the first such date.
 */
static int
holds_layout_dates(FILE *f)
{
	struct date_scan sc = {0};
	char *chunk = xmalloc(CHUNK);
	size_t n;
	int found = 0;

	while (!found && (n = fread(chunk, 1, CHUNK, f)) > 0)
		found = date_scan_feed(&sc, chunk, n);
	free(chunk);
	rewind(f);
	return found;
}

/*
 * The first of two passes: each date column's values, for the one layout that
 * reads them all. Only a regular file can be read twice. Memory: a date_guess
 * per column and the record being read, whatever the file's size.
 */
static void
find_date_formats(struct importer *im, FILE *f)
{
	if (!holds_layout_dates(f))
		return;
	im->detecting = 1;
	parse_file(im, f);
	im->detecting = 0;
	reader_reset(im);
	rewind(f);
}

/*
 * A bulk load pays off when the file brings many times the rows the database
 * has: a first import from another CRM. Rows are at least 100 bytes.
 */
static int
bulk_pays(struct importer *im, FILE *f)
{
	sqlite3_stmt *st = db_prepare(im->s->db, "SELECT count(*) FROM deals");
	struct stat sb;
	long have = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;

	sqlite3_finalize(st);
	return fstat(fileno(f), &sb) == 0 && sb.st_size / 100 > 10 * have + 1000;
}

int
run_import(struct importer *im, enum import_tx tx)
{
	struct session *s = im->s;
	struct import_result *r = im->r;
	struct dd_err *err = im->err;
	struct db_bulk lifted;
	FILE *f;
	int rc, bulk;

	memset(r, 0, sizeof *r);
	im->nst = (int)s->proc.nstages;
	strbuf_init(&im->buf);
	reader_reset(im);
	/*
	 * One policy for every import and every caller: a bulk change of anyone's
	 * deals is a manager's job; anyone in the team may check a file.
	 */
	if ((im->o->dry_run ? permit_write(s, err) : permit_manager(s, im->ops->what, err)) !=
	    DD_OK)
		return err->code;
	/* Overriding gates is for managers only, in a dry run too. */
	if (im->o->override != NULL && permit_manager(s, "import with --override", err) != DD_OK)
		return err->code;
	if (im->o->dry_run)
		im->pv = r->preview = preview_new(im->path);
	timestamp_now(im->now); /* a --default time is checked against it */
	if (load_options(im) != DD_OK) {
		importer_free(im);
		return err->code;
	}
	f = fopen(im->path, "rb");
	if (f == NULL) {
		importer_free(im);
		return err_set(err, DD_FAIL, "%s: %s", im->path, strerror(errno));
	}
	if (im->ops->prepare != NULL)
		im->ops->prepare(im);
	struct stat sb;
	im->regular = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
	if (im->o->date_format == NULL && im->ops->is_date != NULL && im->regular)
		find_date_formats(im, f);
	/*
	 * A bulk write keeps its pages in memory (up to 256 MiB) instead of spilling
	 * them into the WAL and reading them back: half the time of 100,000 deals.
	 */
	sqlite3_exec(s->db->h, "PRAGMA cache_size = -262144", NULL, NULL, NULL);
	long revision = s->proc.revision;
	if ((tx == TX_WRITE ? session_begin(s, err) : db_exec(s->db, "BEGIN", err)) != DD_OK) {
		fclose(f);
		importer_free(im);
		return err->code;
	}
	/* The stage maps were read under the process before: a new one means start again. */
	if (s->proc.revision != revision) {
		fclose(f);
		importer_free(im);
		return db_end(s->db,
			      err_set(err, DD_FAIL,
				      "a manager applied a new process as the import began; "
				      "nothing was imported, run it again"),
			      err);
	}
	bulk = tx == TX_WRITE && !im->o->dry_run && im->ops->bulk_tables != NULL &&
	       bulk_pays(im, f);
	if (bulk && db_bulk_lift(s->db, im->ops->bulk_tables, im->ops->bulk_keep, &lifted, err)) {
		im->fail = err->code;
		bulk = 0;
	}
	if (!im->fail)
		parse_file(im, f);
	fclose(f);
	if (!im->fail && !im->have_header && im->nerrors == 0)
		row_error(im, 1, "(header)", "the file is empty: want a header row");
	if (im->ops->finish != NULL)
		im->ops->finish(im);
	if (im->nerrors > IMPORT_MAX_ERRORS)
		err_add(err, DD_DATAERR, "… and %ld more", im->nerrors - IMPORT_MAX_ERRORS);
	/* Statements go before the commit, or it could not finish reading. */
	importer_free(im);
	if (bulk && !im->fail && im->nerrors == 0) {
		if (db_bulk_restore(s->db, &lifted, err) != DD_OK)
			im->fail = err->code;
	} else if (bulk) {
		db_bulk_free(&lifted);
	}
	if (im->fail || im->nerrors > 0) {
		db_rollback(s->db);
		r->added = r->updated = 0;
		return im->fail ? im->fail : DD_DATAERR;
	}
	if (im->o->dry_run) {
		db_rollback(s->db);
		return DD_OK;
	}
	rc = db_commit(s->db, err);
	if (rc != DD_OK)
		r->added = r->updated = 0;
	return rc;
}

void
import_result_free(struct import_result *r)
{
	free(r->warning);
	r->warning = NULL;
	preview_free(r->preview);
	r->preview = NULL;
}
