/* Plain-text output: aligned tables measured by display width, and CSV rows. */
#ifndef DD_TABLE_H
#define DD_TABLE_H

#include <stdio.h>

struct column {
	const char *name;
	int width; /* display columns; longer text is cut with "…" */
	int right; /* right-aligned (numbers) */
};

void table_header(FILE *f, const struct column *cols, size_t n);
/* NULL cells print as empty. */
void table_row(FILE *f, const struct column *cols, size_t n, const char *const *cells);

/* One CSV record, RFC 4180: quoted only when needed, CRLF-free (LF ends records). */
void csv_row(FILE *f, const char *const *cells, size_t n);
void csv_header(FILE *f, const struct column *cols, size_t n);

#endif
