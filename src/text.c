#define _XOPEN_SOURCE 700
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "strbuf.h"
#include "text.h"
#include "xmalloc.h"

size_t
utf8_decode(const char *str, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t n;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		c = s[0] & 0x1f;
		n = 2;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		c = s[0] & 0x0f;
		n = 3;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		c = s[0] & 0x07;
		n = 4;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = c;
	return n;
}

int
utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		/* Do not read past n: a truncated sequence is invalid. */
		size_t need = (unsigned char)s[i] >= 0xf0   ? 4
			      : (unsigned char)s[i] >= 0xe0 ? 3
							    : 2;
		if (i + need > n)
			return 0;
		k = utf8_decode(s + i, &cp);
		if (cp == 0xfffd && k == 1)
			return 0;
		i += k;
	}
	return 1;
}

const char *
text_problem(const char *s, size_t n)
{
	if (memchr(s, '\0', n) != NULL)
		return "contains a NUL byte";
	if (!utf8_valid(s, n))
		return "not valid UTF-8";
	for (const char *p = s; (p = memchr(p, '\xef', n - (size_t)(p - s))) != NULL; p++)
		if (n - (size_t)(p - s) >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
			return "contains U+FEFF, a byte order mark (two files joined?)";
	return NULL;
}

/* Spaces of any script, and the invisible characters that look like none. */
static int
cp_is_blank(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xa0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200d) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202f || cp == 0x205f || cp == 0x2060 || cp == 0x3000 || cp == 0xfeff;
}

int
text_is_blank(const char *s)
{
	while (*s) {
		uint32_t cp;

		s += utf8_decode(s, &cp);
		if (!cp_is_blank(cp))
			return 0;
	}
	return 1;
}

/* wcwidth() depends on LC_CTYPE; measure under a UTF-8 locale whatever the user runs. */
static locale_t
utf8_locale(void)
{
	static locale_t loc;
	static int tried;

	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

int
text_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029;
}

int
cp_width(uint32_t cp)
{
	locale_t loc, old = (locale_t)0;
	int w;

	if (cp < 0x80)
		return cp >= 0x20 && cp != 0x7f ? 1 : 0;
	loc = utf8_locale();
	if (loc != (locale_t)0)
		old = uselocale(loc);
	w = wcwidth((wchar_t)cp);
	if (loc != (locale_t)0)
		uselocale(old);
	/* Emoji newer than glibc's tables come back as -1: give them two cells. */
	if (w < 0)
		w = cp >= 0x1f000 ? 2 : 1;
	return w;
}

int
text_width(const char *s)
{
	int w = 0;

	while (*s) {
		uint32_t cp;

		s += utf8_decode(s, &cp);
		w += cp_width(cp);
	}
	return w;
}

char *
text_fit(const char *s, int max, int ascii)
{
	const char *ell = ascii ? "~" : "\xe2\x80\xa6";
	const char *p = s, *cut = s;
	int w = 0;

	if (text_width(s) <= max)
		return xstrdup(s);
	if (max <= 0)
		return xstrdup("");
	while (*p) {
		uint32_t cp;
		size_t k = utf8_decode(p, &cp);
		int cw = cp_width(cp);

		if (w + cw > max - 1)
			break;
		w += cw;
		p += k;
		cut = p;
	}
	char *out = xmalloc((size_t)(cut - s) + strlen(ell) + 1);
	memcpy(out, s, (size_t)(cut - s));
	strcpy(out + (cut - s), ell);
	return out;
}

static int
cp_is_letter(uint32_t cp)
{
	locale_t loc;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	/* Unicode classes from glibc's C.UTF-8: accents, CJK, Cyrillic are letters. */
	loc = utf8_locale();
	return cp != 0xfffd && loc != (locale_t)0 && iswalpha_l((wint_t)cp, loc);
}

int
cp_is_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || cp_is_letter(cp);
}

uint32_t
cp_lower(uint32_t cp)
{
	locale_t loc;

	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp;
	loc = utf8_locale();
	return loc != (locale_t)0 ? (uint32_t)towlower_l((wint_t)cp, loc) : cp;
}

int
text_alnum_count(const char *s)
{
	int n = 0;

	while (*s) {
		uint32_t cp;

		s += utf8_decode(s, &cp);
		n += cp_is_alnum(cp);
	}
	return n;
}

int
text_casecmp(const char *a, const char *b)
{
	while (*a && *b) {
		uint32_t ca, cb;

		a += utf8_decode(a, &ca);
		b += utf8_decode(b, &cb);
		ca = cp_lower(ca);
		cb = cp_lower(cb);
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

void
text_put_printable(struct strbuf *b, const char *s)
{
	while (*s) {
		const char *run = s;
		uint32_t cp;
		size_t k;

		/* Copy the longest printable run at once; stop at what must change. */
		while (*s && (k = utf8_decode(s, &cp)) > 0 && !(cp == 0xfffd && k == 1) &&
		       !text_is_control(cp))
			s += k;
		strbuf_add(b, run, (size_t)(s - run));
		if (*s == '\0')
			break;
		k = utf8_decode(s, &cp);
		strbuf_puts(b, text_is_control(cp) ? " " : "\xef\xbf\xbd");
		s += k;
	}
}

char *
text_printable(const char *s)
{
	struct strbuf b;

	strbuf_init(&b);
	text_put_printable(&b, s);
	return strbuf_detach(&b);
}
