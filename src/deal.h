/* Deals: reading one, creating, editing fields, and listing without loading all. */
#ifndef DD_DEAL_H
#define DD_DEAL_H

#include <stdint.h>

#include "db.h"
#include "strbuf.h"
#include "error.h"
#include "session.h"

struct deal {
	long id;
	char *external_id;
	char *title, *account, *owner;
	char *stage, *status;
	int64_t amount;
	char *close_date, *next_step, *next_step_due, *success_criteria;
	char *lost_reason, *lost_note;
	char *created_at, *stage_entered_at, *closed_at, *updated_at;
	long version;
};

/* DD_FAIL "no deal N" when it does not exist. */
int deal_get(struct db *db, long id, struct deal *out, struct dd_err *err);
void deal_free(struct deal *d);

/* Fields as the user typed them; NULL means not given, "" clears an optional one. */
struct deal_fields {
	const char *title, *account, *owner, *amount, *close_date;
	const char *next_step, *next_step_due, *success_criteria;
	const char *created; /* deal_create only: the day it really started, not in the future */
};

/* A new deal in the first stage, with its 'create' event. */
int deal_create(struct session *s, const struct deal_fields *f, long *id, struct dd_err *err);
/*
 * Changes the given fields in one transaction. expected_version > 0 refuses
 * (DD_REFUSED) when someone else changed the deal since it was read.
 */
int deal_edit(struct session *s, long id, const struct deal_fields *f, long expected_version,
	      struct dd_err *err);

/*
 * Starts a write on a deal the user may change: BEGIN IMMEDIATE, read it, check
 * permission. On failure nothing is held (rolled back).
 */
int deal_change_begin(struct session *s, long id, struct deal *d, struct dd_err *err);
/* Ends what deal_change_begin started: frees d, then db_end (commits when rc is DD_OK). */
int deal_change_end(struct session *s, struct deal *d, int rc, struct dd_err *err);
/*
 * Refuses (DD_REFUSED, err->stale set) when expected > 0 and the deal is no
 * longer the version a screen showed: nobody's change is overwritten silently.
 */
int deal_check_version(const struct deal *d, long expected, struct dd_err *err);
/* Bumps the deal's version: its committee or plan changed. Inside a write. */
int deal_touch(struct db *db, long id, struct dd_err *err);
/* deal_change_begin for a change to the deal's committee or plan: the deal is not kept. */
int deal_part_begin(struct session *s, long id, struct dd_err *err);
/* Runs and finalizes st inside the write, then deal_touch so the board notices. */
int deal_part_exec(struct session *s, long id, sqlite3_stmt *st, const char *doing,
		   struct dd_err *err);

/* Resolves an owner as typed (login, or team display name or email) to a login. */
int deal_owner_login(const struct session *s, const char *typed, const char **login,
		     struct dd_err *err);

struct deal_filter {
	const char *stage, *owner;
	const char *status; /* open, won, lost or all; NULL = open */
	long as_of;         /* day number, or -1 for now */
};

struct deal_row {
	long id;
	const char *title, *account, *owner, *stage, *status;
	int64_t amount;
	int days_in_stage; /* -1 when closed */
	const char *close_date, *next_step_due;
};

/* Calls cb for each matching deal in board order; streams, never loads all. */
int deal_list(struct db *db, const struct deal_filter *f, long today,
	      void (*cb)(const struct deal_row *r, void *arg), void *arg, struct dd_err *err);
/* Every login that owns a deal, in order (an index scan, one row per owner). */
int deal_owners(struct db *db, struct strvec *out, struct dd_err *err);

#endif
