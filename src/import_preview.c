/* The dry run's preview: kept small as the file is read, printed as text or CSV. */
#include <stdlib.h>
#include <string.h>

#include "csv_write.h"
#include "import_preview.h"
#include "output.h"
#include "table.h"
#include "text.h"
#include "xmalloc.h"

/* A stage name longer than this is counted with the others past the list. */
#define STAGE_NAME_MAX 200
/* Widest text column of the preview; longer cells are cut with "…". */
#define WIDTH_MAX 40

struct import_preview *
preview_new(const char *path)
{
	struct import_preview *pv = xcalloc(1, sizeof *pv);

	pv->path = xstrdup(path);
	return pv;
}

void
preview_free(struct import_preview *pv)
{
	if (pv == NULL)
		return;
	for (size_t i = 0; i < pv->ncols; i++) {
		free(pv->cols[i].header);
		free(pv->cols[i].field);
		free(pv->cols[i].dates);
	}
	for (size_t i = 0; i < pv->ndefaults; i++) {
		free(pv->defaults[i].field);
		free(pv->defaults[i].value);
	}
	for (size_t i = 0; i < pv->nstages; i++) {
		free(pv->stages[i].name);
		free(pv->stages[i].norm);
		free(pv->stages[i].target);
	}
	free(pv->cols);
	free(pv->defaults);
	free(pv->stages);
	free(pv->note);
	free(pv->path);
	free(pv);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
preview_add_column(struct import_preview *pv, const char *header, const char *field,
		   const char *source, const char *dates, const char *how)
{
	pv->cols = xreallocarray(pv->cols, pv->ncols + 1, sizeof *pv->cols);
	pv->cols[pv->ncols++] = (struct preview_column){xstrdup(header), dup_or_null(field),
							source, dup_or_null(dates), how};
}

void
preview_add_default(struct import_preview *pv, const char *field, const char *value)
{
	pv->defaults = xreallocarray(pv->defaults, pv->ndefaults + 1, sizeof *pv->defaults);
	pv->defaults[pv->ndefaults++] = (struct preview_default){xstrdup(field), xstrdup(value)};
}

void
preview_count_stage(struct import_preview *pv, const char *name, const char *norm,
		    const char *target, const char *source)
{
	size_t last = pv->last_stage;

	/* Rows of one stage often come in runs: the last one found is tried first. */
	if (last < pv->nstages && strcmp(pv->stages[last].norm, norm) == 0) {
		pv->stages[last].count++;
		return;
	}
	for (size_t i = 0; i < pv->nstages; i++)
		if (strcmp(pv->stages[i].norm, norm) == 0) {
			pv->stages[pv->last_stage = i].count++;
			return;
		}
	if (pv->nstages >= PREVIEW_STAGES || strlen(norm) > STAGE_NAME_MAX) {
		pv->stages_more++;
		return;
	}
	pv->stages = xreallocarray(pv->stages, pv->nstages + 1, sizeof *pv->stages);
	pv->stages[pv->nstages] = (struct preview_stage){xstrdup(name), xstrdup(norm),
							 dup_or_null(target), source, 1};
	pv->last_stage = pv->nstages++;
}

void
preview_count_row(struct import_preview *pv, long line, int bad)
{
	if (!bad) {
		pv->fine++;
		return;
	}
	pv->bad++;
	if (pv->nbad_lines < PREVIEW_BAD_LINES)
		pv->bad_lines[pv->nbad_lines++] = line;
}

/* The width of a text column: its widest cell, within limits. */
static int
widest(int w, const char *s)
{
	int n = s != NULL ? text_width(s) : 0;

	return n > w ? (n < WIDTH_MAX ? n : WIDTH_MAX) : w;
}

static char *
with_source(const char *what, const char *source)
{
	return source != NULL ? xasprintf("%s (%s)", what, source) : xstrdup(what);
}

static void
print_columns(const struct import_preview *pv, FILE *f)
{
	struct column cols[] = {{"column", 6, 0}, {"read as", 7, 0}, {"dates", 5, 0}};
	char **cells = xcalloc(3 * pv->ncols + 1, sizeof *cells);

	for (size_t i = 0; i < pv->ncols; i++) {
		const struct preview_column *c = &pv->cols[i];
		char **row = cells + 3 * i;

		row[0] = c->header;
		row[1] = c->field == NULL                  ? xstrdup("ignored (not known)")
			 : strcmp(c->field, "ignore") == 0 ? with_source("ignored", c->source)
							   : with_source(c->field, c->source);
		row[2] = c->dates == NULL ? NULL : with_source(c->dates, c->how);
		for (int k = 0; k < 3; k++)
			cols[k].width = widest(cols[k].width, row[k]);
	}
	table_header(f, cols, 3);
	for (size_t i = 0; i < pv->ncols; i++) {
		table_row(f, cols, 3, (const char *const *)cells + 3 * i);
		free(cells[3 * i + 1]);
		free(cells[3 * i + 2]);
	}
	free(cells);
}

static void
print_stages(const struct import_preview *pv, FILE *f)
{
	struct column cols[] = {{"stage in the file", 17, 0}, {"deals", 5, 1}, {"read as", 7, 0}};

	char **as = xcalloc(pv->nstages + 1, sizeof *as);

	for (size_t i = 0; i < pv->nstages; i++) {
		const struct preview_stage *st = &pv->stages[i];

		as[i] = st->target ? with_source(st->target, st->source)
				   : xstrdup("not mapped: give --stage-map");
		cols[0].width = widest(cols[0].width, st->name);
		cols[2].width = widest(cols[2].width, as[i]);
	}
	table_header(f, cols, 3);
	for (size_t i = 0; i < pv->nstages; i++) {
		char count[24];
		const char *cells[] = {pv->stages[i].name, count, as[i]};

		snprintf(count, sizeof count, "%ld", pv->stages[i].count);
		table_row(f, cols, 3, cells);
		free(as[i]);
	}
	free(as);
	if (pv->stages_more > 0)
		out_line(f, "… and %ld rows with other stage names", pv->stages_more);
}

static void
print_text(const struct import_preview *pv, FILE *f)
{
	struct strbuf rows;

	/* Through output.h: the path, headers and values came from the user's file. */
	if (pv->vendor != NULL)
		out_line(f, "%s, read as a %s export:", pv->path, pv->vendor);
	else
		out_line(f, "%s:", pv->path);
	out_line(f, "%s", "");
	print_columns(pv, f);
	for (size_t i = 0; i < pv->ndefaults; i++) {
		if (i == 0)
			out_line(f, "%s", "");
		out_line(f, "%s = \"%s\" where the file has none", pv->defaults[i].field,
			 pv->defaults[i].value);
	}
	if (pv->nstages > 0 || pv->stages_more > 0 || pv->note != NULL) {
		out_line(f, "%s", "");
		print_stages(pv, f);
	}
	if (pv->note != NULL)
		out_line(f, "%s", pv->note);
	strbuf_init(&rows);
	strbuf_printf(&rows, "rows: %ld fine, %ld with problems", pv->fine, pv->bad);
	for (size_t i = 0; i < pv->nbad_lines; i++)
		strbuf_printf(&rows, "%s%ld", i ? ", " : " (line ", pv->bad_lines[i]);
	if (pv->nbad_lines > 0)
		strbuf_puts(&rows, pv->bad > (long)pv->nbad_lines ? ", …)" : ")");
	out_line(f, "%s", "");
	out_line(f, "%s", strbuf_str(&rows));
	strbuf_free(&rows);
}

static void
csv_line(FILE *f, const char *section, const char *name, const char *value, const char *source,
	 long count)
{
	char n[24] = "";
	const char *cells[] = {section, name, value, source, n};

	if (count >= 0)
		snprintf(n, sizeof n, "%ld", count);
	csv_row(f, cells, 5);
}

static void
print_csv(const struct import_preview *pv, FILE *f)
{
	static const char *const header[] = {"section", "name", "value", "source", "count"};
	char line[24];

	csv_row(f, header, 5);
	for (size_t i = 0; i < pv->ncols; i++) {
		const struct preview_column *c = &pv->cols[i];

		csv_line(f, "column", c->header, c->field ? c->field : "ignore",
			 c->field ? c->source : "not known", -1);
		if (c->dates != NULL)
			csv_line(f, "dates", c->header, c->dates, c->how, -1);
	}
	for (size_t i = 0; i < pv->ndefaults; i++)
		csv_line(f, "default", pv->defaults[i].field, pv->defaults[i].value, "--default",
			 -1);
	for (size_t i = 0; i < pv->nstages; i++) {
		const struct preview_stage *st = &pv->stages[i];

		csv_line(f, "stage", st->name, st->target, st->target ? st->source : "not mapped",
			 st->count);
	}
	if (pv->stages_more > 0)
		csv_line(f, "stage", NULL, NULL, "others", pv->stages_more);
	csv_line(f, "rows", "fine", NULL, NULL, pv->fine);
	csv_line(f, "rows", "bad", NULL, NULL, pv->bad);
	for (size_t i = 0; i < pv->nbad_lines; i++) {
		snprintf(line, sizeof line, "%ld", pv->bad_lines[i]);
		csv_line(f, "bad_row", line, NULL, NULL, -1);
	}
}

void
preview_print(const struct import_preview *pv, FILE *f, int csv)
{
	if (csv)
		print_csv(pv, f);
	else
		print_text(pv, f);
}
