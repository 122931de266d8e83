/*
 * The one way text reaches standard output and standard error: tables, show,
 * confirmations, help and error messages. Whatever came from users or files
 * (a title, a stakeholder's name, a CSV cell quoted in an error, a process
 * label) passes text_put_printable on the way, so no escape sequence, BEL or
 * C1 control stored in the data ever acts on someone's terminal. CSV data has
 * its own writer (csv_write.h), which cleans the same way on a terminal.
 */
#ifndef DD_OUTPUT_H
#define DD_OUTPUT_H

#include <stdio.h>

/* Whether f is a terminal (isatty(3)): CSV cleans its cells only then. */
int out_is_terminal(FILE *f);
/* Writes s cleaned, as it is (no newline added). */
void out_text(FILE *f, const char *s);
/* Formats one line, cleans it whole and ends it with a newline. */
void out_line(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Text of several lines (help, a report), each cleaned and ended with a newline. */
void out_lines(FILE *f, const char *text);
/*
 * An error message of one or more lines, each cleaned: "dealdeck: " before
 * each line, except indented ones, which continue the line above.
 */
void out_message(FILE *f, const char *msg);

#endif
