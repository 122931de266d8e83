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
 * A deal's committee kept in memory over the writes of one transaction the
 * caller holds (no permission check, no commit or rollback), as an import makes
 * them: a person is found by name or id, and a name or manager checked, in
 * constant time instead of by reading the whole committee again per row (which
 * made 20,000 rows on one deal take minutes under the write lock). After an
 * error the committee may differ from the database: free it.
 */
struct committee;
int committee_load(struct db *db, long deal_id, struct committee **out, struct dd_err *err);
void committee_free(struct committee *c);
/* The id of the stakeholder of that name (ignoring case, any alphabet), or 0. */
long committee_find(const struct committee *c, const char *name);
int people_add_in(struct session *s, struct committee *c, const struct stakeholder_fields *f,
		  long *id, struct dd_err *err);
/* An edit that changes nothing writes nothing (the deal's version stays). */
int people_edit_in(struct session *s, struct committee *c, long id,
		   const struct stakeholder_fields *f, struct dd_err *err);
/*
 * Sets the managers of many stakeholders at once (ids[i] reports to
 * managers[i], a name or id of the committee), judged on the end result: a
 * reporting loop that any of them closes is refused, naming the last of them
 * in it. On an error *bad is the index it concerns.
 */
int people_set_managers_tx(struct session *s, struct committee *c, const long *ids,
			   const char *const *managers, size_t n, size_t *bad, struct dd_err *err);
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
