/* One user's session on one database: who is acting, under which process. */
#ifndef DD_SESSION_H
#define DD_SESSION_H

#include "db.h"
#include "process.h"

struct session {
	struct db *db;
	struct process proc;
	char login[64];
	enum team_role role;
};

/* Opens (creating if allowed) the database and loads its process. */
int session_open(struct session *s, const char *path, int flags, const struct db_init *init,
		 struct dd_err *err);
void session_close(struct session *s);
/* Re-reads the process, e.g. after it was applied. */
int session_reload_process(struct session *s, struct dd_err *err);

/* The OS login of the acting user; never taken from the environment. */
void session_login(char *out, size_t len);

#endif
