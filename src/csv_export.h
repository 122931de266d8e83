/*
 * CSV export of the tables (RFC 4180, a header row, streamed row by row from
 * the database), written by csv_write.h, whose neutralisation import undoes.
 */
#ifndef DD_CSV_EXPORT_H
#define DD_CSV_EXPORT_H

#include <stdio.h>

#include "csv_write.h"
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

#endif
