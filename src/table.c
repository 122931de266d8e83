#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"

/* One cell, cleaned, cut to its width and padded, appended to the line. */
static void
cell(struct strbuf *line, const struct column *c, const char *s, int last)
{
	char *safe = text_printable(s ? s : "");
	char *fit = text_fit(safe, c->width, 0);
	int pad = c->width - text_width(fit);

	if (c->right)
		strbuf_printf(line, "%*s%s", pad > 0 ? pad : 0, "", fit);
	else if (last)
		strbuf_puts(line, fit);
	else
		strbuf_printf(line, "%s%*s", fit, pad > 0 ? pad : 0, "");
	free(fit);
	free(safe);
}

static void
row(FILE *f, const struct column *cols, size_t n, const char *const *cells)
{
	struct strbuf line;

	strbuf_init(&line);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strbuf_puts(&line, "  ");
		cell(&line, &cols[i], cells ? cells[i] : cols[i].name, i + 1 == n);
	}
	out_line(f, "%s", strbuf_str(&line));
	strbuf_free(&line);
}

void
table_header(FILE *f, const struct column *cols, size_t n)
{
	row(f, cols, n, NULL);
}

void
table_row(FILE *f, const struct column *cols, size_t n, const char *const *cells)
{
	row(f, cols, n, cells);
}

void
table_names(const struct column *cols, size_t n, const char **names)
{
	for (size_t i = 0; i < n; i++)
		names[i] = cols[i].name;
}
