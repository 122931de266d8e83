/*
 * libFuzzer target for theme files (dealdeck-theme(5)): the ini text checks,
 * iniparser, colour and attribute names. A failure is a DD_DATAERR with
 * FILE:LINE messages, never anything else.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t;
	struct dd_err err;

	err_init(&err);
	if (theme_parse_text("fuzz.ini", (const char *)data, size, &t, &err) != DD_OK) {
		if (err.code != DD_DATAERR && err.code != DD_FAIL)
			abort();
		if (strncmp(strbuf_str(&err.msg), "fuzz.ini:", 9) != 0 && err.code == DD_DATAERR)
			abort(); /* every problem names FILE:LINE */
	}
	err_free(&err);
	return 0;
}
