/*
 * Follow mode: --present writes the view (struct follow_view, plain data) to the
 * presence table on each change and beats; --follow LOGIN reads that one row when
 * the database changed and applies it, drawn at its own size and theme. The SQL
 * is src/presence.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "board_ui.h"
#include "follow.h"
#include "input.h"
#include "keys.h"
#include "presence.h"
#include "xmalloc.h"

/* The boxes over a screen that are handed on; forms never are. */
enum follow_overlay { FOLLOW_NO_BOX, FOLLOW_HELP, FOLLOW_DETAIL };

/*
 * What a follower sees of the presenter: every field is the presenter's.
 * Scroll positions that depend on the screen's size go as what is at the top
 * (review mode's line of the page), never as rows.
 */
struct follow_view {
	enum screen_id screen;
	long sel;    /* the selected deal on the board; 0: none */
	int first_col; /* the column scroll anchor */
	enum pane_kind pane;
	int pane_sel;
	long review; /* review mode's deal */
	int privacy;
	int order;
	unsigned problems;
	char owner[64], text[128]; /* filters; "" for none */
	enum follow_overlay overlay; /* help (?) or the detail view (Enter) of sel */
	int review_line;             /* review mode's page: the line at the top */
	int stats_preset;            /* the stats screen's period, see stats_shown */
	long stats_from, stats_to;
	char stats_owner[64]; /* "" for everyone */
};

static void
capture(struct ui *u, struct follow_view *v)
{
	memset(v, 0, sizeof *v);
	v->screen = u->view.screen;
	v->sel = ui_selected_id(u);
	v->first_col = u->b.first_col;
	v->pane = u->pane.kind;
	v->pane_sel = u->pane.sel;
	v->review = u->view.screen == SCREEN_REVIEW ? u->view.deal : 0;
	v->privacy = u->b.privacy;
	v->order = (int)u->b.order;
	v->problems = u->b.problems;
	snprintf(v->owner, sizeof v->owner, "%s", u->b.filter_owner ? u->b.filter_owner : "");
	snprintf(v->text, sizeof v->text, "%s", u->b.filter_text ? u->b.filter_text : "");
	v->overlay = u->ov == OV_HELP     ? FOLLOW_HELP
		     : u->ov == OV_DETAIL ? FOLLOW_DETAIL
					  : FOLLOW_NO_BOX;
	v->review_line = review_top_line(u);
	if (u->view.screen == SCREEN_STATS) {
		const char *owner;

		stats_shown(u, &owner, &v->stats_preset, &v->stats_from, &v->stats_to);
		snprintf(v->stats_owner, sizeof v->stats_owner, "%s", owner ? owner : "");
	}
}

/*
 * The numbers on the first line (v2 adds five to v1's nine), then one line
 * each: the owner filter, the stats screen's owner (v2), the text filter last
 * (it may hold spaces).
 */
static char *
encode(const struct follow_view *v)
{
	return xasprintf("v2 %d %ld %d %d %d %ld %d %d %u %d %d %d %ld %ld\n%s\n%s\n%s",
			 (int)v->screen, v->sel, v->first_col, (int)v->pane, v->pane_sel,
			 v->review, v->privacy, v->order, v->problems, (int)v->overlay,
			 v->review_line, v->stats_preset, v->stats_from, v->stats_to, v->owner,
			 v->stats_owner, v->text);
}

/* Copies the line at *s (up to a newline) into out and steps past it. */
static int
take_line(const char **s, char *out, size_t len)
{
	const char *nl = strchr(*s, '\n');

	if (nl == NULL)
		return -1;
	snprintf(out, len, "%.*s", (int)(nl - *s), *s);
	*s = nl + 1;
	return 0;
}

/* 0 when s is a view this version reads (v1 from an older presenter, or v2). */
static int
decode(const char *s, struct follow_view *v)
{
	int screen, pane, overlay = 0, n = 0, version;

	memset(v, 0, sizeof *v);
	v->stats_preset = STATS_PERIOD_DEFAULT; /* v1 does not say */
	if (s == NULL ||
	    sscanf(s, "v%d %d %ld %d %d %d %ld %d %d %u%n", &version, &screen, &v->sel,
		   &v->first_col, &pane, &v->pane_sel, &v->review, &v->privacy, &v->order,
		   &v->problems, &n) != 10 ||
	    n == 0)
		return -1;
	s += n;
	if (version == 2 && (sscanf(s, " %d %d %d %ld %ld%n", &overlay, &v->review_line,
				    &v->stats_preset, &v->stats_from, &v->stats_to, &n) != 5 ||
			     n == 0))
		return -1;
	if (version == 2)
		s += n;
	if ((version != 1 && version != 2) || screen < 0 || screen >= SCREEN_COUNT ||
	    pane < PANE_NONE || pane > PANE_PLAN || v->order < 0 || v->order >= ORDER_COUNT ||
	    overlay < FOLLOW_NO_BOX || overlay > FOLLOW_DETAIL || v->review_line < 0)
		return -1;
	v->screen = (enum screen_id)screen;
	v->pane = (enum pane_kind)pane;
	v->overlay = (enum follow_overlay)overlay;
	if (*s++ != '\n' || take_line(&s, v->owner, sizeof v->owner) != 0 ||
	    (version == 2 && take_line(&s, v->stats_owner, sizeof v->stats_owner) != 0))
		return -1;
	snprintf(v->text, sizeof v->text, "%s", s);
	return 0;
}

