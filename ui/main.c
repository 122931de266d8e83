#include <locale.h>

#include "board.h"
#include "board_text.h"
#include "cli.h"

int
main(int argc, char **argv)
{
	static const struct cli_ui screens = {ui_commands, board_run};

	setlocale(LC_ALL, "");
	return cli_main(argc, argv, &screens);
}
