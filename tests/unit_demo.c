#include <stdlib.h>
#include <string.h>

#include "demo_data.h"
#include "process.h"
#include "real_text.h"
#include "unit.h"
#include "xmalloc.h"

/*
 * Every text the demo can write where the contract asks for real text: evidence
 * (its own sentences, and the generic ones about what a requirement means),
 * back reasons and override reasons. A seed draws only some; this checks all.
 */
#define NWHAT (sizeof demo_proof_texts[0].what / sizeof demo_proof_texts[0].what[0])

static void
assert_real(const char *what, const char *s)
{
	const char *why = real_text_problem(s);

	ck_assert_msg(why == NULL, "%s '%s' is not real text: %s", what, s, why);
}

START_TEST(test_evidence_sentences_are_real)
{
	for (size_t i = 0; i < demo_nproof_texts; i++)
		for (size_t k = 0; k < NWHAT; k++)
			assert_real(demo_proof_texts[i].key, demo_proof_texts[i].what[k]);
}
END_TEST

/* A deal that passes a gate again needs a sentence it has not said: they must differ. */
START_TEST(test_evidence_sentences_differ)
{
	for (size_t i = 0; i < demo_nproof_texts; i++)
		for (size_t a = 0; a < NWHAT; a++)
			for (size_t b = a + 1; b < NWHAT; b++)
				ck_assert_msg(!real_text_same(demo_proof_texts[i].what[a],
							      demo_proof_texts[i].what[b]),
					      "%s: sentences %zu and %zu read the same",
					      demo_proof_texts[i].key, a, b);
}
END_TEST

/* The generic sentences, about every requirement of the default process. */
START_TEST(test_generic_sentences_are_real)
{
	struct process p;

	unit_load_default(&p);
	for (size_t s = 0; s < p.nstages; s++)
		for (size_t q = 0; q < p.stages[s].nevidence; q++)
			for (size_t g = 0; g < demo_nproof_generic; g++) {
				char *t = xasprintf(demo_proof_generic[g],
						    p.stages[s].evidence[q].meaning);

				assert_real("generic evidence", t);
				for (size_t h = g + 1; h < demo_nproof_generic; h++) {
					char *u = xasprintf(demo_proof_generic[h],
							    p.stages[s].evidence[q].meaning);

					ck_assert_msg(!real_text_same(t, u), "'%s' twice", t);
					free(u);
				}
				free(t);
			}
	process_free(&p);
}
END_TEST

/* The default process's requirements each have sentences of their own. */
START_TEST(test_default_requirements_have_sentences)
{
	struct process p;

	unit_load_default(&p);
	for (size_t s = 0; s < p.nstages; s++)
		for (size_t q = 0; q < p.stages[s].nevidence; q++) {
			size_t i = 0;

			while (i < demo_nproof_texts &&
			       strcmp(demo_proof_texts[i].key, p.stages[s].evidence[q].key) != 0)
				i++;
			ck_assert_msg(i < demo_nproof_texts, "no sentences for %s",
				      p.stages[s].evidence[q].key);
		}
	process_free(&p);
}
END_TEST

START_TEST(test_reasons_are_real)
{
	for (size_t i = 0; i < demo_nback_reasons; i++)
		assert_real("back reason", demo_back_reasons[i]);
	for (size_t i = 0; i < demo_noverride_reasons; i++)
		assert_real("override reason", demo_override_reasons[i]);
}
END_TEST

Suite *
suite_demo(void)
{
	Suite *s = suite_create("demo");
	TCase *tc = tcase_create("texts");

	tcase_add_test(tc, test_evidence_sentences_are_real);
	tcase_add_test(tc, test_evidence_sentences_differ);
	tcase_add_test(tc, test_generic_sentences_are_real);
	tcase_add_test(tc, test_default_requirements_have_sentences);
	tcase_add_test(tc, test_reasons_are_real);
	suite_add_tcase(s, tc);
	return s;
}
