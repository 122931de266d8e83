#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

static char base[] = "/tmp/dealdeck-unit-XXXXXX";

const char *
unit_tmp_base(void)
{
	return base;
}

void
unit_tmp_init(void)
{
	if (mkdtemp(base) == NULL) {
		perror("unit tests: mkdtemp");
		exit(EXIT_FAILURE);
	}
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

void
unit_tmp_cleanup(void)
{
	nftw(base, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
