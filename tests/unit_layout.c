#include "layout.h"
#include "unit.h"

/* Columns fill the width exactly and never go narrower than COL_MIN_W. */
static void
check_fills(const struct layout *l)
{
	int x = 0;

	for (int i = 0; i < l->ncols; i++) {
		ck_assert_int_eq(l->col_x[i], x);
		ck_assert_int_ge(l->col_w[i], COL_MIN_W);
		x += l->col_w[i];
	}
	ck_assert_int_eq(x, l->w);
}

START_TEST(test_sizes)
{
	static const struct {
		int w, h, ncols, cards;
	} sizes[] = {
		/* 80x24: three columns of 26, rows 4..22 hold three whole cards. */
		{80, 24, 3, 3},
		{120, 40, 5, 7},
		{200, 60, 7, 11},
	};

	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct layout l;

		layout_compute(&l, sizes[i].w, sizes[i].h, 7, 0, 0);
		ck_assert(!l.too_small);
		ck_assert_int_eq(l.ncols, sizes[i].ncols);
		ck_assert_int_eq(l.cards_per_col, sizes[i].cards);
		ck_assert_int_eq(l.status_y, sizes[i].h - 1);
		check_fills(&l);
	}
}
END_TEST

START_TEST(test_too_small)
{
	struct layout l;

	layout_compute(&l, LAYOUT_MIN_W - 1, 24, 7, 0, 0);
	ck_assert(l.too_small);
	layout_compute(&l, 80, LAYOUT_MIN_H - 1, 7, 0, 0);
	ck_assert(l.too_small);
	layout_compute(&l, LAYOUT_MIN_W, LAYOUT_MIN_H, 7, 0, 0);
	ck_assert(!l.too_small);
	ck_assert_int_eq(l.ncols, 1);
	ck_assert_int_ge(l.cards_per_col, 1);
}
END_TEST

START_TEST(test_scrolls_to_selected)
{
	struct layout l;

	/* 80 columns show three of seven stages: selecting the sixth scrolls. */
	layout_compute(&l, 80, 24, 7, 0, 5);
	ck_assert_int_eq(l.first_col, 3);
	ck_assert(l.more_left);
	ck_assert(l.more_right);
	/* Moving back inside the window does not scroll. */
	layout_compute(&l, 80, 24, 7, 3, 4);
	ck_assert_int_eq(l.first_col, 3);
	/* The last stage: nothing hidden to the right. */
	layout_compute(&l, 80, 24, 7, 3, 6);
	ck_assert_int_eq(l.first_col, 4);
	ck_assert(!l.more_right);
	/* A stale first column beyond the end is pulled back. */
	layout_compute(&l, 200, 60, 7, 5, 6);
	ck_assert_int_eq(l.first_col, 0);
	ck_assert(!l.more_left && !l.more_right);
}
END_TEST

Suite *
suite_layout(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");

	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_too_small);
	tcase_add_test(tc, test_scrolls_to_selected);
	suite_add_tcase(s, tc);
	return s;
}
