/*
 * How a database is kept on its host, for dealdeck check: the file's and its
 * directory's mode, owner and group, the team group of this build, whether
 * the binary is setgid to it. Read while the team group is held (a team
 * directory cannot be searched without it), judged afterwards.
 */
#ifndef DD_HOST_FACTS_H
#define DD_HOST_FACTS_H

#include <sys/stat.h>

#include "strbuf.h"

struct file_facts {
	int exists;
	struct stat st;
};

struct host_facts {
	char *path, *dir;
	struct file_facts db, wal, shm, parent;
	int in_team_dir;
};

/* Reads the facts of the database at path (and of its -wal, -shm and directory). */
void host_facts_read(const char *path, struct host_facts *h);
void host_facts_free(struct host_facts *h);

/*
 * Appends what the facts say to lines, and what is wrong with the set-up to
 * problems (a team database others can reach, a binary without its group...).
 */
void host_facts_judge(const struct host_facts *h, struct strvec *lines, struct strvec *problems);

#endif
