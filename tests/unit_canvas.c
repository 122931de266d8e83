#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "text.h"
#include "unit.h"

#define ELL   "\xe2\x80\xa6"     /* … */
#define NI    "\xe6\x97\xa5"     /* 日, 2 columns */
#define HON   "\xe6\x9c\xac"     /* 本 */
#define GO    "\xe8\xaa\x9e"     /* 語 */
#define GRIN  "\xf0\x9f\x98\x80" /* U+1F600, 2 columns */
#define ACUTE "\xcc\x81"         /* U+0301 combining acute */
#define FFFD  "\xef\xbf\xbd"
#define ZWJ   "\xe2\x80\x8d" /* U+200D zero-width joiner */
#define HEART "\xe2\x9d\xa4" /* U+2764, 1 column */
#define VS16  "\xef\xb8\x8f" /* U+FE0F emoji presentation */
#define RLO   "\xe2\x80\xae" /* U+202E right-to-left override */
#define BOM   "\xef\xbb\xbf"
#define SHAKE "\xf0\x9f\xab\xa8" /* U+1FAE8: glibc's wcwidth says -1 */
#define BAD   "\xff"             /* never valid in UTF-8 */
#define C1    "\xc2\x9b"         /* U+009B, CSI */
#define HALF  "\xe6\x97"         /* 日 without its last byte */

/* Row y as the concatenation of its cells, right halves included as "|" markers. */
static const char *
row(struct canvas *c, int y)
{
	static char out[1024];
	size_t n = 0;

	for (int x = 0; x < c->w; x++) {
		const char *g = canvas_at(c, y, x)->ch;

		if (*g == '\0')
			g = "|";
		n += (size_t)snprintf(out + n, sizeof out - n, "%s", g);
	}
	return out;
}

static const char *
cell(struct canvas *c, int y, int x)
{
	return canvas_at(c, y, x)->ch;
}

/* No orphan halves: every "" follows a 2-column glyph and every 2-column glyph has its "". */
static void
check_grid(struct canvas *c)
{
	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++) {
			const struct cell *k = canvas_at(c, y, x);
			uint32_t cp;
			int wide;

			ck_assert_msg(utf8_valid(k->ch, strlen(k->ch)), "invalid cell at %d,%d", y,
				      x);
			if (k->ch[0] == '\0') {
				ck_assert_msg(x > 0, "right half at column 0, row %d", y);
				utf8_decode(canvas_at(c, y, x - 1)->ch, &cp);
				ck_assert_msg(cp_width(cp) == 2, "orphan right half at %d,%d", y,
					      x);
				continue;
			}
			utf8_decode(k->ch, &cp);
			wide = cp_width(cp) == 2;
			if (wide)
				ck_assert_msg(x + 1 < c->w &&
						      canvas_at(c, y, x + 1)->ch[0] == '\0',
					      "wide glyph without its right half at %d,%d", y, x);
		}
}

