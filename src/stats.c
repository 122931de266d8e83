#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "money.h"
#include "stats.h"
#include "xmalloc.h"

/*
 * Each statement binds ?1 owner (or NULL), ?2 T as a day number, ?3 the end of
 * day T, ?4 the start of the period, ?5 the end of the period (never past T:
 * history after T does not count). Day counts are differences of UTC day
 * numbers (unixepoch / 86400), so a deal that entered today is 0 days in.
 */
// clang-format off
#define DAY(ts)  "(unixepoch(" ts ") / 86400)"
#define OWNER(d) " AND (?1 IS NULL OR " d ".owner = ?1)"

/*
 * Medians and p90 from a histogram: CTE x(stage, days, amount) grouped into
 * h(stage, days, c, amount) and ranked by running count, so the sort is over
 * (stage, days) pairs, not over every stay (four times faster at a million).
 * The median is the mean of the values at ranks (n + 1) / 2 and (n + 2) / 2;
 * p90 the nearest rank ceil(0.9 n) = (9n + 9) / 10.
 */
#define RANKED                                                                                \
	" h AS (SELECT stage, days, count(*) AS c, sum(amount) AS amount FROM x"              \
	"  GROUP BY stage, days),"                                                            \
	" r AS (SELECT *, sum(c) OVER (PARTITION BY stage ORDER BY days) AS cum,"             \
	"  sum(c) OVER (PARTITION BY stage) AS n FROM h)"
#define RANK(k)  "min(days) FILTER (WHERE cum >= " k ")"
#define MEDIAN   " (" RANK("(n + 1) / 2") " + " RANK("(n + 2) / 2") ") / 2.0"
#define P90      " " RANK("(9 * n + 9) / 10")
#define MEAN     " sum(days * c) * 1.0 / sum(c)"

/*
 * Open at T: deals open now whose stay began by T, and stays that ran across
 * the end of T (an event after T records when the stay it ended began).
 */
#define AGING                                                                                 \
	"WITH x AS ("                                                                         \
	" SELECT d.stage AS stage, ?2 - " DAY("d.stage_entered_at") " AS days, d.amount AS amount" \
	" FROM deals d WHERE d.status = 'open' AND d.stage_entered_at <= ?3" OWNER("d")       \
	" UNION ALL"                                                                          \
	" SELECT e.from_stage, ?2 - " DAY("e.from_entered_at") ", d.amount"                   \
	" FROM stage_events e JOIN deals d ON d.id = e.deal_id"                               \
	" WHERE e.at > ?3 AND e.from_entered_at <= ?3" OWNER("d") "),"                        \
	RANKED                                                                                \
	" SELECT r.stage, sum(c), sum(amount)," MEDIAN "," P90 ", max(days),"                 \
	"  sum(c) FILTER (WHERE days >= s.warn_days), sum(c) FILTER (WHERE days >= s.rot_days)," \
	"  sum(amount) * s.probability / 100.0"                                               \
	" FROM r JOIN stages s ON s.key = r.stage GROUP BY r.stage"
static const char *const aging_sql[] = {AGING, AGING};

/* Each event with from_entered_at ends a stay in from_stage. */
#define DURATION(scan)                                                                        \
	"WITH x AS ("                                                                         \
	" SELECT e.from_stage AS stage, " DAY("e.at") " - " DAY("e.from_entered_at") " AS days," \
	"  0 AS amount"                                                                       \
	" FROM stage_events e" scan " WHERE e.at >= ?4 AND e.at <= ?5 AND e.from_entered_at IS NOT NULL" \
	" AND (?1 IS NULL OR e.deal_id IN (SELECT id FROM deals WHERE owner = ?1))),"         \
	RANKED                                                                                \
	" SELECT stage, sum(c)," MEDIAN "," MEAN " FROM r GROUP BY stage"
static const char *const duration_sql[] = {DURATION(""),
					    DURATION(" INDEXED BY stage_events_stays")};

/*
 * A deal's first entry into a stage within the period (created, moved or
 * reopened there); advanced when by T it reached a later stage or won. When
 * the deal's last event (its stay's start while open, else its close) is by T,
 * its row tells: won, or now (or lost) in a later stage, it got there after
 * the entry. Only the rest look through the deal's later events.
 */
