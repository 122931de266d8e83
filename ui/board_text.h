/* The command-line commands the screens provide (`dealdeck board`). */
#ifndef DD_BOARD_TEXT_H
#define DD_BOARD_TEXT_H

#include "cli.h"

extern const struct command ui_commands[];

/* Prints the board as plain text, w x h, optionally for one owner. */
int board_print(struct cli *c, int w, int h, const char *owner);

#endif
