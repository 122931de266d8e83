/* The full screens by id, and moving between them: the loop only asks for "the current". */
#include <stddef.h>

#include "board_ui.h"

static const struct screen_mode *const modes[SCREEN_COUNT] = {
	[SCREEN_BOARD] = &board_mode,
	[SCREEN_STATS] = &stats_mode,
	[SCREEN_REVIEW] = &review_mode,
};

const struct screen_mode *
ui_mode(const struct ui *u)
{
	return modes[u->view.screen];
}

void
ui_show_screen(struct ui *u, enum screen_id id)
{
	u->view.screen = id;
}

void
ui_show_board(struct ui *u)
{
	if (u->ov != OV_NONE)
		ui_close_overlay(u);
	u->view.screen = SCREEN_BOARD;
	u->b.status[0] = '\0';
	board_mark_all(&u->b); /* the other screen covered all of it */
	u->pane_stale = 1;
}

void
ui_end_screens(struct ui *u)
{
	for (int i = 0; i < SCREEN_COUNT; i++)
		if (modes[i]->end != NULL)
			modes[i]->end(u);
}