#define CONVERSION(scan)                                                                      \
	"WITH en AS ("                                                                        \
	" SELECT e.deal_id, e.stage, min(e.at) AS at, e.id AS id FROM stage_events e" scan    \
	" WHERE e.status = 'open' AND e.at >= ?4 AND e.at <= ?5"                              \
	" AND (?1 IS NULL OR e.deal_id IN (SELECT id FROM deals WHERE owner = ?1))"           \
	" GROUP BY e.deal_id, e.stage)"                                                       \
	" SELECT en.stage, count(*), sum(CASE"                                                \
	"  WHEN iif(d.status = 'open', d.stage_entered_at, d.closed_at) <= ?3"                \
	"   AND (d.status = 'won' OR sd.position > s.position) THEN 1"                        \
	"  ELSE EXISTS (SELECT 1 FROM stage_events x LEFT JOIN stages sx ON sx.key = x.stage" \
	"   WHERE x.deal_id = en.deal_id AND x.at >= en.at AND x.at <= ?3"                    \
	"   AND (x.at > en.at OR x.id > en.id)"                                               \
	"   AND (x.kind = 'won' OR (x.status = 'open' AND sx.position > s.position))) END)"   \
	" FROM en JOIN stages s ON s.key = en.stage JOIN deals d ON d.id = en.deal_id"        \
	" LEFT JOIN stages sd ON sd.key = d.stage GROUP BY en.stage"
static const char *const conversion_sql[] = {CONVERSION(""),
					      CONVERSION(" INDEXED BY stage_events_entries")};

/*
 * Deals that closed within the period and were still closed at T, with their
 * amount and days from created to closed.
 */
#define CLOSES(scan)                                                                          \
	"WITH c AS ("                                                                         \
	" SELECT e.kind, e.reason, d.amount, " DAY("e.at") " - " DAY("d.created_at") " AS days" \
	" FROM stage_events e" scan " JOIN deals d ON d.id = e.deal_id"                       \
	" WHERE (e.kind = 'won' OR e.kind = 'lost') AND e.at >= ?4 AND e.at <= ?5" OWNER("d") \
	" AND NOT EXISTS (SELECT 1 FROM stage_events y WHERE y.deal_id = e.deal_id"           \
	"   AND y.at >= e.at AND y.at <= ?3 AND (y.at > e.at OR y.id > e.id)))"

/* One row per (kind, reason): counts, amounts and the cycle median of the won. */
#define CLOSES_SQL(scan)                                                                      \
	CLOSES(scan) ", x AS (SELECT CASE WHEN kind = 'won' THEN 'won' ELSE 'lost,' || coalesce(reason, '')" \
	"  END AS stage, days, amount FROM c)," RANKED                                        \
	" SELECT stage, sum(c), sum(amount)," MEDIAN " FROM r GROUP BY stage"
static const char *const closes_sql[] = {CLOSES_SQL(""), CLOSES_SQL(" NOT INDEXED")};

/* Gate passes recorded here (won passes the last gate); imported history is not a move. */
#define MOVES(scan)                                                                           \
	"SELECT count(*), count(e.override) FROM stage_events e" scan                         \
	" WHERE (e.kind = 'forward' OR e.kind = 'won') AND e.imported = 0"                    \
	" AND e.at >= ?4 AND e.at <= ?5"                                                      \
	" AND (?1 IS NULL OR e.deal_id IN (SELECT id FROM deals WHERE owner = ?1))"
static const char *const moves_sql[] = {MOVES(""), MOVES(" NOT INDEXED")};
// clang-format on

struct bounds {
	const char *owner;
	struct give_way *gw; /* NULL: never give way */
	long today;
	int scan; /* 1: the period holds much of the history: read it in order, not by time */
	char t_end[TIMESTAMP_LEN], start[TIMESTAMP_LEN], end[TIMESTAMP_LEN];
};

/* Statements give way to a key only while they step: a failed prepare is fatal. */
static sqlite3_stmt *
prepare_armed(struct db *db, const char *sql, const struct bounds *b)
{
	sqlite3_stmt *st;

	if (b->gw != NULL)
		b->gw->armed = 0;
	st = db_prepare(db, sql);
	if (b->gw != NULL)
		b->gw->armed = 1;
	return st;
}

/* sql: the statement through the time index, and the same reading all in order. */
static sqlite3_stmt *
prepare(struct db *db, const char *const sql[2], const struct bounds *b)
{
	sqlite3_stmt *st = prepare_armed(db, sql[b->scan], b);

	db_bind_text_or_null(st, 1, b->owner);
	sqlite3_bind_int64(st, 2, b->today);
	sqlite3_bind_text(st, 3, b->t_end, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, b->start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, b->end, -1, SQLITE_STATIC);
	return st;
}

