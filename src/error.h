/*
 * A user's mistake travels up as an exit status plus a message (tmux's
 * cmdq_error); programmer errors go to fatal() instead.
 */
#ifndef DD_ERROR_H
#define DD_ERROR_H

#include "strbuf.h"

enum dd_status {
	DD_OK = 0,
	DD_FAIL = 1,     /* other failure */
	DD_USAGE = 2,    /* bad command line */
	DD_REFUSED = 3,  /* refused by a gate or rule */
	DD_DENIED = 4,   /* not permitted for this user */
	DD_DATAERR = 65, /* bad input data, nothing written */
};

/* The longest single message line kept, in bytes; longer ones end in "…". */
#define ERR_MAX 1024

struct dd_err {
	int code;
	struct strbuf msg; /* one or more lines, no trailing newline */
	int stale;         /* refused: the deal changed since it was shown (deal_check_version) */
};

void err_init(struct dd_err *e);
void err_free(struct dd_err *e);
void err_clear(struct dd_err *e);
/* Replaces the message; returns code so callers can 'return err_set(...)'. */
int err_set(struct dd_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Appends one more line; the code is kept unless it was DD_OK. */
int err_add(struct dd_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
