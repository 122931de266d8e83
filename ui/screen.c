#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "input.h"
#include "output.h"
#include "quit.h"
#include "screen.h"
#include "text.h"
#include "theme.h"
#include "xmalloc.h"

static SCREEN *scr;

int
screen_start(const struct theme *t, int use_color, struct dd_err *err)
{
	static const char *const fallbacks[] = {"xterm-256color", "xterm", "vt100"};
	const char *term = getenv("TERM");

	scr = term != NULL && term[0] != '\0' ? newterm(NULL, stdout, stdin) : NULL;
	for (size_t i = 0; scr == NULL && i < 3; i++) {
		scr = newterm(fallbacks[i], stdout, stdin);
		if (scr != NULL)
			out_line(stderr, "dealdeck: unknown terminal '%s'; using %s",
				 term ? term : "", fallbacks[i]);
	}
	if (scr == NULL)
		return err_set(err, DD_FAIL, "cannot start the terminal (TERM=%s)",
			       term ? term : "");
	fatal_set_cleanup(screen_stop);
	raw(); /* Ctrl-C is a key we handle, not a kill */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	theme_start(t, use_color);
	return DD_OK;
}

void
screen_stop(void)
{
	if (scr == NULL)
		return;
	endwin();
	delscreen(scr);
	scr = NULL;
}

int
screen_check_size(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
		return 0;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return 0;
	resizeterm(ws.ws_row, ws.ws_col);
	return 1;
}

void
screen_size(int *w, int *h)
{
	getmaxyx(stdscr, *h, *w);
}

void
screen_put(const struct canvas *c, int y0, int n)
{
	int h, w;

	getmaxyx(stdscr, h, w);
	for (int y = y0; y < y0 + n && y < c->h && y < h; y++)
		for (int x = 0; x < c->w && x < w; x++) {
			const struct cell *cl = &c->cells[y * c->w + x];
			wchar_t wc[CCHARW_MAX + 1];
			size_t k = 0;
			cchar_t cc;

			if (cl->ch[0] == '\0' && !c->ascii)
				continue; /* the right half of a wide character */
			/* ncurses keeps a base and at most four combining marks per cell. */
			for (const char *p = cl->ch; *p && k < CCHARW_MAX;) {
				uint32_t cp;

				p += utf8_decode(p, &cp);
				if (c->ascii && cp >= 0x80) {
					wc[k++] = L'?';
					break;
				}
				wc[k++] = (wchar_t)cp;
			}
			if (k == 0)
				wc[k++] = L'?'; /* ASCII: the other half of a wide character */
			wc[k] = L'\0';
			attr_t a = theme_attr((enum theme_role)cl->role);
			if (cl->reverse)
				a |= A_REVERSE;
			if (cl->bold)
				a |= A_BOLD;
			setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
			mvwadd_wch(stdscr, y, x, &cc);
		}
}

void
screen_flush(int cursor_y, int cursor_x)
{
	if (cursor_y >= 0) {
		curs_set(1);
		wmove(stdscr, cursor_y, cursor_x);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

void
screen_invalidate(void)
{
	clearok(curscr, TRUE);
}

static const struct {
	int curses, key;
} named_keys[] = {
	{KEY_UP, K_UP},		  {KEY_DOWN, K_DOWN},	    {KEY_LEFT, K_LEFT},
	{KEY_RIGHT, K_RIGHT},	  {KEY_HOME, K_HOME},	    {KEY_END, K_END},
	{KEY_PPAGE, K_PGUP},	  {KEY_NPAGE, K_PGDN},	    {KEY_DC, K_DELETE},
	{KEY_BTAB, K_BTAB},	  {KEY_RESIZE, K_RESIZE},   {KEY_BACKSPACE, K_BACKSPACE},
	{KEY_ENTER, K_ENTER},	  {KEY_MOUSE, K_MOUSE},
};

int
screen_key(int timeout_ms, int *mouse_y, int *mouse_x, int *mouse_button)
{
	wint_t ch;
	int rc;

	wtimeout(stdscr, timeout_ms);
	rc = wget_wch(stdscr, &ch);
	if (rc == ERR)
		return K_TICK;
	if (rc == KEY_CODE_YES) {
		if ((int)ch == KEY_MOUSE) {
			MEVENT ev;

			if (getmouse(&ev) != OK)
				return K_TICK;
			*mouse_y = ev.y;
			*mouse_x = ev.x;
			*mouse_button = (ev.bstate & BUTTON4_PRESSED)	? 4
					: (ev.bstate & BUTTON5_PRESSED) ? 5
									: 1;
			return K_MOUSE;
		}
		for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
			if (named_keys[i].curses == (int)ch)
				return named_keys[i].key;
		return K_TICK; /* a function key we do not use */
	}
	if (ch == '\n' || ch == '\r')
		return K_ENTER;
	if (ch == 8)
		return K_BACKSPACE;
	return (int)ch;
}

int
screen_key_waiting(void *unused)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	(void)unused;
	if (quit_signal) /* a dropped ssh connection: leave now, not after the work */
		return 1;
	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}
