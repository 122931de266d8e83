#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host_facts.h"
#include "privilege.h"
#include "xmalloc.h"

static void
read_one(const char *path, const char *suffix, struct file_facts *f)
{
	char *p = xasprintf("%s%s", path, suffix);

	f->exists = stat(p, &f->st) == 0;
	free(p);
}

void
host_facts_read(const char *path, struct host_facts *h)
{
	char *dup = xstrdup(path);

	memset(h, 0, sizeof *h);
	h->path = xstrdup(path);
	h->dir = xstrdup(dirname(dup));
	free(dup);
	read_one(path, "", &h->db);
	read_one(path, "-wal", &h->wal);
	read_one(path, "-shm", &h->shm);
	read_one(h->dir, "", &h->parent);
	h->in_team_dir = priv_in_team_dir(path);
}

void
host_facts_free(struct host_facts *h)
{
	free(h->path);
	free(h->dir);
	memset(h, 0, sizeof *h);
}

/* "drwxrws---", as ls shows it. */
static void
mode_text(mode_t m, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";

	out[0] = S_ISDIR(m) ? 'd' : S_ISREG(m) ? '-' : '?';
	for (int i = 0; i < 9; i++)
		out[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		out[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		out[6] = (m & S_IXGRP) ? 's' : 'S';
	out[10] = '\0';
}

static char *
owner_text(const struct stat *st)
{
	struct passwd *pw = getpwuid(st->st_uid);
	struct group *gr = getgrgid(st->st_gid);
	char u[32], g[32];

	snprintf(u, sizeof u, "%ld", (long)st->st_uid);
	snprintf(g, sizeof g, "%ld", (long)st->st_gid);
	return xasprintf("%s:%s", pw ? pw->pw_name : u, gr ? gr->gr_name : g);
}

static void
describe(struct strvec *lines, const char *what, const char *path, const struct file_facts *f)
{
	char mode[11];
	char *owner;

	if (!f->exists) {
		strvec_push_owned(lines, xasprintf("%-10s %s (none)", what, path));
		return;
	}
	mode_text(f->st.st_mode, mode);
	owner = owner_text(&f->st);
	strvec_push_owned(lines, xasprintf("%-10s %s %s %s", what, mode, owner, path));
	free(owner);
}

static int
in_group(gid_t g)
{
	gid_t list[256];
	int n = getgroups(256, list);

	if (getgid() == g)
		return 1;
	for (int i = 0; i < n; i++)
		if (list[i] == g)
			return 1;
	return 0;
}

/* The binary's own setgid bit and group. */
static void
judge_binary(gid_t team, const char *group, struct strvec *lines, struct strvec *problems)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;

	if (n <= 0 || stat("/proc/self/exe", &st) != 0) {
		strvec_push(problems,
			    "cannot tell whether the binary is setgid (no /proc/self/exe)");
		return;
	}
	exe[n] = '\0';
	if ((st.st_mode & S_ISGID) && st.st_gid == team)
		strvec_push_owned(lines,
				  xasprintf("%-10s %s is setgid %s", "binary:", exe, group));
	else
		strvec_push_owned(problems,
				  xasprintf("the binary %s is not setgid %s: run make install as "
					    "root",
					    exe, group));
	if ((st.st_mode & S_ISGID) && st.st_gid == team && !priv_started_setgid())
		strvec_push(problems, "dealdeck ran without the team group although the binary is "
				      "setgid (a file system mounted nosuid?)");
}

/* A team database: the directory root:GROUP 2770, the files GROUP 0660. */
static void
judge_team_files(const struct host_facts *h, gid_t team, const char *group, struct strvec *lines,
		 struct strvec *problems)
{
	const struct stat *d = &h->parent.st, *f = &h->db.st;
	const struct file_facts *side[] = {&h->wal, &h->shm};
	const char *side_name[] = {"-wal", "-shm"};

	if (d->st_uid != 0)
		strvec_push_owned(problems,
				  xasprintf("the team directory %s is not owned by root: "
					    "chown root %s",
					    h->dir, h->dir));
	if (d->st_gid != team)
		strvec_push_owned(problems,
				  xasprintf("the team directory %s is not group %s: chgrp %s %s",
					    h->dir, group, group, h->dir));
	if ((d->st_mode & 07777) != 02770)
		strvec_push_owned(problems,
				  xasprintf("the team directory %s has mode %04o, not "
					    "2770: chmod 2770 %s",
					    h->dir, (unsigned)(d->st_mode & 07777), h->dir));
	if (!h->db.exists)
		return;
	if (f->st_gid != team)
		strvec_push_owned(problems, xasprintf("%s is not group %s: chgrp %s %s", h->path,
						      group, group, h->path));
	if ((f->st_mode & 07777) != 0660)
		strvec_push_owned(problems,
				  xasprintf("%s has mode %04o, not 0660: chmod 660 %s", h->path,
					    (unsigned)(f->st_mode & 07777), h->path));
	for (size_t i = 0; i < 2; i++)
		if (side[i]->exists && (side[i]->st.st_gid != team || (side[i]->st.st_mode & 07)))
			strvec_push_owned(problems,
					  xasprintf("%s%s is not group %s, or others can reach it",
						    h->path, side_name[i], group));
	if (f->st_uid != 0) {
		struct passwd *pw = getpwuid(f->st_uid);

		strvec_push_owned(lines,
				  xasprintf("note:      %s is owned by %s, whose own "
					    "programs can change it; chown root %s "
					    "leaves it to dealdeck alone",
					    h->path, pw ? pw->pw_name : "another user", h->path));
	}
}

void
host_facts_judge(const struct host_facts *h, struct strvec *lines, struct strvec *problems)
{
	const char *group = priv_team_group();
	struct group *gr = group ? getgrnam(group) : NULL;
	size_t before = problems->n;

	strvec_push_owned(lines, xasprintf("%-10s %s", "database:", h->path));
	describe(lines, "file:", h->path, &h->db);
	describe(lines, "directory:", h->dir, &h->parent);
	if (group == NULL) {
		strvec_push(lines, "team:      none: a personal build (./configure "
				   "--enable-team-group=GROUP makes a team host)");
		if (h->db.exists && (h->db.st.st_mode & 07))
			strvec_push_owned(problems,
					  xasprintf("%s can be reached by every user of this "
						    "machine: chmod 600 %s",
						    h->path, h->path));
		return;
	}
	strvec_push_owned(
		lines, xasprintf("%-10s group %s, directory %s", "team:", group, priv_team_dir()));
	if (gr == NULL) {
		strvec_push_owned(problems, xasprintf("the team group %s does not exist: run make "
						      "install as root",
						      group));
		return;
	}
	judge_binary(gr->gr_gid, group, lines, problems);
	if (!h->in_team_dir) {
		strvec_push_owned(lines, xasprintf("protected: no: %s is not in the team "
						   "directory, so it is opened as you",
						   h->path));
		return;
	}
	judge_team_files(h, gr->gr_gid, group, lines, problems);
	if (in_group(gr->gr_gid)) {
		struct passwd *pw = getpwuid(getuid());

		strvec_push_owned(problems,
				  xasprintf("you (%s) are in group %s: any program you run can "
					    "write the team databases; team members must not be "
					    "in it",
					    pw ? pw->pw_name : "this user", group));
	}
	if (problems->n == before)
		strvec_push_owned(lines, xasprintf("protected: yes: only dealdeck (and root) can "
						   "read or write %s",
						   h->path));
	else
		strvec_push(lines, "protected: no: see the problems below");
}
