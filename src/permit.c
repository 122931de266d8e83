#include <string.h>

#include "permit.h"

int
permit_write(const struct session *s, struct dd_err *err)
{
	if (s->role == ROLE_NONE)
		return err_set(err, DD_DENIED,
			       "%s is not in the team of this pipeline: you may read but not "
			       "change anything (ask a manager to add you to [team])",
			       s->login);
	return DD_OK;
}

int
permit_deal(const struct session *s, long id, const char *owner, struct dd_err *err)
{
	if (permit_write(s, err) != DD_OK)
		return err->code;
	if (s->role == ROLE_REP && strcmp(owner, s->login) != 0)
		return err_set(err, DD_DENIED,
			       "deal %ld belongs to %s: only %s or a manager may change it", id,
			       owner, owner);
	return DD_OK;
}

int
permit_manager(const struct session *s, const char *what, struct dd_err *err)
{
	if (permit_write(s, err) != DD_OK)
		return err->code;
	if (s->role != ROLE_MANAGER)
		return err_set(err, DD_DENIED, "only a manager may %s", what);
	return DD_OK;
}
