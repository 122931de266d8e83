#include <string.h>

#include "strbuf.h"
#include "vocab.h"

static const char *const roles[] = {
	"champion", "economic_buyer", "decision_maker", "influencer", "user", "technical",
	"legal",    "procurement",    "security",       "other",      NULL};
static const char *const stances[] = {"supporter", "neutral", "skeptic", "blocker", NULL};
static const char *const influence[] = {"high", "medium", "low", NULL};
static const char *const plan_owner[] = {"buyer", "seller", "joint", NULL};
static const char *const status[] = {"open", "won", "lost", "all", NULL};

const struct vocab vocab_roles = {roles, "role"};
const struct vocab vocab_stances = {stances, "stance"};
const struct vocab vocab_influence = {influence, "influence"};
const struct vocab vocab_plan_owner = {plan_owner, "owner"};
const struct vocab vocab_status = {status, "status"};

int
vocab_count(const struct vocab *v)
{
	int n = 0;

	while (v->words[n] != NULL)
		n++;
	return n;
}

int
vocab_find(const struct vocab *v, const char *word)
{
	for (int i = 0; word != NULL && v->words[i] != NULL; i++)
		if (strcmp(v->words[i], word) == 0)
			return i;
	return -1;
}

const char *
vocab_list(const struct vocab *v)
{
	static char buf[256];
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; v->words[i] != NULL; i++) {
		size_t n = strlen(v->words[i]);

		/* A word that does not fit whole (with ", " and room for ", ...") ends it. */
		if (o + 2 + n + 5 + 1 > sizeof buf) {
			memcpy(buf + o, ", ...", 6);
			break;
		}
		if (i > 0) {
			memcpy(buf + o, ", ", 2);
			o += 2;
		}
		memcpy(buf + o, v->words[i], n);
		o += n;
		buf[o] = '\0';
	}
	return buf;
}

const char *
vocab_human(const char *word)
{
	static char buf[64];
	size_t i;

	for (i = 0; word[i] != '\0' && i < sizeof buf - 1; i++)
		buf[i] = word[i] == '_' ? ' ' : word[i];
	buf[i] = '\0';
	return buf;
}
