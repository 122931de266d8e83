/* UTF-8 text: validity, display width, cutting to a width, and "real text". */
#ifndef DD_TEXT_H
#define DD_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* 1 if s[0..n) is valid UTF-8 (no overlongs, surrogates or code points > U+10FFFF). */
int utf8_valid(const char *s, size_t n);
/*
 * Why n bytes of text someone typed or a file brought cannot be stored, or NULL:
 * a NUL byte, invalid UTF-8, or U+FEFF (a byte order mark inside the text).
 */
const char *text_problem(const char *s, size_t n);
/* 1 if s is empty or only spaces (of any script) and invisible separators. */
int text_is_blank(const char *s);
/* Decodes one code point; returns its byte length (1 for an invalid byte, cp = U+FFFD). */
size_t utf8_decode(const char *s, uint32_t *cp);
/*
 * Code points one line of text cannot show: C0, DEL, C1, line and paragraph
 * separators.
 */
int text_is_control(uint32_t cp);
/* Display columns of one code point: 0, 1 or 2 (unknown counts as 1, never -1). */
int cp_width(uint32_t cp);
/* Display columns of a UTF-8 string. */
int text_width(const char *s);
/*
 * Copies s into a new string at most max columns wide, ending in "…" (or "~" when
 * ascii) when cut.
 */
char *text_fit(const char *s, int max, int ascii);
/* Letters and digits in s (any non-ASCII code point counts as a letter). */
int text_alnum_count(const char *s);
/* A letter (any alphabet) or an ASCII digit. */
int cp_is_alnum(uint32_t cp);
/* The lower case of a code point, for any alphabet. */
uint32_t cp_lower(uint32_t cp);

struct strbuf;
/*
 * Appends s as it may reach a terminal: each control character (C0 such as
 * ESC, BEL, CR, LF and TAB; DEL; C1 such as CSI; U+2028, U+2029) as a space,
 * each byte that is not UTF-8 as U+FFFD; so text someone typed into a title,
 * a CSV cell or a process file cannot move the cursor or start a sequence.
 */
void text_put_printable(struct strbuf *b, const char *s);
/* The same, as a new string. */
char *text_printable(const char *s);

/* Compares ignoring case, for any alphabet (José = JOSÉ); like strcasecmp. */
int text_casecmp(const char *a, const char *b);

#endif