static struct stats_stage *
stage_of(struct stats *out, const char *key)
{
	for (size_t i = 0; key != NULL && i < out->nstages; i++)
		if (strcmp(out->stages[i].key, key) == 0)
			return &out->stages[i];
	return NULL; /* a stage the process no longer has */
}

/* Runs sql and hands each row's stage and columns 1.. to fill. */
static int
per_stage(struct db *db, const char *const sql[2], const struct bounds *b, struct stats *out,
	  void (*fill)(struct stats_stage *g, sqlite3_stmt *st), struct dd_err *err)
{
	sqlite3_stmt *st = prepare(db, sql, b);
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct stats_stage *g = stage_of(out, (const char *)sqlite3_column_text(st, 0));

		if (g != NULL)
			fill(g, st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(db, err, "computing stats");
}

static void
fill_aging(struct stats_stage *g, sqlite3_stmt *st)
{
	g->deals = sqlite3_column_double(st, 1);
	g->amount = sqlite3_column_double(st, 2);
	g->median_days = sqlite3_column_double(st, 3);
	g->p90_days = sqlite3_column_double(st, 4);
	g->max_days = sqlite3_column_double(st, 5);
	g->over_warn = sqlite3_column_double(st, 6);
	g->over_rot = sqlite3_column_double(st, 7);
	g->weighted = sqlite3_column_double(st, 8);
}

static void
fill_duration(struct stats_stage *g, sqlite3_stmt *st)
{
	g->exits = sqlite3_column_double(st, 1);
	g->stay_median_days = sqlite3_column_double(st, 2);
	g->stay_mean_days = sqlite3_column_double(st, 3);
}

static double
ratio(double a, double b)
{
	return b > 0 ? a / b : 0; /* over nothing prints as 0 */
}

static void
fill_conversion(struct stats_stage *g, sqlite3_stmt *st)
{
	g->entered = sqlite3_column_double(st, 1);
	g->advanced = sqlite3_column_double(st, 2);
	g->rate = ratio(g->advanced, g->entered);
}

static struct stats_reason *
reason_slot(struct stats *out, const char *code)
{
	for (size_t i = 0; i < out->nreasons; i++)
		if (strcmp(out->reasons[i].code, code) == 0)
			return &out->reasons[i];
	out->reasons = xrealloc(out->reasons, (out->nreasons + 1) * sizeof *out->reasons);
	out->reasons[out->nreasons] = (struct stats_reason){xstrdup(code), 0};
	return &out->reasons[out->nreasons++];
}

/* Won and lost in the period: rows "won" and "lost,REASON". */
static int
closes(struct session *s, const struct bounds *b, struct stats *out, struct dd_err *err)
{
	struct stats_summary *m = &out->summary;
	sqlite3_stmt *st;
	int rc;

	for (size_t i = 0; i < s->proc.lost_reasons.n; i++)
		reason_slot(out, s->proc.lost_reasons.v[i]);
	st = prepare(s->db, closes_sql, b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		double n = sqlite3_column_double(st, 1);

		if (strcmp(key, "won") == 0) {
			m->won = n;
			m->avg_won_amount = ratio(sqlite3_column_double(st, 2), n);
			m->median_cycle_days = sqlite3_column_double(st, 3);
		} else {
			m->lost += n;
			reason_slot(out, key + strlen("lost,"))->deals = n;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DD_OK : db_fail(s->db, err, "computing stats");
}

static int
summary(struct session *s, const struct bounds *b, struct stats *out, struct dd_err *err)
{
	struct stats_summary *m = &out->summary;
	sqlite3_stmt *st;
	int rc;

	if (closes(s, b, out, err) != DD_OK)
		return err->code;
	st = prepare(s->db, moves_sql, b);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		m->forward_moves = sqlite3_column_double(st, 0);
		m->overrides = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(s->db, err, "computing stats");
	for (size_t i = 0; i < out->nstages; i++) {
		m->open_deals += out->stages[i].deals;
		m->open_amount += out->stages[i].amount;
		m->weighted_amount += out->stages[i].weighted;
	}
	m->win_rate = ratio(m->won, m->won + m->lost);
	m->velocity_per_day =
		ratio(m->open_deals * m->win_rate * m->avg_won_amount, m->median_cycle_days);
	m->bypass_rate = ratio(m->overrides, m->forward_moves);
	return DD_OK;
}

/*
 * Whether the period holds over a quarter of all events (ids are dense: history
 * is append-only). Then reading the table, or an index in the order the query
 * groups by, beats fetching each row the time index names: a million events'
 * whole history in 1.5 s instead of 5.3 s.
 */
static int
period_is_large(struct db *db, const struct bounds *b)
{
	sqlite3_stmt *st = prepare_armed(db,
					 "SELECT (SELECT count(*) FROM stage_events"
					 " WHERE at >= ?1 AND at <= ?2) * 4 >"
					 " (SELECT coalesce(max(id), 0) FROM stage_events)",
					 b);
	int large;

	sqlite3_bind_text(st, 1, b->start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b->end, -1, SQLITE_STATIC);
	large = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return large;
}

int
stats_check_period(long from, long to, struct dd_err *err)
{
	char f[DATE_LEN], t[DATE_LEN];

	if (from <= to)
		return DD_OK;
	date_format(from, f);
	date_format(to, t);
	return err_set(err, DD_USAGE, "the period starts (%s) after it ends (%s)", f, t);
}

int
stats_compute(struct session *s, const struct stats_query *q, struct stats *out,
	      struct dd_err *err)
{
	struct bounds b = {.owner = q->owner, .gw = q->give_way};
	int rc;

	memset(out, 0, sizeof *out);
	out->as_of = q->as_of >= 0 ? q->as_of : date_today();
	out->to = q->to >= 0 ? q->to : out->as_of;
	out->from = q->from >= 0 ? q->from : out->to - 89;
	if ((rc = stats_check_period(out->from, out->to, err)) != DD_OK)
		return rc;
	b.today = out->as_of;
	timestamp_end_of_day(out->as_of, b.t_end);
	timestamp_start_of_day(out->from, b.start);
	timestamp_end_of_day(out->to < out->as_of ? out->to : out->as_of, b.end);
	out->nstages = s->proc.nstages;
	out->stages = xcalloc(out->nstages ? out->nstages : 1, sizeof *out->stages);
	for (size_t i = 0; i < out->nstages; i++) {
		out->stages[i].key = s->proc.stages[i].key;
		out->stages[i].label = s->proc.stages[i].label;
	}
	/* One read transaction: every figure from the same state of the database. */
	if ((rc = db_exec(s->db, "BEGIN", err)) != DD_OK) {
		stats_free(out);
		return rc;
	}
	if (b.gw != NULL)
		give_way_start(s->db, b.gw);
	b.scan = period_is_large(s->db, &b);
	rc = b.gw != NULL && b.gw->gave_way
		     ? DD_FAIL /* below */
		     : per_stage(s->db, aging_sql, &b, out, fill_aging, err);
	if (rc == DD_OK)
		rc = per_stage(s->db, duration_sql, &b, out, fill_duration, err);
	if (rc == DD_OK)
		rc = per_stage(s->db, conversion_sql, &b, out, fill_conversion, err);
	if (rc == DD_OK)
		rc = summary(s, &b, out, err);
	if (b.gw != NULL) { /* the rollback runs to its end */
		give_way_stop(s->db);
		b.gw->armed = 0;
		/* Whichever statement it stopped (or a short one that ended first): none of it. */
		if (b.gw->gave_way)
			rc = err_set(err, DD_FAIL, "computing stats: gave way to a key");
	}
	db_rollback(s->db);
	if (rc != DD_OK)
		stats_free(out); /* nothing for the caller to free on failure */
	return rc;
}

void
stats_free(struct stats *st)
{
	for (size_t i = 0; i < st->nreasons; i++)
		free(st->reasons[i].code);
	free(st->reasons);
	free(st->stages);
	memset(st, 0, sizeof *st);
}

/* The metrics of each section: name, format, and where the figure is. */
struct metric_def {
	const char *name;
	enum stats_kind kind;
	size_t offset;
};

#define STAGE(f) offsetof(struct stats_stage, f)
static const struct metric_def aging_defs[] = {
	{"deals", STATS_COUNT, STAGE(deals)},
	{"amount", STATS_AMOUNT, STAGE(amount)},
	{"median_days", STATS_DAYS1, STAGE(median_days)},
	{"p90_days", STATS_DAYS, STAGE(p90_days)},
	{"max_days", STATS_DAYS, STAGE(max_days)},
	{"over_warn", STATS_COUNT, STAGE(over_warn)},
	{"over_rot", STATS_COUNT, STAGE(over_rot)},
};
static const struct metric_def duration_defs[] = {
	{"exits", STATS_COUNT, STAGE(exits)},
	{"median_days", STATS_DAYS1, STAGE(stay_median_days)},
	{"mean_days", STATS_DAYS1, STAGE(stay_mean_days)},
};
static const struct metric_def conversion_defs[] = {
	{"entered", STATS_COUNT, STAGE(entered)},
	{"advanced", STATS_COUNT, STAGE(advanced)},
	{"rate", STATS_RATE, STAGE(rate)},
};
#undef STAGE

#define SUM(f) offsetof(struct stats_summary, f)
static const struct metric_def summary_defs[] = {
	{"open_deals", STATS_COUNT, SUM(open_deals)},
	{"open_amount", STATS_AMOUNT, SUM(open_amount)},
	{"weighted_amount", STATS_AMOUNT, SUM(weighted_amount)},
	{"won", STATS_COUNT, SUM(won)},
	{"lost", STATS_COUNT, SUM(lost)},
	{"win_rate", STATS_RATE, SUM(win_rate)},
	{"avg_won_amount", STATS_AMOUNT, SUM(avg_won_amount)},
	{"median_cycle_days", STATS_DAYS1, SUM(median_cycle_days)},
	{"velocity_per_day", STATS_AMOUNT, SUM(velocity_per_day)},
	{"forward_moves", STATS_COUNT, SUM(forward_moves)},
	{"overrides", STATS_COUNT, SUM(overrides)},
	{"bypass_rate", STATS_RATE, SUM(bypass_rate)},
};
#undef SUM

static const struct section {
	const char *name;
	const struct metric_def *defs;
	size_t n;
} stage_sections[] = {
	{"aging", aging_defs, sizeof aging_defs / sizeof aging_defs[0]},
	{"duration", duration_defs, sizeof duration_defs / sizeof duration_defs[0]},
	{"conversion", conversion_defs, sizeof conversion_defs / sizeof conversion_defs[0]},
};

static double
field(const void *base, size_t offset)
{
	double v;

	memcpy(&v, (const char *)base + offset, sizeof v);
	return v;
}

void
stats_each_metric(const struct stats *st, void (*cb)(const struct stats_metric *m, void *arg),
		  void *arg)
{
	struct stats_metric m;

	for (size_t k = 0; k < sizeof stage_sections / sizeof stage_sections[0]; k++)
		for (size_t i = 0; i < st->nstages; i++)
			for (size_t j = 0; j < stage_sections[k].n; j++) {
				const struct metric_def *d = &stage_sections[k].defs[j];

				m = (struct stats_metric){stage_sections[k].name,
							  st->stages[i].key, d->name, d->kind,
							  field(&st->stages[i], d->offset)};
				cb(&m, arg);
			}
	for (size_t j = 0; j < sizeof summary_defs / sizeof summary_defs[0]; j++) {
		m = (struct stats_metric){"summary", "", summary_defs[j].name,
					  summary_defs[j].kind,
					  field(&st->summary, summary_defs[j].offset)};
		cb(&m, arg);
	}
	for (size_t i = 0; i < st->nreasons; i++) {
		m = (struct stats_metric){"lost_reasons", "", st->reasons[i].code, STATS_COUNT,
					  st->reasons[i].deals};
		cb(&m, arg);
	}
}

/*
 * Half up at 'places' decimals (every figure is >= 0); the epsilon keeps a
 * mean like 0.15, stored as 0.1499…, from rounding down.
 */
static double
round_to(double v, int places)
{
	double scale = places == 4 ? 1e4 : places == 1 ? 10 : 1;

	return v <= 0 ? 0 : (double)(long long)(v * scale + 0.5 + 1e-9) / scale;
}

void
stats_format(enum stats_kind kind, double value, char out[STATS_VALUE_LEN])
{
	switch (kind) {
	case STATS_COUNT:
	case STATS_DAYS:
		snprintf(out, STATS_VALUE_LEN, "%.0f", round_to(value, 0));
		break;
	case STATS_RATE:
		snprintf(out, STATS_VALUE_LEN, "%.4f", round_to(value, 4));
		break;
	case STATS_DAYS1:
		snprintf(out, STATS_VALUE_LEN, "%.1f", round_to(value, 1));
		break;
	case STATS_AMOUNT: /* minor units: whole cents, never negative */
		money_format((int64_t)round_to(value, 0), 0, out);
		break;
	}
}
