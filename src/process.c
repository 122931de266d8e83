#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "process.h"
#include "text.h"

void
process_free(struct process *p)
{
	for (size_t i = 0; i < p->nstages; i++) {
		struct stage *s = &p->stages[i];

		for (size_t j = 0; j < s->nevidence; j++) {
			free(s->evidence[j].key);
			free(s->evidence[j].meaning);
		}
		for (size_t j = 0; j < s->nchecks; j++)
			free(s->checks[j].arg);
		free(s->evidence);
		free(s->checks);
		free(s->key);
		free(s->label);
	}
	for (size_t i = 0; i < p->nteam; i++) {
		free(p->team[i].login);
		free(p->team[i].name);
		free(p->team[i].email);
	}
	free(p->team);
	free(p->stages);
	free(p->name);
	strvec_free(&p->lost_reasons);
	memset(p, 0, sizeof *p);
}

int
process_stage_index(const struct process *p, const char *key)
{
	if (key == NULL)
		return -1;
	for (size_t i = 0; i < p->nstages; i++)
		if (strcmp(p->stages[i].key, key) == 0)
			return (int)i;
	if (strcmp(key, "won") == 0)
		return (int)p->nstages;
	return -1;
}

const struct stage *
process_stage(const struct process *p, const char *key)
{
	int i = process_stage_index(p, key);

	return i >= 0 && (size_t)i < p->nstages ? &p->stages[i] : NULL;
}

enum aging
stage_aging(const struct stage *st, double days)
{
	return days >= st->rot_days ? AGING_ROT : days >= st->warn_days ? AGING_WARN : AGING_OK;
}

int
process_has_lost_reason(const struct process *p, const char *code)
{
	return strvec_contains(&p->lost_reasons, code);
}

enum team_role
process_role_of(const struct process *p, const char *login)
{
	if (p->nteam == 0)
		return ROLE_MANAGER;
	for (size_t i = 0; i < p->nteam; i++)
		if (strcmp(p->team[i].login, login) == 0)
			return p->team[i].role;
	return ROLE_NONE;
}

int
process_login_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || strchr("._-@$", s[i]) != NULL))
			return 0;
	return 1;
}

const char *
process_team_login(const struct process *p, const char *who)
{
	/* A login is exact and comes first: nobody's display name can stand for it. */
	for (size_t i = 0; i < p->nteam; i++)
		if (strcmp(p->team[i].login, who) == 0)
			return p->team[i].login;
	for (size_t i = 0; i < p->nteam; i++) {
		const struct person *t = &p->team[i];

		if ((t->name && text_casecmp(t->name, who) == 0) ||
		    (t->email && text_casecmp(t->email, who) == 0))
			return t->login;
	}
	return NULL;
}

void
process_stage_list(const struct process *p, struct strbuf *out)
{
	for (size_t i = 0; i < p->nstages; i++)
		strbuf_printf(out, "%s%s", i ? ", " : "", p->stages[i].key);
}

static const char *const forecast_names[FORECAST_NCATS] = {"pipeline", "best_case", "commit"};

const char *
forecast_name(enum forecast_cat c)
{
	return (unsigned)c < FORECAST_NCATS ? forecast_names[c] : "pipeline";
}

int
forecast_parse(const char *word, enum forecast_cat *out)
{
	for (int i = 0; word != NULL && i < FORECAST_NCATS; i++)
		if (strcmp(word, forecast_names[i]) == 0) {
			*out = (enum forecast_cat)i;
			return 0;
		}
	return -1;
}

enum forecast_cat
forecast_default(const char *key, int probability)
{
	static const struct {
		const char *key;
		enum forecast_cat cat;
	} defaults[] = {
		{"prospect", FORECAST_PIPELINE},   {"qualify", FORECAST_PIPELINE},
		{"discover", FORECAST_PIPELINE},   {"present", FORECAST_BEST_CASE},
		{"propose", FORECAST_BEST_CASE},   {"negotiate", FORECAST_COMMIT},
		{"close", FORECAST_COMMIT},
	};

	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		if (strcmp(key, defaults[i].key) == 0)
			return defaults[i].cat;
	return probability >= 80 ? FORECAST_COMMIT
	       : probability >= 40 ? FORECAST_BEST_CASE
				   : FORECAST_PIPELINE;
}
