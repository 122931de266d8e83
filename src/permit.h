/* Who may do what: the permission rules of the contract, in one place. */
#ifndef DD_PERMIT_H
#define DD_PERMIT_H

#include "error.h"
#include "session.h"

/* Any write at all: the login must be in the team (when one is named). */
int permit_write(const struct session *s, struct dd_err *err);
/* Changing a deal (fields, moves, its stakeholders and plan): owner or manager. */
int permit_deal(const struct session *s, long id, const char *owner, struct dd_err *err);
/* Reassigning owners, overriding gates, reopening, applying a process. */
int permit_manager(const struct session *s, const char *what, struct dd_err *err);

#endif
