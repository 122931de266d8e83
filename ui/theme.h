/*
 * Colours by meaning (htop's colour elements): screens ask for a role such as
 * ROLE_ROT or ROLE_SELECTED, never for "red"; a theme file maps roles to colours.
 */
#ifndef DD_THEME_H
#define DD_THEME_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* X-macro: role, ini key, what it is for (feeds the man page and the loader). */
#define THEME_ROLES(X)                                                                  \
	X(ROLE_NORMAL, "normal", "default text")                                          \
	X(ROLE_BORDER, "border", "column and box borders")                                \
	X(ROLE_TITLE, "title", "the top bar")                                             \
	X(ROLE_HEADER, "header", "stage names at the top of columns")                     \
	X(ROLE_TOTALS, "totals", "counts and amounts under the stage names")              \
	X(ROLE_CARD, "card", "a card's title")                                            \
	X(ROLE_DIM, "dim", "secondary text: account, owner")                              \
	X(ROLE_SELECTED, "selected", "the selected card")                                 \
	X(ROLE_AGE_OK, "age_ok", "days in stage below the warn threshold")                \
	X(ROLE_AGE_WARN, "age_warn", "days in stage at or past warn")                     \
	X(ROLE_AGE_ROT, "age_rot", "days in stage at or past rot")                        \
	X(ROLE_OVERDUE, "overdue", "an overdue next step or plan step")                   \
	X(ROLE_MARK_OK, "mark_ok", "a marker that is fine (economic buyer mapped)")       \
	X(ROLE_MARK_MISSING, "mark_missing", "a marker of something missing")             \
	X(ROLE_STATUS, "status", "the status line at the bottom")                         \
	X(ROLE_ERROR, "error", "error messages")                                          \
	X(ROLE_GATE_MET, "gate_met", "a met requirement in the gate form")                \
	X(ROLE_GATE_UNMET, "gate_unmet", "an unmet requirement in the gate form")         \
	X(ROLE_INPUT, "input", "a text field being edited")                               \
	X(ROLE_FOCUS, "focus", "the field that has focus")                                \
	X(ROLE_SUPPORTER, "supporter", "a supporter stakeholder")                         \
	X(ROLE_NEUTRAL, "neutral", "a neutral stakeholder")                               \
	X(ROLE_SKEPTIC, "skeptic", "a skeptic stakeholder")                               \
	X(ROLE_BLOCKER, "blocker", "a blocker stakeholder")                               \
	X(ROLE_BAR, "bar", "bars of the stats screen")

enum theme_role {
#define X(role, key, help) role,
	THEME_ROLES(X)
#undef X
	ROLE_COUNT
};

/* The ini key of a role ("age_rot"), and what it is for. */
const char *theme_role_key(enum theme_role r);
const char *theme_role_help(enum theme_role r);

/* A theme with every role resolved: unset roles already copy normal. */
struct theme {
	char name[64];
	char description[128];
	struct theme_style {
		short fg, bg; /* 0-255, or -1: the terminal's default */
		unsigned bold : 1, underline : 1, reverse : 1, dim : 1;
	} style[ROLE_COUNT];
};

/* The shipped themes (themes/NAME.ini), built into the program by make. */
extern const struct builtin_theme {
	const char *name, *text;
} builtin_themes[];
extern const size_t nbuiltin_themes;

/*
 * Loads theme NAME: $XDG_CONFIG_HOME/dealdeck/themes/NAME.ini, then
 * PKGDATADIR/themes/NAME.ini, then the built-in one. A NAME with a '/' is a
 * file. An unknown NAME is DD_USAGE with the names there are; a broken file
 * gives FILE:LINE: lines (DD_DATAERR). t is only changed on success.
 */
int theme_load(const char *name, struct theme *t, struct dd_err *err);
/* Parses theme text (dealdeck-theme(5)); name is used in messages. */
int theme_parse_text(const char *name, const char *text, size_t len, struct theme *t,
		     struct dd_err *err);
/* The names theme_load finds, sorted, no duplicates. */
void theme_list(struct strvec *names);
/* Whether any role of the theme has a colour (mono has none). */
int theme_has_color(const struct theme *t);
/* The built-in mono theme: what the board shows when colours are off. */
void theme_mono(struct theme *t);
/*
 * The colour to use for c (0-255, or -1) on a terminal of ncolors colours:
 * itself when it fits, else the nearest (by xterm's RGB values) of the
 * first 16, or of the first 8 when ncolors < 16.
 */
int theme_color_fit(int c, int ncolors);
/* 0 when NO_COLOR is set to a non-empty value (no-color.org), else 1. */
int theme_use_color(void);

/*
 * The curses side (ui/theme_curses.c), declared where <curses.h> came first.
 * theme_start, after initscr(), sets up one colour pair per role, or only
 * attributes when use_color is 0, the terminal has no colours, or the theme
 * has none; a colour theme then shows as mono, so nothing is lost.
 */
#ifdef NCURSES_VERSION
void theme_start(const struct theme *t, int use_color);
/* COLOR_PAIR and A_BOLD etc. for a role. */
attr_t theme_attr(enum theme_role r);
#endif

#endif
