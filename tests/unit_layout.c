#include "layout.h"
#include "unit.h"

/* Columns fill the width exactly and never go narrower than the density's minimum. */
static void
check_fills(const struct layout *l, enum density d)
{
	int x = 0;

	for (int i = 0; i < l->ncols; i++) {
		ck_assert_int_eq(l->col_x[i], x);
		ck_assert_int_ge(l->col_w[i], densities[d].col_min_w);
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

		layout_compute(&l, sizes[i].w, sizes[i].h, 7, 0, 0, DENSITY_FULL);
		ck_assert(!l.too_small);
		ck_assert_int_eq(l.ncols, sizes[i].ncols);
		ck_assert_int_eq(l.cards_per_col, sizes[i].cards);
		ck_assert_int_eq(l.status_y, sizes[i].h - 1);
		check_fills(&l, DENSITY_FULL);
	}
}
END_TEST

START_TEST(test_too_small)
{
	struct layout l;

	layout_compute(&l, LAYOUT_MIN_W - 1, 24, 7, 0, 0, DENSITY_FULL);
	ck_assert(l.too_small);
	layout_compute(&l, 80, LAYOUT_MIN_H - 1, 7, 0, 0, DENSITY_FULL);
	ck_assert(l.too_small);
	layout_compute(&l, LAYOUT_MIN_W, LAYOUT_MIN_H, 7, 0, 0, DENSITY_FULL);
	ck_assert(!l.too_small);
	ck_assert_int_eq(l.ncols, 1);
	ck_assert_int_ge(l.cards_per_col, 1);
}
END_TEST

START_TEST(test_scrolls_to_selected)
{
	struct layout l;

	/* 80 columns show three of seven stages: selecting the sixth scrolls. */
	layout_compute(&l, 80, 24, 7, 0, 5, DENSITY_FULL);
	ck_assert_int_eq(l.first_col, 3);
	ck_assert(l.more_left);
	ck_assert(l.more_right);
	/* Moving back inside the window does not scroll. */
	layout_compute(&l, 80, 24, 7, 3, 4, DENSITY_FULL);
	ck_assert_int_eq(l.first_col, 3);
	/* The last stage: nothing hidden to the right. */
	layout_compute(&l, 80, 24, 7, 3, 6, DENSITY_FULL);
	ck_assert_int_eq(l.first_col, 4);
	ck_assert(!l.more_right);
	/* A stale first column beyond the end is pulled back. */
	layout_compute(&l, 200, 60, 7, 5, 6, DENSITY_FULL);
	ck_assert_int_eq(l.first_col, 0);
	ck_assert(!l.more_left && !l.more_right);
}
END_TEST

/*
 * Narrower densities, narrower columns: compact shows all seven default stages
 * at 120 columns, one line at least four at 80x24; more cards fit, and the
 * last card's text stays off the bottom row (where "more" goes).
 */
START_TEST(test_densities)
{
	static const struct {
		enum density d;
		int w, h, ncols, cards;
	} cases[] = {
		{DENSITY_COMPACT, 120, 40, 7, 11}, /* 3 rows a card: the last at 34-35 */
		{DENSITY_COMPACT, 80, 24, 4, 6},
		{DENSITY_LINE, 80, 24, 4, 18}, /* rows 4..21; 22 says "more" */
		{DENSITY_LINE, 200, 60, 7, 54},
		{DENSITY_FULL, 120, 40, 5, 7},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct layout l;

		layout_compute(&l, cases[i].w, cases[i].h, 7, 0, 0, cases[i].d);
		ck_assert_int_eq(l.ncols, cases[i].ncols);
		ck_assert_int_eq(l.cards_per_col, cases[i].cards);
		ck_assert_int_le(l.cards_y + (l.cards_per_col - 1) * l.card_h + l.card_lines,
				 l.status_y - 1);
		check_fills(&l, cases[i].d);
	}
	ck_assert_int_eq(density_of("compact"), DENSITY_COMPACT);
	ck_assert_int_eq(density_of("line"), DENSITY_LINE);
	ck_assert_int_eq(density_of("bogus"), DENSITY_FULL);
	ck_assert_int_eq(density_of(NULL), DENSITY_FULL);
}
END_TEST

/* How many hidden stages each side, not only whether. */
START_TEST(test_hidden_counts)
{
	struct layout l;

	layout_compute(&l, 80, 24, 7, 0, 3, DENSITY_FULL);
	ck_assert_int_eq(l.first_col, 1);
	ck_assert_int_eq(l.more_left, 1);
	ck_assert_int_eq(l.more_right, 3);
}
END_TEST

/* Markers fit in order; what does not is counted by a "+K" that fits too. */
START_TEST(test_fit_tokens)
{
	const int w[] = {3, 9, 6, 3, 3};

	ck_assert_int_eq(layout_fit_tokens(w, 5, 100), 5);
	/* All five: 3+1+9+1+6+1+3+1+3 = 28 columns. */
	ck_assert_int_eq(layout_fit_tokens(w, 5, 28), 5);
	/* 27: four of them (24) and " +1"; 26: three (20) and " +2". */
	ck_assert_int_eq(layout_fit_tokens(w, 5, 27), 4);
	ck_assert_int_eq(layout_fit_tokens(w, 5, 26), 3);
	ck_assert_int_eq(layout_fit_tokens(w, 5, 20), 2); /* 3 9 = 13, " +3" = 16 */
	ck_assert_int_eq(layout_fit_tokens(w, 5, 5), 0);  /* only "+5" */
	ck_assert_int_eq(layout_fit_tokens(w, 0, 5), 0);
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
	tcase_add_test(tc, test_densities);
	tcase_add_test(tc, test_hidden_counts);
	tcase_add_test(tc, test_fit_tokens);
	suite_add_tcase(s, tc);
	return s;
}
