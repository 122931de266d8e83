#include <locale.h>

#include "board.h"
#include "board_text.h"
#include "cli.h"
#include "keys.h"
#include "privilege.h"

int
main(int argc, char **argv)
{
	static const struct cli_ui screens = {ui_commands, board_run, keys_init};

	priv_start(); /* before anything reads the environment */
	setlocale(LC_ALL, "");
	return cli_main(argc, argv, &screens);
}
