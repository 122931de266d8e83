#include <string.h>

#include "canvas.h"
#include "input.h"
#include "line_edit.h"
#include "text.h"
#include "unit.h"

#define NI    "\xe6\x97\xa5"     /* 日, 2 columns, 3 bytes */
#define HON   "\xe6\x9c\xac"     /* 本 */
#define GO    "\xe8\xaa\x9e"     /* 語 */
#define GRIN  "\xf0\x9f\x98\x80" /* U+1F600, 2 columns, 4 bytes */
#define ACUTE "\xcc\x81"         /* U+0301 combining acute, 2 bytes */
#define FFFD  "\xef\xbf\xbd"
#define BAD   "\xff"     /* never valid in UTF-8 */
#define C1    "\xc2\x9b" /* U+009B, CSI */
#define HALF  "\xe6\x97" /* 日 without its last byte */

static void
keys(struct line_edit *e, enum le_result want, const int *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(line_edit_key(e, k[i]) == want, "key %d (#%zu) did not give %d",
			      k[i], i, (int)want);
}
/* Sends keys; each must give the result wanted. */
#define KEYS(e, want, ...)                                                                        \
	keys((e), (want), (const int[]){__VA_ARGS__},                                             \
	     sizeof((const int[]){__VA_ARGS__}) / sizeof(int))

static void
type(struct line_edit *e, const char *s)
{
	while (*s) {
		uint32_t cp;

		s += utf8_decode(s, &cp);
		ck_assert_int_eq(line_edit_key(e, (int)cp), LE_CHANGED);
	}
}

/* Valid UTF-8, NUL at len, within max_bytes, the cursor between characters. */
static void
check_edit(const struct line_edit *e)
{
	uint32_t cp;

	ck_assert(utf8_valid(e->buf, e->len));
	ck_assert_uint_eq(strlen(e->buf), e->len);
	ck_assert_uint_le(e->cursor, e->len);
	if (e->max_bytes > 0)
		ck_assert_uint_le(e->len, e->max_bytes);
	if (e->cursor > 0 && e->cursor < e->len) {
		ck_assert_msg(((unsigned char)e->buf[e->cursor] & 0xc0) != 0x80,
			      "cursor %zu inside a character of '%s'", e->cursor, e->buf);
		utf8_decode(e->buf + e->cursor, &cp);
		ck_assert_msg(cp_width(cp) != 0, "cursor %zu before a combining mark in '%s'",
			      e->cursor, e->buf);
	}
}

START_TEST(test_init_set)
{
	struct line_edit e;

	line_edit_init(&e, "hello", 0);
	ck_assert_str_eq(line_edit_text(&e), "hello");
	ck_assert_uint_eq(e.cursor, 5);
	line_edit_set(&e, NULL);
	ck_assert_str_eq(line_edit_text(&e), "");
	ck_assert_uint_eq(e.cursor, 0);
	line_edit_set(&e, NI "x");
	ck_assert_uint_eq(e.cursor, 4);
	/* Setting the editor's own text is safe. */
	line_edit_set(&e, line_edit_text(&e));
	ck_assert_str_eq(line_edit_text(&e), NI "x");
	check_edit(&e);
	line_edit_free(&e);

	line_edit_init(&e, NULL, 0);
	ck_assert_str_eq(line_edit_text(&e), "");
	check_edit(&e);
	line_edit_free(&e);
}
END_TEST

START_TEST(test_set_sanitizes)
{
	struct line_edit e;

	/* Invalid bytes become U+FFFD; controls (tab, newline, ESC, DEL, C1) spaces. */
	line_edit_init(&e, "a" BAD "b\tc\nd\033e\177" C1 "f" HALF, 0);
	ck_assert_str_eq(line_edit_text(&e), "a" FFFD "b c d e  f" FFFD FFFD);
	check_edit(&e);
	line_edit_free(&e);

	/* Cut to max_bytes at a character: never half of 日 ... */
	line_edit_init(&e, "ab" NI, 4);
	ck_assert_str_eq(line_edit_text(&e), "ab");
	ck_assert_uint_eq(e.cursor, 2);
	/* ... nor a base without its mark ... */
	line_edit_set(&e, "abe" ACUTE);
	ck_assert_str_eq(line_edit_text(&e), "ab");
	/* ... and a replacement character counts its three bytes. */
	line_edit_set(&e, "abc\xff");
	ck_assert_str_eq(line_edit_text(&e), "abc");
	line_edit_set(&e, "abcd");
	ck_assert_str_eq(line_edit_text(&e), "abcd");
	check_edit(&e);
	line_edit_free(&e);
}
END_TEST

