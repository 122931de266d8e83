/* dealdeck review diff: the changes since a snapshot, by section, and the waterfall. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_review.h"
#include "csv_write.h"
#include "output.h"
#include "review_diff.h"
#include "strbuf.h"
#include "table.h"
#include "xmalloc.h"

#define WHAT_LEN 1024

/* What changed, in words, for section k; *more gets lines to print below it. */
static void
what(const struct review_out *o, const struct diff_deal *d, enum change_kind k, char *out,
     size_t len)
{
	char a[REVIEW_AMOUNT_LEN], b[REVIEW_AMOUNT_LEN], delta[REVIEW_AMOUNT_LEN];
	const char *arrow = review_arrow(o);
	long moved = d->close_moved < 0 ? -d->close_moved : d->close_moved;
	/* the amount of new, won and lost deals in a column */
	char *am = review_cell(o, review_amount(o, d->amount, a), 16, 1);

	switch (k) {
	case CH_NEW:
		snprintf(out, len, "%-10s %s  closes %s",
			 strcmp(d->status, "open") == 0 ? d->stage : d->status, am,
			 d->close_date ? d->close_date : "-");
		break;
	case CH_ADVANCED:
	case CH_MOVED_BACK:
		snprintf(out, len, "%s %s %s%s%s", d->was_stage, arrow, d->stage,
			 k == CH_MOVED_BACK ? ": " : "",
			 k == CH_MOVED_BACK ? (d->reason ? d->reason : "no reason recorded") : "");
		break;
	case CH_WON:
		snprintf(out, len, "%s  won %.10s from %s", am, d->event_at, d->stage);
		break;
	case CH_LOST:
		snprintf(out, len, "%s  lost %.10s from %s: %s%s%s", am, d->event_at, d->stage,
			 d->lost_reason ? d->lost_reason : "", d->lost_note ? ", " : "",
			 d->lost_note ? d->lost_note : "");
		break;
	case CH_REOPENED:
		snprintf(out, len, "into %s: %s", d->stage, d->reason ? d->reason : "");
		break;
	case CH_AMOUNT_UP:
	case CH_AMOUNT_DOWN:
		review_amount(o, d->was_amount, a);
		review_amount(o, d->amount, b);
		review_amount(o,
			      d->amount > d->was_amount ? d->amount - d->was_amount
							: d->was_amount - d->amount,
			      delta);
		snprintf(out, len, "%s %s %s (%s%s)", a, arrow, b, k == CH_AMOUNT_UP ? "+" : "-",
			 delta);
		break;
	case CH_PUSHED_OUT:
	case CH_PULLED_IN:
		if (d->was_close == NULL || d->close_date == NULL)
			snprintf(out, len, "%s %s %s (%s)", d->was_close ? d->was_close : "none",
				 arrow, d->close_date ? d->close_date : "none",
				 d->close_date ? "set" : "cleared");
		else
			snprintf(out, len, "%s %s %s (by %ld day%s)", d->was_close, arrow,
				 d->close_date, moved, moved == 1 ? "" : "s");
		break;
	case CH_OWNER:
		snprintf(out, len, "%s %s %s", d->was_owner, arrow, d->owner);
		break;
	default:
		snprintf(out, len, "%s", "");
	}
	free(am);
}

/* --- text --------------------------------------------------------------------------- */

static void
text_section(const struct review_out *o, const struct review_diff *r, enum change_kind k)
{
	char buf[WHAT_LEN];
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += (r->deals[i].changes >> k) & 1;
	if (n == 0)
		return; /* a mail lists what happened */
	out_line(stdout, "%s", "");
	out_line(stdout, "%s (%zu)", change_defs[k].title, n);
	for (size_t i = 0; i < r->n; i++) {
		const struct diff_deal *d = &r->deals[i];

		if (!((d->changes >> k) & 1))
			continue;
		char *title = review_cell(o, d->title, 28, 0),
		     *owner = review_cell(o, d->owner, 10, 0);

		what(o, d, k, buf, sizeof buf);
		review_line("  #%-5ld %s  %s  %s", d->id, title, owner, buf);
		free(title);
		free(owner);
		if (k != CH_ADVANCED)
			continue;
		for (size_t j = 0; j < d->evidence.n; j++)
			review_line("         buyer: %s", d->evidence.v[j]);
		if (d->override)
			review_line("         override: %s", d->override);
		if (d->evidence.n == 0 && d->override == NULL)
			out_line(stdout, "         no buyer evidence recorded");
	}
}

static void
text_waterfall(const struct review_out *o, const struct review_diff *r)
{
	char name[PERIOD_LEN], first[DATE_LEN], last[DATE_LEN], a[REVIEW_AMOUNT_LEN];

	period_name(&r->wf.period, name);
	date_format(r->wf.period.first, first);
	date_format(r->wf.period.last, last);
	out_line(stdout, "%s", "");
	out_line(stdout, "Waterfall %s (%s to %s): open deals closing in the period", name, first,
		 last);
	for (int i = 0; i < WF_NROWS; i++) {
		const struct wf_row_def *w = &waterfall_rows[i];
		const char *sign = i == WF_END ? "=" : w->sign > 0 ? "+" : w->sign < 0 ? "-" : " ";

		char *cell = review_cell(o, review_amount(o, r->wf.row[i].amount, a), 22, 1);

		out_line(stdout, "  %s %-11s %6ld  %s", sign, w->label, r->wf.row[i].deals, cell);
		free(cell);
	}
	if (r->came_and_went.deals > 0)
		out_line(stdout, "  (not in it: %ld deal%s opened and closed again since the snapshot)",
		       r->came_and_went.deals, r->came_and_went.deals == 1 ? "" : "s");
}

