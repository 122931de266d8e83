/* The buying committee of a deal: stakeholders and who reports to whom. */
#ifndef DD_PEOPLE_H
#define DD_PEOPLE_H

#include <stddef.h>

#include "session.h"

struct stakeholder {
	long id, deal_id;
	char *name, *role, *title, *stance, *influence;
	long reports_to; /* 0 when none */
	char *last_contact;
};

/* As typed; NULL = not given. reports_to is a name or id of the same deal, "" or "none" clears. */
struct stakeholder_fields {
	const char *name, *role, *title, *stance, *influence, *reports_to, *last_contact;
};

int people_list(struct db *db, long deal_id, struct stakeholder **out, size_t *n,
		struct dd_err *err);
void people_free(struct stakeholder *v, size_t n);
int people_get(struct db *db, long id, struct stakeholder *out, struct dd_err *err);

int people_add(struct session *s, long deal_id, const struct stakeholder_fields *f, long *id,
	       struct dd_err *err);
int people_edit(struct session *s, long id, const struct stakeholder_fields *f,
		struct dd_err *err);
/*
 * The same inside a write the caller holds (no permission check, no commit or
 * rollback): for an import that is one transaction.
 */
int people_add_tx(struct session *s, long deal_id, const struct stakeholder_fields *f, long *id,
		  struct dd_err *err);
int people_edit_tx(struct session *s, long id, const struct stakeholder_fields *f,
		   struct dd_err *err);
/* The checks of each given field on its own (words, dates, UTF-8), without the deal. */
int people_check(const struct stakeholder_fields *f, struct dd_err *err);
int people_remove(struct session *s, long id, struct dd_err *err);

/*
 * Orders people as a tree by reports-to: roots (no manager, a manager not in the
 * list, or a cycle) first, each followed by their reports, depth-first. Fills
 * order[] and depth[] (n entries each). Cycle-safe: everyone appears once.
 */
void people_tree(const struct stakeholder *v, size_t n, size_t *order, int *depth);
/* The stakeholder with this id in v, or NULL. */
const struct stakeholder *people_find(const struct stakeholder *v, size_t n, long id);
/* 1 if making id report to manager would close a loop. */
int people_would_cycle(const struct stakeholder *v, size_t n, long id, long manager);

#endif