START_TEST(test_insert)
{
	struct line_edit e;

	line_edit_init(&e, "", 0);
	type(&e, "ac");
	KEYS(&e, LE_MOVED, K_LEFT);
	type(&e, "b");
	ck_assert_str_eq(line_edit_text(&e), "abc");
	ck_assert_uint_eq(e.cursor, 2);
	/* Two-, three- and four-byte characters. */
	KEYS(&e, LE_CHANGED, 0xe9, 0x65e5, 0x1f600);
	ck_assert_str_eq(line_edit_text(&e), "ab\xc3\xa9" NI GRIN "c");
	ck_assert_uint_eq(e.cursor, 2 + 2 + 3 + 4);
	KEYS(&e, LE_CHANGED, ' ', 0xfffd, 0x10ffff);
	check_edit(&e);
	line_edit_free(&e);
}
END_TEST

START_TEST(test_insert_rejects)
{
	struct line_edit e;

	line_edit_init(&e, "x", 0);
	/* Controls, keys of the form, surrogates and non-code points are not text. */
	KEYS(&e, LE_UNHANDLED, 0, K_TAB, K_ENTER, 10, K_ESC, K_CTRL_C, K_CTRL_L, 0x80, 0x85, 0x9b,
	     0x9f, 0x2028, 0x2029, 0xd800, 0xdfff, -1, K_UP, K_DOWN, K_PGUP, K_PGDN, K_BTAB,
	     K_RESIZE, K_MOUSE, K_TICK, 0x7fffffff);
	ck_assert_str_eq(line_edit_text(&e), "x");
	ck_assert_uint_eq(e.cursor, 1);
	line_edit_free(&e);
}
END_TEST

START_TEST(test_max_bytes)
{
	struct line_edit e;

	line_edit_init(&e, "abc", 5);
	/* 日 needs three bytes, two are left: refused, text intact. */
	ck_assert_int_eq(line_edit_key(&e, 0x65e5), LE_MOVED);
	ck_assert_str_eq(line_edit_text(&e), "abc");
	ck_assert_int_eq(line_edit_key(&e, 0xe9), LE_CHANGED);
	ck_assert_str_eq(line_edit_text(&e), "abc\xc3\xa9");
	ck_assert_int_eq(line_edit_key(&e, 'x'), LE_MOVED);
	KEYS(&e, LE_CHANGED, K_BACKSPACE);
	type(&e, "xy");
	ck_assert_str_eq(line_edit_text(&e), "abcxy");
	check_edit(&e);
	line_edit_free(&e);
}
END_TEST

START_TEST(test_move)
{
	/* Offsets of each character: a, é (e + mark), 日, 😀, end. */
	static const size_t stops[] = {0, 1, 4, 7, 11};
	struct line_edit e;

	line_edit_init(&e, "ae" ACUTE NI GRIN, 0);
	ck_assert_uint_eq(e.cursor, 11);
	for (int i = 3; i >= 0; i--) {
		KEYS(&e, LE_MOVED, K_LEFT);
		ck_assert_uint_eq(e.cursor, stops[i]);
	}
	/* At the start Left is still the editor's: it does not leave the field. */
	KEYS(&e, LE_MOVED, K_LEFT);
	ck_assert_uint_eq(e.cursor, 0);
	for (int i = 1; i <= 4; i++) {
		KEYS(&e, LE_MOVED, K_RIGHT);
		ck_assert_uint_eq(e.cursor, stops[i]);
	}
	KEYS(&e, LE_MOVED, K_RIGHT);
	ck_assert_uint_eq(e.cursor, 11);
	KEYS(&e, LE_MOVED, K_HOME);
	ck_assert_uint_eq(e.cursor, 0);
	KEYS(&e, LE_MOVED, K_END);
	ck_assert_uint_eq(e.cursor, 11);
	KEYS(&e, LE_MOVED, K_CTRL_A);
	ck_assert_uint_eq(e.cursor, 0);
	KEYS(&e, LE_MOVED, K_CTRL_E);
	ck_assert_uint_eq(e.cursor, 11);
	ck_assert_str_eq(line_edit_text(&e), "ae" ACUTE NI GRIN);
	line_edit_free(&e);
}
END_TEST

