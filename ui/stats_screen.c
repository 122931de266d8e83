/* The stats screen (t): its keys, the owner and period forms, and keeping the figures current. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "board_ui.h"

#include "date.h"
#include "deal.h"
#include "help_box.h"
#include "input.h"
#include "hints.h"
#include "keys.h"
#include "screen.h"
#include "text.h"
#include "xmalloc.h"

enum stats_cmd {
	SC_OWNER,
	SC_PERIOD,
	SC_DATES,
	SC_CLEAR,
	SC_PRIVACY,
	SC_UP,
	SC_DOWN,
	SC_PGUP,
	SC_PGDN,
	SC_TOP,
	SC_BOTTOM,
	SC_REDRAW,
	SC_HELP,
	SC_BACK
};

/*
 * The screen's keys: a key of its own, or the keys of a board action (so a
 * [keys] remapping works here too). Own keys are looked up first. Rows with
 * the same help are one line of `?`; a hint is the word on the bottom line.
 */
static const struct stats_key {
	int key;
	enum action action;
	enum stats_cmd cmd;
	const char *hint, *help;
} stats_keys[] = {
	{0, A_OWNER, SC_OWNER, "owner", "show one owner's figures, or everyone's"},
	{'p', A_NONE, SC_PERIOD, "period", "the next period: the last 30, 90, 180, 365 days"},
	{'P', A_NONE, SC_DATES, "dates", "type the period's first and last day"},
	{0, A_CLEAR, SC_CLEAR, "clear", "back to everyone and the last 90 days"},
	{0, A_PRIVACY, SC_PRIVACY, "privacy", "hide or show amounts"},
	{0, A_UP, SC_UP, NULL, "scroll up"},
	{0, A_DOWN, SC_DOWN, "scroll", "scroll down"},
	{0, A_PGUP, SC_PGUP, NULL, "a screenful up"},
	{0, A_PGDN, SC_PGDN, NULL, "a screenful down"},
	{0, A_TOP, SC_TOP, NULL, "the top"},
	{0, A_BOTTOM, SC_BOTTOM, NULL, "the bottom"},
	{0, A_REDRAW, SC_REDRAW, NULL, "redraw the screen"},
	{0, A_HELP, SC_HELP, "help", "this help"},
	{K_ESC, A_NONE, SC_BACK, "board", "back to the board"},
	{0, A_STATS, SC_BACK, NULL, "back to the board"},
	{0, A_QUIT, SC_BACK, NULL, "back to the board"},
};
#define NSTATS_KEYS (sizeof stats_keys / sizeof stats_keys[0])

static const struct stats_key *
lookup(int key)
{
	enum action a = keys_lookup(key);

	for (size_t i = 0; i < NSTATS_KEYS; i++)
		if (stats_keys[i].key != 0 && stats_keys[i].key == key)
			return &stats_keys[i];
	for (size_t i = 0; a != A_NONE && i < NSTATS_KEYS; i++)
		if (stats_keys[i].key == 0 && stats_keys[i].action == a)
			return &stats_keys[i];
	return NULL;
}

/* The keys of a row as the help shows them: "Up k", "p". */
static void
keys_text(const struct stats_key *k, char *buf, size_t len)
{
	if (k->key != 0)
		key_name(k->key, buf, len);
	else
		keys_of(k->action, buf, len);
}

/* The shortest key of a row, for the bottom line: "j" rather than "Down". */
static void
short_key(const struct stats_key *k, char *buf, size_t len)
{
	char all[64];

	keys_text(k, all, sizeof all);
	keys_shortest(all, buf, len);
}

static void
build_hints(struct stats_view *v)
{
	size_t o = 0;

	v->keys[0] = '\0';
	for (size_t i = 0; i < NSTATS_KEYS; i++) {
		char key[32];

		if (stats_keys[i].hint == NULL)
			continue;
		short_key(&stats_keys[i], key, sizeof key);
		if (key[0] != '\0' && o < sizeof v->keys)
			o += (size_t)snprintf(v->keys + o, sizeof v->keys - o, "%s%s %s",
					      o ? "  " : "", key, stats_keys[i].hint);
	}
}

