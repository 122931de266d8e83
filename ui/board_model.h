/*
 * The board's state: which stages and cards are on screen, what is selected,
 * filters and privacy, and what needs drawing again. Reads through src/; no
 * curses here, so `dealdeck board` and the full screen share it.
 */
#ifndef DD_BOARD_MODEL_H
#define DD_BOARD_MODEL_H

#include "board_data.h"
#include "layout.h"
#include "session.h"

struct board_column {
	struct totals totals;
	struct card *cards; /* the window on screen, from index `offset` */
	size_t ncards;
	long offset;
	long sel; /* the selected card's index in the column */
	int loaded;
};

/* What must be drawn again (tmux's redraw flags). */
enum {
	DIRTY_TITLE = 1 << 0,
	DIRTY_STATUS = 1 << 1,
	DIRTY_COLUMNS = 1 << 2, /* see dirty_cols for which */
	DIRTY_OVERLAY = 1 << 3,
	DIRTY_ALL = 0xff,
};

struct board {
	struct session *s;
	struct layout lay;
	struct board_column *cols; /* one per stage of the process it was built for */
	size_t ncols;
	long revision;          /* of that process: another one means columns built again */
	struct board_sums sums; /* the title bar's */
	int sel_col;
	int first_col;
	int privacy, ascii;
	enum density density;
	enum board_order order;
	char *filter_text, *filter_owner;
	unsigned problems; /* PROBLEM_BIT()s of src/board_data.h */
	long as_of;        /* the day shown (--as-of), read-only; 0 or less: now */
	char status[256];
	int status_error;
	const char *hint; /* the keys of what has the focus; NULL: the board's own */
	unsigned dirty;
	unsigned long long dirty_cols; /* bit per stage */
};

void board_init(struct board *b, struct session *s);
void board_free(struct board *b);
/* Lays out for a screen size; marks everything dirty when it changed. */
void board_resize(struct board *b, int w, int h);
/* Cards of another density: laid out again (board_reload reads them). */
void board_set_density(struct board *b, enum density d);
/* Whether a filter (text, owner, problem) is in force. */
int board_filtered(const struct board *b);
/*
 * Reads totals and the visible cards again (after a change or a refresh); builds
 * the columns again first when the session's process is not the one they show.
 */
int board_reload(struct board *b, struct dd_err *err);
/* The session's process changed since the columns were built: reload before drawing. */
int board_stale(const struct board *b);
/* The selected card, or NULL when the column is empty. */
const struct card *board_selected(const struct board *b);
/* Moves the selection; loads the newly visible window when it scrolls. */
void board_move_sel(struct board *b, int dcol, long drow);
void board_sel_to(struct board *b, long row);
/* Selects the deal wherever it now is (after a move or someone else's change). */
void board_select_deal(struct board *b, long deal_id);
void board_set_status(struct board *b, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Everything drawn again: after an overlay, a resize or a reload. */
void board_mark_all(struct board *b);
struct board_filter board_filter_of(const struct board *b);

#endif