/* The board's part of two views is the same: no need to read the board again. */
static int
same_board(const struct follow_view *a, const struct follow_view *b)
{
	return a->sel == b->sel && a->first_col == b->first_col && a->pane == b->pane &&
	       a->pane_sel == b->pane_sel && a->privacy == b->privacy && a->order == b->order &&
	       a->problems == b->problems && strcmp(a->owner, b->owner) == 0 &&
	       strcmp(a->text, b->text) == 0;
}

static void
set_filter(char **slot, const char *v)
{
	if ((*slot == NULL ? "" : *slot)[0] == '\0' && v[0] == '\0')
		return;
	free(*slot);
	*slot = v[0] ? xstrdup(v) : NULL;
}

/*
 * The presenter's view, here; a deal this user cannot see keeps the nearest
 * view. board_same: only the screen, a box or a scroll changed, so the board
 * is not read again for it.
 */
static void
apply(struct ui *u, const struct follow_view *v, int board_same)
{
	struct follow *f = &u->follow;

	if (u->ov != OV_NONE)
		ui_close_overlay(u);
	if (v->screen != u->view.screen && u->view.screen != SCREEN_BOARD)
		ui_show_board(u);
	if (!board_same) {
		set_filter(&u->b.filter_owner, v->owner);
		set_filter(&u->b.filter_text, v->text);
		u->b.problems = v->problems;
		u->b.order = (enum board_order)v->order;
		u->b.privacy = v->privacy;
		ui_reload(u, v->sel);
		if (v->sel != 0)
			board_select_deal(&u->b, v->sel);
		if (v->first_col >= 0 && (size_t)v->first_col < u->b.ncols)
			u->b.first_col = v->first_col;
		if (v->pane != u->pane.kind)
			open_pane(u, v->pane == PANE_NONE ? u->pane.kind : v->pane, 0);
		u->pane.sel = v->pane_sel;
		u->pane_stale = 1;
	}
	board_mark_all(&u->b);
	if (v->screen == SCREEN_STATS)
		stats_follow(u, v->stats_owner[0] ? v->stats_owner : NULL, v->stats_preset,
			     v->stats_from, v->stats_to);
	else if (v->screen == SCREEN_REVIEW)
		review_follow(u, v->review, v->review_line, !board_same);
	if (v->overlay == FOLLOW_HELP) {
		u->ov = OV_HELP;
		u->help_top = 0;
	} else if (v->overlay == FOLLOW_DETAIL && u->view.screen == SCREEN_BOARD) {
		ui_open_detail(u, v->sel);
	}
	board_set_status(&u->b, 0, "following %s: %s to look around, %s to quit", f->login,
			 f->detach_keys, f->quit_keys);
}

static void
beat(struct ui *u, const char *state)
{
	struct dd_err err;

	err_init(&err);
	if (presence_update(u->s->db, u->follow.id, state, &err) != DD_OK)
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	u->follow.beat = time(NULL);
}

int
follow_start(struct ui *u, int present, const char *login)
{
	struct follow *f = &u->follow;
	struct dd_err err;
	int rc;

	memset(f, 0, sizeof *f);
	if (!present && login == NULL)
		return DD_OK;
	f->presenting = present;
	f->following = login != NULL;
	snprintf(f->login, sizeof f->login, "%s", login ? login : u->s->login);
	keys_of(A_DETACH, f->detach_keys, sizeof f->detach_keys);
	keys_of(A_CATCHUP, f->catch_keys, sizeof f->catch_keys);
	keys_of(A_QUIT, f->quit_keys, sizeof f->quit_keys);
	err_init(&err);
	rc = presence_begin(u->s->db, present ? PRESENCE_PRESENT : PRESENCE_FOLLOW, u->s->login,
			    login, &f->id, &err);
	if (rc != DD_OK)
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	f->beat = time(NULL);
	if (f->following) {
		f->force = 1;
		follow_tick(u, 1);
	}
	return DD_OK;
}

