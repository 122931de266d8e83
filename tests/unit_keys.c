/* The key table's scopes: review mode's n and p never take a key from the board. */
#include <string.h>

#include "keys.h"
#include "unit.h"

START_TEST(test_review_keys_keep_the_boards)
{
	struct dd_err err;

	err_init(&err);
	ck_assert_int_eq(keys_init(NULL, &err), DD_OK);
	ck_assert_int_eq(keys_lookup('n'), A_NEW);
	ck_assert_int_eq(keys_lookup('p'), A_NONE);
	ck_assert_int_eq(keys_lookup('r'), A_REVIEW);
	ck_assert_int_eq(keys_lookup_review('n'), A_NEXT);
	ck_assert_int_eq(keys_lookup_review('p'), A_PREV);
	ck_assert_int_eq(keys_lookup_review('>'), A_ADVANCE); /* the board's, in review mode */
	err_free(&err);
}
END_TEST

START_TEST(test_review_keys_remapped)
{
	struct config cfg;
	struct dd_err err;

	memset(&cfg, 0, sizeof cfg);
	strvec_push(&cfg.key_actions, "next");
	strvec_push(&cfg.key_values, "x");
	strvec_push(&cfg.key_where, "test:1");
	strvec_push(&cfg.key_actions, "new");
	strvec_push(&cfg.key_values, "N");
	strvec_push(&cfg.key_where, "test:2");
	err_init(&err);
	ck_assert_int_eq(keys_init(&cfg, &err), DD_OK);
	ck_assert_int_eq(keys_lookup_review('x'), A_NEXT);
	ck_assert_int_eq(keys_lookup_review('n'), A_NONE);
	ck_assert_int_eq(keys_lookup('N'), A_NEW);
	ck_assert_int_eq(keys_lookup('x'), A_NONE); /* review mode's key only */
	err_free(&err);
	strvec_free(&cfg.key_actions);
	strvec_free(&cfg.key_values);
	strvec_free(&cfg.key_where);
	err_init(&err);
	ck_assert_int_eq(keys_init(NULL, &err), DD_OK); /* the defaults for other tests */
	err_free(&err);
}
END_TEST

Suite *
suite_keys(void)
{
	Suite *su = suite_create("keys");
	TCase *tc = tcase_create("keys");

	tcase_add_test(tc, test_review_keys_keep_the_boards);
	tcase_add_test(tc, test_review_keys_remapped);
	suite_add_tcase(su, tc);
	return su;
}
