/*
 * An ini file read through iniparser, remembering where each section and key
 * sits so that every problem can be reported as FILE:LINE: message.
 */
#ifndef DD_INI_FILE_H
#define DD_INI_FILE_H

#include <iniparser/iniparser.h>

#include "error.h"

struct ini_pos {
	char *section;
	char *key; /* NULL for the section's own line */
	int line;
};

struct ini_file {
	const char *name;
	dictionary *d;
	struct ini_pos *pos;
	size_t npos;
	struct dd_err *err; /* problems are added here */
};

/* The sections a file may have and the keys each allows (NULL keys[0]: any key). */
struct ini_section_def {
	const char *prefix; /* "stage" matches "[stage KEY]" when named */
	int named;
	const char *keys[8];
};

/* Reads a whole (small) file; DD_FAIL if it cannot be read. */
int ini_file_read(const char *path, struct strbuf *out, struct dd_err *err);
/*
 * Parses text: a BOM is skipped; long lines, bad UTF-8 and syntax errors are
 * reported with their line (DD_DATAERR).
 */
int ini_file_parse(struct ini_file *f, const char *name, const char *text, size_t len,
		   struct dd_err *err);
void ini_file_free(struct ini_file *f);

/* "section:key" lookup, or NULL. */
const char *ini_get(const struct ini_file *f, const char *section, const char *key);
int ini_line(const struct ini_file *f, const char *section, const char *key);
void ini_problem(struct ini_file *f, const char *section, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Reports sections and keys the table does not know. */
void ini_check_known(struct ini_file *f, const struct ini_section_def *defs, size_t ndefs);
/* Reads an integer in [lo, hi]; reports and returns -1 when missing or bad. */
int ini_get_int(struct ini_file *f, const char *section, const char *key, int lo, int hi,
		int *out);
/* Reads "true/false/yes/no/1/0"; reports a bad value. Missing gives def. */
int ini_get_bool(struct ini_file *f, const char *section, const char *key, int def);

#endif
