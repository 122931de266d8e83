/* The terminal: curses set-up and teardown, copying a canvas out, reading keys. */
#ifndef DD_SCREEN_H
#define DD_SCREEN_H

#include "canvas.h"
#include "error.h"

struct theme;

/* Starts curses on the terminal; falls back to a basic TERM it knows. */
int screen_start(const struct theme *t, int use_color, struct dd_err *err);
/* Restores the terminal; safe to call twice and from fatal(). */
void screen_stop(void);
void screen_size(int *w, int *h);
/*
 * Whether the terminal's size differs from what curses thinks (a SIGWINCH lost
 * in a storm of resizes); if so curses is told, and the caller lays out again.
 */
int screen_check_size(void);
/* Copies rows [y0, y0 + n) of the canvas to the screen (not yet sent). */
void screen_put(const struct canvas *c, int y0, int n);
/* Sends what changed to the terminal, once per turn of the loop. */
void screen_flush(int cursor_y, int cursor_x);
/* Forgets what the terminal shows, so the next flush repaints everything (Ctrl-L). */
void screen_invalidate(void);
/* The next key (ui/input.h), or K_TICK after timeout_ms without one. */
int screen_key(int timeout_ms, int *mouse_y, int *mouse_x, int *mouse_button);
/*
 * Whether input waits to be read (or a signal asks to quit): long work between
 * keys (the stats) stops for it. A look at the terminal, no curses call: safe
 * inside SQLite.
 */
int screen_key_waiting(void *unused);


#endif