/* What canvas_print writes; the caller frees. */
static char *
printed(struct canvas *c)
{
	FILE *f = tmpfile();
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	canvas_print(c, f);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

START_TEST(test_init)
{
	struct canvas c;

	canvas_init(&c, 4, 2, 0);
	ck_assert_int_eq(c.w, 4);
	ck_assert_int_eq(c.h, 2);
	for (int y = 0; y < 2; y++)
		for (int x = 0; x < 4; x++) {
			ck_assert_str_eq(cell(&c, y, x), " ");
			ck_assert_int_eq(canvas_at(&c, y, x)->role, ROLE_NORMAL);
			ck_assert_int_eq(canvas_at(&c, y, x)->reverse, 0);
		}
	ck_assert_ptr_null(canvas_at(&c, -1, 0));
	ck_assert_ptr_null(canvas_at(&c, 0, -1));
	ck_assert_ptr_null(canvas_at(&c, 2, 0));
	ck_assert_ptr_null(canvas_at(&c, 0, 4));
	canvas_free(&c);
	ck_assert_ptr_null(c.cells);

	/* Empty canvases are fine to draw into and print. */
	canvas_init(&c, 0, 5, 0);
	ck_assert_int_eq(c.w * c.h, 0);
	ck_assert_int_eq(canvas_text(&c, 0, 0, 10, "x", ROLE_NORMAL), 0);
	canvas_box(&c, 0, 0, 3, 3, ROLE_BORDER);
	char *out = printed(&c);
	ck_assert_str_eq(out, "");
	free(out);
	canvas_free(&c);
	canvas_init(&c, -3, -3, 0);
	ck_assert_int_eq(c.w, 0);
	canvas_fill(&c, 0, 0, 2, 2, ROLE_NORMAL);
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_plain)
{
	struct canvas c;

	canvas_init(&c, 10, 1, 0);
	canvas_fill(&c, 0, 0, 1, 10, ROLE_DIM);
	canvas_text(&c, 0, 0, 10, "##########", ROLE_DIM);
	ck_assert_int_eq(canvas_text(&c, 0, 2, 5, "abc", ROLE_CARD), 3);
	ck_assert_str_eq(row(&c, 0), "##abc#####");
	ck_assert_int_eq(canvas_at(&c, 0, 2)->role, ROLE_CARD);
	ck_assert_int_eq(canvas_at(&c, 0, 5)->role, ROLE_DIM);
	/* Exactly the width: no cut. */
	ck_assert_int_eq(canvas_text(&c, 0, 0, 4, "wxyz", ROLE_CARD), 4);
	ck_assert_str_eq(row(&c, 0), "wxyzc#####");
	ck_assert_int_eq(canvas_text(&c, 0, 0, 4, "", ROLE_CARD), 0);
	ck_assert_int_eq(canvas_text(&c, 0, 0, 4, NULL, ROLE_CARD), 0);
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_cut)
{
	struct canvas c;

	canvas_init(&c, 10, 2, 0);
	canvas_text(&c, 0, 0, 10, "##########", ROLE_DIM);
	ck_assert_int_eq(canvas_text(&c, 0, 1, 4, "abcdef", ROLE_CARD), 4);
	ck_assert_str_eq(row(&c, 0), "#abc" ELL "#####");
	/* One column: only the ellipsis. */
	ck_assert_int_eq(canvas_text(&c, 1, 0, 1, "abcdef", ROLE_CARD), 1);
	ck_assert_str_eq(row(&c, 1), ELL "         ");
	ck_assert_int_eq(canvas_text(&c, 1, 0, 0, "abcdef", ROLE_CARD), 0);
	ck_assert_int_eq(canvas_text(&c, 1, 0, -5, "abcdef", ROLE_CARD), 0);
	ck_assert_str_eq(row(&c, 1), ELL "         ");
	canvas_free(&c);

	canvas_init(&c, 10, 1, 1);
	ck_assert_int_eq(canvas_text(&c, 0, 0, 4, "abcdef", ROLE_CARD), 4);
	ck_assert_str_eq(row(&c, 0), "abc~      ");
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_canvas_edge)
{
	struct canvas c;

	canvas_init(&c, 6, 1, 0);
	/* maxw reaches past the canvas: the edge cuts. */
	ck_assert_int_eq(canvas_text(&c, 0, 3, 10, "abcdef", ROLE_CARD), 3);
	ck_assert_str_eq(row(&c, 0), "   ab" ELL);
	ck_assert_int_eq(canvas_text(&c, 0, 3, 10, "xyz", ROLE_CARD), 3);
	ck_assert_str_eq(row(&c, 0), "   xyz");
	ck_assert_int_eq(canvas_text(&c, 0, 6, 10, "abc", ROLE_CARD), 0);
	ck_assert_int_eq(canvas_text(&c, 0, 600, 10, "abc", ROLE_CARD), 0);
	ck_assert_int_eq(canvas_text(&c, -1, 0, 10, "abc", ROLE_CARD), 0);
	ck_assert_int_eq(canvas_text(&c, 1, 0, 10, "abc", ROLE_CARD), 0);
	ck_assert_str_eq(row(&c, 0), "   xyz");
	/* Left of the canvas is clipped, not shifted. */
	canvas_text(&c, 0, -2, 5, "abcde", ROLE_CARD);
	ck_assert_str_eq(row(&c, 0), "cdexyz");
	canvas_text(&c, 0, -1000000, 2000000, "abc", ROLE_CARD);
	canvas_text(&c, 0, -2147483647, 2147483647, "abc", ROLE_CARD);
	canvas_text(&c, 0, 2, 2147483647, "abc", ROLE_CARD);
	ck_assert_str_eq(row(&c, 0), "cdabcz");
	check_grid(&c);
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_cjk)
{
	struct canvas c;

	canvas_init(&c, 8, 4, 0);
	ck_assert_int_eq(canvas_text(&c, 0, 0, 6, NI HON GO, ROLE_CARD), 6);
	ck_assert_str_eq(cell(&c, 0, 0), NI);
	ck_assert_str_eq(cell(&c, 0, 1), "");
	ck_assert_str_eq(cell(&c, 0, 4), GO);
	ck_assert_str_eq(cell(&c, 0, 5), "");
	ck_assert_str_eq(cell(&c, 0, 6), " ");
	/* Cut: two of three fit before the ellipsis. */
	ck_assert_int_eq(canvas_text(&c, 1, 0, 5, NI HON GO, ROLE_CARD), 5);
	ck_assert_str_eq(row(&c, 1), NI "|" HON "|" ELL "   ");
	/* 本 would straddle the ellipsis's column: a space instead. */
	ck_assert_int_eq(canvas_text(&c, 2, 0, 4, NI HON GO, ROLE_CARD), 4);
	ck_assert_str_eq(row(&c, 2), NI "| " ELL "    ");
	/* Mixed narrow and wide. */
	ck_assert_int_eq(canvas_text(&c, 3, 0, 4, "a" NI "b", ROLE_CARD), 4);
	ck_assert_str_eq(row(&c, 3), "a" NI "|b    ");
	check_grid(&c);
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_wide_at_edge)
{
	struct canvas c;

	canvas_init(&c, 5, 3, 0);
	/* A wide character cannot start in the last column. */
	ck_assert_int_eq(canvas_text(&c, 0, 4, 3, NI, ROLE_CARD), 1);
	ck_assert_str_eq(row(&c, 0), "    " ELL);
	ck_assert_int_eq(canvas_text(&c, 1, 3, 3, NI HON, ROLE_CARD), 2);
	ck_assert_str_eq(row(&c, 1), "    " ELL);
	ck_assert_int_eq(canvas_text(&c, 2, 2, 9, "a" NI, ROLE_CARD), 3);
	ck_assert_str_eq(row(&c, 2), "  a" NI "|");
	check_grid(&c);
	/* ... nor can it show its right half alone at the left edge. */
	canvas_text(&c, 2, 0, 2, "xy", ROLE_CARD);
	canvas_text(&c, 2, -1, 4, NI "ab", ROLE_CARD);
	ck_assert_str_eq(row(&c, 2), " ab" NI "|");
	check_grid(&c);
	canvas_free(&c);

	canvas_init(&c, 1, 1, 0);
	ck_assert_int_eq(canvas_text(&c, 0, 0, 1, GRIN, ROLE_CARD), 1);
	ck_assert_str_eq(row(&c, 0), ELL);
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_emoji)
{
	struct canvas c;

	canvas_init(&c, 8, 2, 0);
	ck_assert_int_eq(canvas_text(&c, 0, 0, 8, GRIN "x", ROLE_CARD), 3);
	ck_assert_str_eq(row(&c, 0), GRIN "|x     ");
	/* U+1FAE8 is newer than glibc's tables (wcwidth -1): still two columns. */
	ck_assert_int_eq(canvas_text(&c, 1, 0, 8, SHAKE "!", ROLE_CARD), 3);
	ck_assert_str_eq(cell(&c, 1, 1), "");
	ck_assert_str_eq(cell(&c, 1, 2), "!");
	check_grid(&c);
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_combining)
{
	struct canvas c;
	char many[64] = "e";

	canvas_init(&c, 6, 3, 0);
	ck_assert_int_eq(canvas_text(&c, 0, 0, 6, "e" ACUTE "x", ROLE_CARD), 2);
	ck_assert_str_eq(cell(&c, 0, 0), "e" ACUTE);
	ck_assert_str_eq(cell(&c, 0, 1), "x");
	/* A mark on a wide character stays with its left half. */
	ck_assert_int_eq(canvas_text(&c, 1, 0, 6, NI ACUTE "x", ROLE_CARD), 3);
	ck_assert_str_eq(cell(&c, 1, 0), NI ACUTE);
	ck_assert_str_eq(cell(&c, 1, 1), "");
	/* A mark with nothing before it in this text is dropped. */
	ck_assert_int_eq(canvas_text(&c, 2, 0, 6, ACUTE "ab", ROLE_CARD), 2);
	ck_assert_str_eq(cell(&c, 2, 0), "a");
	/* Marks count no columns: this fits in 3 without a cut. */
	ck_assert_int_eq(canvas_text(&c, 2, 0, 3, "a" ACUTE "b" ACUTE "c" ACUTE, ROLE_CARD), 3);
	ck_assert_str_eq(cell(&c, 2, 2), "c" ACUTE);
	/* More marks than a cell holds: kept up to CELL_BYTES, whole code points only. */
	for (int i = 0; i < 20; i++)
		strcat(many, ACUTE);
	ck_assert_int_eq(canvas_text(&c, 2, 0, 6, many, ROLE_CARD), 1);
	ck_assert_uint_lt(strlen(cell(&c, 2, 0)), CELL_BYTES);
	ck_assert_uint_eq(strlen(cell(&c, 2, 0)), 15);
	/* The cut keeps the marks of the last character shown. */
	ck_assert_int_eq(canvas_text(&c, 0, 0, 3, "e" ACUTE "e" ACUTE "e" ACUTE "e", ROLE_CARD),
			 3);
	ck_assert_str_eq(row(&c, 0), "e" ACUTE "e" ACUTE ELL "   ");
	check_grid(&c);
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_invalid_utf8)
{
	struct canvas c;

	canvas_init(&c, 6, 2, 0);
	ck_assert_int_eq(canvas_text(&c, 0, 0, 6, "a" BAD "b" HALF, ROLE_CARD), 5);
	ck_assert_str_eq(row(&c, 0), "a" FFFD "b" FFFD FFFD " ");
	ck_assert_int_eq(canvas_text(&c, 1, 0, 6, "\xc0\xaf\xed\xa0\x80", ROLE_CARD), 5);
	ck_assert_str_eq(cell(&c, 1, 0), FFFD);
	ck_assert_str_eq(cell(&c, 1, 4), FFFD);
	check_grid(&c);
	canvas_free(&c);

	canvas_init(&c, 6, 1, 1);
	canvas_text(&c, 0, 0, 6, "a" BAD "b\x80", ROLE_CARD);
	ck_assert_str_eq(row(&c, 0), "a?b?  ");
	/* A real U+FFFD is text, not an invalid byte. */
	canvas_text(&c, 0, 0, 6, FFFD, ROLE_CARD);
	ck_assert_str_eq(cell(&c, 0, 0), FFFD);
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_controls)
{
	struct canvas c;

	canvas_init(&c, 12, 1, 0);
	canvas_text(&c, 0, 0, 12, "a\tb\nc\x1b[1m\x7f", ROLE_CARD);
	ck_assert_str_eq(row(&c, 0), "a b c [1m   ");
	/* C1 (CSI U+009B, NEL U+0085) and the line separator U+2028. */
	canvas_text(&c, 0, 0, 12, "x\xc2\x9by\xc2\x85z\xe2\x80\xa8!", ROLE_CARD);
	ck_assert_str_eq(row(&c, 0), "x y z !1m   ");
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_invisible)
{
	struct canvas c;

	canvas_init(&c, 8, 2, 0);
	/* Joined emoji are drawn apart, as wide as we measure them. */
	ck_assert_int_eq(canvas_text(&c, 0, 0, 8, GRIN ZWJ GRIN, ROLE_CARD), 4);
	ck_assert_str_eq(row(&c, 0), GRIN "|" GRIN "|    ");
	/* VS16, RLO and BOM are dropped. */
	canvas_text(&c, 1, 0, 8, HEART VS16 "a" RLO "b" BOM, ROLE_CARD);
	ck_assert_str_eq(row(&c, 1), HEART "ab     ");
	check_grid(&c);
	canvas_free(&c);
}
END_TEST

START_TEST(test_overwrite_halves)
{
	struct canvas c;

	canvas_init(&c, 6, 1, 0);
	canvas_text(&c, 0, 0, 6, NI HON GO, ROLE_CARD);
	/* Over the right half of 日: its left half goes blank. */
	canvas_text(&c, 0, 1, 1, "x", ROLE_CARD);
	ck_assert_str_eq(row(&c, 0), " x" HON "|" GO "|");
	check_grid(&c);
	/* Over the left half of 本: its right half goes blank. */
	canvas_text(&c, 0, 2, 1, "y", ROLE_CARD);
	ck_assert_str_eq(row(&c, 0), " xy " GO "|");
	check_grid(&c);
	/* A wide character over the halves of two others. */
	canvas_text(&c, 0, 0, 6, NI HON GO, ROLE_CARD);
	canvas_text(&c, 0, 1, 2, GRIN, ROLE_CARD);
	ck_assert_str_eq(row(&c, 0), " " GRIN "| " GO "|");
	check_grid(&c);
	/* Fill and lines keep the grid whole too. */
	canvas_text(&c, 0, 0, 6, NI HON GO, ROLE_CARD);
	canvas_fill(&c, 0, 3, 1, 2, ROLE_NORMAL);
	ck_assert_str_eq(row(&c, 0), NI "|    ");
	canvas_vline(&c, 0, 1, 1, ROLE_BORDER);
	ck_assert_str_eq(row(&c, 0), " \xe2\x94\x82    ");
	check_grid(&c);
	canvas_free(&c);
}
END_TEST

START_TEST(test_text_right)
{
	struct canvas c;

	canvas_init(&c, 8, 3, 0);
	ck_assert_int_eq(canvas_text_right(&c, 0, 1, 6, "abc", ROLE_CARD), 3);
	ck_assert_str_eq(row(&c, 0), "    abc ");
	ck_assert_int_eq(canvas_text_right(&c, 1, 0, 5, NI "x", ROLE_CARD), 3);
	ck_assert_str_eq(row(&c, 1), "  " NI "|x   ");
	/* Too long: cut like canvas_text. */
	ck_assert_int_eq(canvas_text_right(&c, 2, 0, 4, "abcdef", ROLE_CARD), 4);
	ck_assert_str_eq(row(&c, 2), "abc" ELL "    ");
	ck_assert_int_eq(canvas_text_right(&c, 2, 0, 0, "abcdef", ROLE_CARD), 0);
	/* Past the canvas edge: cut at the edge. */
	ck_assert_int_eq(canvas_text_right(&c, 2, 4, 6, "abc", ROLE_CARD), 1);
	ck_assert_str_eq(row(&c, 2), "abc" ELL "   " ELL);
	check_grid(&c);
	canvas_free(&c);
}
END_TEST

START_TEST(test_style)
{
	struct canvas c;

	canvas_init(&c, 8, 1, 0);
	canvas_text(&c, 0, 0, 8, "ab" NI "cd", ROLE_CARD);
	canvas_style(&c, 0, 1, 2, ROLE_SELECTED, 1, 0);
	ck_assert_str_eq(row(&c, 0), "ab" NI "|cd  ");
	ck_assert_int_eq(canvas_at(&c, 0, 0)->reverse, 0);
	ck_assert_int_eq(canvas_at(&c, 0, 1)->reverse, 1);
	ck_assert_int_eq(canvas_at(&c, 0, 1)->role, ROLE_SELECTED);
	/* The span ended on 日's left half: its right half follows. */
	ck_assert_int_eq(canvas_at(&c, 0, 2)->reverse, 1);
	ck_assert_int_eq(canvas_at(&c, 0, 3)->reverse, 1);
	ck_assert_int_eq(canvas_at(&c, 0, 4)->reverse, 0);
	/* Starting on a right half takes the left half too. */
	canvas_style(&c, 0, 3, 1, ROLE_TITLE, 0, 1);
	ck_assert_int_eq(canvas_at(&c, 0, 2)->bold, 1);
	ck_assert_int_eq(canvas_at(&c, 0, 2)->role, ROLE_TITLE);
	ck_assert_int_eq(canvas_at(&c, 0, 2)->reverse, 0);
	ck_assert_int_eq(canvas_at(&c, 0, 4)->bold, 0);
	/* Clipped at the edges, and writing text resets the marks. */
	canvas_style(&c, 0, -3, 100, ROLE_DIM, 1, 1);
	canvas_style(&c, -1, 0, 8, ROLE_DIM, 1, 1);
	canvas_style(&c, 0, 0, 0, ROLE_CARD, 0, 0);
	ck_assert_int_eq(canvas_at(&c, 0, 7)->bold, 1);
	canvas_text(&c, 0, 7, 1, "z", ROLE_CARD);
	ck_assert_int_eq(canvas_at(&c, 0, 7)->bold, 0);
	ck_assert_int_eq(canvas_at(&c, 0, 7)->reverse, 0);
	canvas_free(&c);
}
END_TEST

static void
check_print(struct canvas *c, const char *want)
{
	char *out = printed(c);

	ck_assert_str_eq(out, want);
	free(out);
}

START_TEST(test_box)
{
	struct canvas c;

	canvas_init(&c, 6, 4, 0);
	canvas_box(&c, 0, 0, 4, 5, ROLE_BORDER);
	canvas_text(&c, 1, 1, 3, "hi", ROLE_CARD);
	check_print(&c, "┌───┐\n"
			"│hi │\n"
			"│   │\n"
			"└───┘\n");
	ck_assert_int_eq(canvas_at(&c, 0, 0)->role, ROLE_BORDER);
	/* A rule across the box joins its sides. */
	canvas_hline(&c, 2, 0, 5, ROLE_BORDER);
	check_print(&c, "┌───┐\n"
			"│hi │\n"
			"├───┤\n"
			"└───┘\n");
	canvas_free(&c);

	canvas_init(&c, 6, 4, 1);
	canvas_box(&c, 0, 0, 4, 5, ROLE_BORDER);
	canvas_hline(&c, 2, 0, 5, ROLE_BORDER);
	check_print(&c, "+---+\n"
			"|   |\n"
			"+---+\n"
			"+---+\n");
	canvas_free(&c);
}
END_TEST

START_TEST(test_box_shared_edges)
{
	struct canvas c;

	canvas_init(&c, 7, 3, 0);
	canvas_box(&c, 0, 0, 3, 4, ROLE_BORDER);
	canvas_box(&c, 0, 3, 3, 4, ROLE_BORDER);
	check_print(&c, "┌──┬──┐\n"
			"│  │  │\n"
			"└──┴──┘\n");
	/* Crossing rules. */
	canvas_fill(&c, 0, 0, 3, 7, ROLE_NORMAL);
	canvas_vline(&c, 0, 3, 3, ROLE_BORDER);
	canvas_hline(&c, 1, 0, 7, ROLE_BORDER);
	check_print(&c, "   │\n"
			"───┼───\n"
			"   │\n");
	canvas_free(&c);
}
END_TEST

START_TEST(test_box_clipped)
{
	struct canvas c;

	canvas_init(&c, 4, 3, 0);
	canvas_box(&c, 1, 2, 5, 5, ROLE_BORDER);
	canvas_box(&c, -2, -2, 4, 4, ROLE_BORDER);
	canvas_box(&c, 0, 0, 0, 3, ROLE_BORDER);
	canvas_hline(&c, 9, 0, 4, ROLE_BORDER);
	canvas_vline(&c, 0, -1, 4, ROLE_BORDER);
	check_print(&c, " │\n"
			"─┘┌─\n"
			"  │\n");
	/* Degenerate boxes are lines. */
	canvas_fill(&c, 0, 0, 3, 4, ROLE_NORMAL);
	canvas_box(&c, 0, 0, 1, 4, ROLE_BORDER);
	canvas_box(&c, 1, 0, 2, 1, ROLE_BORDER);
	check_print(&c, "────\n"
			"│\n"
			"│\n");
	canvas_free(&c);
}
END_TEST

START_TEST(test_print)
{
	struct canvas c;

	canvas_init(&c, 6, 3, 0);
	canvas_text(&c, 0, 0, 6, "a  b", ROLE_CARD);
	canvas_text(&c, 1, 2, 4, NI "e" ACUTE, ROLE_CARD);
	check_print(&c, "a  b\n"
			"  " NI "e" ACUTE "\n"
			"\n");
	/* A wide character in the last column pair is printed once. */
	canvas_text(&c, 2, 4, 2, GRIN, ROLE_CARD);
	check_print(&c, "a  b\n"
			"  " NI "e" ACUTE "\n"
			"    " GRIN "\n");
	canvas_free(&c);
}
END_TEST

START_TEST(test_glyph)
{
	struct canvas u, a;

	canvas_init(&u, 1, 1, 0);
	canvas_init(&a, 1, 1, 1);
	ck_assert_str_eq(glyph(&u, "✓", "+"), "✓");
	ck_assert_str_eq(glyph(&a, "✓", "+"), "+");
	canvas_free(&u);
	canvas_free(&a);
}
END_TEST

/*
 * Random text at random places: the grid stays whole and nothing changes outside
 * the span but the other half of a wide character it cut.
 */
START_TEST(test_text_random)
{
	static const char *const pieces[] = {"a",  " ", NI, GRIN,  BAD,   "\t",
					     HALF, ZWJ, C1, SHAKE, ACUTE, "Z"};
	struct canvas c, before;
	unsigned seed = 12345;

	canvas_init(&c, 13, 1, 0);
	canvas_init(&before, 13, 1, 0);
	for (int round = 0; round < 3000; round++) {
		char s[128] = "";
		int n, x, maxw, used;

		seed = seed * 1103515245u + 12345u;
		n = (int)(seed >> 16) % 10;
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			strcat(s, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
		}
		seed = seed * 1103515245u + 12345u;
		x = (int)((seed >> 16) % 18) - 3;
		seed = seed * 1103515245u + 12345u;
		maxw = (int)((seed >> 16) % 16) - 1;
		memcpy(before.cells, c.cells, sizeof *c.cells * 13);
		used = canvas_text(&c, 0, x, maxw, s, ROLE_CARD);
		ck_assert_int_le(used, maxw < 0 ? 0 : maxw);
		check_grid(&c);
		for (int j = 0; j < 13; j++) {
			if (j >= x && j < x + (maxw > 0 ? maxw : 0))
				continue;
			if (strcmp(c.cells[j].ch, before.cells[j].ch) == 0)
				continue;
			/* Only a half next to the span, blanked. */
			ck_assert_msg(
				(j == x - 1 || j == x + maxw) && strcmp(c.cells[j].ch, " ") == 0,
				"cell %d changed outside [%d, %d) for '%s'", j, x, x + maxw, s);
		}
	}
	canvas_free(&c);
	canvas_free(&before);
}
END_TEST

Suite *
suite_canvas(void)
{
	Suite *s = suite_create("canvas");
	TCase *tc = tcase_create("canvas");

	tcase_add_test(tc, test_init);
	tcase_add_test(tc, test_text_plain);
	tcase_add_test(tc, test_text_cut);
	tcase_add_test(tc, test_text_canvas_edge);
	tcase_add_test(tc, test_text_cjk);
	tcase_add_test(tc, test_text_wide_at_edge);
	tcase_add_test(tc, test_text_emoji);
	tcase_add_test(tc, test_text_combining);
	tcase_add_test(tc, test_text_invalid_utf8);
	tcase_add_test(tc, test_text_controls);
	tcase_add_test(tc, test_text_invisible);
	tcase_add_test(tc, test_overwrite_halves);
	tcase_add_test(tc, test_text_right);
	tcase_add_test(tc, test_style);
	tcase_add_test(tc, test_box);
	tcase_add_test(tc, test_box_shared_edges);
	tcase_add_test(tc, test_box_clipped);
	tcase_add_test(tc, test_print);
	tcase_add_test(tc, test_glyph);
	tcase_add_test(tc, test_text_random);
	suite_add_tcase(s, tc);
	return s;
}
