#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "text.h"

static void
cell(FILE *f, const struct column *c, const char *s, int last)
{
	char *safe = text_printable(s ? s : "");
	char *fit = text_fit(safe, c->width, 0);
	int pad = c->width - text_width(fit);

	if (c->right)
		fprintf(f, "%*s%s", pad > 0 ? pad : 0, "", fit);
	else if (last)
		fputs(fit, f);
	else
		fprintf(f, "%s%*s", fit, pad > 0 ? pad : 0, "");
	free(fit);
	free(safe);
}

void
table_header(FILE *f, const struct column *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputs("  ", f);
		cell(f, &cols[i], cols[i].name, i + 1 == n);
	}
	fputc('\n', f);
}

void
table_row(FILE *f, const struct column *cols, size_t n, const char *const *cells)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputs("  ", f);
		cell(f, &cols[i], cells[i], i + 1 == n);
	}
	fputc('\n', f);
}

static void
csv_field(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
csv_row(FILE *f, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', f);
		csv_field(f, cells[i]);
	}
	fputc('\n', f);
}

void
csv_header(FILE *f, const struct column *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? "," : "", cols[i].name);
	fputc('\n', f);
}
