#include <string.h>

#include "csv_write.h"
#include "output.h"
#include "text.h"

/* The characters that make a spreadsheet run a cell, plus our own escape. */
#define FORMULA_START "=+-@\t\r'"

/* A plain number ("-20", "+3.5"): a spreadsheet reads it as that number, nothing more. */
static int
is_number(const char *s)
{
	int digits = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.' && digits > 0)
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	return digits > 0 && *s == '\0';
}

const char *
csv_neutralise(const char *cell, struct strbuf *buf)
{
	if (cell == NULL || cell[0] == '\0' || strchr(FORMULA_START, cell[0]) == NULL ||
	    is_number(cell))
		return cell;
	strbuf_reset(buf);
	strbuf_putc(buf, '\'');
	strbuf_puts(buf, cell);
	return strbuf_str(buf);
}

const char *
csv_unneutralise(const char *cell)
{
	if (cell != NULL && cell[0] == '\'' && cell[1] != '\0' &&
	    strchr(FORMULA_START, cell[1]) != NULL)
		return cell + 1;
	return cell;
}

void
csv_writer_init(struct csv_writer *w, FILE *f)
{
	w->f = f;
	w->terminal = out_is_terminal(f);
	strbuf_init(&w->line);
	strbuf_init(&w->cell);
}

void
csv_writer_free(struct csv_writer *w)
{
	strbuf_free(&w->line);
	strbuf_free(&w->cell);
}

static void
put_field(struct strbuf *line, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		strbuf_puts(line, s);
		return;
	}
	strbuf_putc(line, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_putc(line, '"');
		strbuf_putc(line, *s);
	}
	strbuf_putc(line, '"');
}

void
csv_write_row(struct csv_writer *w, const char *const *cells, size_t n)
{
	strbuf_reset(&w->line);
	for (size_t i = 0; i < n; i++) {
		const char *v = csv_neutralise(cells[i], &w->cell);

		if (i > 0)
			strbuf_putc(&w->line, ',');
		if (v == NULL)
			continue;
		if (w->terminal) {
			struct strbuf clean;

			strbuf_init(&clean);
			text_put_printable(&clean, v);
			put_field(&w->line, strbuf_str(&clean));
			strbuf_free(&clean);
		} else {
			put_field(&w->line, v);
		}
	}
	strbuf_putc(&w->line, '\n');
	fwrite(strbuf_str(&w->line), 1, w->line.len, w->f);
}

void
csv_row(FILE *f, const char *const *cells, size_t n)
{
	struct csv_writer w;

	csv_writer_init(&w, f);
	csv_write_row(&w, cells, n);
	csv_writer_free(&w);
}
