/* The mutual action plan: joint buyer/seller steps with owners and due dates. */
#ifndef DD_PLAN_H
#define DD_PLAN_H

#include <stddef.h>

#include "session.h"

struct plan_step {
	long id, deal_id;
	char *title, *owner_side, *who, *due, *done_at, *done_by;
};

/* As typed; NULL = not given. */
struct plan_fields {
	const char *title, *owner_side, *who, *due;
};

/* Overdue = not done and due before today. */
enum plan_status { PLAN_OPEN, PLAN_DONE, PLAN_OVERDUE };
enum plan_status plan_step_status(const struct plan_step *p, long today);
const char *plan_status_word(enum plan_status st);

/* Steps in due order. */
int plan_list(struct db *db, long deal_id, struct plan_step **out, size_t *n, struct dd_err *err);
void plan_free(struct plan_step *v, size_t n);

int plan_add(struct session *s, long deal_id, const struct plan_fields *f, long *id,
	     struct dd_err *err);
int plan_edit(struct session *s, long id, const struct plan_fields *f, struct dd_err *err);
/* done = 1 records when and by whom; done = 0 clears it. */
int plan_set_done(struct session *s, long id, int done, struct dd_err *err);
/*
 * The same inside a write the caller holds (no permission check, no commit or
 * rollback): for an import that is one transaction. A given at (and by) is
 * checked (plan_done_at_check, plan_done_by_login) and recorded; NULL means
 * now and the session's login.
 */
int plan_add_tx(struct session *s, long deal_id, const struct plan_fields *f, long *id,
		struct dd_err *err);
int plan_edit_tx(struct session *s, long id, const struct plan_fields *f, struct dd_err *err);
int plan_set_done_tx(struct session *s, long id, int done, const char *at, const char *by,
		     struct dd_err *err);
/* A time a step was done, as stored: not in the future. */
int plan_done_at_check(const char *at, struct dd_err *err);
/*
 * Who did a step, as a login: of the team (by login, display name or email),
 * or with no team named any login-shaped name. DD_USAGE otherwise.
 */
int plan_done_by_login(const struct session *s, const char *by, const char **login,
		       struct dd_err *err);
/* The checks of each given field on its own (title, owner, due, UTF-8). */
int plan_check(const struct plan_fields *f, struct dd_err *err);
int plan_remove(struct session *s, long id, struct dd_err *err);

#endif