static void
print_text(const struct review_out *o, const struct review_diff *r, const char *owner)
{
	review_line("Changes since snapshot %ld (taken %.16s by %s%s%s%s) to the end of %s; "
		    "owner: %s",
		    r->snap.id, r->snap.taken_at, r->snap.login, r->snap.note ? ", \"" : "",
		    r->snap.note ? r->snap.note : "", r->snap.note ? "\"" : "", r->t.date,
		    owner ? owner : "everyone");
	if (r->n == 0) {
		out_line(stdout, "%s", "");
		out_line(stdout, "No changes.");
	}
	for (int k = 0; k < CH_NKINDS; k++)
		text_section(o, r, (enum change_kind)k);
	text_waterfall(o, r);
}

/* --- csv ---------------------------------------------------------------------------- */

#define NCSV 9

static void
csv_change(const struct review_out *o, const struct diff_deal *d, enum change_kind k)
{
	char id[24], amount[REVIEW_AMOUNT_LEN], from[REVIEW_AMOUNT_LEN], to[REVIEW_AMOUNT_LEN];
	struct strbuf detail;
	const char *f = "", *t = "";

	strbuf_init(&detail);
	snprintf(id, sizeof id, "%ld", d->id);
	switch (k) {
	case CH_NEW:
		t = strcmp(d->status, "open") == 0 ? d->stage : d->status;
		strbuf_puts(&detail, d->close_date ? d->close_date : "");
		break;
	case CH_ADVANCED:
		f = d->was_stage, t = d->stage;
		for (size_t j = 0; j < d->evidence.n; j++)
			strbuf_printf(&detail, "%s%s", j ? "; " : "", d->evidence.v[j]);
		if (d->override)
			strbuf_printf(&detail, "%soverride: %s", detail.len ? "; " : "",
				      d->override);
		break;
	case CH_MOVED_BACK:
		f = d->was_stage, t = d->stage;
		strbuf_puts(&detail, d->reason ? d->reason : "");
		break;
	case CH_WON:
	case CH_LOST:
		f = d->stage, t = d->status;
		strbuf_printf(&detail, "%.10s", d->event_at);
		if (k == CH_LOST)
			strbuf_printf(&detail, " %s%s%s", d->lost_reason ? d->lost_reason : "",
				      d->lost_note ? ": " : "", d->lost_note ? d->lost_note : "");
		break;
	case CH_REOPENED:
		t = d->stage;
		strbuf_puts(&detail, d->reason ? d->reason : "");
		break;
	case CH_AMOUNT_UP:
	case CH_AMOUNT_DOWN:
		f = review_amount(o, d->was_amount, from);
		t = review_amount(o, d->amount, to);
		break;
	case CH_PUSHED_OUT:
	case CH_PULLED_IN:
		f = d->was_close ? d->was_close : "", t = d->close_date ? d->close_date : "";
		if (d->was_close && d->close_date)
			strbuf_printf(&detail, "%ld", d->close_moved);
		break;
	case CH_OWNER:
		f = d->was_owner, t = d->owner;
		break;
	default:
		break;
	}
	const char *cells[NCSV] = {change_defs[k].key,
				   id,
				   d->title,
				   d->owner,
				   f,
				   t,
				   review_amount(o, d->amount, amount),
				   "",
				   strbuf_str(&detail)};
	csv_row(stdout, cells, NCSV);
	strbuf_free(&detail);
}

static void
print_csv(const struct review_out *o, const struct review_diff *r)
{
	const char *h[NCSV] = {"section", "id",     "title", "owner", "from",
			       "to",      "amount", "deals", "detail"};

	csv_row(stdout, h, NCSV);
	for (int k = 0; k < CH_NKINDS; k++)
		for (size_t i = 0; i < r->n; i++)
			if ((r->deals[i].changes >> k) & 1)
				csv_change(o, &r->deals[i], (enum change_kind)k);
	for (int i = 0; i < WF_NROWS; i++) {
		char amount[REVIEW_AMOUNT_LEN], deals[24];
		const char *cells[NCSV] = {"waterfall",
					   "",
					   waterfall_rows[i].key,
					   "",
					   "",
					   "",
					   review_amount(o, r->wf.row[i].amount, amount),
					   deals,
					   ""};

		snprintf(deals, sizeof deals, "%ld", r->wf.row[i].deals);
		csv_row(stdout, cells, NCSV);
	}
}

int
cmd_review_diff(struct cli *c, const struct args *a)
{
	struct diff_query q = {args_get(a, "since"), args_get(a, "owner"), c->as_of, {0, 0, 0, 0}};
	struct review_out o;
	struct review_diff r;

	if (review_out_init(c, a, &o) != DD_OK ||
	    review_period(c, a, c->as_of >= 0 ? c->as_of : date_today(), &q.period) != DD_OK)
		return c->err.code;
	if (review_diff_compute(&c->s, &q, &r, &c->err) != DD_OK)
		return c->err.code;
	if (o.csv)
		print_csv(&o, &r);
	else
		print_text(&o, &r, q.owner);
	review_diff_free(&r);
	return DD_OK;
}
