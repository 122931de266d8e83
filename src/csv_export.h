/*
 * CSV export of the tables (RFC 4180, a header row, streamed row by row from
 * the database), and the formula neutralisation that our import undoes.
 */
#ifndef DD_CSV_EXPORT_H
#define DD_CSV_EXPORT_H

#include <stdio.h>

#include "error.h"
#include "session.h"
#include "strbuf.h"

/* "deals, events, evidence, stakeholders, plan": what export knows. */
extern const char csv_export_tables[];

/* Whether TABLE is one of csv_export_tables. */
int csv_export_known(const char *table);

/*
 * Writes TABLE as CSV to OUT, one row at a time. DD_USAGE for an unknown
 * table; write errors are the caller's to check (ferror, fclose).
 */
int csv_export(struct session *s, const char *table, FILE *out, struct dd_err *err);

/*
 * A cell a spreadsheet would run as a formula (it starts with '=', '+', '-',
 * '@', TAB or CR) is written with a leading apostrophe; so is a cell that
 * already starts with an apostrophe, so that csv_unneutralise() gives back
 * exactly what was exported. Returns CELL itself, or the prefixed copy in BUF.
 * NULL stays NULL.
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
