/*
 * Every CSV we write (export, list --format csv, stats --format csv) goes
 * through one writer: RFC 4180 quoting, cells a spreadsheet would run as a
 * formula neutralised, and, on a terminal only, no control characters.
 */
#ifndef DD_CSV_WRITE_H
#define DD_CSV_WRITE_H

#include <stdio.h>

#include "strbuf.h"

struct csv_writer {
	FILE *f;
	/*
	 * f is a terminal (isatty): the rows are read there, not stored, so each
	 * cell is cleaned as text is (text_put_printable). To a file or a pipe the
	 * cells are the data, byte for byte.
	 */
	int terminal;
	struct strbuf line, cell;
};

void csv_writer_init(struct csv_writer *w, FILE *f);
void csv_writer_free(struct csv_writer *w);
/*
 * One record: each cell neutralised (csv_neutralise), quoted only when it
 * holds , " CR or LF; LF ends the record. NULL cells are empty.
 */
void csv_write_row(struct csv_writer *w, const char *const *cells, size_t n);
/* The same for a CSV of a few rows: a writer for this one row (isatty each time). */
void csv_row(FILE *f, const char *const *cells, size_t n);

/*
 * A cell a spreadsheet would run as a formula (it starts with '=', '+', '-',
 * '@', TAB or CR, and is not a plain number such as -20) is written with a
 * leading apostrophe; so is a cell that already starts with an apostrophe, so
 * that csv_unneutralise() gives back exactly what was written. Returns CELL
 * itself, or the prefixed copy in BUF. NULL stays NULL.
 */
const char *csv_neutralise(const char *cell, struct strbuf *buf);
/*
 * What import does with a cell: one leading apostrophe is dropped when the
 * next character is one of those csv_neutralise() prefixes ("'=1+1" is
 * "=1+1", "''x" is "'x"); any other cell is returned as it is. Returns a
 * pointer into CELL.
 */
const char *csv_unneutralise(const char *cell);

#endif
