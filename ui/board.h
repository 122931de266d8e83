/* The full-screen board: the loop that reads keys, changes state and draws. */
#ifndef DD_BOARD_H
#define DD_BOARD_H

#include "cli.h"

/* Runs the board on the open session until the user quits; returns the exit status. */
int board_run(struct cli *c);

#endif
