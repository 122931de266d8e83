/* The pickers over the board: type-ahead that ignores case, checking with Space. */
#include <string.h>

#include "input.h"
#include "picker.h"
#include "unit.h"

static void
type(struct picker *p, const char *s)
{
	for (; *s; s++)
		ck_assert_int_eq(picker_key(p, (unsigned char)*s), PICK_NONE);
}

START_TEST(test_type_ahead_ignores_case)
{
	struct picker p;

	picker_init(&p, " Owner ", 0);
	picker_add(&p, "", "everyone", "all owners", 0);
	picker_add(&p, "amara", "amara", NULL, 0);
	picker_add(&p, "sofia", "sofia", "Sofia Marín", 0);
	picker_add(&p, "zoë", "zoë", "ZOË Berg", 0);
	ck_assert_int_eq(p.nmatch, 4);
	type(&p, "SOF");
	ck_assert_int_eq(p.nmatch, 1);
	ck_assert_str_eq(picker_value(&p), "sofia");
	ck_assert_int_eq(picker_key(&p, K_ENTER), PICK_DONE);
	/* The display name counts too, in any alphabet: "marín" finds sofia. */
	ck_assert_int_eq(picker_key(&p, K_CTRL_U), PICK_NONE);
	type(&p, "MAR");
	ck_assert_int_eq(p.nmatch, 2); /* amara, and sofia's name */
	ck_assert_int_eq(picker_key(&p, K_CTRL_U), PICK_NONE);
	ck_assert_int_eq(picker_key(&p, 0x00cb), PICK_NONE); /* Ë */
	ck_assert_str_eq(picker_value(&p), "zoë");
	/* Nothing matches: Enter does not pick, the box says so. */
	type(&p, "xq");
	ck_assert_int_eq(p.nmatch, 0);
	ck_assert_ptr_null(picker_value(&p));
	ck_assert_int_eq(picker_key(&p, K_ENTER), PICK_NONE);
	ck_assert_int_eq(picker_key(&p, K_ESC), PICK_CANCEL);
	picker_free(&p);
	picker_free(&p); /* twice is harmless (the board closes every overlay so) */
}
END_TEST

START_TEST(test_multi_checks)
{
	struct picker p;

	picker_init(&p, " Problems ", 1);
	picker_add(&p, "0", "rotting", NULL, 0);
	picker_add(&p, "1", "past warn", NULL, 1);
	picker_add(&p, "2", "no plan", NULL, 0);
	ck_assert_int_eq(picker_key(&p, ' '), PICK_NONE);
	ck_assert_int_eq(picker_key(&p, 'j'), PICK_NONE);
	ck_assert_int_eq(picker_key(&p, ' '), PICK_NONE);
	ck_assert_int_eq(picker_key(&p, K_DOWN), PICK_NONE);
	ck_assert_int_eq(picker_key(&p, K_DOWN), PICK_NONE); /* stays on the last */
	ck_assert_int_eq(picker_key(&p, ' '), PICK_NONE);
	ck_assert(picker_checked(&p, 0));
	ck_assert(!picker_checked(&p, 1));
	ck_assert(picker_checked(&p, 2));
	ck_assert_int_eq(picker_key(&p, K_ENTER), PICK_DONE);
	picker_free(&p);
}
END_TEST

/* The box: every item with its check, the selected one reversed. */
START_TEST(test_draw)
{
	struct picker p;
	struct canvas c;
	int cy, cx, found = 0;

	canvas_init(&c, 80, 24, 0);
	picker_init(&p, " Problems ", 1);
	picker_add(&p, "0", "rotting", "at or past rot", 1);
	picker_add(&p, "1", "no plan", "no step", 0);
	picker_draw(&p, &c, &cy, &cx);
	for (int y = 0; y < c.h; y++) {
		char row[256] = "";

		for (int x = 0; x < c.w; x++)
			strcat(row, canvas_at(&c, y, x)->ch);
		found += strstr(row, "[x] rotting") != NULL &&
			 strstr(row, "at or past rot") != NULL;
		found += strstr(row, "[ ] no plan") != NULL;
	}
	ck_assert_int_eq(found, 2);
	ck_assert_int_eq(cy, -1);
	picker_free(&p);
	canvas_free(&c);
}
END_TEST

Suite *
suite_picker(void)
{
	Suite *su = suite_create("picker");
	TCase *tc = tcase_create("picker");

	tcase_add_test(tc, test_type_ahead_ignores_case);
	tcase_add_test(tc, test_multi_checks);
	tcase_add_test(tc, test_draw);
	suite_add_tcase(su, tc);
	return su;
}
