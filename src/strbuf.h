/* A growable string, for building messages and output. */
#ifndef DD_STRBUF_H
#define DD_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *s;
	size_t len, cap;
};

void strbuf_init(struct strbuf *b);
void strbuf_free(struct strbuf *b);
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_puts(struct strbuf *b, const char *s);
void strbuf_putc(struct strbuf *b, char c);
void strbuf_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void strbuf_reset(struct strbuf *b);
/* Returns the string (never NULL) and leaves the buffer empty. */
char *strbuf_detach(struct strbuf *b);
/* The current string, "" when empty. */
const char *strbuf_str(const struct strbuf *b);

/* A list of owned strings. */
struct strvec {
	char **v;
	size_t n, cap;
};

void strvec_push(struct strvec *sv, const char *s);
void strvec_push_owned(struct strvec *sv, char *s);
void strvec_free(struct strvec *sv);
int strvec_contains(const struct strvec *sv, const char *s);
/* Splits on commas, trimming spaces; empty items are dropped. */
void strvec_split_commas(struct strvec *sv, const char *s);

#endif
