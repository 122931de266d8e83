#include <stdlib.h>
#include <string.h>

#include "real_text.h"
#include "text.h"
#include "xmalloc.h"

/*
 * Words that, making up half of a text or more, say nothing: filler, keyboard
 * runs and "to be done" markers. Compared with a word's letters and digits in
 * lower case, so "N/A" is "na" and "TBD." is "tbd".
 */
static const char *const placeholder_words[] = {
	"asdf", "asdfg", "asdfgh", "asdfghjkl", "qwer", "qwert", "qwerty", "qwertz", "zxcv",
	"jkl", "hjkl", "test", "tests", "testing", "tbd", "tba", "todo", "na", "foo",
	"bar", "baz", "blah", "dummy", "placeholder", "xxx", "yyy", "zzz", "abc", "etc",
};
/* Filler that is never real, however few times it appears. */
static const char *const filler_words[] = {"lorem", "ipsum"};

#define WORD_MAX 32 /* longer words are never placeholders */

struct scan {
	uint32_t *cp; /* the letters and digits, in lower case */
	size_t n, digits;
	int words, placeholders, filler;
};

static int
in_list(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return 1;
	return 0;
}

/* "xxxx", "zzzzz": one letter typed over and over as a word. */
static int
one_letter_word(const char *w)
{
	size_t n = strlen(w);

	return n >= 3 && w[0] >= 'a' && w[0] <= 'z' && strspn(w, (char[]){w[0], '\0'}) == n;
}

static void
end_word(struct scan *sc, char *word, size_t len, int alnum, int wide)
{
	if (alnum == 0)
		return;
	/* CJK is written without spaces: each character stands for a word. */
	sc->words += wide > 1 ? wide : 1;
	word[len < WORD_MAX ? len : WORD_MAX] = '\0';
	if (len >= WORD_MAX)
		return;
	if (in_list(word, filler_words, sizeof filler_words / sizeof *filler_words))
		sc->filler = 1;
	if (in_list(word, placeholder_words, sizeof placeholder_words / sizeof *placeholder_words) ||
	    one_letter_word(word))
		sc->placeholders++;
}

/* Splits s into words at white space and collects its letters and digits. */
static void
scan(const char *s, struct scan *sc)
{
	char word[WORD_MAX + 1];
	size_t len = 0;
	int alnum = 0, wide = 0;

	memset(sc, 0, sizeof *sc);
	sc->cp = xcalloc(strlen(s) + 1, sizeof *sc->cp);
	for (const char *p = s; *p;) {
		uint32_t cp;

		p += utf8_decode(p, &cp);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 ||
		    cp == 0x3000) {
			end_word(sc, word, len, alnum, wide);
			len = 0;
			alnum = wide = 0;
			continue;
		}
		if (!cp_is_alnum(cp))
			continue;
		cp = cp_lower(cp);
		sc->cp[sc->n++] = cp;
		sc->digits += cp >= '0' && cp <= '9';
		alnum++;
		wide += cp_width(cp) == 2;
		if (len < WORD_MAX)
			word[len] = cp < 0x80 ? (char)cp : '\x01';
		len++;
	}
	end_word(sc, word, len, alnum, wide);
}

/* The text is one short unit said again and again: "ababab", "a1a1a1", "asdf asdf asdf". */
static int
repeats(const struct scan *sc)
{
	uint32_t seen[4];
	size_t distinct = 0;

	for (size_t p = 1; p <= sc->n / 2; p++) {
		size_t i = p;

		while (i < sc->n && sc->cp[i] == sc->cp[i - p])
			i++;
		if (i == sc->n)
			return 1;
	}
	/* Three characters or fewer, shuffled, are no more than a pattern. */
	for (size_t i = 0; i < sc->n && distinct < 4; i++) {
		size_t j = 0;

		while (j < distinct && seen[j] != sc->cp[i])
			j++;
		if (j == distinct)
			seen[distinct++] = sc->cp[i];
	}
	return distinct < 4;
}

const char *
real_text_problem(const char *s)
{
	struct scan sc;
	const char *why = NULL;

	if (s == NULL || s[0] == '\0')
		return "it is empty";
	if (!utf8_valid(s, strlen(s)))
		return "it is not valid UTF-8";
	scan(s, &sc);
	if (sc.n < REAL_TEXT_MIN_CHARS)
		why = "it needs at least 10 letters or digits";
	else if (sc.words < REAL_TEXT_MIN_WORDS)
		why = "it needs at least 3 words";
	else if (sc.digits * 2 > sc.n)
		why = "it is mostly digits";
	else if (repeats(&sc))
		why = "it is a repeated pattern";
	else if (sc.filler || sc.placeholders * 2 >= sc.words)
		why = "it is placeholder text (lorem ipsum, asdf, test, tbd, n/a, xxx)";
	free(sc.cp);
	return why;
}

int
real_text_same(const char *a, const char *b)
{
	struct scan x, y;
	int same;

	scan(a, &x);
	scan(b, &y);
	same = x.n == y.n && memcmp(x.cp, y.cp, x.n * sizeof *x.cp) == 0;
	free(x.cp);
	free(y.cp);
	return same;
}
