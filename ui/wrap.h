/*
 * Text wrapped to a width in display columns: whole words where they fit, a
 * word longer than the line split across lines. Nothing is dropped, so
 * every screen that wraps (forms, the detail view, help) shows all of it.
 */
#ifndef DD_WRAP_H
#define DD_WRAP_H

#include <stddef.h>

#include "strbuf.h"

/*
 * The next line of p wrapped at w columns: returns its length in bytes; *next
 * is where the line after it starts (spaces skipped).
 */
size_t wrap_line(const char *p, int w, const char **next);
/* Lines p needs when wrapped to w columns (at least 1). */
int wrap_rows(const char *p, int w);
/*
 * Appends line wrapped to w columns; the lines after the first start with
 * `indent` spaces (a hanging indent, so a label's value stays in its column).
 */
void wrap_push(struct strvec *out, const char *line, int w, int indent);

#endif
