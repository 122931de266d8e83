/* dealdeck review queue: the attention list, every reason as a code and in words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_review.h"
#include "csv_write.h"
#include "date.h"
#include "output.h"
#include "review_queue.h"
#include "strbuf.h"
#include "table.h"

#define WHY_LEN 600

static const struct column text_columns[] = {
	{"id", 6, 1},   {"title", 28, 0},  {"owner", 10, 0}, {"stage", 10, 0},
	{"days", 4, 1}, {"amount", 18, 1}, {"close", 10, 0},
};

static void
print_text(const struct review_out *o, const struct queue_row *r)
{
	char id[24], days[16], amount[REVIEW_AMOUNT_LEN], why[WHY_LEN];
	const char *cells[] = {id,
			       r->title,
			       r->owner,
			       r->stage,
			       days,
			       amount,
			       r->close_date ? r->close_date : "-"};

	snprintf(id, sizeof id, "%ld", r->id);
	snprintf(days, sizeof days, "%d", r->days);
	review_amount(o, r->amount, amount);
	table_row(stdout, text_columns, NOPTS(text_columns), cells);
	for (int k = 0; k < Q_NREASONS; k++)
		if (r->reasons & (1u << k)) {
			queue_reason_text(r, (enum queue_reason)k, why, sizeof why);
			review_line("        %-19s %s", queue_reasons[k].code, why);
		}
}

static void
print_csv(const struct review_out *o, const struct queue_row *r)
{
	char id[24], days[16], amount[REVIEW_AMOUNT_LEN], why[WHY_LEN];
	struct strbuf codes, words;

	strbuf_init(&codes);
	strbuf_init(&words);
	for (int k = 0; k < Q_NREASONS; k++)
		if (r->reasons & (1u << k)) {
			queue_reason_text(r, (enum queue_reason)k, why, sizeof why);
			strbuf_printf(&codes, "%s%s", codes.len ? ";" : "", queue_reasons[k].code);
			strbuf_printf(&words, "%s%s: %s", words.len ? "; " : "",
				      queue_reasons[k].code, why);
		}
	snprintf(id, sizeof id, "%ld", r->id);
	snprintf(days, sizeof days, "%d", r->days);
	const char *cells[] = {id,
			       r->title,
			       r->account,
			       r->owner,
			       r->stage,
			       review_amount(o, r->amount, amount),
			       days,
			       r->close_date,
			       strbuf_str(&codes),
			       strbuf_str(&words)};
	csv_row(stdout, cells, NOPTS(cells));
	strbuf_free(&codes);
	strbuf_free(&words);
}

int
cmd_review_queue(struct cli *c, const struct args *a)
{
	struct queue_query q = {args_get(a, "owner"), c->as_of};
	struct review_out o;
	struct queue_row *v;
	size_t n;
	char day[DATE_LEN];

	if (review_out_init(c, a, &o) != DD_OK)
		return c->err.code;
	if (review_queue(&c->s, &q, &v, &n, &c->err) != DD_OK)
		return c->err.code;
	if (o.csv) {
		const char *h[] = {"id",     "title",         "account",    "owner",   "stage",
				   "amount", "days_in_stage", "close_date", "reasons", "why"};

		csv_row(stdout, h, NOPTS(h));
	} else {
		date_format(c->as_of >= 0 ? c->as_of : date_today(), day);
		review_line("Attention queue as of %s; owner: %s; %zu deal%s", day,
			    q.owner ? q.owner : "everyone", n, n == 1 ? "" : "s");
		out_line(stdout, "%s", "");
		if (n > 0)
			table_header(stdout, text_columns, NOPTS(text_columns));
	}
	for (size_t i = 0; i < n; i++)
		(o.csv ? print_csv : print_text)(&o, &v[i]);
	review_queue_free(v, n);
	return DD_OK;
}