START_TEST(test_backspace)
{
	struct line_edit e;

	line_edit_init(&e, "ae" ACUTE NI GRIN, 0);
	KEYS(&e, LE_CHANGED, K_BACKSPACE);
	ck_assert_str_eq(line_edit_text(&e), "ae" ACUTE NI);
	KEYS(&e, LE_CHANGED, 8); /* Ctrl-H */
	ck_assert_str_eq(line_edit_text(&e), "ae" ACUTE);
	/* The accent goes with its letter. */
	KEYS(&e, LE_CHANGED, K_BACKSPACE);
	ck_assert_str_eq(line_edit_text(&e), "a");
	KEYS(&e, LE_CHANGED, K_BACKSPACE);
	ck_assert_str_eq(line_edit_text(&e), "");
	KEYS(&e, LE_MOVED, K_BACKSPACE, 8);
	/* In the middle. */
	line_edit_set(&e, "x" NI "y");
	KEYS(&e, LE_MOVED, K_LEFT);
	KEYS(&e, LE_CHANGED, K_BACKSPACE);
	ck_assert_str_eq(line_edit_text(&e), "xy");
	ck_assert_uint_eq(e.cursor, 1);
	line_edit_free(&e);
}
END_TEST

START_TEST(test_delete)
{
	struct line_edit e;

	line_edit_init(&e, "e" ACUTE GRIN "z", 0);
	KEYS(&e, LE_MOVED, K_DELETE); /* at the end: nothing */
	KEYS(&e, LE_MOVED, K_HOME);
	KEYS(&e, LE_CHANGED, K_DELETE);
	ck_assert_str_eq(line_edit_text(&e), GRIN "z");
	KEYS(&e, LE_CHANGED, K_DELETE);
	ck_assert_str_eq(line_edit_text(&e), "z");
	ck_assert_uint_eq(e.cursor, 0);
	line_edit_free(&e);
}
END_TEST

START_TEST(test_kill)
{
	struct line_edit e;

	line_edit_init(&e, "hello " NI "world", 0);
	KEYS(&e, LE_MOVED, K_LEFT, K_LEFT, K_LEFT, K_LEFT, K_LEFT);
	KEYS(&e, LE_CHANGED, K_CTRL_K);
	ck_assert_str_eq(line_edit_text(&e), "hello " NI);
	KEYS(&e, LE_MOVED, K_CTRL_K);
	KEYS(&e, LE_MOVED, K_LEFT);
	KEYS(&e, LE_CHANGED, K_CTRL_U);
	ck_assert_str_eq(line_edit_text(&e), NI);
	ck_assert_uint_eq(e.cursor, 0);
	KEYS(&e, LE_MOVED, K_CTRL_U);
	line_edit_free(&e);
}
END_TEST

START_TEST(test_word_rubout)
{
	struct line_edit e;

	line_edit_init(&e, "foo bar  ", 0);
	KEYS(&e, LE_CHANGED, K_CTRL_W);
	ck_assert_str_eq(line_edit_text(&e), "foo ");
	KEYS(&e, LE_CHANGED, K_CTRL_W);
	ck_assert_str_eq(line_edit_text(&e), "");
	KEYS(&e, LE_MOVED, K_CTRL_W);
	/* From inside a word: only the part before the cursor. */
	line_edit_set(&e, "foo bar");
	KEYS(&e, LE_MOVED, K_LEFT);
	KEYS(&e, LE_CHANGED, K_CTRL_W);
	ck_assert_str_eq(line_edit_text(&e), "foo r");
	ck_assert_uint_eq(e.cursor, 4);
	/* Words of wide characters and accents. */
	line_edit_set(&e, NI HON " e" ACUTE GO);
	KEYS(&e, LE_CHANGED, K_CTRL_W);
	ck_assert_str_eq(line_edit_text(&e), NI HON " ");
	KEYS(&e, LE_CHANGED, K_CTRL_W);
	ck_assert_str_eq(line_edit_text(&e), "");
	line_edit_free(&e);
}
END_TEST

