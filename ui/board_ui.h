/*
 * The full-screen board's shared state: what ui/loop.c (the loop), ui/board.c
 * (the board screen, its overlays), ui/gate_form.c, ui/deal_forms.c,
 * ui/pane_keys.c, ui/stats_screen.c and ui/review_screen.c work on.
 */
#ifndef DD_BOARD_UI_H
#define DD_BOARD_UI_H

#include "board_model.h"
#include "canvas.h"
#include "cli.h"
#include "deal.h"
#include "follow.h"
#include "form.h"
#include "keys.h"
#include "pane.h"
#include "picker.h"
#include "stats_job.h"
#include "stats_view.h"
#include "watch.h"

enum overlay {
	OV_NONE,
	OV_HELP,
	OV_DETAIL,
	OV_GATE,
	OV_BACK,
	OV_LOST,
	OV_MOVE_TO,
	OV_EDIT,
	OV_NEW,
	OV_FILTER,
	OV_OWNER,
	OV_PERSON,
	OV_STEP,
	OV_CONFIRM,
	OV_OVERRIDE,    /* a manager's override of the gate form: why, then y/n */
	OV_STATS_OWNER, /* the stats screen's forms */
	OV_STATS_PERIOD,
	OV_PICK_PROBLEMS, /* the pickers of ui/board_filters.c */
	OV_PICK_OWNER,
	OV_REOPEN
};

/* Form field tags: evidence fields carry their requirement's index. */
enum {
	TAG_WHAT = 1000,
	TAG_CONTACT = 2000,
	TAG_DATE = 3000,
	TAG_OVERRIDE = 1,
	TAG_REASON,
	TAG_NOTE,
	TAG_STAGE,
	TAG_TEXT,
	TAG_NAME,
	TAG_ROLE,
	TAG_TITLE,
	TAG_STANCE,
	TAG_INFLUENCE,
	TAG_REPORTS,
	TAG_LAST,
	TAG_SIDE,
	TAG_WHO,
	TAG_DUE,
	TAG_YES,
	TAG_FROM,
	TAG_TO,
	TAG_FIX = 5000 /* FIX_TAG: an unmet check the user can go and fix */
};

/* The n-th check of a gate form's move, fixed where `where` says. */
#define FIX_SLOTS         8 /* > every enum fix_where */
#define FIX_TAG(where, n) (TAG_FIX + (n)*FIX_SLOTS + (int)(where))

#define NDEAL_FIELDS 9    /* the rows of deal_field_rows (ui/deal_forms.c) */
#define TAG_FIELD    4000 /* + the row */

/* The stats screen (t): shown over the whole board while on. */
struct stats_screen {
	struct stats_view view; /* the figures shown, with their owner and period */
	struct stats_job job;   /* the figures asked for, computed between keys */
	int want_preset;        /* the job's period: a preset, or -1 as typed */
	char done[96];          /* the status line once they are in */
	int pending;            /* another user committed since they were computed */
	time_t computed_at;
	int dirty; /* to draw again */
	int w, h;  /* the screen size it was drawn at */
};

struct ui;

/*
 * The full screens, as data: what follow mode can name and hand on. Each is one
 * table of handlers (tmux's window_mode); the loop calls the current one's and
 * never names a screen.
 */
enum screen_id { SCREEN_BOARD, SCREEN_STATS, SCREEN_REVIEW, SCREEN_COUNT };

struct screen_mode {
	const char *name;
	void (*draw)(struct ui *u);               /* once per turn of the loop, if dirty */
	void (*key)(struct ui *u, int key);       /* every key while it is shown */
	void (*mouse)(struct ui *u, int y, int x, int button);
	void (*changed)(struct ui *u, int new_process); /* another user committed */
	void (*resize)(struct ui *u);             /* the canvas has the new size */
	void (*end)(struct ui *u);                /* the program ends: its state goes */
	/* Work while no key waits, giving way to one (NULL: none); 1: something to draw. */
	int (*idle)(struct ui *u);
};

extern const struct screen_mode board_mode, stats_mode, review_mode;

/* What the user looks at: plain data. */
struct view_state {
	enum screen_id screen;
	long deal; /* review mode's deal; 0: none */
};

struct ui {
	struct cli *c;
	struct session *s;
	struct board b;
	struct canvas cv;
	enum overlay ov;
	struct form form;
	long deal_id, version; /* the deal the open form is about, as it was shown */
	int target;            /* the stage index the form moves to */
	long form_rev;         /* the process revision a move form was built under */
	const char **req_keys; /* the evidence keys of the gate form, by index */
	size_t nreq;
	struct pane pane;
	int pane_stale;
	/*
	 * The gate form put aside: while a pane or the edit form fixes a check
	 * (gate_suspended), or while the override step asks why (overriding).
	 * gate_id, gate_version and gate_target are its deal as the form was
	 * opened; the user's own fixes to that deal advance gate_version, so any
	 * other change makes the form stale.
	 */
	struct form gate_saved;
	int gate_suspended, overriding;
	long gate_id, gate_version;
	int gate_target;
	int confirming;           /* the override step asks y/n */
	size_t gate_unmet;        /* what the override step overrides */
	long edit_id;             /* the stakeholder or step a form edits; 0 = a new one */
	struct strvec detail;     /* the detail view's lines */
	int detail_top;           /* its first row shown, of the lines wrapped to the screen */
	int help_top;             /* the help box's first row shown */
	char hint[512];           /* the status line's keys when the board has not the focus */
	char *orig[NDEAL_FIELDS]; /* the edit form's values as shown */
	struct watch watch;       /* other users' commits: deal data or presence */
	long day;                 /* the day the board was read: at midnight, cards age */
	int quit;
	struct view_state view;
	void *screen_data[SCREEN_COUNT]; /* each screen's own state, made when first shown */
	struct picker picker;            /* OV_PICK_* */
	struct follow follow;            /* --present, --follow LOGIN */
};