void
follow_end(struct ui *u)
{
	if (u->follow.id != 0)
		presence_end(u->s->db, u->follow.id);
	free(u->follow.last);
	u->follow.last = NULL;
}

void
follow_presented(struct ui *u)
{
	struct follow_view v;
	char *s;

	if (!u->follow.presenting)
		return;
	capture(u, &v);
	s = encode(&v);
	if (u->follow.last != NULL && strcmp(s, u->follow.last) == 0) {
		free(s);
		return;
	}
	beat(u, s); /* one small UPDATE, on a change only */
	free(u->follow.last);
	u->follow.last = s;
}

void
follow_tick(struct ui *u, int changed)
{
	struct follow *f = &u->follow;
	struct follow_view v, was;
	struct dd_err err;
	char *state = NULL;
	long id;
	int due = time(NULL) - f->beat >= PRESENCE_BEAT_S;

	if (!f->presenting && !f->following)
		return;
	if (due && f->id != 0)
		beat(u, NULL);
	else if (due)
		f->beat = time(NULL); /* no row (a read-only file): still read on time */
	if (!f->following || (!changed && !due && !f->force))
		return;
	err_init(&err);
	if (presence_read(u->s->db, f->login, &id, &state, &err) != DD_OK) {
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
		err_free(&err);
		return;
	}
	err_free(&err);
	if (id == 0) {
		/* Never there, quit, or gone without a word: the board stays. */
		if (f->presenter != 0 || f->force)
			board_set_status(&u->b, 1, "%s %s: this board is yours now (%s quits)",
					 f->login, f->presenter != 0 ? "stopped presenting or is gone"
								      : "is not presenting",
					 f->quit_keys);
		f->presenter = 0;
		f->force = 0;
		free(f->last);
		f->last = NULL;
		return;
	}
	if (f->presenter == 0 && !f->force && !f->detached)
		board_set_status(&u->b, 0, "%s presents again", f->login);
	f->presenter = id;
	if (f->last != NULL && strcmp(f->last, state) == 0 && !f->force) {
		free(state);
		return;
	}
	/* f->last was applied unless this board was looking around (then it is forced). */
	int board_same = !f->force && !f->detached && decode(f->last, &was) == 0 &&
			 decode(state, &v) == 0 && same_board(&was, &v);
	free(f->last);
	f->last = state;
	if (f->detached && !f->force)
		return;
	f->force = 0;
	if (decode(state, &v) == 0)
		apply(u, &v, board_same);
}

/* The actions a follower who looks around may take: none writes, none opens a form. */
static int
looks_only(enum action a)
{
	switch (a) {
	case A_LEFT: case A_RIGHT: case A_UP: case A_DOWN: case A_PGUP: case A_PGDN:
	case A_TOP: case A_BOTTOM: case A_PEOPLE: case A_PLAN: case A_STATS: case A_REVIEW:
	case A_NEXT: case A_PREV: case A_ORDER: case A_DENSITY: case A_PRIVACY: case A_CLEAR:
	case A_REDRAW: case A_HELP: case A_QUIT: case A_DETAIL:
		return 1;
	default:
		return 0;
	}
}

int
follow_key(struct ui *u, int key)
{
	struct follow *f = &u->follow;
	enum action a;

	if (!f->following)
		return 0;
	a = u->view.screen == SCREEN_REVIEW ? keys_lookup_review(key) : keys_lookup(key);
	if (u->ov == OV_HELP || u->ov == OV_DETAIL)
		return 0; /* reading: its own keys close it */
	if (a == A_DETACH && !f->detached) {
		f->detached = 1;
		board_set_status(&u->b, 0, "looking around on your own: %s catches up with %s",
				 f->catch_keys, f->login);
		return 1;
	}
	if (a == A_CATCHUP || (a == A_DETACH && f->detached)) {
		f->detached = 0;
		f->force = 1;
		follow_tick(u, 1);
		return 1;
	}
	if (a == A_HELP || a == A_REDRAW)
		return 0;
	if (a == A_QUIT && !f->detached) { /* from any screen, as the status line says */
		u->quit = 1;
		return 1;
	}
	if (!f->detached) {
		board_set_status(&u->b, 0, "following %s: %s to look around, %s to quit", f->login,
				 f->detach_keys, f->quit_keys);
		return 1;
	}
	/* The pane's own keys edit: looking around leaves the keys on the board. */
	if (key == K_ESC || (looks_only(a) && !(u->pane.focus && a == A_DETAIL)))
		return 0;
	board_set_status(&u->b, 1, "read-only while following %s: nothing is written", f->login);
	return 1;
}
