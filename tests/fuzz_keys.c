/*
 * libFuzzer target for key parsing: the user config file as a whole (ini text,
 * [db], [ui], [keys]) and the [keys] bindings the board makes of it (action
 * names, key names such as C-l, PgDn or a UTF-8 character). The input is the
 * config file; key_parse also reads it whole as one key name.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keys.h"
#include "user_config.h"
#include "xmalloc.h"

static char dir[] = "/tmp/dealdeck-fuzz-keys-XXXXXX";
static char *path;

static void
cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (mkdtemp(dir) == NULL)
		abort();
	path = xasprintf("%s/config.ini", dir);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct dd_err err;
	char name[64], *s;
	FILE *f = fopen(path, "wb");
	int key;

	if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		abort();
	err_init(&err);
	if (config_load(path, &cfg, &err) == DD_OK) {
		if (keys_init(&cfg, &err) == DD_OK) {
			for (size_t i = 0; i < nkey_actions; i++)
				keys_of(key_actions[i].action, name, sizeof name);
		} else if (err.code != DD_DATAERR) {
			abort();
		}
		config_free(&cfg);
	}
	err_free(&err);
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if ((key = key_parse(s)) >= 0)
		key_name(key, name, sizeof name);
	free(s);
	return 0;
}
