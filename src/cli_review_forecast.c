/* dealdeck review forecast: the period by category, commit earned, and the accuracy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_review.h"
#include "commit_rule.h"
#include "csv_write.h"
#include "forecast.h"
#include "output.h"
#include "table.h"

#define WHY_LEN 600

/* Why a deal in a commit stage counts as best case, for one demotion. */
static void
demotion_text(const struct forecast_deal *d, unsigned bit, char *out, size_t len)
{
	const char *why = d->entry_reason ? d->entry_reason : "no reason recorded";

	switch (bit) {
	case DEMOTE_OVERRIDE:
		snprintf(out, len, "moved into %s by an override: %s", d->stage, why);
		break;
	case DEMOTE_IMPORTED:
		snprintf(out, len, "entered %s in imported history, with no buyer evidence",
			 d->stage);
		break;
	case DEMOTE_MOVED_BACK:
		snprintf(out, len, "moved back into %s: %s", d->stage, why);
		break;
	case DEMOTE_REOPENED:
		snprintf(out, len, "reopened into %s: %s", d->stage, why);
		break;
	case DEMOTE_NO_EVIDENCE:
		snprintf(out, len, "entered %s without buyer evidence", d->stage);
		break;
	default: /* DEMOTE_BUYER_OVERDUE */
		if (d->buyer_overdue > 1)
			snprintf(out, len, "buyer plan step \"%s\" was due %s, and %d more",
				 d->overdue_step ? d->overdue_step : "",
				 d->overdue_due ? d->overdue_due : "", d->buyer_overdue - 1);
		else
			snprintf(out, len, "buyer plan step \"%s\" was due %s",
				 d->overdue_step ? d->overdue_step : "",
				 d->overdue_due ? d->overdue_due : "");
		break;
	}
}

/* v with places (1 or 4) decimals, half away from zero: an accuracy may be below 0. */
static void
fixed(double v, int places, const char *suffix, char out[32])
{
	long long scale = places == 4 ? 10000 : 10;
	long long x = (long long)(v * (double)scale + (v >= 0 ? 0.5 + 1e-9 : -0.5 - 1e-9));

	snprintf(out, 32, "%s%lld.%0*lld%s", x < 0 ? "-" : "", llabs(x) / scale, places,
		 llabs(x) % scale, suffix);
}

/* Rates as the CSV prints them (4 decimals), and in percent for the text. */
static void
rate(double v, char out[32])
{
	fixed(v, 4, "", out);
}

static void
percent(double v, char out[32])
{
	fixed(v * 100, 1, "%", out);
}

static const char *const cat_rows[] = {"pipeline", "best_case", "commit", "won"};

static const struct forecast_total *
cat_total(const struct forecast *f, int i)
{
	return i < FORECAST_NCATS ? &f->cat[i] : &f->won;
}

/* --- text --------------------------------------------------------------------------- */

static const struct column total_columns[] = {
	{"category", 10, 0},
	{"deals", 6, 1},
	{"amount", 20, 1},
	{"weighted", 20, 1},
};
static const struct column deal_columns[] = {
	{"id", 6, 1},     {"title", 28, 0},  {"owner", 10, 0},
	{"stage", 10, 0}, {"amount", 18, 1}, {"closes", 10, 0},
};

static void
deal_row(const struct review_out *o, const struct forecast_deal *d)
{
	char id[24], amount[REVIEW_AMOUNT_LEN];
	const char *cells[] = {id, d->title, d->owner, d->stage, amount, d->close_date};

	snprintf(id, sizeof id, "%ld", d->id);
	review_amount(o, d->amount, amount);
	table_row(stdout, deal_columns, NOPTS(deal_columns), cells);
}

static void
text_deals(const struct review_out *o, const struct forecast *f)
{
	long earned = 0, demoted = 0;
	char why[WHY_LEN];

	for (size_t i = 0; i < f->ndeals; i++) {
		earned += f->deals[i].cat == FORECAST_COMMIT;
		demoted += f->deals[i].demoted != 0;
	}
	out_line(stdout, "%s", "");
	out_line(stdout, "Commit, earned by the buyer (%ld)", earned);
	for (size_t i = 0; i < f->ndeals; i++)
		if (f->deals[i].cat == FORECAST_COMMIT)
			deal_row(o, &f->deals[i]);
	out_line(stdout, "%s", "");
	out_line(stdout, "In a commit stage, counted as best case (%ld)", demoted);
	for (size_t i = 0; i < f->ndeals; i++) {
		const struct forecast_deal *d = &f->deals[i];

		if (d->demoted == 0)
			continue;
		deal_row(o, d);
		for (int k = 0; k < DEMOTE_NKINDS; k++)
			if (d->demoted & (1u << k)) {
				demotion_text(d, 1u << k, why, sizeof why);
				review_line("        %-19s %s", demotion_codes[k], why);
			}
	}
}

static void
accuracy_line(const struct review_out *o, const char *what, int64_t forecast, int64_t won,
	      double accuracy)
{
	char a[REVIEW_AMOUNT_LEN], p[32];
	char *f = review_cell(o, review_amount(o, forecast, a), 20, 1);
	char *w = review_cell(o, review_amount(o, won, a), 20, 1);

	percent(accuracy, p);
	out_line(stdout, "  %-17s %s  won %s  accuracy %7s", what, f, w, p);
	free(f);
	free(w);
}

