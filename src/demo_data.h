/* The demo pipeline's text and weights: who sells, who buys, what they say. */
#ifndef DD_DEMO_DATA_H
#define DD_DEMO_DATA_H

#include <stddef.h>

/* Sizes the generator builds arrays and bitmasks on; demo_data.c checks each. */
enum { DEMO_NSTANCES = 4, DEMO_NINFLUENCES = 3, DEMO_NROLES = 10, DEMO_NSTEP_TEXTS = 11 };

struct demo_seller {
	const char *login;
	int weight, won, rot; /* share of deals; win and rot tendency, in points */
};
extern const struct demo_seller demo_sellers[];
extern const size_t demo_nsellers;

enum demo_region {
	DEMO_EN,
	DEMO_DE,
	DEMO_ES,
	DEMO_NORD,
	DEMO_PL,
	DEMO_CN,
	DEMO_JP,
	DEMO_NREGIONS
};

struct demo_account {
	const char *name;
	enum demo_region region;
	const char *special;
};
extern const struct demo_account demo_accounts[];
extern const size_t demo_naccounts;

extern const char *const demo_offerings[];
extern const size_t demo_nofferings;
extern const char *const demo_motions[];
extern const size_t demo_nmotions;

struct demo_name_pool {
	const char *const *given, *const *family;
	size_t ngiven, nfamily;
	int family_first;
	const char *sep;
	int weight; /* how often a name from elsewhere comes from here */
};
extern const struct demo_name_pool demo_name_pools[DEMO_NREGIONS];

extern const char *const demo_stances[];
extern const char *const demo_influences[];

struct demo_role {
	const char *word;
	int rank;                        /* seniority, for reports-to: lower is higher up */
	int weight;                      /* how often a stakeholder has it */
	int entry;                       /* how often the first contact has it */
	int unique;                      /* usually one per deal */
	int influence[DEMO_NINFLUENCES]; /* high, medium, low */
	int stance[DEMO_NSTANCES];       /* supporter, neutral, skeptic, blocker */
};
extern const struct demo_role demo_roles[];
extern const char *const demo_role_titles[][4]; /* by the rows of demo_roles[] */

struct demo_proof_text {
	const char *key;
	const char *what[5];
};
extern const struct demo_proof_text demo_proof_texts[];
extern const size_t demo_nproof_texts;
extern const char *const demo_proof_generic[]; /* "%s": what the requirement means */
extern const size_t demo_nproof_generic;

extern const char *const demo_override_reasons[];
extern const size_t demo_noverride_reasons;
extern const char *const demo_back_reasons[];
extern const size_t demo_nback_reasons;

struct demo_lost_note {
	const char *code;
	int weight;
	const char *notes[2];
};
extern const struct demo_lost_note demo_lost_notes[];
extern const size_t demo_nlost_notes;
extern const char *const demo_lost_generic[]; /* as many as a lost note's notes */

extern const char *const demo_next_steps[3][5];
extern const char *const demo_success_criteria[];
extern const size_t demo_nsuccess_criteria;

enum demo_side { DEMO_BUYER, DEMO_SELLER, DEMO_JOINT };
extern const char *const demo_sides[]; /* by enum demo_side */

struct demo_step_text {
	const char *title;
	enum demo_side side;
};
extern const struct demo_step_text demo_step_texts[];

struct demo_band {
	long lo, hi, step;
	int weight;
};
extern const struct demo_band demo_bands[];
extern const size_t demo_nbands;

#endif
