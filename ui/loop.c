/*
 * The full-screen loop: reads a key, hands it to the current screen's handlers
 * (ui/screens.c), looks for other users' commits, draws once per turn. It names
 * no screen; no screen calls into this file.
 */
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "board_text.h"
#include "board_ui.h"
#include "layout.h"
#include "date.h"
#include "input.h"
#include "keys.h"
#include "quit.h"
#include "screen.h"
#include "theme.h"

#define POLL_MS 250 /* how often another user's commit is looked for */

static void
resize(struct ui *u)
{
	int w, h;

	screen_size(&w, &h);
	canvas_free(&u->cv);
	canvas_init(&u->cv, w, h, u->b.ascii);
	ui_relayout(u); /* the board's layout: every screen returns to it */
	ui_mode(u)->resize(u);
}

/*
 * Another user's commit, or midnight (cards age a day): show it, keep the
 * selection, never lose a form.
 */
static void
poll_changes(struct ui *u)
{
	enum watch_change ch = watch_poll(u->s->db, &u->watch);
	int data = ch == WATCH_DATA;
	struct dd_err err;
	int new_process = 0;

	/* A heartbeat or a presenter's view is presence only: the pipeline stays read. */
	if (!data && date_today() == u->day) {
		follow_tick(u, ch != WATCH_NONE);
		return;
	}
	/* A process a manager applied: the board, and the next form, follow it. */
	err_init(&err);
	if (data && session_refresh_process(u->s, &new_process, &err) != DD_OK)
		board_set_status(&u->b, 1, "%s", strbuf_str(&err.msg));
	err_free(&err);
	ui_reload(u, ui_selected_id(u));
	u->pane_stale = 1; /* a plan step may be overdue now */
	/* Another user's change, not only the day's: the screen says so. */
	if (data)
		ui_mode(u)->changed(u, new_process);
	follow_tick(u, ch != WATCH_NONE); /* after: the presenter's view wins over the reload */
}

int
board_run(struct cli *c)
{
	struct theme theme;
	struct ui u;
	const char *name = c->theme ? c->theme : c->cfg.theme ? c->cfg.theme : "default";
	int rc;

	if (theme_load(name, &theme, &c->err) != DD_OK)
		return c->err.code;
	/* Not a terminal (a pipe, a cron job): print the board instead of waiting for keys. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return board_print(c, 120, 40, NULL);
	memset(&u, 0, sizeof u);
	u.c = c;
	u.s = &c->s;
	board_init(&u.b, u.s);
	u.b.ascii = cli_ascii(c);
	u.b.privacy = c->cfg.privacy;
	u.b.density = density_of(c->cfg.density);
	u.b.as_of = c->as_of;
	if ((rc = screen_start(&theme, theme_use_color(), &c->err)) != DD_OK) {
		board_free(&u.b);
		return rc;
	}
	quit_catch_signals(); /* the loop leaves cleanly when it sees quit_signal */
	canvas_init(&u.cv, 1, 1, u.b.ascii);
	resize(&u);
	follow_start(&u, c->present, c->follow);
	while (!u.quit && !quit_signal) {
		int my = 0, mx = 0, mb = 0, key;

		/* A write reloaded the process (a manager applied one): columns first. */
		if (board_stale(&u.b))
			ui_reload(&u, ui_selected_id(&u));
		ui_mode(&u)->draw(&u);
		follow_presented(&u); /* as drawn: a scroll is clamped to the page by now */
		/* Long work (the stats) runs between keys; a key waiting stops it. */
		if (ui_mode(&u)->idle != NULL && ui_mode(&u)->idle(&u))
			continue; /* it has something new to draw */
		key = screen_key(POLL_MS, &my, &mx, &mb);
		if (key == K_TICK && screen_check_size())
			resize(&u);
		else if (key == K_TICK)
			poll_changes(&u);
		else if (key == K_RESIZE)
			resize(&u);
		else if (key == K_MOUSE && u.follow.following)
			; /* a follower's clicks could open forms */
		else if (key == K_MOUSE)
			ui_mode(&u)->mouse(&u, my, mx, mb);
		else if (!follow_key(&u, key))
			ui_mode(&u)->key(&u, key);
	}
	screen_stop();
	follow_end(&u);
	if (u.ov != OV_NONE)
		ui_close_overlay(&u);
	if (u.gate_suspended || u.overriding)
		form_free(&u.gate_saved);
	pane_clear(&u.pane);
	ui_end_screens(&u);
	canvas_free(&u.cv);
	board_free(&u.b);
	/* Killed by a signal: say so in the exit status, as shells do (128 + N). */
	return quit_signal ? 128 + quit_signal : DD_OK;
}
