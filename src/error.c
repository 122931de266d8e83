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

static void
err_vappend(struct dd_err *e, const char *fmt, va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof buf, fmt, ap);
	if (e->msg.len > 0)
		strbuf_putc(&e->msg, '\n');
	strbuf_puts(&e->msg, buf);
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
