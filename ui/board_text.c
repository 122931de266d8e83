/* `dealdeck board`: the board as plain text, from the same layout as the screen. */
#include <stdlib.h>
#include <string.h>

#include "board_text.h"
#include "board_view.h"
#include "canvas.h"

static int
check_size(const char *name, const char *v, struct dd_err *err)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v == '\0' || *end != '\0' || n < 1 || n > 1000)
		return err_set(err, DD_USAGE, "--%s must be a number from 1 to 1000", name);
	return DD_OK;
}

/* A checked --width or --height, or def. */
static int
size_of(const char *v, int def)
{
	return v != NULL ? (int)strtol(v, NULL, 10) : def;
}

static int
print_filtered(struct cli *c, int w, int h, const char *owner, const char *text)
{
	struct board b;
	struct canvas cv;

	board_init(&b, &c->s);
	b.privacy = c->cfg.privacy;
	b.density = density_of(c->cfg.density);
	b.as_of = c->as_of;
	if (owner != NULL)
		b.filter_owner = strdup(owner);
	if (text != NULL)
		b.filter_text = strdup(text);
	canvas_init(&cv, w, h, cli_ascii(c));
	board_resize(&b, w, h);
	if (board_reload(&b, &c->err) == DD_OK) {
		b.status[0] = '\0';
		board_view_draw(&b, &cv);
		canvas_print(&cv, stdout);
	}
	canvas_free(&cv);
	board_free(&b);
	return c->err.code;
}

int
board_print(struct cli *c, int w, int h, const char *owner)
{
	return print_filtered(c, w, h, owner, NULL);
}

static int
cmd_board(struct cli *c, const struct args *a)
{
	return print_filtered(c, size_of(args_get(a, "width"), 120),
			      size_of(args_get(a, "height"), 40), args_get(a, "owner"),
			      args_get(a, "text"));
}

static const struct opt board_opts[] = {
	{"width", "W", "columns of text (default 120)", 0, check_size},
	{"height", "H", "lines of text (default 40)", 0, check_size},
	{"owner", "LOGIN", "only this owner's deals", 0, NULL},
	{"text", "TEXT", "only deals whose title or account contains TEXT", 0, NULL},
};

const struct command ui_commands[] = {
	{"board", "[--width W] [--height H] [--owner LOGIN] [--text TEXT]",
	 "Print the board as plain text, laid out as on the screen (for mail or chat).",
	 board_opts, NOPTS(board_opts), 0, 0, 1, cmd_board, NULL, NULL, CMD_AS_OF},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
