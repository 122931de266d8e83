#include <stdarg.h>
#include <stdio.h>

#include "error.h"

void
err_init(struct dd_err *e)
{
	e->code = DD_OK;
	e->stale = 0;
	strbuf_init(&e->msg);
}

void
err_free(struct dd_err *e)
{
	strbuf_free(&e->msg);
	e->code = DD_OK;
}

void
err_clear(struct dd_err *e)
{
	strbuf_reset(&e->msg);
	e->code = DD_OK;
	e->stale = 0;
}

/*
 * One message, cut at ERR_MAX bytes (a quoted CSV cell can be megabytes) on a
 * UTF-8 boundary, with "…" to say so: never half a character.
 */
static void
err_vappend(struct dd_err *e, const char *fmt, va_list ap)
{
	struct strbuf b;

	strbuf_init(&b);
	strbuf_vprintf(&b, fmt, ap);
	if (b.len > ERR_MAX) {
		size_t n = ERR_MAX - 3;

		while (n > 0 && ((unsigned char)b.s[n] & 0xc0) == 0x80)
			n--; /* back to the first byte of the character cut */
		b.len = n;
		strbuf_puts(&b, "\xe2\x80\xa6");
	}
	if (e->msg.len > 0)
		strbuf_putc(&e->msg, '\n');
	strbuf_add(&e->msg, strbuf_str(&b), b.len);
	strbuf_free(&b);
}

int
err_set(struct dd_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	strbuf_reset(&e->msg);
	e->code = code;
	e->stale = 0;
	va_start(ap, fmt);
	err_vappend(e, fmt, ap);
	va_end(ap);
	return code;
}

int
err_add(struct dd_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e->code == DD_OK)
		e->code = code;
	va_start(ap, fmt);
	err_vappend(e, fmt, ap);
	va_end(ap);
	return e->code;
}
