#include <locale.h>

#include "board.h"
#include "board_text.h"
#include "cli.h"
#include "keys.h"

int
main(int argc, char **argv)
{
	static const struct cli_ui screens = {ui_commands, board_run, keys_init};

	setlocale(LC_ALL, "");
	return cli_main(argc, argv, &screens);
}
