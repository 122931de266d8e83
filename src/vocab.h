/* The fixed words of the contract: stakeholder roles, stances, influence, plan sides. */
#ifndef DD_VOCAB_H
#define DD_VOCAB_H

struct vocab {
	const char *const *words; /* NULL-terminated */
	const char *what;         /* "role", for messages */
};

extern const struct vocab vocab_roles;
extern const struct vocab vocab_stances;
extern const struct vocab vocab_influence;
extern const struct vocab vocab_plan_owner;
extern const struct vocab vocab_status;

/* Words in v. */
int vocab_count(const struct vocab *v);
/* Index of word in v, or -1. */
int vocab_find(const struct vocab *v, const char *word);
/* "a, b, c" for messages; static storage. */
const char *vocab_list(const struct vocab *v);
/* "economic_buyer" -> "economic buyer"; static storage. */
const char *vocab_human(const char *word);

#endif
