/* The user's own settings (config.ini): database path, display, key overrides. */
#ifndef DD_USER_CONFIG_H
#define DD_USER_CONFIG_H

#include "error.h"
#include "strbuf.h"

struct config {
	char *db_path;
	char *theme;
	int ascii;
	int privacy;
	struct strvec key_actions, key_values; /* [keys] action = key, in file order */
	struct strvec key_where;	       /* "FILE:LINE" of each, for messages */
};

/*
 * Loads the config. path NULL means the default location, where a missing file
 * is fine; a given path must exist. Problems are FILE:LINE: lines (DD_DATAERR).
 */
int config_load(const char *path, struct config *c, struct dd_err *err);
void config_free(struct config *c);

/* $XDG_CONFIG_HOME/dealdeck/NAME or ~/.config/dealdeck/NAME. Caller frees. */
char *config_dir_file(const char *name);
/* $XDG_DATA_HOME/dealdeck/pipeline.db or ~/.local/share/dealdeck/pipeline.db. */
char *config_default_db(void);

#endif
