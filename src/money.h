/* Money as integer minor units (cents): parsing what people and CRMs write. */
#ifndef DD_MONEY_H
#define DD_MONEY_H

#include <stddef.h>
#include <stdint.h>

#define MONEY_LEN 32

/*
 * Accepts "12500", "12500.5", "12,500.00", "$12,500.00", "12.500,00 €", "EUR 99":
 * an optional currency symbol or code before or after, thousands separators in
 * groups of three, and at most two decimals. Negative amounts are refused.
 * Returns 0, or -1 with a reason in *why.
 */
int money_parse(const char *s, int64_t *minor, const char **why);
/* "12500.00", or "12,500.00" with grouping. */
void money_format(int64_t minor, int grouping, char out[MONEY_LEN]);
/* Is CODE a plausible ISO 4217 code (three capital letters)? */
int currency_code_valid(const char *code);

#endif