/* The screen's state, made when it is first opened. */
static struct stats_screen *
stats_state(struct ui *u)
{
	if (u->screen_data[SCREEN_STATS] == NULL)
		u->screen_data[SCREEN_STATS] = xcalloc(1, sizeof(struct stats_screen));
	return u->screen_data[SCREEN_STATS];
}

static void
set_status(struct ui *u, int error, const char *fmt, const char *arg)
{
	struct stats_view *v = &stats_state(u)->view;

	snprintf(v->status, sizeof v->status, fmt, arg);
	v->status_error = error;
	stats_state(u)->dirty = 1;
}

/* T: the board's --as-of, else today. */
static long
as_of(struct ui *u)
{
	return u->c->as_of >= 0 ? u->c->as_of : date_today();
}

/* The period of a preset, or the one last asked for when the dates were typed (preset -1). */
static void
period_of(struct ui *u, int preset, long *from, long *to)
{
	if (preset < 0) {
		*from = stats_state(u)->job.want.from;
		*to = stats_state(u)->job.want.to;
		return;
	}
	*to = as_of(u);
	*from = *to - stats_periods[preset].days + 1;
}

/*
 * Asks for the figures of owner (NULL: everyone) over a period; done is the
 * status line once they are in. They are computed between keys (stats_idle):
 * until then the screen shows the figures it had, saying they are being
 * recomputed, and the keys work.
 */
static void
ask(struct ui *u, const char *owner, int preset, long from, long to, const char *done)
{
	struct stats_screen *s = stats_state(u);
	struct stats_query q = {owner, u->c->as_of, from, to, NULL};

	stats_job_want(&s->job, &q);
	s->want_preset = preset;
	snprintf(s->done, sizeof s->done, "%s", done);
	s->dirty = 1;
}

static void
ask_preset(struct ui *u, const char *owner, int preset, const char *done)
{
	long from, to;

	period_of(u, preset, &from, &to);
	ask(u, owner, preset, from, to, done);
}

/* The owner of the figures asked for last (they may not be in yet). */
static const char *
wanted_owner(struct ui *u)
{
	return stats_state(u)->job.want.owner;
}

/* Opens for the owner the board is filtered to; the period stays as last chosen. */
void
stats_open(struct ui *u)
{
	struct stats_screen *s = stats_state(u);
	struct stats_view *v = &s->view;

	if (v->proc == NULL) {
		v->proc = &u->s->proc;
		v->preset = s->want_preset = STATS_PERIOD_DEFAULT;
		build_hints(v);
	}
	v->status[0] = '\0';
	v->status_error = 0;
	ask_preset(u, u->b.filter_owner, s->want_preset, "");
	v->top = 0;
	ui_show_screen(u, SCREEN_STATS);
}

/*
 * Other users' commits recompute the figures at most once per STATS_GAP
 * seconds (about a second of work at 100,000 deals): a commit within the gap
 * leaves them pending until it has passed. The title says when they were
 * computed.
 */
#define STATS_GAP 5

/* The figures asked for are in: they, their owner and their period are shown. */
static void
adopt(struct ui *u)
{
	struct stats_screen *s = stats_state(u);
	struct stats_view *v = &s->view;

	free(v->owner);
	v->owner = wanted_owner(u) ? xstrdup(wanted_owner(u)) : NULL;
	v->preset = s->want_preset;
	s->computed_at = time(NULL);
	s->pending = 0;
	strftime(v->computed, sizeof v->computed, "%H:%M:%S", localtime(&s->computed_at));
	if (s->done[0] != '\0')
		set_status(u, 0, "%s", s->done);
}

