/*
 * libFuzzer target for timestamp_parse: ISO dates and times, and strptime
 * formats as --date-format gives them. The first byte picks the format. What
 * it accepts is a stored timestamp that reads back as itself, on its own day.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

static const char *const formats[] = {NULL, "%m/%d/%Y", "%d.%m.%Y %H:%M", "%Y%m%d",
				      "%d %b %Y", "%s"};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[TIMESTAMP_LEN], again[TIMESTAMP_LEN], day[DATE_LEN], *s;
	const char *fmt;

	if (size == 0)
		return 0;
	fmt = formats[data[0] % (sizeof formats / sizeof formats[0])];
	if ((s = malloc(size)) == NULL)
		abort();
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (timestamp_parse(s, fmt, out) == 0) {
		if (strlen(out) != TIMESTAMP_LEN - 1 || timestamp_parse(out, NULL, again) != 0 ||
		    strcmp(out, again) != 0)
			abort();
		/* Its day number is that date again (days before 1970 are negative). */
		date_format(date_of_timestamp(out), day);
		if (strncmp(day, out, DATE_LEN - 1) != 0)
			abort();
	}
	free(s);
	return 0;
}
