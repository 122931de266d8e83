#include <stdlib.h>

#include "unit.h"

/* TAP on stdout, so every test case counts in the summary of 'make check'. */
int
main(void)
{
	Suite *(*const suites[])(void) = {
		suite_date,  suite_money,  suite_text,   suite_process,
		suite_gate,  suite_db,     suite_canvas, suite_line_edit,
		suite_theme, suite_layout, suite_people, suite_import, suite_session,
		suite_demo,  suite_form,   suite_review, suite_import_dates, suite_config,
		suite_board, suite_picker, suite_keys, suite_stats_job,
	};
	SRunner *sr = srunner_create(NULL);
	int failed;

	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_set_tap(sr, "-");
	unit_tmp_init();
	srunner_run_all(sr, CK_SILENT);
	unit_tmp_cleanup();
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