START_TEST(test_combining_typed)
{
	struct line_edit e;

	line_edit_init(&e, "", 0);
	type(&e, "e" ACUTE);
	ck_assert_str_eq(line_edit_text(&e), "e" ACUTE);
	ck_assert_uint_eq(e.cursor, 3);
	KEYS(&e, LE_MOVED, K_LEFT);
	ck_assert_uint_eq(e.cursor, 0);
	/* A mark typed first stands alone; a base typed before it takes it. */
	line_edit_set(&e, "");
	type(&e, ACUTE "x");
	KEYS(&e, LE_MOVED, K_HOME);
	type(&e, "e");
	ck_assert_str_eq(line_edit_text(&e), "e" ACUTE "x");
	ck_assert_uint_eq(e.cursor, 3);
	check_edit(&e);
	line_edit_free(&e);
}
END_TEST

/* Random keys over awkward text: the invariants always hold. */
START_TEST(test_random_keys)
{
	static const int pool[] = {'a',      ' ',      0xe9,     0x301,    0x65e5,   0x1f600,
				   0x200d,   K_LEFT,   K_RIGHT,  K_HOME,   K_END,    K_BACKSPACE,
				   8,        K_DELETE, K_CTRL_U, K_CTRL_K, K_CTRL_W, K_CTRL_A,
				   K_CTRL_E, K_TAB,    K_UP,     0xd800};
	struct line_edit e;
	struct canvas c;
	unsigned seed = 99;

	canvas_init(&c, 12, 1, 0);
	for (int max = 0; max < 12; max += 5) {
		line_edit_init(&e, "x" ACUTE ACUTE NI, (size_t)max);
		for (int i = 0; i < 4000; i++) {
			int col;

			seed = seed * 1103515245u + 12345u;
			line_edit_key(&e, pool[(seed >> 16) % (sizeof pool / sizeof pool[0])]);
			check_edit(&e);
			col = line_edit_draw(&e, &c, 0, 2, 7, ROLE_INPUT);
			ck_assert_int_ge(col, 2);
			ck_assert_int_lt(col, 2 + 7);
			ck_assert_int_ge(e.scroll, 0);
		}
		line_edit_free(&e);
	}
	canvas_free(&c);
}
END_TEST

/* The row as cells, right halves as "|". */
static const char *
row(struct canvas *c, int y)
{
	static char out[512];
	size_t n = 0;

	for (int x = 0; x < c->w; x++) {
		const char *g = canvas_at(c, y, x)->ch;

		n += (size_t)snprintf(out + n, sizeof out - n, "%s", *g ? g : "|");
	}
	return out;
}

START_TEST(test_draw)
{
	struct line_edit e;
	struct canvas c;

	canvas_init(&c, 12, 1, 0);
	canvas_text(&c, 0, 0, 12, "############", ROLE_NORMAL);
	line_edit_init(&e, "hi " NI, 0);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 2, 8, ROLE_INPUT), 2 + 5);
	ck_assert_str_eq(row(&c, 0), "##hi " NI "|   ##");
	ck_assert_int_eq(canvas_at(&c, 0, 2)->role, ROLE_INPUT);
	ck_assert_int_eq(canvas_at(&c, 0, 9)->role, ROLE_INPUT);
	ck_assert_int_eq(canvas_at(&c, 0, 10)->role, ROLE_NORMAL);
	KEYS(&e, LE_MOVED, K_LEFT);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 2, 8, ROLE_INPUT), 2 + 3);
	KEYS(&e, LE_MOVED, K_HOME);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 2, 8, ROLE_INPUT), 2);
	/* Nothing to draw in no columns. */
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 2, 0, ROLE_INPUT), 2);
	line_edit_free(&e);
	canvas_free(&c);
}
END_TEST

