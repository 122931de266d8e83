/*
 * The team group of a team-host build (./configure --enable-team-group=GROUP):
 * make install makes the binary setgid GROUP, and GROUP owns the team
 * directory (2770) and its databases (0660); team members are not in GROUP, so
 * only dealdeck reaches those files. The group is used for one thing, opening
 * a database inside the team directory (and its -wal and -shm), and then given
 * up for good, before anything of the user's is read: config, themes, process
 * files, CSV, the terminal. See TEAM HOST in dealdeck(1).
 *
 * In any other build, or when the binary is not setgid, all of this does nothing.
 */
#ifndef DD_PRIVILEGE_H
#define DD_PRIVILEGE_H

/*
 * First thing in main: remembers the group the binary was started with, acts
 * as the user from here on (the group kept only as the saved set-group-ID),
 * and hides the environment's paths (TMPDIR, SQLITE_TMPDIR, TERMINFO, LOCPATH,
 * ...) until priv_drop() gives them back.
 */
void priv_start(void);

/*
 * 1 when path names a database directly inside the team directory and this
 * process can open it with the team group; *resolved is then the path with
 * the directory resolved (free it). Else 0.
 */
int priv_team_path(const char *path, char **resolved);

/* 1 when path names a file directly inside the team directory of this build. */
int priv_in_team_dir(const char *path);

/* Around the one open: take the team group, give it back (still recoverable). */
void priv_raise(void);
void priv_lower(void);

/*
 * Gives up the team group for good: real, effective and saved group IDs all
 * become the user's, checked, or the program stops. Idempotent.
 */
void priv_drop(void);

/* For dealdeck check: the group the binary was started with, when it was setgid. */
int priv_started_setgid(void);
const char *priv_team_group(void); /* NULL in a build without a team group */
const char *priv_team_dir(void);   /* NULL likewise */

#endif
