/*
 * Shared by the CSV importers: the importer's state, the hooks each kind of import
 * gives the reader (import_reader.c), and what the reader offers them.
 */
#ifndef DD_IMPORT_INTERNAL_H
#define DD_IMPORT_INTERNAL_H

#include <stddef.h>

#include "csv_import.h"
#include "date.h"
#include "strbuf.h"

/*
 * What a column holds. The order is that of our export. Stakeholders and plan
 * steps number their own columns from 0 (import_related.c), all below NFIELD.
 */
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

/* How a column's dates are read: a layout of import_dates.h, or one of these. */
enum { DATES_ISO = -1, DATES_UNKNOWN = -2 };

struct column {
	char *name;      /* as in the header, for messages */
	int f;           /* enum field, F_ENTERED or F_IGNORE */
	int stage;       /* F_ENTERED: stage index, or nstages (won) / nstages + 1 (lost) */
	const char *why; /* read so because of: "--map", a --from preset; NULL: its name */
	/*
	 * DATES_ISO: YYYY-MM-DD, or --date-format when it is no layout. DATES_UNKNOWN:
	 * the column's format could not be found, which is reported once.
	 */
	int dates;
};

struct map {
	char *header; /* normalised */
	int f, stage;
	const char *source; /* "--map" or the --from preset's name */
};

struct importer;

/* What one kind of import adds to the reading; run_import calls these. */
struct import_ops {
	const char *what;       /* "import deals": what only a manager may do */
	const char *field_list; /* the FIELDs --map takes, for its message */
	/* A --map FIELD: a column meaning (and *stage for F_ENTERED), or -1. */
	int (*field_by_name)(const struct importer *im, const char *name, int *stage);
	int (*options)(struct importer *im);  /* or NULL; before --map: DD_USAGE */
	void (*prepare)(struct importer *im); /* or NULL; once the file is open */
	/* What the header name h means: sets c->f (-1: unknown) and c->stage. */
	void (*classify)(struct importer *im, const char *h, struct column *c);
	void (*header)(struct importer *im); /* once every column is classified */
	void (*row)(struct importer *im);    /* a record with the header's field count */
	void (*finish)(struct importer *im); /* or NULL; after the last row, whatever happened */
	void (*free)(struct importer *im);   /* what the hooks allocated */
	/* Whether a classified column holds dates or times (to find their format). */
	int (*is_date)(const struct importer *im, const struct column *c);
	/* The field name a classified column is read as, for the preview; allocated. */
	char *(*field_name)(const struct importer *im, const struct column *c);
	/* Tables a file far larger than what they hold loads in bulk (db_bulk.h). */
	const char *const *bulk_tables;
	const char *const *bulk_keep; /* indexes the rows' own lookups need */
};

/* Known only where they are used. */
struct stage_name;
struct entry;
struct planned;
struct pending;
struct committees;
struct date_guess;
struct import_preset;

struct importer {
	const struct import_ops *ops;
	int kind; /* stakeholders or plan: enum rel_kind */
	struct session *s;
	const struct import_options *o;
	struct import_result *r;
	struct dd_err *err;
	const char *path;
	int nst; /* stages in the process */

	struct map *maps;
	size_t nmaps;

	/* Reading: the line being fed, and where the current record began. */
	long line, rec_line;
	int in_quotes, line_start, stop;
	int cr_cut;        /* the last chunk ended in a CR: an LF next is its CRLF's */
	struct strbuf buf; /* the current record's fields, each NUL-terminated */
	size_t *off, *len;
	size_t nf, nf_seen;

	struct column *cols;
	size_t ncols;
	int have_header;
	int col_of[NFIELD]; /* column index of each field, or -1 */

	long nerrors;
	int fail; /* a database error: stop */
	/*
	 * The first of two passes over a regular file: only the date columns' values
	 * are looked at, one date_guess a column, to find each column's layout.
	 */
	int detecting, regular;
	struct date_guess *guesses;
	unsigned char *dated; /* which columns the guesses are for */
	size_t nguesses;
	int fmt_layout;                     /* --date-format's layout, or -1 */
	const struct import_preset *preset; /* --from, or NULL */
	struct import_preview *pv;          /* a dry run's preview (r->preview), or NULL */
	char now[TIMESTAMP_LEN];

	/* Deals only. */
	const char *defaults[NFIELD]; /* --default values, checked */
	int preset_stages;            /* the preset's stage names are in names */
	struct stage_name *names;
	size_t nnames;
	char currency[16];
	sqlite3_stmt *find, *insert, *update, *event;
	/* The file has our export's "id" column: a value may name a deal here. */
	int own_ids;
	sqlite3_int64 old_max; /* the newest deal before the import: ours are <= */
	sqlite3_stmt *find_own;
	/* Per row, sized once. */
	struct entry *entries;
	struct planned *plan;

	/* Stakeholders only: the reports-to to set once every row is in. */
	struct pending *pend;
	size_t npend;
	struct committees *people; /* each deal's committee, read once */
};

/* Lowercase letters and digits only, so "Deal - Title" matches "deal title". */
char *import_norm(const char *s);
/* Field i of the current record, with our export's apostrophe undone. */
const char *import_cell(const struct importer *im, size_t i);
/*
 * A date or time in column ci (ci < 0: an option's value) as stored: 0. -1 when
 * it is not one (import_date_problem says why); 1 when the column's format could
 * not be found, which is reported already.
 */
int import_when(const struct importer *im, long ci, const char *v, char out[TIMESTAMP_LEN]);
/* Why v is not a date of column ci (or of an option: ci < 0); free it. */
char *import_date_problem(const struct importer *im, long ci, const char *v);
/* A "FILE:LINE: column: message" error; past IMPORT_MAX_ERRORS only counted. */
void row_error(struct importer *im, long line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * Reads the whole file in one transaction: a write transaction, or a read one
 * (a dry run of deals writes nothing). Only a manager may import; anyone in the
 * team may make a dry run. A dry run rolls back. Frees what the importer holds.
 */
enum import_tx { TX_READ, TX_WRITE };
int run_import(struct importer *im, enum import_tx tx);

#endif
