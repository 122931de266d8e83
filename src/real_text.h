/*
 * The contract's "real text" rule for what a person types as evidence or as a
 * reason (override, back, reopen): enough letters in enough words, not a
 * pattern, not mostly digits, not placeholder text.
 */
#ifndef DD_REAL_TEXT_H
#define DD_REAL_TEXT_H

/* Letters or digits real text has at least. */
#define REAL_TEXT_MIN_CHARS 10
/* Words real text has at least (each CJK character counts as a word). */
#define REAL_TEXT_MIN_WORDS 3

/*
 * NULL when s is real text; otherwise the rule it fails, as a phrase that
 * follows "is not real text: " (e.g. "it is a repeated pattern").
 */
const char *real_text_problem(const char *s);

/*
 * 1 when a and b are the same text for a person: case, spacing and
 * punctuation aside ("Signed the NDA." = "signed the nda").
 */
int real_text_same(const char *a, const char *b);

#endif
