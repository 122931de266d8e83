/*
 * A small form in a box over the board: information lines (a gate's checks),
 * text fields and choices. Tab/Shift-Tab and the arrows move between fields,
 * Enter moves on and submits on the last field, Esc cancels.
 */
#ifndef DD_FORM_H
#define DD_FORM_H

#include "canvas.h"
#include "line_edit.h"

enum field_kind { FIELD_INFO, FIELD_TEXT, FIELD_CHOICE };

struct field {
	enum field_kind kind;
	char *label;
	char *info; /* FIELD_INFO */
	enum theme_role role;
	struct line_edit edit; /* FIELD_TEXT */
	char **choices;        /* FIELD_CHOICE */
	int nchoices, choice;
	int tag;       /* the caller's meaning for the field */
	int focusable; /* an info line that takes focus: keys on it are actions */
};

struct form {
	char *title;
	struct field *fields;
	int n, focus;
	char *message; /* shown under the fields, wrapped: why a submit failed */
	int message_error;
	char *hint;     /* the keys on the bottom border; NULL: Tab, Enter, Esc */
	int reshaped;   /* its message changed: what lay under the box is drawn again */
	int top;        /* first field row shown, when the form is taller than the screen */
	int action_key; /* the key pressed on a focusable info line (FORM_ACTION) */
};

enum form_result { FORM_NONE, FORM_SUBMIT, FORM_CANCEL, FORM_ACTION };

void form_init(struct form *f, const char *title);
void form_free(struct form *f);
void form_info(struct form *f, const char *label, const char *text, enum theme_role role);
/* An info line the user can move to; a key pressed there returns FORM_ACTION. */
void form_action(struct form *f, const char *label, const char *text, enum theme_role role,
		 int tag);
/* The focused field, or NULL. */
struct field *form_focused(struct form *f);
struct field *form_text(struct form *f, const char *label, const char *initial, int tag);
struct field *form_choice(struct form *f, const char *label, const char *const *choices, int n,
			  int tag);
void form_message(struct form *f, int error, const char *text);
/* The keys the bottom border names (NULL: the usual Tab, Enter and Esc). */
void form_hint(struct form *f, const char *text);
/* The keys the form takes, as its bottom border names them. */
const char *form_keys(const struct form *f);
/* Puts the focus on a field of f (one that takes focus). */
void form_focus(struct form *f, const struct field *fl);
/* The field with this tag (the first, from `after`), or NULL. */
struct field *form_field(struct form *f, int tag, int after);
const char *form_value(const struct form *f, const struct field *fl);
enum form_result form_key(struct form *f, int key);
/* Draws the form centred; returns the cursor position in *cy, *cx (or -1). */
void form_draw(struct form *f, struct canvas *c, int *cy, int *cx);

#endif