/* ui/board.c: what every part uses. */
long ui_selected_id(const struct ui *u);
/* Reads the board again and keeps the deal keep_id selected. */
void ui_reload(struct ui *u, long keep_id);
void ui_close_overlay(struct ui *u);
/* The detail view (Enter) of deal id; a status message when there is none. */
void ui_open_detail(struct ui *u, long id);
/* A form's deal changed since it was read: nothing written, the board shows it now. */
void ui_stale(struct ui *u, long id);
/*
 * A manager applied another process since a move form was built: its stage
 * numbers are not this process's. Says so and reloads; the caller closes the form.
 */
int ui_process_changed(struct ui *u, long id);
/*
 * Reads deal id for a form that changes it; -1 with a status message when there
 * is none or the user may not change it (the form then does not open).
 */
int ui_form_deal(struct ui *u, long id, struct deal *d);
/*
 * The deal actions every screen offers (advance, won, back, move to, lost,
 * edit) on deal id in stage index stage (-1: unknown, the moves do nothing):
 * 1 when a was one of them.
 */
int ui_deal_action(struct ui *u, enum action a, long id, int stage);

/*
 * ui/gate_form.c: the gate form of a forward move of deal id. version > 0: the
 * deal as another form showed it; a deal changed since is refused as stale.
 */
void open_gate(struct ui *u, long id, int target, long version);
void submit_gate(struct ui *u);
/* A key in the gate form; 1 when it was the gate form's own (override, a fix). */
int gate_key(struct ui *u, int key);
/* A key on an unmet check's line: put the form aside and open what fixes it. */
void gate_action(struct ui *u);
/* Brings a gate form put aside back, checked again, with what was typed. */
void resume_gate(struct ui *u);
/* A key in the override step. */
void override_key(struct ui *u, int key);
/* The user changed deal id themselves (a fix): a gate form put aside expects it. */
void ui_wrote(struct ui *u, long id);

/* ui/deal_forms.c: back, lost, move-to, edit, new deal, filters. */
void open_back(struct ui *u, long id, int target, long version);
void open_lost(struct ui *u, long id);
void open_move_to(struct ui *u, long id);
void submit_simple(struct ui *u);
/* The edit form of deal id, or (is_new) the new deal form. */
void open_deal_form(struct ui *u, long id, int is_new);
void submit_deal_form(struct ui *u);
void open_filter(struct ui *u, int owner);
void apply_filter(struct ui *u, int which, const char *v);
void submit_filter(struct ui *u);

/*
 * ui/board_filters.c: what the board shows and how: problem filters and the
 * owner picker, clearing them, order, density, and reopening a closed deal.
 */
void open_problems(struct ui *u);
void open_owner_picker(struct ui *u);
/* A key in either picker. */
void pick_key(struct ui *u, int key);
void clear_filters(struct ui *u);
void cycle_order(struct ui *u);
/* The next density, remembered in the user config. */
void cycle_density(struct ui *u);
void open_reopen(struct ui *u, long id);
void submit_reopen(struct ui *u);
/* A board --as-of a past day changes nothing: 1 (and the status says so) when it is one. */
int ui_read_only(struct ui *u);

/* ui/pane_keys.c: the side panes and their forms. */
void ui_relayout(struct ui *u);
void open_pane(struct ui *u, enum pane_kind kind, int focus);
void close_pane(struct ui *u);
void pane_key(struct ui *u, int key);
void submit_pane_form(struct ui *u);
void draw_pane(struct ui *u);

/* ui/screens.c: the current screen's handlers, and going to another screen. */
const struct screen_mode *ui_mode(const struct ui *u);
/* Shows screen id; its handlers get every key from now on. */
void ui_show_screen(struct ui *u, enum screen_id id);
/* Back to the board, all of it drawn again (another screen covered it). */
void ui_show_board(struct ui *u);
/* Every screen's end handler: the program ends. */
void ui_end_screens(struct ui *u);

/*
 * ui/board.c: a key or the drawing of an open overlay (a form, a picker, help),
 * for any screen that shows the board's forms over itself.
 */
void ui_overlay_key(struct ui *u, int key);
/* Draws the open form or picker onto the canvas; the cursor's place in *cy, *cx. */
void ui_overlay_draw(struct ui *u, int *cy, int *cx);

/* ui/stats_screen.c: the stats screen (t). */
void stats_open(struct ui *u);
/*
 * Follow mode: the owner (NULL: everyone) and period the screen shows, a preset
 * (index in stats_periods) or -1 and the days typed; and showing them here,
 * computed again only when they are not what it shows already.
 */
void stats_shown(struct ui *u, const char **owner, int *preset, long *from, long *to);
void stats_follow(struct ui *u, const char *owner, int preset, long from, long to);

/* ui/review_screen.c: review mode (r): the attention queue, one deal per screen. */
void review_open(struct ui *u);
/*
 * Follow mode: review mode on deal id (or the nearest still queued), its page
 * scrolled to show line (of the page before wrapping: sizes differ) at the top.
 * reread: the queue again (the view changed, not only the scroll).
 */
void review_follow(struct ui *u, long id, int line, int reread);
/* The line of the page at the top of the screen, as last drawn. */
int review_top_line(struct ui *u);

#endif
