/*
 * libFuzzer target for the process file (dealdeck-process(5)): the ini text
 * checks, iniparser, and the meaning checks of process_ini. A file that loads
 * must come back whole through process show: written, read again and written
 * again, it is the same text (so show, then apply, never changes a process).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "process_ini.h"

static char *
shown(const struct process *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		abort();
	process_ini_write(p, f);
	fclose(f);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct process p, q;
	struct dd_err err;

	err_init(&err);
	if (process_ini_load_text("fuzz.ini", (const char *)data, size, &p, &err) == DD_OK) {
		char *a = shown(&p), *b;

		if (process_ini_load_text("shown.ini", a, strlen(a), &q, &err) != DD_OK) {
			fprintf(stderr, "process show wrote what does not load:\n%s\n%s\n", a,
				strbuf_str(&err.msg));
			abort();
		}
		b = shown(&q);
		if (strcmp(a, b) != 0) {
			fprintf(stderr, "process show is not stable:\n%s\n---\n%s\n", a, b);
			abort();
		}
		free(a);
		free(b);
		process_free(&q);
		process_free(&p);
	} else if (err.code != DD_DATAERR && err.code != DD_FAIL) {
		abort();
	}
	err_free(&err);
	return 0;
}
