#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "process_db.h"
#include "session.h"

void
session_login(char *out, size_t len)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw != NULL && pw->pw_name != NULL)
		snprintf(out, len, "%s", pw->pw_name);
	else
		snprintf(out, len, "uid%ld", (long)getuid());
}

int
session_reload_process(struct session *s, struct dd_err *err)
{
	struct process p;

	if (process_db_load(s->db, &p, err) != DD_OK)
		return err->code;
	process_free(&s->retired);
	s->retired = s->proc;
	s->proc = p;
	s->role = process_role_of(&s->proc, s->login);
	return DD_OK;
}

int
session_refresh_process(struct session *s, int *changed, struct dd_err *err)
{
	int differs = process_db_revision(s->db) != s->proc.revision;

	if (changed != NULL)
		*changed = differs;
	return differs ? session_reload_process(s, err) : DD_OK;
}

int
session_begin(struct session *s, struct dd_err *err)
{
	if (db_begin_data(s->db, err) != DD_OK)
		return err->code;
	if (session_refresh_process(s, NULL, err) != DD_OK)
		return db_end(s->db, err->code, err);
	return DD_OK;
}

int
session_open(struct session *s, const char *path, int flags, const struct db_init *init,
	     struct dd_err *err)
{
	struct db *db;

	memset(s, 0, sizeof *s);
	if (db_open(path, flags, init, &db, err) != DD_OK)
		return err->code;
	return session_start(s, db, err);
}

int
session_start(struct session *s, struct db *db, struct dd_err *err)
{
	memset(s, 0, sizeof *s);
	session_login(s->login, sizeof s->login);
	s->db = db;
	if (session_reload_process(s, err) != DD_OK) {
		db_close(s->db);
		s->db = NULL;
		return err->code;
	}
	return DD_OK;
}

void
session_close(struct session *s)
{
	process_free(&s->proc);
	process_free(&s->retired);
	db_close(s->db);
	s->db = NULL;
}