/* Computes what was asked while no key waits; 1 when there is something new to draw. */
static int
stats_idle(struct ui *u)
{
	struct stats_screen *s = stats_state(u);
	struct dd_err err;
	enum stats_job_result r;

	if (s->pending && !s->job.due && u->ov == OV_NONE &&
	    !(time(NULL) - s->computed_at < STATS_GAP && time(NULL) >= s->computed_at)) {
		ask_preset(u, wanted_owner(u), s->want_preset,
			   "updated: someone else changed the pipeline");
		s->pending = 0;
	}
	err_init(&err);
	r = stats_job_run(&s->job, u->s, screen_key_waiting, NULL, &s->view.st, &err);
	if (r == STATS_JOB_DONE) {
		adopt(u);
	} else if (r == STATS_JOB_FAILED && s->view.st.stages == NULL) {
		/* No figures at all: back to the board, which says why. */
		ui_show_board(u);
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	} else if (r == STATS_JOB_FAILED) {
		set_status(u, 1, "%s", strbuf_str(&err.msg));
		/* The next p or o goes on from the figures shown. */
		s->want_preset = s->view.preset;
		stats_job_want(&s->job,
			       &(struct stats_query){s->view.owner, u->c->as_of, s->view.st.from,
						     s->view.st.to, NULL});
		s->job.due = 0;
	}
	err_free(&err);
	s->dirty |= r != STATS_JOB_IDLE && r != STATS_JOB_GAVE_WAY;
	return r == STATS_JOB_DONE || r == STATS_JOB_FAILED;
}

/* What was asked for last: the presenter's figures once they are in. */
void
stats_shown(struct ui *u, const char **owner, int *preset, long *from, long *to)
{
	struct stats_screen *s = stats_state(u);

	*owner = wanted_owner(u);
	*preset = s->want_preset;
	*from = s->want_preset < 0 ? s->job.want.from : 0;
	*to = s->want_preset < 0 ? s->job.want.to : 0;
}

void
stats_follow(struct ui *u, const char *owner, int preset, long from, long to)
{
	struct stats_screen *s = stats_state(u);
	struct stats_view *v = &s->view;
	const char *was = wanted_owner(u) ? wanted_owner(u) : "";

	if (preset >= (int)nstats_periods || preset < -1 || (preset < 0 && from > to))
		preset = STATS_PERIOD_DEFAULT; /* not a period this version knows */
	if (v->proc == NULL) {
		v->proc = &u->s->proc;
		v->preset = s->want_preset = STATS_PERIOD_DEFAULT;
		build_hints(v);
	} else if (u->view.screen == SCREEN_STATS && s->want_preset == preset &&
		   strcmp(was, owner ? owner : "") == 0 &&
		   (preset >= 0 || (s->job.want.from == from && s->job.want.to == to))) {
		s->dirty = 1; /* privacy, say: nothing to compute */
		return;
	}
	if (preset >= 0)
		period_of(u, preset, &from, &to);
	v->status[0] = '\0';
	v->status_error = 0;
	ask(u, owner, preset, from, to, "");
	if (u->view.screen != SCREEN_STATS) {
		v->top = 0;
		ui_show_screen(u, SCREEN_STATS);
	}
}

