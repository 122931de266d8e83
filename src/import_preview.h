/*
 * What a dry run of an import shows before anything is written: how each column
 * is read, the defaults, how each stage name maps and how often, which rows are
 * fine. Gathered as the file is read; bounded whatever the file's size.
 */
#ifndef DD_IMPORT_PREVIEW_H
#define DD_IMPORT_PREVIEW_H

#include <stdio.h>

/* Distinct stage names counted (more are only counted together), bad lines named. */
#define PREVIEW_STAGES    100
#define PREVIEW_BAD_LINES 50

struct preview_column {
	char *header;
	char *field;        /* the field it is read as, "ignore", or NULL: not known */
	const char *source; /* why: NULL (its name), "--map", a --from preset, … */
	char *dates;        /* the format its dates are read in, or NULL: no dates */
	const char *how;    /* "found", "--date-format", …; NULL: YYYY-MM-DD only */
};

struct preview_default {
	char *field, *value;
};

struct preview_stage {
	char *name;         /* as the file first writes it */
	char *norm;         /* how names are compared */
	char *target;       /* stage key, won or lost; NULL: not mapped */
	const char *source; /* "key", "label", "--stage-map", a preset, "outcome" */
	long count;
};

struct import_preview {
	char *path;
	const char *vendor; /* the --from preset's, or NULL */
	char *note;         /* one line about the stages, or NULL */
	struct preview_column *cols;
	size_t ncols;
	struct preview_default *defaults;
	size_t ndefaults;
	struct preview_stage *stages;
	size_t nstages;
	long stages_more;  /* rows with names past PREVIEW_STAGES */
	size_t last_stage; /* the name the last row had */
	long fine, bad;
	long bad_lines[PREVIEW_BAD_LINES];
	size_t nbad_lines;
};

struct import_preview *preview_new(const char *path);
void preview_free(struct import_preview *pv);
void preview_add_column(struct import_preview *pv, const char *header, const char *field,
			const char *source, const char *dates, const char *how);
void preview_add_default(struct import_preview *pv, const char *field, const char *value);
/* One row's stage: name as written, norm as compared; target NULL when unmapped. */
void preview_count_stage(struct import_preview *pv, const char *name, const char *norm,
			 const char *target, const char *source);
void preview_count_row(struct import_preview *pv, long line, int bad);
/* Prints it as text, or as CSV rows section,name,value,source,count. */
void preview_print(const struct import_preview *pv, FILE *f, int csv);

#endif