static void
text_accuracy(const struct review_out *o, const struct forecast *f)
{
	char p[32];

	if (!f->ended)
		return;
	out_line(stdout, "%s", "");
	out_line(stdout, "Accuracy");
	if (!f->has_snapshot) {
		out_line(stdout, "  no snapshot before this period");
		return;
	}
	out_line(stdout, "  snapshot %ld, taken %.16s by %s", f->snap.id, f->snap.taken_at,
		 f->snap.login);
	accuracy_line(o, "weighted forecast", f->snap_weighted, f->won.amount,
		      f->weighted_accuracy);
	accuracy_line(o, "commit forecast", f->snap_commit, f->won.amount, f->commit_accuracy);
	percent(f->won_share, p);
	out_line(stdout, "  deals forecast %ld, won in the period %ld: %s", f->snap_deals,
	       f->snap_deals_won, p);
}

static void
print_text(const struct review_out *o, const struct forecast *f, const char *owner)
{
	char name[PERIOD_LEN], first[DATE_LEN], last[DATE_LEN];

	period_name(&f->period, name);
	date_format(f->period.first, first);
	date_format(f->period.last, last);
	review_line("Forecast %s (%s to %s) as of %s; owner: %s", name, first, last, f->t.date,
		    owner ? owner : "everyone");
	out_line(stdout, "%s", "");
	table_header(stdout, total_columns, NOPTS(total_columns));
	for (int i = 0; i < 4; i++) {
		const struct forecast_total *t = cat_total(f, i);
		char deals[24], amount[REVIEW_AMOUNT_LEN], weighted[REVIEW_AMOUNT_LEN];
		const char *cells[] = {cat_rows[i], deals, amount, weighted};

		snprintf(deals, sizeof deals, "%ld", t->deals);
		review_amount(o, t->amount, amount);
		review_amount(o, t->weighted, weighted);
		table_row(stdout, total_columns, NOPTS(total_columns), cells);
	}
	if (f->no_close_date > 0)
		out_line(stdout, "(%ld open deal%s without a close date, in no period)", f->no_close_date,
		       f->no_close_date == 1 ? "" : "s");
	text_deals(o, f);
	text_accuracy(o, f);
}

/* --- csv ---------------------------------------------------------------------------- */

static void
csv4(const char *section, const char *key, const char *metric, const char *value)
{
	const char *cells[] = {section, key, metric, value};

	csv_row(stdout, cells, 4);
}

static void
csv_count(const char *section, const char *key, const char *metric, long v)
{
	char s[24];

	snprintf(s, sizeof s, "%ld", v);
	csv4(section, key, metric, s);
}

static void
print_csv(const struct review_out *o, const struct forecast *f)
{
	char name[PERIOD_LEN], day[DATE_LEN], a[REVIEW_AMOUNT_LEN], r[32], id[24];

	csv4("section", "key", "metric", "value");
	period_name(&f->period, name);
	date_format(f->period.first, day);
	csv4("period", name, "first_day", day);
	date_format(f->period.last, day);
	csv4("period", name, "last_day", day);
	csv4("period", name, "as_of", f->t.date);
	for (int i = 0; i < 4; i++) {
		const struct forecast_total *t = cat_total(f, i);

		csv_count("totals", cat_rows[i], "deals", t->deals);
		csv4("totals", cat_rows[i], "amount", review_amount(o, t->amount, a));
		csv4("totals", cat_rows[i], "weighted", review_amount(o, t->weighted, a));
	}
	csv_count("totals", "no_close_date", "deals", f->no_close_date);
	for (size_t i = 0; i < f->ndeals; i++) {
		const struct forecast_deal *d = &f->deals[i];

		snprintf(id, sizeof id, "%ld", d->id);
		csv4("deal", id, "category", forecast_name(d->cat));
		for (int k = 0; k < DEMOTE_NKINDS; k++)
			if (d->demoted & (1u << k))
				csv4("deal", id, "demoted", demotion_codes[k]);
	}
	if (!f->ended)
		return;
	if (!f->has_snapshot) {
		csv4("accuracy", "snapshot", "none", "no snapshot before this period");
		return;
	}
	csv_count("accuracy", "snapshot", "id", f->snap.id);
	csv4("accuracy", "snapshot", "taken_at", f->snap.taken_at);
	csv4("accuracy", "weighted", "forecast", review_amount(o, f->snap_weighted, a));
	csv4("accuracy", "weighted", "won", review_amount(o, f->won.amount, a));
	rate(f->weighted_accuracy, r);
	csv4("accuracy", "weighted", "accuracy", r);
	csv4("accuracy", "commit", "forecast", review_amount(o, f->snap_commit, a));
	csv4("accuracy", "commit", "won", review_amount(o, f->won.amount, a));
	rate(f->commit_accuracy, r);
	csv4("accuracy", "commit", "accuracy", r);
	csv_count("accuracy", "deals", "forecast", f->snap_deals);
	csv_count("accuracy", "deals", "won", f->snap_deals_won);
	rate(f->won_share, r);
	csv4("accuracy", "deals", "share", r);
}

int
cmd_review_forecast(struct cli *c, const struct args *a)
{
	struct forecast_query q = {args_get(a, "owner"), c->as_of, {0, 0, 0, 0}};
	struct review_out o;
	struct forecast f;

	if (review_out_init(c, a, &o) != DD_OK ||
	    review_period(c, a, c->as_of >= 0 ? c->as_of : date_today(), &q.period) != DD_OK)
		return c->err.code;
	if (forecast_compute(&c->s, &q, &f, &c->err) != DD_OK)
		return c->err.code;
	if (o.csv)
		print_csv(&o, &f);
	else
		print_text(&o, &f, q.owner);
	forecast_free(&f);
	return DD_OK;
}
