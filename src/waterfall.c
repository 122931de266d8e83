#include <inttypes.h>

#include "waterfall.h"
#include "xmalloc.h"

const struct wf_row_def waterfall_rows[WF_NROWS] = {
	[WF_START] = {"start", "start", 0},
	[WF_CREATED] = {"created", "created", 1},
	[WF_PULLED_IN] = {"pulled_in", "pulled in", 1},
	[WF_INCREASED] = {"increased", "increased", 1},
	[WF_DECREASED] = {"decreased", "decreased", -1},
	[WF_PUSHED_OUT] = {"pushed_out", "pushed out", -1},
	[WF_LOST] = {"lost", "lost", -1},
	[WF_WON] = {"won", "won", -1},
	[WF_END] = {"end", "end", 0},
};

enum wf_row
waterfall_bucket(const struct period *p, const struct wf_deal *d, int64_t *value)
{
	int in_start = d->in_snapshot && period_has(p, d->was_close);
	int in_end = d->now == WF_NOW_OPEN && period_has(p, d->close);

	*value = 0;
	if (in_start && in_end) {
		*value = d->amount > d->was_amount ? d->amount - d->was_amount
						   : d->was_amount - d->amount;
		return d->amount > d->was_amount   ? WF_INCREASED
		       : d->amount < d->was_amount ? WF_DECREASED
						   : WF_NONE;
	}
	if (in_start) {
		*value = d->was_amount;
		return d->now == WF_NOW_WON    ? WF_WON
		       : d->now == WF_NOW_LOST ? WF_LOST
					       : WF_PUSHED_OUT;
	}
	if (in_end) {
		*value = d->amount;
		return !d->in_snapshot && d->new_since ? WF_CREATED : WF_PULLED_IN;
	}
	return WF_NONE;
}

enum wf_row
waterfall_add(struct waterfall *w, const struct wf_deal *d)
{
	int64_t value;
	enum wf_row b = waterfall_bucket(&w->period, d, &value);

	if (d->in_snapshot && period_has(&w->period, d->was_close)) {
		w->row[WF_START].deals++;
		w->row[WF_START].amount += d->was_amount;
	}
	if (d->now == WF_NOW_OPEN && period_has(&w->period, d->close)) {
		w->row[WF_END].deals++;
		w->row[WF_END].amount += d->amount;
	}
	if (b != WF_NONE) {
		w->row[b].deals++;
		w->row[b].amount += value;
	}
	return b;
}

int
waterfall_adds_up(const struct waterfall *w)
{
	int64_t amount = w->row[WF_START].amount;
	long deals = w->row[WF_START].deals;

	for (int r = WF_START + 1; r < WF_END; r++) {
		amount += waterfall_rows[r].sign * w->row[r].amount;
		/* a change of amount moves no deal in or out */
		if (r != WF_INCREASED && r != WF_DECREASED)
			deals += waterfall_rows[r].sign * w->row[r].deals;
	}
	return amount == w->row[WF_END].amount && deals == w->row[WF_END].deals;
}

void
waterfall_check(const struct waterfall *w, const struct wf_line *start, const struct wf_line *end)
{
	if (!waterfall_adds_up(w) || w->row[WF_START].amount != start->amount ||
	    w->row[WF_START].deals != start->deals || w->row[WF_END].amount != end->amount ||
	    w->row[WF_END].deals != end->deals)
		fatal("the waterfall does not add up: start %ld/%" PRId64 " (counted %ld/%" PRId64
		      "), end %ld/%" PRId64 " (counted %ld/%" PRId64 ")",
		      w->row[WF_START].deals, w->row[WF_START].amount, start->deals, start->amount,
		      w->row[WF_END].deals, w->row[WF_END].amount, end->deals, end->amount);
}