static void
stats_end(struct ui *u)
{
	struct stats_screen *s = u->screen_data[SCREEN_STATS];

	if (s == NULL)
		return;
	stats_free(&s->view.st);
	free(s->view.owner);
	stats_job_free(&s->job);
	free(s);
	u->screen_data[SCREEN_STATS] = NULL;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A choice of everyone, the team and whoever owns a deal, as the board's owner filter. */
static void
open_owner(struct ui *u)
{
	const struct process *p = &u->s->proc;
	const char *cur = wanted_owner(u);
	struct strvec names = {0}, owners = {0};
	struct dd_err err;
	struct field *f;

	strvec_push(&names, "everyone");
	for (size_t i = 0; i < p->nteam; i++)
		if (!strvec_contains(&names, p->team[i].login))
			strvec_push(&names, p->team[i].login);
	err_init(&err);
	if (deal_owners(u->s->db, &owners, &err) != DD_OK)
		set_status(u, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	for (size_t i = 0; i < owners.n; i++)
		if (!strvec_contains(&names, owners.v[i]))
			strvec_push(&names, owners.v[i]);
	strvec_free(&owners);
	if (cur != NULL && !strvec_contains(&names, cur))
		strvec_push(&names, cur);
	qsort(names.v + 1, names.n - 1, sizeof *names.v, by_name);
	form_init(&u->form, " Stats of one owner ");
	form_info(&u->form, "", "Left and Right choose, Enter shows the figures.", ROLE_DIM);
	f = form_choice(&u->form, "owner", (const char *const *)names.v, (int)names.n, TAG_TEXT);
	for (size_t i = 1; cur != NULL && i < names.n; i++)
		if (strcmp(names.v[i], cur) == 0)
			f->choice = (int)i;
	strvec_free(&names);
	u->ov = OV_STATS_OWNER;
}

static void
open_dates(struct ui *u)
{
	char from[DATE_LEN], to[DATE_LEN];

	date_format(stats_state(u)->job.want.from, from);
	date_format(stats_state(u)->job.want.to, to);
	form_init(&u->form, " Stats of a period ");
	form_info(&u->form, "", "The first and the last day, both included (YYYY-MM-DD).",
		  ROLE_DIM);
	form_text(&u->form, "from", from, TAG_FROM);
	form_text(&u->form, "to", to, TAG_TO);
	u->ov = OV_STATS_PERIOD;
}

/* A bad date keeps the form open and says which. */
static int
form_date(struct ui *u, int tag, const char *name, long *day)
{
	const char *s = form_value(&u->form, form_field(&u->form, tag, 0));
	char *msg;

	if (date_parse(s, day) == 0)
		return 0;
	msg = xasprintf("%s '%s' is not a date (YYYY-MM-DD)", name, s);
	form_message(&u->form, 1, msg);
	free(msg);
	return -1;
}

static void
submit(struct ui *u)
{
	struct stats_screen *s = stats_state(u);
	struct dd_err err;
	long from, to;

	if (u->ov == OV_STATS_OWNER) {
		const char *who = form_value(&u->form, form_field(&u->form, TAG_TEXT, 0));
		char *done = xasprintf("owner: %s", who);

		ask_preset(u, strcmp(who, "everyone") == 0 ? NULL : who, s->want_preset, done);
		free(done);
	} else {
		if (form_date(u, TAG_FROM, "from", &from) != 0 ||
		    form_date(u, TAG_TO, "to", &to) != 0)
			return;
		err_init(&err);
		if (stats_check_period(from, to, &err) != DD_OK) {
			form_message(&u->form, 1, strbuf_str(&err.msg));
			err_free(&err);
			return;
		}
		err_free(&err);
		ask(u, wanted_owner(u), -1, from, to,
		    "period as typed: p goes back to the presets");
	}
	ui_close_overlay(u);
	s->view.top = 0;
}

static void
form_key_stats(struct ui *u, int key)
{
	enum form_result r = form_key(&u->form, key);

	if (r == FORM_CANCEL) {
		ui_close_overlay(u);
		set_status(u, 0, "%s", "cancelled: the figures are as they were");
	} else if (r == FORM_SUBMIT) {
		submit(u);
	}
}

static void
command(struct ui *u, enum stats_cmd cmd)
{
	struct stats_view *v = &stats_state(u)->view;
	int page = stats_view_page(&u->cv);

	switch (cmd) {
	case SC_OWNER:
		open_owner(u);
		break;
	case SC_PERIOD: {
		int next = (stats_state(u)->want_preset + 1) % (int)nstats_periods;
		char *done = xasprintf("period: %s", stats_periods[next].label);

		ask_preset(u, wanted_owner(u), next, done);
		free(done);
		break;
	}
	case SC_DATES:
		open_dates(u);
		break;
	case SC_CLEAR:
		ask_preset(u, NULL, STATS_PERIOD_DEFAULT, "everyone, the last 90 days");
		break;
	case SC_PRIVACY:
		u->b.privacy =
			!u->b.privacy; /* the board's too: one switch for the screen share */
		set_status(u, 0, "amounts %s", u->b.privacy ? "hidden" : "shown");
		break;
	case SC_UP:
	case SC_DOWN:
	case SC_PGUP:
	case SC_PGDN:
	case SC_TOP:
	case SC_BOTTOM: {
		static const int steps[] = {-1, 1, 0, 0, INT_MIN, INT_MAX};
		int d = steps[cmd - SC_UP];

		if (cmd == SC_PGUP || cmd == SC_PGDN)
			d = cmd == SC_PGUP ? -page : page;
		stats_view_scroll(v, &u->cv, d);
		break;
	}
	case SC_REDRAW:
		screen_invalidate();
		break;
	case SC_HELP:
		u->ov = OV_HELP;
		break;
	case SC_BACK:
		ui_show_board(u);
		break;
	}
}

static void
stats_key(struct ui *u, int key)
{
	const struct stats_key *k;

	stats_state(u)->dirty = 1;
	if (key == K_CTRL_C) {
		u->quit = 1;
		return;
	}
	if (u->ov == OV_HELP) { /* any key closes it */
		u->ov = OV_NONE;
		return;
	}
	if (u->ov != OV_NONE) {
		form_key_stats(u, key);
		return;
	}
	stats_state(u)->view.status[0] = '\0';
	stats_state(u)->view.status_error = 0;
	if ((k = lookup(key)) != NULL)
		command(u, k->cmd);
}

static void
stats_mouse(struct ui *u, int y, int x, int button)
{
	(void)y;
	(void)x;
	if (u->ov != OV_NONE || (button != 4 && button != 5))
		return;
	stats_view_scroll(&stats_state(u)->view, &u->cv, button == 4 ? -3 : 3);
	stats_state(u)->dirty = 1;
}

static void
stats_changed(struct ui *u, int new_process)
{
	struct stats_screen *s = stats_state(u);

	/* The figures name the old process's stages: they go, and the new ones come at once. */
	if (new_process) {
		stats_free(&s->view.st);
		ask_preset(u, wanted_owner(u), s->want_preset, "");
	} else {
		s->pending = 1; /* stats_idle recomputes once the gap has passed */
	}
	s->dirty = 1;
}

/* The screen's keys, one line per thing they do (keys that do the same share it). */
static void
draw_help(struct ui *u)
{
	const char *keys[NSTATS_KEYS], *helps[NSTATS_KEYS];
	char buf[NSTATS_KEYS][96];
	int n = 0;

	for (size_t i = 0; i < NSTATS_KEYS; i++) {
		int line = 0;

		while (line < n && strcmp(helps[line], stats_keys[i].help) != 0)
			line++;
		if (line == n) {
			buf[n][0] = '\0';
			keys[n] = buf[n];
			helps[n++] = stats_keys[i].help;
		}
		char one[64];
		size_t o = strlen(buf[line]);

		keys_text(&stats_keys[i], one, sizeof one);
		if (one[0] != '\0')
			snprintf(buf[line] + o, sizeof buf[line] - o, "%s%s", o ? " " : "", one);
	}
	int top = 0; /* it fits at 80x24: any key closes it */

	help_box(&u->cv, " Stats keys (any key closes) ", n, keys, helps, 12, 64, &top);
}

static void
stats_draw(struct ui *u)
{
	struct stats_screen *s = stats_state(u);
	int cy = -1, cx = -1;

	if (s->view.computing != s->job.due) {
		s->view.computing = s->job.due;
		s->dirty = 1;
	}
	if (!s->dirty && s->w == u->cv.w && s->h == u->cv.h)
		return;
	s->view.privacy = u->b.privacy;
	stats_view_draw(&s->view, &u->cv);
	if (u->cv.w >= LAYOUT_MIN_W && u->cv.h >= LAYOUT_MIN_H) {
		if (u->ov == OV_HELP)
			draw_help(u);
		else if (u->ov != OV_NONE)
			form_draw(&u->form, &u->cv, &cy, &cx);
	}
	s->dirty = 0;
	s->w = u->cv.w;
	s->h = u->cv.h;
	screen_put(&u->cv, 0, u->cv.h);
	screen_flush(cy, cx);
}

static void
stats_resize(struct ui *u)
{
	stats_state(u)->dirty = 1;
}

const struct screen_mode stats_mode = {
	.name = "stats",
	.draw = stats_draw,
	.key = stats_key,
	.mouse = stats_mouse,
	.changed = stats_changed,
	.resize = stats_resize,
	.idle = stats_idle,
	.end = stats_end,
};
