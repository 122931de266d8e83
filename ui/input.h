/*
 * Keys as the screens see them: a Unicode code point (control keys are their
 * codes, Ctrl-A = 1), or one of these named keys above U+10FFFF. The curses
 * layer translates get_wch() into these, so everything else is testable
 * without a terminal.
 */
#ifndef DD_INPUT_H
#define DD_INPUT_H

enum {
	K_CTRL_A = 1,
	K_CTRL_C = 3,
	K_CTRL_E = 5,
	K_CTRL_K = 11,
	K_CTRL_L = 12,
	K_ENTER = 13,
	K_CTRL_U = 21,
	K_CTRL_W = 23,
	K_TAB = 9,
	K_ESC = 27,
	K_BACKSPACE = 127,
	K_NAMED = 0x110000,
	K_UP = K_NAMED,
	K_DOWN,
	K_LEFT,
	K_RIGHT,
	K_HOME,
	K_END,
	K_PGUP,
	K_PGDN,
	K_DELETE,
	K_BTAB, /* Shift-Tab */
	K_RESIZE,
	K_MOUSE,
	K_TICK, /* no key: the poll timeout passed */
};

#endif
