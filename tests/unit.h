/* Unit tests of the core: one suite per module, run by tests/unit_main.c. */
#ifndef DD_UNIT_H
#define DD_UNIT_H

#include <check.h>

struct process;

Suite *suite_gate(void);
Suite *suite_date(void);
Suite *suite_money(void);
Suite *suite_text(void);
Suite *suite_process(void);
Suite *suite_db(void);
Suite *suite_canvas(void);
Suite *suite_line_edit(void);
Suite *suite_theme(void);
Suite *suite_layout(void);
Suite *suite_form(void);
Suite *suite_people(void);
Suite *suite_import(void);
Suite *suite_import_dates(void);
Suite *suite_session(void);
Suite *suite_demo(void);
Suite *suite_review(void);
Suite *suite_board(void);
Suite *suite_config(void);
Suite *suite_picker(void);
Suite *suite_keys(void);
Suite *suite_stats_job(void);

/* Shared helpers (tests/unit_process.c). */
#define DEFAULT_PROCESS_INI TOP_SRCDIR "/data/process.ini"
/* Loads data/process.ini; fails the test if it does not load. */
void unit_load_default(struct process *p);
/* Loads process text; fails the test if it does not load. */
void unit_load_text(const char *text, struct process *p);
/* The process as process_ini_write writes it; the caller frees. */
char *unit_process_ini(const struct process *p);

/*
 * One directory for the whole run's files (tests/unit_tmp.c): made before the
 * suites run, removed with everything in it after, even when tests fail.
 */
const char *unit_tmp_base(void);
void unit_tmp_init(void);
void unit_tmp_cleanup(void);

#endif
