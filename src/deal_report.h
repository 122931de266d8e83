/* One deal in words: fields, committee, plan, evidence, history ('show', the detail view). */
#ifndef DD_DEAL_REPORT_H
#define DD_DEAL_REPORT_H

#include "session.h"
#include "strbuf.h"

/* Appends the report as lines, safe to print on a terminal (no control characters). */
int deal_report(struct session *s, long id, struct strvec *lines, struct dd_err *err);
/*
 * The same with every amount shown as mask (privacy on a shared screen:
 * the board's "•••"); a NULL mask shows them.
 */
int deal_report_masked(struct session *s, long id, const char *mask, struct strvec *lines,
		       struct dd_err *err);

#endif
