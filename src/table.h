/* Plain-text output: aligned tables measured by display width, cleaned (output.h). */
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

/* The columns' names, for a CSV header of the same table (names holds n). */
void table_names(const struct column *cols, size_t n, const char **names);

#endif
