#define _GNU_SOURCE /* setresgid, getresgid */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "privilege.h"
#include "xmalloc.h"

#ifdef DD_TEAM_GROUP
static const char team_group[] = DD_TEAM_GROUP;
static const char team_dir[] = DD_TEAM_DIR;
#else
static const char *const team_group = NULL;
static const char *const team_dir = NULL;
#endif

static gid_t user_gid, team_gid;
static int setgid_start; /* the binary was started setgid */
static int holding;      /* the team group is still the saved set-group-ID */

/* Paths the environment may point anywhere; not used while the group is held. */
static const char *const hidden_names[] = {
	"TMPDIR", "SQLITE_TMPDIR", "TERMINFO", "TERMINFO_DIRS", "LOCPATH", "NLSPATH", "HOME",
};
#define NHIDDEN (sizeof hidden_names / sizeof hidden_names[0])
static char *hidden_values[NHIDDEN];

static void
hide_environment(void)
{
	for (size_t i = 0; i < NHIDDEN; i++) {
		const char *v = getenv(hidden_names[i]);

		hidden_values[i] = v ? xstrdup(v) : NULL;
		unsetenv(hidden_names[i]);
	}
}

static void
restore_environment(void)
{
	for (size_t i = 0; i < NHIDDEN; i++)
		if (hidden_values[i] != NULL) {
			setenv(hidden_names[i], hidden_values[i], 1);
			free(hidden_values[i]);
			hidden_values[i] = NULL;
		}
}

void
priv_start(void)
{
	user_gid = getgid();
	team_gid = getegid();
	setgid_start = team_gid != user_gid;
	if (!setgid_start)
		return;
	/*
	 * The kernel already makes a setgid process undumpable; say so ourselves:
	 * after the drop the open team database must stay out of reach of the
	 * user's debugger (ptrace) and of /proc/PID/fd.
	 */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	hide_environment();
	holding = 1;
	if (team_group == NULL) {
		priv_drop(); /* setgid by someone's chmod, not by a team build: keep nothing */
		return;
	}
	if (setegid(user_gid) != 0)
		fatal("cannot act as your own group: %s", strerror(errno));
}

/* The path of a file directly in the team directory, resolved; else NULL. */
static char *
in_team_dir(const char *path)
{
	char *dup, *base, *out = NULL, real[PATH_MAX], team[PATH_MAX];

	if (team_dir == NULL)
		return NULL;
	dup = xstrdup(path);
	base = xstrdup(basename(dup));
	free(dup);
	dup = xstrdup(path);
	if (realpath(dirname(dup), real) != NULL && realpath(team_dir, team) != NULL &&
	    strcmp(real, team) == 0 && strcmp(base, ".") != 0 && strcmp(base, "..") != 0 &&
	    strcmp(base, "/") != 0)
		out = xasprintf("%s/%s", real, base);
	free(dup);
	free(base);
	return out;
}

int
priv_in_team_dir(const char *path)
{
	char *r = in_team_dir(path);

	free(r);
	return r != NULL;
}

/* SQLite's own files beside a database: never a database to open or create. */
static int
sqlite_side_file(const char *path)
{
	static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t k = strlen(suffixes[i]);

		if (n >= k && strcmp(path + n - k, suffixes[i]) == 0)
			return 1;
	}
	return 0;
}

int
priv_team_path(const char *path, char **resolved)
{
	struct stat sb;

	*resolved = NULL;
	if (!holding || sqlite_side_file(path) || (*resolved = in_team_dir(path)) == NULL)
		return 0;
	/* A link there (only root could make one) is not followed with the group. */
	priv_raise();
	if (lstat(*resolved, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		free(*resolved);
		*resolved = NULL;
	}
	priv_lower();
	return *resolved != NULL;
}

void
priv_raise(void)
{
	if (holding && setegid(team_gid) != 0)
		fatal("cannot take the team group: %s", strerror(errno));
}

void
priv_lower(void)
{
	if (holding && setegid(user_gid) != 0)
		fatal("cannot give the team group back: %s", strerror(errno));
}

void
priv_drop(void)
{
	gid_t r, e, s;

	if (!holding)
		return;
	/* setgid() alone keeps the saved ID for an unprivileged process: set all three. */
	if (setresgid(user_gid, user_gid, user_gid) != 0 || getresgid(&r, &e, &s) != 0 ||
	    r != user_gid || e != user_gid || s != user_gid)
		fatal("cannot give up the team group for good; stopping");
	if (geteuid() != 0 && setegid(team_gid) == 0) /* root can always take any group */
		fatal("the team group could be taken back after giving it up; stopping");
	holding = 0;
	restore_environment();
}

int
priv_started_setgid(void)
{
	return setgid_start;
}

const char *
priv_team_group(void)
{
	return team_group;
}

const char *
priv_team_dir(void)
{
	return team_dir;
}
