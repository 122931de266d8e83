/*
 * Signals that ask the program to end (TERM, HUP, INT, QUIT) while it holds
 * something to undo: the terminal, a temporary database. The handler only
 * notes the signal; the main loop sees it and cleans up (NOTES.md, ncursesw).
 */
#ifndef DD_QUIT_H
#define DD_QUIT_H

#include <signal.h>

/* The signal that asked to quit, or 0. */
extern volatile sig_atomic_t quit_signal;

/* From now on those signals set quit_signal instead of ending the program. */
void quit_catch_signals(void);

#endif
