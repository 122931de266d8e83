/*
 * The review commands' shared output: text made to paste into mail or chat
 * (aligned, no escape codes, amounts with the database's currency, hidden under
 * privacy) or CSV. Internal to src/cli_review*.c.
 */
#ifndef DD_CLI_REVIEW_H
#define DD_CLI_REVIEW_H

#include <stdint.h>

#include "cli.h"
#include "money.h"
#include "period.h"

struct review_out {
	int csv;
	int privacy; /* [ui] privacy = true, or --privacy */
	int ascii;   /* [ui] ascii, or a locale that is not UTF-8 */
	char currency[16];
};

#define REVIEW_AMOUNT_LEN (MONEY_LEN + 16)

/* Reads --format and --privacy; DD_USAGE for a format other than text or csv. */
int review_out_init(struct cli *c, const struct args *a, struct review_out *o);
/* "12,500.00 EUR" in text, "12500.00" in CSV; hidden under privacy. */
const char *review_amount(const struct review_out *o, int64_t minor, char out[REVIEW_AMOUNT_LEN]);
/* "→" or "->". */
const char *review_arrow(const struct review_out *o);
/* --period, or the quarter of T; DD_USAGE when it is not YYYY-Qn, this or next. */
int review_period(struct cli *c, const struct args *a, long today, struct period *p);
/*
 * A text cut to width display columns (… or ~ when cut), padded on the right, or
 * on the left when right is set; measured by display width. The caller frees.
 */
char *review_cell(const struct review_out *o, const char *text, int width, int right);

/* Prints one line (a newline is added) with control characters made spaces: text
 * people typed (notes, reasons, evidence) never sends escape codes. */
void review_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_review_diff(struct cli *c, const struct args *a);
int cmd_review_queue(struct cli *c, const struct args *a);
int cmd_review_forecast(struct cli *c, const struct args *a);

#endif
