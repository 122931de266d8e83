/*
 * libFuzzer target for money_parse: what people and CRMs write as amounts. An
 * amount it accepts is never negative nor above MONEY_MAX, reads back from
 * money_format (with or without grouping), and is accepted, as the same
 * amount, by the check before the database is open (MONEY_ANY_CURRENCY): that
 * check never refuses what a pipeline would take.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

static const char *const currencies[] = {NULL, "USD", "EUR", "JPY", "GBP", "CHF"};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), out[MONEY_LEN];
	const char *why = NULL;
	int64_t minor, again;

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	for (size_t c = 0; c < sizeof currencies / sizeof currencies[0]; c++) {
		why = NULL;
		if (money_parse(s, currencies[c], &minor, &why) != 0) {
			if (why == NULL || why[0] == '\0')
				abort(); /* a refusal says why */
			continue;
		}
		if (minor < 0 || minor > MONEY_MAX)
			abort();
		for (int grouping = 0; grouping < 2; grouping++) {
			money_format(minor, grouping, out);
			if (money_parse(out, currencies[c], &again, &why) != 0 || again != minor)
				abort();
		}
		if (money_parse(s, MONEY_ANY_CURRENCY, &again, &why) != 0 || again != minor)
			abort();
	}
	free(s);
	return 0;
}
