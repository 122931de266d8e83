/* Money as integer minor units (cents): parsing what people and CRMs write. */
#ifndef DD_MONEY_H
#define DD_MONEY_H

#include <stddef.h>
#include <stdint.h>

#define MONEY_LEN 32

/*
 * The largest amount, in minor units: 10^12 major units. The schema holds
 * every deal to it, so sums of up to 92,233 such deals fit in 64 bits.
 */
#define MONEY_MAX INT64_C(100000000000000)

/*
 * Accepts "12500", "12500.5", "12,500.00", "$12,500.00", "12.500,00 €", "EUR 99":
 * thousands separators in groups of three, at most two decimals, and before or
 * after the number the pipeline's currency (its code in any case, or one of its
 * symbols: "$" for USD, "€" for EUR). Another currency ("12 GBP" in a USD
 * pipeline), other letters ("12abc", "5 million"), negative amounts and more than
 * MONEY_MAX are refused. currency is the pipeline's ISO 4217 code (NULL: none
 * may be named). Returns 0, or -1 with a reason in *why.
 */
int money_parse(const char *s, const char *currency, int64_t *minor, const char **why);
/*
 * As money_parse's currency: any one currency may be named. For checking an
 * amount's form before the pipeline, and so its currency, is known.
 */
#define MONEY_ANY_CURRENCY "*"
/* "12500.00", or "12,500.00" with grouping. */
void money_format(int64_t minor, int grouping, char out[MONEY_LEN]);
/* Is CODE a plausible ISO 4217 code (three capital letters)? */
int currency_code_valid(const char *code);

#endif
