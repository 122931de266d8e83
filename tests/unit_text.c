#include <stdlib.h>
#include <string.h>

#include "csv_write.h"
#include "error.h"
#include "gate.h"
#include "real_text.h"
#include "strbuf.h"
#include "text.h"
#include "unit.h"
#include "vocab.h"

#define VALID(s) utf8_valid((s), sizeof(s) - 1)

START_TEST(test_utf8_valid_good)
{
	ck_assert(VALID(""));
	ck_assert(VALID("plain ASCII"));
	ck_assert(VALID("caf\xc3\xa9"));              /* é, 2 bytes */
	ck_assert(VALID("\xe6\x97\xa5\xe6\x9c\xac")); /* 日本, 3 bytes */
	ck_assert(VALID("\xf0\x9f\x98\x80"));         /* U+1F600, 4 bytes */
	ck_assert(VALID("\xc2\x80"));                 /* U+0080, lowest 2-byte */
	ck_assert(VALID("\xe0\xa0\x80"));             /* U+0800, lowest 3-byte */
	ck_assert(VALID("\xf0\x90\x80\x80"));         /* U+10000, lowest 4-byte */
	ck_assert(VALID("\xf4\x8f\xbf\xbf"));         /* U+10FFFF, the last */
	ck_assert(VALID("\xed\x9f\xbf"));             /* U+D7FF, just below surrogates */
	ck_assert(VALID("\xee\x80\x80"));             /* U+E000, just above them */
	ck_assert(VALID("\xef\xbf\xbd"));             /* U+FFFD itself is fine */
	ck_assert(utf8_valid("a\0b", 3));             /* NUL is valid UTF-8 */
}
END_TEST

START_TEST(test_utf8_valid_overlong)
{
	ck_assert(!VALID("\xc0\xaf")); /* '/' in 2 bytes */
	ck_assert(!VALID("\xc1\xbf"));
	ck_assert(!VALID("\xe0\x80\xaf"));     /* '/' in 3 bytes */
	ck_assert(!VALID("\xe0\x9f\xbf"));     /* U+07FF in 3 bytes */
	ck_assert(!VALID("\xf0\x80\x80\xaf")); /* '/' in 4 bytes */
	ck_assert(!VALID("\xf0\x8f\xbf\xbf")); /* U+FFFF in 4 bytes */
}
END_TEST

START_TEST(test_utf8_valid_surrogates)
{
	ck_assert(!VALID("\xed\xa0\x80"));             /* U+D800 */
	ck_assert(!VALID("\xed\xbf\xbf"));             /* U+DFFF */
	ck_assert(!VALID("\xed\xa0\xbd\xed\xb8\x80")); /* CESU-8 pair for U+1F600 */
}
END_TEST

START_TEST(test_utf8_valid_truncated)
{
	ck_assert(!VALID("\xc3"));
	ck_assert(!VALID("\xe6\x97"));
	ck_assert(!VALID("\xf0\x9f\x98"));
	ck_assert(!VALID("abc\xf0\x9f"));
	ck_assert(!VALID("\xe6\x97x")); /* continuation replaced by ASCII */
	ck_assert(!VALID("\xf0\x9f\x98 "));
	/* n ends inside a sequence although more bytes follow in memory. */
	ck_assert(!utf8_valid("caf\xc3\xa9", 4));
	ck_assert(!utf8_valid("\xf0\x9f\x98\x80", 3));
	ck_assert(utf8_valid("caf\xc3\xa9", 3));
}
END_TEST

START_TEST(test_utf8_valid_bad_bytes)
{
	ck_assert(!VALID("\x80")); /* lone continuation */
	ck_assert(!VALID("a\xbf!"));
	ck_assert(!VALID("\xf4\x90\x80\x80")); /* U+110000 */
	ck_assert(!VALID("\xf5\x80\x80\x80"));
	ck_assert(!VALID("\xf7\xbf\xbf\xbf"));
	ck_assert(!VALID("\xf8\x88\x80\x80\x80")); /* old 5-byte form */
	ck_assert(!VALID("\xfe"));
	ck_assert(!VALID("\xff"));
	ck_assert(!VALID("\xfe\xff"));
	ck_assert(!VALID("\xc3\xa9\xa9")); /* one continuation too many */
}
END_TEST

