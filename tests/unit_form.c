#include <stdio.h>
#include <string.h>

#include "canvas.h"
#include "form.h"
#include "input.h"
#include "unit.h"
#include "wrap.h"

/* The canvas as text, one line per row, wide glyphs' right halves left out. */
static const char *
screen(struct canvas *c)
{
	static char out[16384];
	size_t n = 0;

	for (int y = 0; y < c->h; y++) {
		for (int x = 0; x < c->w; x++)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s",
					      canvas_at(c, y, x)->ch);
		n += (size_t)snprintf(out + n, sizeof out - n, "\n");
	}
	return out;
}

/* The row (from the top) of the first line with text, or -1. */
static int
row_of(struct canvas *c, const char *text)
{
	const char *s = screen(c), *at = strstr(s, text);
	int y = 0;

	if (at == NULL)
		return -1;
	for (const char *p = s; p < at; p++)
		y += *p == '\n';
	return y;
}

/* A long refusal wraps at words onto the rows above the box's bottom: nothing is cut. */
START_TEST(test_message_wraps)
{
	struct canvas c;
	struct form f;
	int cy, cx;

	canvas_init(&c, 80, 24, 0);
	form_init(&f, " Gate ");
	form_text(&f, "what happened", "", 1);
	form_message(&f, 1,
		     "1 unmet: leaving prospect needs evidence buyer_engaged: the buyer replied "
		     "and accepted a first conversation (or override: O/C-o)");
	ck_assert(f.reshaped);
	form_draw(&f, &c, &cy, &cx);
	ck_assert_int_ge(row_of(&c, "1 unmet: leaving prospect"), 0);
	ck_assert_int_eq(row_of(&c, "(or override: O/C-o)"), row_of(&c, "1 unmet") + 1);
	ck_assert_int_eq(row_of(&c, "└"), row_of(&c, "(or override: O/C-o)") + 1);
	ck_assert_ptr_null(strstr(screen(&c), "…"));
	form_free(&f);
	canvas_free(&c);
}
END_TEST

/* A message longer than four rows ends cut with … on the fourth. */
START_TEST(test_message_cut)
{
	struct canvas c;
	struct form f;
	char msg[1200] = "";
	int cy, cx;

	for (int i = 0; i < 40; i++)
		strcat(msg, "requirement unmet ");
	canvas_init(&c, 80, 24, 0);
	form_init(&f, " Gate ");
	form_text(&f, "what happened", "", 1);
	form_message(&f, 1, msg);
	form_draw(&f, &c, &cy, &cx);
	ck_assert_int_eq(row_of(&c, "…"), row_of(&c, "└") - 1);
	ck_assert_int_eq(row_of(&c, "requirement"), row_of(&c, "└") - 4);
	form_free(&f);
	canvas_free(&c);
}
END_TEST

/* The caller's hint replaces the usual keys on the bottom border. */
START_TEST(test_hint)
{
	struct canvas c;
	struct form f;
	int cy, cx;

	canvas_init(&c, 80, 24, 0);
	form_init(&f, " Gate ");
	form_text(&f, "what happened", "", 1);
	form_draw(&f, &c, &cy, &cx);
	ck_assert_int_ge(row_of(&c, "Esc cancel"), 0);
	form_hint(&f, " y override  n no ");
	form_draw(&f, &c, &cy, &cx);
	ck_assert_int_ge(row_of(&c, "y override  n no"), 0);
	form_free(&f);
	canvas_free(&c);
}
END_TEST

/* form_focus puts the cursor on the field named; an info line that takes no focus is refused. */
START_TEST(test_focus)
{
	struct form f;
	struct field *what, *date;

	form_init(&f, " Gate ");
	form_info(&f, "*", "a requirement", ROLE_HEADER);
	form_text(&f, "what happened", "", 1);
	form_text(&f, "date", "2026-01-01", 2);
	what = form_field(&f, 1, 0); /* adding a field moves the others */
	date = form_field(&f, 2, 0);
	ck_assert_int_eq(f.focus, 1);
	form_focus(&f, date);
	ck_assert_ptr_eq(form_focused(&f), date);
	form_focus(&f, &f.fields[0]);
	ck_assert_ptr_eq(form_focused(&f), date);
	form_key(&f, K_BTAB);
	ck_assert_ptr_eq(form_focused(&f), what);
	form_free(&f);
}
END_TEST

/* A title too long for the border goes on below it: the move at its end stays whole. */
START_TEST(test_title_wraps)
{
	struct canvas c;
	struct form f;
	int cy, cx;

	canvas_init(&c, 80, 24, 0);
	form_init(&f, " Müller & Söhne Maschinenbau — condition monitoring pilot, phase two of "
		      "three: Negotiate → Close ");
	form_text(&f, "what happened", "", 1);
	form_draw(&f, &c, &cy, &cx);
	ck_assert_int_eq(row_of(&c, "┌─ Müller"), row_of(&c, "Negotiate → Close") - 1);
	ck_assert_int_eq(row_of(&c, "what happened"), row_of(&c, "Negotiate → Close") + 2);
	ck_assert_int_eq(cy, row_of(&c, "what happened"));
	ck_assert_ptr_null(strstr(screen(&c), "…"));
	form_free(&f);
	canvas_free(&c);
}
END_TEST

/* Wrapping never loops or drops text: a character wider than the line gets a line of its own. */
START_TEST(test_wrap)
{
	struct strvec v = {0};

	ck_assert_int_eq(wrap_rows("漢字", 1), 2);
	ck_assert_int_eq(wrap_rows("", 10), 1);
	ck_assert_int_eq(wrap_rows("one two three", 7), 2);
	wrap_push(&v, "next step: send the order form to it", 20, 8);
	ck_assert_uint_eq(v.n, 3);
	ck_assert_str_eq(v.v[0], "next step: send the");
	ck_assert_str_eq(v.v[1], "        order form");
	ck_assert_str_eq(v.v[2], "        to it");
	strvec_free(&v);
}
END_TEST

Suite *
suite_form(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("form");

	tcase_add_test(tc, test_message_wraps);
	tcase_add_test(tc, test_message_cut);
	tcase_add_test(tc, test_hint);
	tcase_add_test(tc, test_focus);
	tcase_add_test(tc, test_title_wraps);
	tcase_add_test(tc, test_wrap);
	suite_add_tcase(s, tc);
	return s;
}
