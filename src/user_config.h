/* The user's own settings (config.ini): database path, display, key overrides. */
#ifndef DD_USER_CONFIG_H
#define DD_USER_CONFIG_H

#include "error.h"
#include "strbuf.h"

struct config {
	char *path; /* the file read (or, when there is none, where it would be) */
	char *db_path;
	char *theme;
	char *density; /* one of config_densities, or NULL */
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

/* The values [ui] density takes (the board's card densities), NULL-terminated. */
extern const char *const config_densities[];

/*
 * Sets key = value in [section] of the config file at path, keeping every
 * other line and comment as it was: the key's line is replaced, or added to
 * the section, or the section is added. A missing file (and its directory)
 * is created 0600; the new file replaces the old by an atomic rename.
 */
int config_save_value(const char *path, const char *section, const char *key,
		      const char *value, struct dd_err *err);

/* $XDG_CONFIG_HOME/dealdeck/NAME or ~/.config/dealdeck/NAME. Caller frees. */
char *config_dir_file(const char *name);
/* $XDG_DATA_HOME/dealdeck/pipeline.db or ~/.local/share/dealdeck/pipeline.db. */
char *config_default_db(void);

#endif
