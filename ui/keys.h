/*
 * The board's key bindings, in one table: action name, default keys, help.
 * `?` help, the man page and [keys] remapping in the user config all read it.
 */
#ifndef DD_KEYS_H
#define DD_KEYS_H

#include <stddef.h>

#include "user_config.h"
#include "error.h"

#define KEY_ACTIONS(X)                                                                  \
	X(A_LEFT, "left", "Left h", "select the stage to the left")                       \
	X(A_RIGHT, "right", "Right l", "select the stage to the right")                   \
	X(A_UP, "up", "Up k", "select the card above")                                    \
	X(A_DOWN, "down", "Down j", "select the card below")                              \
	X(A_PGUP, "page-up", "PgUp", "a screenful of cards up")                           \
	X(A_PGDN, "page-down", "PgDn", "a screenful of cards down")                       \
	X(A_TOP, "top", "g Home", "the first card of the stage")                          \
	X(A_BOTTOM, "bottom", "G End", "the last card of the stage")                      \
	X(A_ADVANCE, "advance", ">", "advance the deal: the gate form")                   \
	X(A_BACK, "back", "<", "move the deal back a stage (asks why)")                   \
	X(A_MOVE_TO, "move-to", "M", "move the deal to a chosen stage")                   \
	X(A_WON, "won", "W", "mark the deal won (the last gate's form)")                  \
	X(A_LOST, "lost", "L", "mark the deal lost (pick a reason)")                      \
	X(A_REOPEN, "reopen", "u", "reopen a won or lost deal (managers; asks why)")      \
	X(A_OVERRIDE, "override", "O C-o", "gate form: override what is unmet (managers)")       \
	X(A_DETAIL, "detail", "Enter", "the deal in detail: committee, plan, history")    \
	X(A_EDIT, "edit", "e", "edit the deal's fields")                                  \
	X(A_NEW, "new", "n", "add a new deal")                                            \
	X(A_PEOPLE, "stakeholders", "s", "the buying committee beside the board")          \
	X(A_PLAN, "plan", "a", "the mutual action plan beside the board")                 \
	X(A_FOCUS, "focus", "Tab", "move the keys between the board and the pane")        \
	X(A_DELETE, "delete", "d", "pane: delete the chosen person or step (asks first)") \
	X(A_DONE, "done", "Space", "plan pane: mark the chosen step done or not done")     \
	X(A_STATS, "stats", "t", "the stats screen: aging, conversion, win rate")         \
	X(A_REVIEW, "review", "r", "review mode: the attention queue, one deal per screen") \
	X(A_NEXT, "next", "n", "review mode: the next deal of the queue")                 \
	X(A_PREV, "previous", "p", "review mode: the previous deal of the queue")         \
	X(A_FILTER, "filter", "/", "show only deals whose title or account has a text")   \
	X(A_OWNER, "owner", "o", "pick an owner: show only their deals")                  \
	X(A_PROBLEMS, "problems", "f", "problem filters: rotting, overdue, won, lost...") \
	X(A_ORDER, "order", "S", "order: days in stage, amount, close date, title")       \
	X(A_DENSITY, "density", "z", "card density: full, compact, one line")             \
	X(A_CLEAR, "clear", "c", "clear the filters")                                     \
	X(A_PRIVACY, "privacy", "$", "hide or show amounts (for a screen share)")         \
	X(A_REDRAW, "redraw", "C-l", "redraw the screen")                                 \
	X(A_DETACH, "detach", "X", "following: stop following, look around on your own") \
	X(A_CATCHUP, "catch-up", "F", "following: catch up with the presenter again")    \
	X(A_HELP, "help", "?", "this help")                                               \
	X(A_QUIT, "quit", "q", "quit")

enum action {
	A_NONE,
#define X(a, name, keys, help) a,
	KEY_ACTIONS(X)
#undef X
		A_COUNT
};

struct key_action {
	enum action action;
	const char *name, *defaults, *help;
};

extern const struct key_action key_actions[];
extern const size_t nkey_actions;

/* Binds the defaults, then the config's [keys] (action = key, key ...). */
int keys_init(const struct config *cfg, struct dd_err *err);
/*
 * The action of a key on the board. Review mode's own actions (next, previous)
 * share keys with the board's (n adds a deal there): the board never sees them.
 */
enum action keys_lookup(int key);
/* In review mode: its own actions first, then the board's. */
enum action keys_lookup_review(int key);
/* "j", "Down", "C-l", "Space": a key's name, and back. -1 when unknown. */
int key_parse(const char *name);
const char *key_name(int key, char *buf, size_t len);
/* The keys bound to an action, as "Down j". */
void keys_of(enum action a, char *buf, size_t len);

#endif