START_TEST(test_utf8_decode)
{
	uint32_t cp = 0;

	ck_assert_uint_eq(utf8_decode("A", &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(utf8_decode("\xc3\xa9", &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert_uint_eq(utf8_decode("\xe6\x97\xa5", &cp), 3);
	ck_assert_uint_eq(cp, 0x65e5);
	ck_assert_uint_eq(utf8_decode("\xf0\x9f\x98\x80", &cp), 4);
	ck_assert_uint_eq(cp, 0x1f600);
	/* A bad byte is one replacement character, and the next byte is read next. */
	ck_assert_uint_eq(utf8_decode("\xffZ", &cp), 1);
	ck_assert_uint_eq(cp, 0xfffd);
	ck_assert_uint_eq(utf8_decode("\xe6Z", &cp), 1);
	ck_assert_uint_eq(cp, 0xfffd);
	ck_assert_uint_eq(utf8_decode("\xe6", &cp), 1); /* stops at the NUL */
	ck_assert_uint_eq(cp, 0xfffd);
}
END_TEST

START_TEST(test_cp_width)
{
	ck_assert_int_eq(cp_width('a'), 1);
	ck_assert_int_eq(cp_width(' '), 1);
	ck_assert_int_eq(cp_width('\t'), 0);
	ck_assert_int_eq(cp_width(0x7f), 0);
	ck_assert_int_eq(cp_width(0xe9), 1);    /* é */
	ck_assert_int_eq(cp_width(0x301), 0);   /* combining acute */
	ck_assert_int_eq(cp_width(0x200b), 0);  /* zero width space */
	ck_assert_int_eq(cp_width(0x65e5), 2);  /* 日 */
	ck_assert_int_eq(cp_width(0xac00), 2);  /* 가 */
	ck_assert_int_eq(cp_width(0xff21), 2);  /* fullwidth A */
	ck_assert_int_eq(cp_width(0x1f600), 2); /* 😀 */
	ck_assert_int_eq(cp_width(0x1fae0), 2); /* 🫠, newer than many tables */
	ck_assert(cp_width(0x9f) >= 0);         /* never -1 */
	ck_assert(cp_width(0x10ffff) >= 0);
}
END_TEST

START_TEST(test_text_width)
{
	ck_assert_int_eq(text_width(""), 0);
	ck_assert_int_eq(text_width("Acme Corp"), 9);
	ck_assert_int_eq(text_width("caf\xc3\xa9"), 4);               /* precomposed é */
	ck_assert_int_eq(text_width("cafe\xcc\x81"), 4);              /* e + combining ´ */
	ck_assert_int_eq(text_width("Zo\xc3\xab M\xc3\xbcller"), 10); /* Zoë Müller */
	ck_assert_int_eq(text_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), 6); /* 日本語 */
	ck_assert_int_eq(text_width("\xed\x95\x9c\xea\xb5\xad"), 4);             /* 한국 */
	ck_assert_int_eq(text_width("\xf0\x9f\x98\x80"), 2);                     /* 😀 */
	ck_assert_int_eq(text_width("a🚀b"), 4);
	ck_assert_int_eq(text_width("Deal \xe6\x97\xa5\xe6\x9c\xac"), 9);
	ck_assert_int_eq(text_width("\xff"), 1); /* a bad byte shows as one � */
}
END_TEST

START_TEST(test_text_fit_fits)
{
	char *s;

	s = text_fit("Acme", 10, 0);
	ck_assert_str_eq(s, "Acme");
	free(s);
	s = text_fit("Acme", 4, 0); /* exactly as wide: not cut */
	ck_assert_str_eq(s, "Acme");
	free(s);
	s = text_fit("\xe6\x97\xa5\xe6\x9c\xac", 4, 0);
	ck_assert_str_eq(s, "\xe6\x97\xa5\xe6\x9c\xac");
	free(s);
	s = text_fit("", 0, 0);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(test_text_fit_cuts_with_ellipsis)
{
	char *s;

	s = text_fit("Hello, world", 5, 0);
	ck_assert_str_eq(s, "Hell\xe2\x80\xa6");
	ck_assert_int_eq(text_width(s), 5);
	free(s);
	s = text_fit("Hello, world", 5, 1);
	ck_assert_str_eq(s, "Hell~");
	free(s);
	s = text_fit("Hello", 1, 0);
	ck_assert_str_eq(s, "\xe2\x80\xa6");
	free(s);
	s = text_fit("Hello", 0, 0);
	ck_assert_str_eq(s, "");
	free(s);
	s = text_fit("Hello", -3, 0);
	ck_assert_str_eq(s, "");
	free(s);
	/* A cut never splits an accented letter from its combining mark. */
	s = text_fit("ae\u0301bcd", 3, 0);
	ck_assert_str_eq(s, "ae\xcc\x81\xe2\x80\xa6");
	free(s);
	s = text_fit("Zo\xc3\xab M\xc3\xbcller", 4, 0);
	ck_assert_str_eq(s, "Zo\xc3\xab\xe2\x80\xa6");
	free(s);
}
END_TEST

/* A wide character that would end past the edge is left out, never halved. */
START_TEST(test_text_fit_cjk_boundary)
{
	const char *cjk = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x83\x86"; /* 日本語テ */
	char *s;

	s = text_fit(cjk, 6, 0); /* 日本 + … = 5: 語 would make 7 */
	ck_assert_str_eq(s, "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6");
	ck_assert_int_eq(text_width(s), 5);
	free(s);
	s = text_fit(cjk, 5, 0);
	ck_assert_str_eq(s, "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6");
	free(s);
	s = text_fit(cjk, 4, 0);
	ck_assert_str_eq(s, "\xe6\x97\xa5\xe2\x80\xa6");
	free(s);
	s = text_fit(cjk, 2, 0);
	ck_assert_str_eq(s, "\xe2\x80\xa6");
	free(s);
	s = text_fit("a\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 3, 1); /* a😀😀 */
	ck_assert_str_eq(s, "a~");
	free(s);
}
END_TEST

/* Whatever the text and width: never wider, valid UTF-8, a prefix of the input. */
START_TEST(test_text_fit_never_wider)
{
	static const char *const texts[] = {
		"Acme Corporation renewal",
		"Zo\xc3\xab M\xc3\xbcller \xe2\x80\x94 caf\xc3\xa9",
		"\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe" /* 株式会社 */
		"\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88",            /* テスト */
		"a日b本c😀d",
		"e\xcc\x81\xcc\x81x\xcc\x81y",
		"\xf0\x9f\x9a\x80\xf0\x9f\x9a\x80\xf0\x9f\x9a\x80",
	};

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (int max = 0; max <= 30; max++)
			for (int ascii = 0; ascii <= 1; ascii++) {
				char *s = text_fit(texts[i], max, ascii);
				size_t ell = ascii ? 1 : 3;
				size_t n = strlen(s);

				ck_assert_msg(text_width(s) <= max, "'%s' at %d is '%s'", texts[i],
					      max, s);
				ck_assert(utf8_valid(s, n));
				if (text_width(texts[i]) <= max)
					ck_assert_str_eq(s, texts[i]);
				else if (max > 0)
					ck_assert(n >= ell && memcmp(s, texts[i], n - ell) == 0);
				free(s);
			}
}
END_TEST

START_TEST(test_text_alnum_count)
{
	ck_assert_int_eq(text_alnum_count(""), 0);
	ck_assert_int_eq(text_alnum_count("a1 b2!?"), 4);
	ck_assert_int_eq(text_alnum_count("... --- !!!"), 0);
	ck_assert_int_eq(text_alnum_count("\xc3\xa9\xe6\x97\xa5"), 2);     /* é日 */
	ck_assert_int_eq(text_alnum_count("\xe2\x80\x94\xe2\x80\xa6"), 0); /* —… */
	ck_assert_int_eq(text_alnum_count("\xe3\x80\x81\xe3\x80\x82"), 0); /* 、。 */
	/* Emoji are not letters; Cyrillic and Greek are. */
	ck_assert_int_eq(text_alnum_count("\xf0\x9f\x98\x80\xf0\x9f\x9a\x80"), 0);
	ck_assert_int_eq(text_alnum_count("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd"), 4);
	ck_assert_int_eq(text_alnum_count("\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1"), 5);
	/* A fullwidth '!' and an ideographic space. */
	ck_assert_int_eq(text_alnum_count("\xef\xbc\x81\xe3\x80\x80"), 0);
}
END_TEST

#define REAL(s)	      ck_assert_msg(real_text_problem(s) == NULL, "%s: %s", s, real_text_problem(s))
#define NOT_REAL(s, why) ck_assert_str_eq(real_text_problem(s), why)

static const char *const too_short = "it needs at least 10 letters or digits";
static const char *const too_few_words = "it needs at least 3 words";
static const char *const digits = "it is mostly digits";
static const char *const pattern = "it is a repeated pattern";
static const char *const placeholder =
	"it is placeholder text (lorem ipsum, asdf, test, tbd, n/a, xxx)";

START_TEST(test_real_text)
{
	REAL("Buyer replied and booked a call");
	REAL("Bob met Ann 1"); /* exactly 10 letters and digits */
	REAL("Signed PO 4711");
	REAL("She tested the sandbox with her team"); /* "tested" is not "test" */
	REAL("Ran a test of the import with 4 users");
	NOT_REAL("Called Bob", too_short);
	NOT_REAL("Called Bob!!!!!!", too_short); /* punctuation does not count */
	NOT_REAL("", "it is empty");
	NOT_REAL(NULL, "it is empty");
	NOT_REAL("!!!! .... ---- ????", too_short);
	NOT_REAL("                    ", too_short);
	NOT_REAL("Buyer replied \xff and booked", "it is not valid UTF-8");
	/* The examples. */
	NOT_REAL("lorem ipsum dolor", placeholder);
	NOT_REAL("1234567890a", too_few_words);
	NOT_REAL("ababababababab", too_few_words);
	NOT_REAL("a1a1a1a1a1a1", too_few_words);
	NOT_REAL("asdf asdf asdf", pattern);
	NOT_REAL("x", too_short);
	/* Each rule once it is the first that fails. */
	NOT_REAL("1234 5678 90a", digits);
	NOT_REAL("PO 4711 4712 4713 signed", digits);
	NOT_REAL("ab ab ab ab ab ab", pattern);
	NOT_REAL("a1 a1 a1 a1 a1 a1", pattern);
	NOT_REAL("AaAa aAaA AaAa", pattern); /* case does not make it two */
	NOT_REAL("a a a a a a a a a a a", pattern);
	NOT_REAL("x.x.x x.x.x x.x.x.x.x", pattern);
	NOT_REAL("abc cab bca acb", pattern); /* three letters shuffled */
	NOT_REAL("hello hello hello hello", pattern);
	NOT_REAL("Lorem ipsum, the buyer said", placeholder);
	NOT_REAL("test test 123 final", placeholder);
	NOT_REAL("TBD: TBD, n/a later", placeholder);
	NOT_REAL("N/A xxx xxxx tbd", placeholder);
	NOT_REAL("foo bar baz qux", placeholder);
	NOT_REAL("qwerty asdf zxcvb", placeholder);
}
END_TEST

START_TEST(test_real_text_unicode)
{
	/* Accents count as letters. */
	REAL("Réunion fixée: été signé");
	REAL("Zo\xc3\xab a sign\xc3\xa9 le bon");
	/* 購買部が契約書に署名しました: the buyer's purchasing signed; no spaces in Japanese. */
	REAL("\xe8\xb3\xbc\xe8\xb2\xb7\xe9\x83\xa8\xe3\x81\x8c\xe5\xa5\x91"
	     "\xe7\xb4\x84\xe6\x9b\xb8\xe3\x81\xab\xe7\xbd\xb2\xe5\x90\x8d"
	     "\xe3\x81\x97\xe3\x81\xbe\xe3\x81\x97\xe3\x81\x9f");
	/* Ten of the same CJK character is one repeated character. */
	NOT_REAL("\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"
		 "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5",
		 pattern);
	/* CJK punctuation and em dashes are not letters. */
	NOT_REAL("\xe3\x80\x82\xe3\x80\x81\xe2\x80\x94\xe2\x80\x94\xe3\x80\x82"
		 "\xe3\x80\x81\xe2\x80\x94\xe2\x80\x94\xe3\x80\x82\xe3\x80\x81",
		 too_short);
	/* Cyrillic: Покупатель подписал договор */
	REAL("\xd0\x9f\xd0\xbe\xd0\xba\xd1\x83\xd0\xbf\xd0\xb0\xd1\x82\xd0\xb5\xd0\xbb\xd1\x8c "
	     "\xd0\xbf\xd0\xbe\xd0\xb4\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd0\xbb "
	     "\xd0\xb4\xd0\xbe\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80");
}
END_TEST

/* Latin-1 punctuation and no-break spaces («»¿¡ U+00A0) are not letters. */
START_TEST(test_real_text_latin1_punctuation)
{
	const char *nbsp_punct = "\xc2\xab\xc2\xbf\xc2\xa1\xc2\xbb\xc2\xa0\xc2\xab\xc2\xbf\xc2"
				 "\xa1\xc2\xbb\xc2\xa0\xc2\xab\xc2\xbf\xc2\xa1\xc2\xbb";

	ck_assert_int_eq(text_alnum_count(nbsp_punct), 0);
	NOT_REAL(nbsp_punct, too_short);
}
END_TEST

/* Evidence said again is the same text whatever its case, spacing and punctuation. */
START_TEST(test_real_text_same)
{
	ck_assert(real_text_same("Signed the NDA.", "signed  the nda"));
	ck_assert(real_text_same("Jos\xc3\xa9 signed", "JOS\xc3\x89 SIGNED!"));
	ck_assert(!real_text_same("Signed the NDA", "Signed the NDA twice"));
	ck_assert(!real_text_same("Signed the NDA", "Signed the MSA"));
}
END_TEST

/* Names match whatever their case, in any alphabet. */
START_TEST(test_text_casecmp)
{
	ck_assert_int_eq(text_casecmp("Alice Buyer", "aLICE bUYER"), 0);
	ck_assert_int_eq(text_casecmp("Jos\xc3\xa9", "JOS\xc3\x89"), 0); /* José */
	ck_assert_int_eq(text_casecmp("Zo\xc3\xab", "zO\xc3\x8b"), 0);   /* Zoë */
	ck_assert_int_eq(text_casecmp("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd",
				      "\xd0\x98\xd0\x92\xd0\x90\xd0\x9d"),
			 0); /* Иван */
	ck_assert_int_eq(text_casecmp("\xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5\xe6\x9c\xac"), 0);
	ck_assert_int_eq(text_casecmp("", ""), 0);
	ck_assert_int_lt(text_casecmp("abc", "ABD"), 0);
	ck_assert_int_gt(text_casecmp("abd", "ABC"), 0);
	ck_assert_int_gt(text_casecmp("abc", "ab"), 0);
	ck_assert_int_lt(text_casecmp("ab", "abc"), 0);
	ck_assert_int_ne(text_casecmp("Jose", "Jos\xc3\xa9"), 0); /* accents matter */
	ck_assert_int_ne(text_casecmp("Bob", "Bob Champion"), 0);
}
END_TEST

/* What no text field stores, whoever typed or imported it. */
START_TEST(test_text_problem)
{
	ck_assert_ptr_null(text_problem("Acme GmbH", 9));
	ck_assert_ptr_null(text_problem("Jos\xc3\xa9", 5));
	ck_assert_ptr_null(text_problem("", 0));
	ck_assert_ptr_nonnull(strstr(text_problem("A\0B", 3), "NUL"));
	ck_assert_ptr_nonnull(strstr(text_problem("A\xff", 2), "UTF-8"));
	ck_assert_ptr_nonnull(strstr(text_problem("\357\273\277Acme", 7), "U+FEFF"));
	ck_assert_ptr_nonnull(strstr(text_problem("Acme\xef\xbb\xbf", 7), "U+FEFF"));
	ck_assert_ptr_nonnull(strstr(text_problem("Acme\xef\xbb", 6), "UTF-8")); /* cut */
	ck_assert_ptr_null(text_problem("\xef\xbc\xa1", 3)); /* U+FF21, a wide A */
}
END_TEST

START_TEST(test_text_is_blank)
{
	ck_assert(text_is_blank(""));
	ck_assert(text_is_blank("   "));
	ck_assert(text_is_blank(" \t\n\r"));
	ck_assert(text_is_blank("\xc2\xa0\xe3\x80\x80\xe2\x80\x8b")); /* NBSP, ideographic, ZWSP */
	ck_assert(text_is_blank("\xef\xbb\xbf"));
	ck_assert(!text_is_blank(" a "));
	ck_assert(!text_is_blank("."));
	ck_assert(!text_is_blank("\xe6\x97\xa5"));
}
END_TEST

/* text_printable: what may reach a terminal. */
START_TEST(test_text_printable)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"plain caf\xc3\xa9 \xe6\x97\xa5", "plain caf\xc3\xa9 \xe6\x97\xa5"},
		{"a\033]0;t\007b", "a ]0;t b"},	       /* OSC title, BEL */
		{"x\033[2Jy", "x [2Jy"},		       /* clear screen */
		{"\xc2\x9b" "31m", " 31m"},		       /* C1 CSI, U+009B */
		{"\xc2\x85" "next", " next"},	       /* C1 NEL */
		{"tab\there\r\nnl\x7f", "tab here  nl "}, /* TAB, CR, LF, DEL */
		{"ls\xe2\x80\xa8ps\xe2\x80\xa9", "ls ps "},   /* U+2028, U+2029 */
		{"bad\x9b" "31m", "bad\xef\xbf\xbd" "31m"},    /* a lone 8-bit CSI byte */
		{"cut\xe6\x97", "cut\xef\xbf\xbd\xef\xbf\xbd"}, /* truncated sequence */
		{"keep \xef\xbf\xbd", "keep \xef\xbf\xbd"},   /* a real U+FFFD */
		{"", ""},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = text_printable(cases[i].in);

		ck_assert_msg(strcmp(got, cases[i].out) == 0, "case %zu: got '%s'", i, got);
		ck_assert(utf8_valid(got, strlen(got)));
		free(got);
	}
}
END_TEST

/* Writes one row through a csv_writer into a string. */
static char *
csv_line(const char *const *cells, size_t n, int terminal)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct csv_writer w;

	csv_writer_init(&w, f);
	ck_assert_int_eq(w.terminal, 0); /* a memory stream is no terminal */
	w.terminal = terminal;
	csv_write_row(&w, cells, n);
	csv_writer_free(&w);
	fclose(f);
	return buf;
}

START_TEST(test_csv_write)
{
	const char *cells[] = {"=1+2", "+1 555", "-2+3", "@x", "\tt", "'q", "a,\"b\"", NULL,
			       "x\033[2J\ny", "12.50", "-20", "+3.5", "-", "-1e3"};
	char *got = csv_line(cells, 14, 0);

	/* Plain numbers (-20, +3.5) are no formula: they stay numbers. */
	ck_assert_str_eq(got, "'=1+2,'+1 555,'-2+3,'@x,'\tt,''q,\"a,\"\"b\"\"\",,"
			      "\"x\033[2J\ny\",12.50,-20,+3.5,'-,'-1e3\n");
	free(got);
	got = csv_line(cells, 14, 1);
	ck_assert_str_eq(got, "'=1+2,'+1 555,'-2+3,'@x,' t,''q,\"a,\"\"b\"\"\",,x [2J y,12.50,"
			      "-20,+3.5,'-,'-1e3\n");
	free(got);
	ck_assert_str_eq(csv_unneutralise("'=1+2"), "=1+2");
	ck_assert_str_eq(csv_unneutralise("''q"), "'q");
	ck_assert_str_eq(csv_unneutralise("'plain"), "'plain");
}
END_TEST

/* A long message is cut on a character boundary, with an ellipsis, never mid-UTF-8. */
START_TEST(test_err_cut_utf8)
{
	struct dd_err e;
	char long_text[3001];

	for (size_t i = 0; i < 1500; i++)
		memcpy(long_text + 2 * i, "\xc3\xa9", 2); /* é */
	long_text[3000] = '\0';
	err_init(&e);
	err_set(&e, DD_DATAERR, "xy%s", long_text); /* byte 1023 falls inside an é */
	ck_assert(utf8_valid(strbuf_str(&e.msg), e.msg.len));
	ck_assert_uint_le(e.msg.len, ERR_MAX);
	ck_assert_str_eq(strbuf_str(&e.msg) + e.msg.len - 3, "\xe2\x80\xa6");
	err_add(&e, DD_DATAERR, "short");
	ck_assert_str_eq(strbuf_str(&e.msg) + e.msg.len - 6, "\nshort");
	err_set(&e, DD_FAIL, "%s", "fits");
	ck_assert_str_eq(strbuf_str(&e.msg), "fits");
	err_free(&e);
}
END_TEST

/* vocab_list and gate_check_words stay in their buffers whatever the words. */
START_TEST(test_word_lists_bounded)
{
	static const char *const words[] = {
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
		"cccccccccccccccccccccccccccccccccccccccc", "dddddddddddddddddddddddddddddddddddddddd",
		"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "ffffffffffffffffffffffffffffffffffffffff",
		"gggggggggggggggggggggggggggggggggggggggg", "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh",
		NULL};
	const struct vocab v = {words, "thing"};
	const char *list = vocab_list(&v);

	ck_assert_uint_lt(strlen(list), 256);
	ck_assert_ptr_nonnull(strstr(list, "aaaa"));
	ck_assert_str_eq(list + strlen(list) - 5, ", ...");
	ck_assert_str_eq(vocab_list(&vocab_influence), "high, medium, low");
	/* Every check word, whole. */
	list = gate_check_words();
	ck_assert_ptr_nonnull(strstr(list, "min_stakeholders N"));
	ck_assert_ptr_nonnull(strstr(list, "has_role ROLE"));
	ck_assert_str_eq(gate_check_words(), list);
}
END_TEST

Suite *
suite_text(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, test_utf8_valid_good);
	tcase_add_test(tc, test_utf8_valid_overlong);
	tcase_add_test(tc, test_utf8_valid_surrogates);
	tcase_add_test(tc, test_utf8_valid_truncated);
	tcase_add_test(tc, test_utf8_valid_bad_bytes);
	tcase_add_test(tc, test_utf8_decode);
	tcase_add_test(tc, test_cp_width);
	tcase_add_test(tc, test_text_width);
	tcase_add_test(tc, test_text_fit_fits);
	tcase_add_test(tc, test_text_fit_cuts_with_ellipsis);
	tcase_add_test(tc, test_text_fit_cjk_boundary);
	tcase_add_test(tc, test_text_fit_never_wider);
	tcase_add_test(tc, test_text_alnum_count);
	tcase_add_test(tc, test_real_text);
	tcase_add_test(tc, test_real_text_unicode);
	tcase_add_test(tc, test_real_text_latin1_punctuation);
	tcase_add_test(tc, test_real_text_same);
	tcase_add_test(tc, test_text_casecmp);
	tcase_add_test(tc, test_text_problem);
	tcase_add_test(tc, test_text_is_blank);
	tcase_add_test(tc, test_text_printable);
	tcase_add_test(tc, test_csv_write);
	tcase_add_test(tc, test_err_cut_utf8);
	tcase_add_test(tc, test_word_lists_bounded);
	suite_add_tcase(s, tc);
	return s;
}
