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
	char all[64], *save = NULL;

	keys_text(k, all, sizeof all);
	buf[0] = '\0';
	for (char *t = strtok_r(all, " ", &save); t; t = strtok_r(NULL, " ", &save))
		if (buf[0] == '\0' || strlen(t) < strlen(buf))
			snprintf(buf, len, "%s", t);
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

/* The period of a preset, or the one shown when the dates were typed (preset -1). */
static void
period_of(struct ui *u, int preset, long *from, long *to)
{
	if (preset < 0) {
		*from = stats_state(u)->view.st.from;
		*to = stats_state(u)->view.st.to;
		return;
	}
	*to = as_of(u);
	*from = *to - stats_periods[preset].days + 1;
}

/*
 * Other users' commits recompute the figures at most once per STATS_GAP
 * seconds (about a second at 100,000 deals, which keys would wait for): a
 * commit within the gap leaves them pending, and the next draw after it
 * recomputes. The title says when they were computed.
 */
#define STATS_GAP 5
static time_t computed_at;
static int pending;

/* Computes the figures; only when that worked do they, the owner and the period change. */
static int
compute(struct ui *u, const char *owner, int preset, long from, long to, struct dd_err *err)
{
	struct stats_view *v = &stats_state(u)->view;
	struct stats_query q = {owner, u->c->as_of, from, to, NULL};
	struct stats st;
	char *keep = owner ? xstrdup(owner) : NULL;

	if (stats_compute(u->s, &q, &st, err) != DD_OK) {
		free(keep);
		return err->code;
	}
	stats_free(&v->st);
	v->st = st;
	computed_at = time(NULL);
	pending = 0;
	strftime(v->computed, sizeof v->computed, "%H:%M:%S", localtime(&computed_at));
	free(v->owner);
	v->owner = keep;
	v->preset = preset;
	stats_state(u)->dirty = 1;
	return DD_OK;
}

/* compute() with the error on the bottom line. */
static int
show(struct ui *u, const char *owner, int preset)
{
	struct dd_err err;
	long from, to;
	int rc;

	period_of(u, preset, &from, &to);
	err_init(&err);
	rc = compute(u, owner, preset, from, to, &err);
	if (rc != DD_OK)
		set_status(u, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	return rc;
}

/* Opens for the owner the board is filtered to; the period stays as last chosen. */
void
stats_open(struct ui *u)
{
	struct stats_view *v = &stats_state(u)->view;

	if (v->proc == NULL) {
		v->proc = &u->s->proc;
		v->preset = STATS_PERIOD_DEFAULT;
		build_hints(v);
	}
	v->status[0] = '\0';
	v->status_error = 0;
	if (show(u, u->b.filter_owner, v->preset) != DD_OK && v->st.stages == NULL) {
		board_set_status(&u->b, 1, "%s", v->status);
		return;
	}
	v->top = 0;
	ui_show_screen(u, SCREEN_STATS);
	stats_state(u)->dirty = 1;
}

static void
stats_end(struct ui *u)
{
	struct stats_screen *s = u->screen_data[SCREEN_STATS];

	if (s == NULL)
		return;
	stats_free(&s->view.st);
	free(s->view.owner);
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
	const char *cur = stats_state(u)->view.owner;
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

	date_format(stats_state(u)->view.st.from, from);
	date_format(stats_state(u)->view.st.to, to);
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
	struct stats_view *v = &stats_state(u)->view;
	struct dd_err err;
	long from, to;
	int rc;

	err_init(&err);
	if (u->ov == OV_STATS_OWNER) {
		const char *who = form_value(&u->form, form_field(&u->form, TAG_TEXT, 0));
		char *owner = strcmp(who, "everyone") == 0 ? NULL : xstrdup(who);

		period_of(u, v->preset, &from, &to);
		rc = compute(u, owner, v->preset, from, to, &err);
		free(owner);
	} else {
		if (form_date(u, TAG_FROM, "from", &from) != 0 ||
		    form_date(u, TAG_TO, "to", &to) != 0)
			return;
		rc = compute(u, v->owner, -1, from, to, &err);
	}
	if (rc == DD_OK) {
		int owner_form = u->ov == OV_STATS_OWNER;

		ui_close_overlay(u);
		v->top = 0;
		if (owner_form)
			set_status(u, 0, "owner: %s", v->owner ? v->owner : "everyone");
		else
			set_status(u, 0, "%s", "period as typed: p goes back to the presets");
	} else {
		form_message(&u->form, 1, strbuf_str(&err.msg));
	}
	err_free(&err);
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
	case SC_PERIOD:
		if (show(u, v->owner, (v->preset + 1) % (int)nstats_periods) == DD_OK)
			set_status(u, 0, "period: %s", stats_periods[v->preset].label);
		break;
	case SC_DATES:
		open_dates(u);
		break;
	case SC_CLEAR:
		if (show(u, NULL, STATS_PERIOD_DEFAULT) == DD_OK)
			set_status(u, 0, "%s", "everyone, the last 90 days");
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
	time_t now = time(NULL);

	(void)new_process; /* the figures follow it either way */
	pending = 1;
	if (now - computed_at < STATS_GAP && now >= computed_at) {
		stats_state(u)->dirty = 1;
		return; /* stats_draw recomputes once the gap has passed */
	}
	if (show(u, stats_state(u)->view.owner, stats_state(u)->view.preset) == DD_OK)
		set_status(u, 0, "%s", "updated: someone else changed the pipeline");
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

	if (pending && u->ov == OV_NONE && time(NULL) - computed_at >= STATS_GAP)
		stats_changed(u, 0);
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
	.end = stats_end,
};
