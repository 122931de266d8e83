#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "strbuf.h"
#include "text.h"
#include "xmalloc.h"

int
out_is_terminal(FILE *f)
{
	return isatty(fileno(f));
}

void
out_text(FILE *f, const char *s)
{
	struct strbuf b;

	strbuf_init(&b);
	text_put_printable(&b, s);
	fwrite(strbuf_str(&b), 1, b.len, f);
	strbuf_free(&b);
}

void
out_line(FILE *f, const char *fmt, ...)
{
	struct strbuf raw, b;
	va_list ap;

	strbuf_init(&raw);
	strbuf_init(&b);
	va_start(ap, fmt);
	strbuf_vprintf(&raw, fmt, ap);
	va_end(ap);
	text_put_printable(&b, strbuf_str(&raw));
	strbuf_putc(&b, '\n');
	fwrite(strbuf_str(&b), 1, b.len, f);
	strbuf_free(&raw);
	strbuf_free(&b);
}

/* Each line of text, with prefix before those that are not indented. */
static void
lines(FILE *f, const char *prefix, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");
		char *one = xstrndup(text, n);

		out_line(f, "%s%s", text[0] == ' ' ? "" : prefix, one);
		free(one);
		text += n + (text[n] == '\n');
	}
}

void
out_lines(FILE *f, const char *text)
{
	lines(f, "", text);
}

void
out_message(FILE *f, const char *msg)
{
	lines(f, "dealdeck: ", msg);
}