START_TEST(test_draw_scroll)
{
	struct line_edit e;
	struct canvas c;

	canvas_init(&c, 10, 1, 0);
	line_edit_init(&e, "0123456789abcdefghij", 0);
	/* At the end: the last characters and a free cell for the cursor. */
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 8, ROLE_INPUT), 1 + 7);
	ck_assert_str_eq(row(&c, 0), " defghij  ");
	ck_assert_int_eq(e.scroll, 13);
	/* Moving left inside the window does not scroll. */
	KEYS(&e, LE_MOVED, K_LEFT, K_LEFT, K_LEFT);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 8, ROLE_INPUT), 1 + 4);
	ck_assert_int_eq(e.scroll, 13);
	/* Home scrolls back to the start, Right past the edge scrolls by one. */
	KEYS(&e, LE_MOVED, K_HOME);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 8, ROLE_INPUT), 1);
	ck_assert_str_eq(row(&c, 0), " 01234567 ");
	for (int i = 0; i < 8; i++)
		KEYS(&e, LE_MOVED, K_RIGHT);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 8, ROLE_INPUT), 1 + 7);
	ck_assert_str_eq(row(&c, 0), " 12345678 ");
	/* After a deletion the window shows as much text as fits. */
	KEYS(&e, LE_MOVED, K_END);
	line_edit_draw(&e, &c, 0, 1, 8, ROLE_INPUT);
	KEYS(&e, LE_CHANGED, K_BACKSPACE, K_BACKSPACE, K_BACKSPACE, K_BACKSPACE, K_BACKSPACE);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 8, ROLE_INPUT), 1 + 7);
	ck_assert_int_eq(e.scroll, 8);
	ck_assert_str_eq(row(&c, 0), " 89abcde  ");
	KEYS(&e, LE_CHANGED, K_CTRL_W);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 8, ROLE_INPUT), 1);
	ck_assert_int_eq(e.scroll, 0);
	ck_assert_str_eq(row(&c, 0), "          ");
	line_edit_free(&e);
	canvas_free(&c);
}
END_TEST

START_TEST(test_draw_scroll_wide)
{
	struct line_edit e;
	struct canvas c;

	canvas_init(&c, 7, 1, 0);
	/* Columns: 日 0, 本 2, 語 4, 日 6, 本 8, 語 10; end 12. */
	line_edit_init(&e, NI HON GO NI HON GO, 0);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 5, ROLE_INPUT), 1 + 4);
	ck_assert_int_eq(e.scroll, 8);
	ck_assert_str_eq(row(&c, 0), " " HON "|" GO "|  ");
	KEYS(&e, LE_MOVED, K_HOME);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 5, ROLE_INPUT), 1);
	ck_assert_int_eq(e.scroll, 0);
	/* 語 cut by the right edge shows as a blank. */
	ck_assert_str_eq(row(&c, 0), " " NI "|" HON "|  ");
	/* On 語, the window moves so all of it shows; 日 cut by the left edge is blank. */
	KEYS(&e, LE_MOVED, K_RIGHT, K_RIGHT);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 5, ROLE_INPUT), 1 + 3);
	ck_assert_int_eq(e.scroll, 1);
	ck_assert_str_eq(row(&c, 0), "  " HON "|" GO "| ");
	/* A field one column wide still shows the cursor. */
	KEYS(&e, LE_MOVED, K_RIGHT);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 1, 1, ROLE_INPUT), 1);
	ck_assert_int_eq(e.scroll, 6);
	line_edit_free(&e);
	canvas_free(&c);
}
END_TEST

START_TEST(test_draw_combining)
{
	struct line_edit e;
	struct canvas c;

	canvas_init(&c, 6, 1, 0);
	line_edit_init(&e, "e" ACUTE "x", 0);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 0, 6, ROLE_INPUT), 2);
	ck_assert_str_eq(row(&c, 0), "e" ACUTE "x    ");
	KEYS(&e, LE_MOVED, K_LEFT);
	ck_assert_int_eq(line_edit_draw(&e, &c, 0, 0, 6, ROLE_INPUT), 1);
	line_edit_free(&e);
	canvas_free(&c);
}
END_TEST

Suite *
suite_line_edit(void)
{
	Suite *s = suite_create("line_edit");
	TCase *tc = tcase_create("line_edit");

	tcase_add_test(tc, test_init_set);
	tcase_add_test(tc, test_set_sanitizes);
	tcase_add_test(tc, test_insert);
	tcase_add_test(tc, test_insert_rejects);
	tcase_add_test(tc, test_max_bytes);
	tcase_add_test(tc, test_move);
	tcase_add_test(tc, test_backspace);
	tcase_add_test(tc, test_delete);
	tcase_add_test(tc, test_kill);
	tcase_add_test(tc, test_word_rubout);
	tcase_add_test(tc, test_combining_typed);
	tcase_add_test(tc, test_random_keys);
	tcase_add_test(tc, test_draw);
	tcase_add_test(tc, test_draw_scroll);
	tcase_add_test(tc, test_draw_scroll_wide);
	tcase_add_test(tc, test_draw_combining);
	suite_add_tcase(s, tc);
	return s;
}
