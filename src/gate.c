#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "gate.h"
#include "real_text.h"
#include "text.h"
#include "vocab.h"
#include "xmalloc.h"

enum check_arg { ARG_NONE, ARG_COUNT, ARG_ROLE, ARG_STANCE };

/* The data checks a process may ask for: one row each. */
static const struct check_def {
	const char *word;
	enum check_kind kind;
	enum check_arg arg;
	const char *says; /* printf: %d count, %s role or stance */
	const char *fix;
	enum fix_where where;
} check_defs[] = {
	{"min_stakeholders", CHECK_MIN_STAKEHOLDERS, ARG_COUNT,
	 "at least %d stakeholder(s) mapped", "map the buying committee: add stakeholders",
	 FIX_STAKEHOLDERS},
	{"has_role", CHECK_HAS_ROLE, ARG_ROLE, "%s mapped",
	 "add the stakeholder, or set the role of one already mapped", FIX_STAKEHOLDERS},
	{"min_plan_steps", CHECK_MIN_PLAN_STEPS, ARG_COUNT,
	 "mutual action plan has at least %d step(s)", "add steps to the mutual action plan",
	 FIX_PLAN},
	{"min_buyer_steps", CHECK_MIN_BUYER_STEPS, ARG_COUNT,
	 "at least %d plan step(s) owned by the buyer", "add a plan step owned by the buyer",
	 FIX_PLAN},
	{"close_date_set", CHECK_CLOSE_DATE_SET, ARG_NONE, "close date set",
	 "set the expected close date", FIX_DEAL},
	{"no_stance", CHECK_NO_STANCE, ARG_STANCE, "no stakeholder with stance %s",
	 "win the stakeholder over (change their stance) first", FIX_STAKEHOLDERS},
	{"success_criteria_set", CHECK_SUCCESS_CRITERIA_SET, ARG_NONE,
	 "success criteria recorded on the deal (the handoff)", "record the success criteria",
	 FIX_DEAL},
	{"next_step_set", CHECK_NEXT_STEP_SET, ARG_NONE, "next step set", "set the next step",
	 FIX_DEAL},
	{"amount_set", CHECK_AMOUNT_SET, ARG_NONE, "amount set", "set the amount", FIX_DEAL},
};

#define NCHECK_DEFS (sizeof check_defs / sizeof check_defs[0])

static const struct check_def *
check_def_of(enum check_kind kind)
{
	for (size_t i = 0; i < NCHECK_DEFS; i++)
		if (check_defs[i].kind == kind)
			return &check_defs[i];
	fatal("unknown check kind %d", (int)kind);
}

static int
has_role(const struct deal_facts *f, const char *role)
{
	for (size_t i = 0; i < f->npeople; i++)
		if (f->people[i].role != NULL && strcmp(f->people[i].role, role) == 0)
			return 1;
	return 0;
}

void
gate_missing_roles(const struct process *p, const struct deal_facts *f, struct strvec *missing)
{
	struct strvec want = {0};

	strvec_push(&want, "economic_buyer");
	strvec_push(&want, "champion");
	for (size_t i = 0; i < p->nstages; i++)
		for (size_t j = 0; j < p->stages[i].nchecks; j++) {
			const struct check *c = &p->stages[i].checks[j];

			if (c->kind == CHECK_HAS_ROLE && !strvec_contains(&want, c->arg))
				strvec_push(&want, c->arg);
		}
	for (size_t i = 0; i < want.n; i++)
		if (!has_role(f, want.v[i]))
			strvec_push(missing, want.v[i]);
	strvec_free(&want);
}

void
deal_facts_free(struct deal_facts *f)
{
	for (size_t i = 0; i < f->npeople; i++) {
		free(f->people[i].name);
		free(f->people[i].role);
		free(f->people[i].stance);
	}
	free(f->people);
	for (size_t i = 0; i < f->nsaid; i++) {
		free(f->said[i].key);
		free(f->said[i].what);
	}
	free(f->said);
	memset(f, 0, sizeof *f);
}

int
gate_check_parse(const char *text, struct check *out, const char **why)
{
	char word[64], arg[64], extra[2];
	int n = sscanf(text, " %63s %63s %1s", word, arg, extra);

	memset(out, 0, sizeof *out);
	if (n < 1) {
		*why = "empty check";
		return -1;
	}
	if (n > 2) {
		*why = "too many words";
		return -1;
	}
	for (size_t i = 0; i < NCHECK_DEFS; i++) {
		const struct check_def *d = &check_defs[i];
		char *end;

		if (strcmp(d->word, word) != 0)
			continue;
		out->kind = d->kind;
		if (d->arg == ARG_NONE) {
			if (n == 2) {
				*why = "this check takes no argument";
				return -1;
			}
			return 0;
		}
		if (n < 2) {
			*why = d->arg == ARG_COUNT  ? "this check needs a number"
			       : d->arg == ARG_ROLE ? "this check needs a stakeholder role"
						    : "this check needs a stance";
			return -1;
		}
		if (d->arg == ARG_COUNT) {
			long v = strtol(arg, &end, 10);

			if (*end != '\0' || v < 1 || v > 1000) {
				*why = "the number must be between 1 and 1000";
				return -1;
			}
			out->n = (int)v;
		} else {
			const struct vocab *v = d->arg == ARG_ROLE ? &vocab_roles : &vocab_stances;

			if (vocab_find(v, arg) < 0) {
				*why = d->arg == ARG_ROLE ? "unknown role" : "unknown stance";
				return -1;
			}
			out->arg = xstrdup(arg);
		}
		return 0;
	}
	*why = "unknown check";
	return -1;
}

char *
gate_check_format(const struct check *c)
{
	const struct check_def *d = check_def_of(c->kind);

	if (d->arg == ARG_COUNT)
		return xasprintf("%s %d", d->word, c->n);
	if (d->arg != ARG_NONE)
		return xasprintf("%s %s", d->word, c->arg);
	return xstrdup(d->word);
}

const char *
gate_check_words(void)
{
	static const char *argname[] = {"", " N", " ROLE", " STANCE"};
	static struct strbuf b; /* built once, kept: the table does not change */

	if (b.len > 0)
		return strbuf_str(&b);
	for (size_t i = 0; i < NCHECK_DEFS; i++)
		strbuf_printf(&b, "%s%s%s", i ? ", " : "", check_defs[i].word,
			      argname[check_defs[i].arg]);
	return strbuf_str(&b);
}

char *
gate_check_describe(const struct check *c)
{
	const struct check_def *d = check_def_of(c->kind);

	if (d->arg == ARG_COUNT)
		return xasprintf(d->says, c->n);
	if (d->arg == ARG_ROLE)
		return xasprintf(d->says, vocab_human(c->arg));
	if (d->arg == ARG_STANCE)
		return xasprintf(d->says, c->arg);
	return xstrdup(d->says);
}

enum fix_where
gate_check_fix_where(const struct check *c)
{
	return check_def_of(c->kind)->where;
}

int
gate_check_met(const struct check *c, const struct deal_facts *f)
{
	int n = 0;

	switch (c->kind) {
	case CHECK_MIN_STAKEHOLDERS:
		return (int)f->npeople >= c->n;
	case CHECK_HAS_ROLE:
	case CHECK_NO_STANCE:
		for (size_t i = 0; i < f->npeople; i++) {
			const char *v = c->kind == CHECK_HAS_ROLE ? f->people[i].role
								  : f->people[i].stance;
			n += v != NULL && strcmp(v, c->arg) == 0;
		}
		return c->kind == CHECK_HAS_ROLE ? n > 0 : n == 0;
	case CHECK_MIN_PLAN_STEPS:
		return f->plan_steps >= c->n;
	case CHECK_MIN_BUYER_STEPS:
		return f->buyer_steps >= c->n;
	case CHECK_CLOSE_DATE_SET:
		return f->has_close_date;
	case CHECK_SUCCESS_CRITERIA_SET:
		return f->has_success_criteria;
	case CHECK_NEXT_STEP_SET:
		return f->has_next_step;
	case CHECK_AMOUNT_SET:
		return f->has_amount;
	}
	return 0;
}

static void
add_unmet(struct gate_result *r, enum unmet_kind kind, enum fix_where where, const char *stage,
	  const char *key, char *message, char *fix)
{
	struct unmet *u;

	r->unmet = xreallocarray(r->unmet, r->nunmet + 1, sizeof *r->unmet);
	u = &r->unmet[r->nunmet++];
	u->kind = kind;
	u->where = where;
	u->stage = xstrdup(stage);
	u->key = xstrdup(key);
	u->message = message;
	u->fix = fix;
}

/* Finds the stakeholder a contact names: by id, or by name ignoring case. */
static const struct facts_person *
find_contact(const struct deal_facts *f, const char *contact)
{
	char *end;
	long id = strtol(contact, &end, 10);

	for (size_t i = 0; i < f->npeople; i++) {
		if (*end == '\0' && f->people[i].id == id)
			return &f->people[i];
		if (text_casecmp(f->people[i].name, contact) == 0)
			return &f->people[i];
	}
	return NULL;
}

static char *
people_names(const struct deal_facts *f)
{
	struct strbuf b;

	strbuf_init(&b);
	for (size_t i = 0; i < f->npeople; i++)
		strbuf_printf(&b, "%s%s", i ? ", " : "", f->people[i].name);
	if (f->npeople == 0)
		strbuf_puts(&b, "none mapped yet");
	return strbuf_detach(&b);
}

/* Whether this deal already has this text on record for this requirement. */
static int
said_before(const struct deal_facts *f, const char *key, const char *what)
{
	for (size_t i = 0; i < f->nsaid; i++)
		if (strcmp(f->said[i].key, key) == 0 && real_text_same(f->said[i].what, what))
			return 1;
	return 0;
}

/* Validates one offered piece of evidence; records every problem. */
static void
check_evidence(const struct deal_facts *f, const struct stage *s, const struct evidence_req *req,
	       const struct evidence_in *in, long today, struct gate_result *r)
{
	const struct facts_person *who = NULL;
	size_t before = r->nunmet;
	long day = today;

	const char *unreal = real_text_problem(in->what);

	if (unreal != NULL)
		add_unmet(r, UNMET_EVIDENCE_INVALID, FIX_EVIDENCE, s->key, req->key,
			  xasprintf("%s: 'what happened' is not real text: %s", req->key, unreal),
			  xasprintf("describe what the buyer did: %s", req->meaning));
	else if (said_before(f, req->key, in->what))
		add_unmet(r, UNMET_EVIDENCE_INVALID, FIX_EVIDENCE, s->key, req->key,
			  xasprintf("%s: 'what happened' is the same text already recorded for "
				    "this deal",
				    req->key),
			  xstrdup("describe what the buyer did this time"));
	if (in->contact != NULL && in->contact[0] != '\0') {
		who = find_contact(f, in->contact);
		if (who == NULL) {
			char *names = people_names(f);

			add_unmet(r, UNMET_EVIDENCE_INVALID, FIX_STAKEHOLDERS, s->key, req->key,
				  xasprintf("%s: contact '%s' is not a stakeholder of this deal "
					    "(stakeholders: %s)",
					    req->key, in->contact, names),
				  xstrdup("name a mapped stakeholder, or map the contact first"));
			free(names);
		}
	} else if (req->contact_required) {
		add_unmet(r, UNMET_EVIDENCE_INVALID, FIX_EVIDENCE, s->key, req->key,
			  xasprintf("%s: which buyer contact did it is required", req->key),
			  xstrdup("name the stakeholder who acted"));
	}
	if (in->date != NULL && date_parse(in->date, &day) != 0) {
		add_unmet(
			r, UNMET_EVIDENCE_INVALID, FIX_EVIDENCE, s->key, req->key,
			xasprintf("%s: date '%s' is not a date (YYYY-MM-DD)", req->key, in->date),
			xstrdup("give the date the buyer acted as YYYY-MM-DD"));
	} else if (day > today) {
		char d[DATE_LEN];

		date_format(day, d);
		add_unmet(r, UNMET_EVIDENCE_INVALID, FIX_EVIDENCE, s->key, req->key,
			  xasprintf("%s: date %s is in the future", req->key, d),
			  xstrdup("record evidence once the buyer has acted"));
	} else if (day < f->created_day) {
		char d[DATE_LEN], c[DATE_LEN];

		date_format(day, d);
		date_format(f->created_day, c);
		add_unmet(r, UNMET_EVIDENCE_INVALID, FIX_EVIDENCE, s->key, req->key,
			  xasprintf("%s: date %s is before the deal was created (%s)", req->key, d,
				    c),
			  xstrdup("give the date the buyer acted on this deal"));
	}
	if (r->nunmet != before)
		return;
	r->accepted = xreallocarray(r->accepted, r->naccepted + 1, sizeof *r->accepted);
	r->accepted[r->naccepted++] = (struct evidence_ok){
		.key = req->key,
		.stage = s->key,
		.what = in->what,
		.contact_id = who ? who->id : 0,
		.contact_name = who ? who->name : NULL,
		.day = day,
	};
}

/* Whether a repeat of ev[first] before ev[i] was already reported. */
static int
said_twice(const struct evidence_in *ev, size_t first, size_t i)
{
	for (size_t j = first + 1; j < i; j++)
		if (strcmp(ev[j].key, ev[first].key) == 0)
			return 1;
	return 0;
}

static const struct evidence_in *
find_offered(const struct evidence_in *ev, size_t nev, const char *key)
{
	for (size_t i = 0; i < nev; i++)
		if (strcmp(ev[i].key, key) == 0)
			return &ev[i];
	return NULL;
}

static const struct evidence_req *
find_required(const struct process *p, int from, int to, const char *key)
{
	for (int i = from; i < to; i++)
		for (size_t j = 0; j < p->stages[i].nevidence; j++)
			if (strcmp(p->stages[i].evidence[j].key, key) == 0)
				return &p->stages[i].evidence[j];
	return NULL;
}

size_t
gate_check(const struct process *p, const struct deal_facts *f, int from, int to,
	   const struct evidence_in *ev, size_t nev, long today, struct gate_result *r)
{
	memset(r, 0, sizeof *r);
	/* A caller holding stage numbers of an older process: refuse, never read past. */
	if (from < 0 || to > (int)p->nstages || from >= to) {
		add_unmet(r, UNMET_RULE, FIX_NONE, "", "",
			  xasprintf("not a forward move in this process (stage %d to %d of %zu)",
				    from, to, p->nstages),
			  xstrdup("look at the deal again: the process may have changed"));
		return r->nunmet;
	}

	/* Offered evidence no gate of this move asks for is a mistake worth naming. */
	for (size_t i = 0; i < nev; i++) {
		size_t first = 0;

		while (strcmp(ev[first].key, ev[i].key) != 0)
			first++;
		if (first == i && find_required(p, from, to, ev[i].key) == NULL)
			add_unmet(r, UNMET_RULE, FIX_EVIDENCE, "", ev[i].key,
				  xasprintf("evidence '%s' is not asked for by this move",
					    ev[i].key),
				  xstrdup("give only the evidence the gates of this move list"));
		if (first < i && !said_twice(ev, first, i))
			add_unmet(r, UNMET_RULE, FIX_EVIDENCE, "", ev[i].key,
				  xasprintf("evidence '%s' is given twice", ev[i].key),
				  xstrdup("give each piece of evidence once"));
	}
	for (int i = from; i < to; i++) {
		const struct stage *s = &p->stages[i];

		for (size_t j = 0; j < s->nevidence; j++) {
			const struct evidence_req *req = &s->evidence[j];
			const struct evidence_in *in = find_offered(ev, nev, req->key);

			if (in != NULL) {
				check_evidence(f, s, req, in, today, r);
				continue;
			}
			add_unmet(r, UNMET_EVIDENCE_MISSING, FIX_EVIDENCE, s->key, req->key,
				  xasprintf("leaving %s needs evidence %s: %s", s->key, req->key,
					    req->meaning),
				  xasprintf("record what the buyer did (%s), who and when",
					    req->key));
		}
		for (size_t j = 0; j < s->nchecks; j++) {
			const struct check *c = &s->checks[j];
			const struct check_def *d = check_def_of(c->kind);

			char *says;

			if (gate_check_met(c, f))
				continue;
			says = gate_check_describe(c);
			add_unmet(r, UNMET_CHECK, d->where, s->key, d->word,
				  xasprintf("leaving %s needs: %s", s->key, says),
				  xstrdup(d->fix));
			free(says);
		}
	}
	return r->nunmet;
}

void
gate_result_free(struct gate_result *r)
{
	for (size_t i = 0; i < r->nunmet; i++) {
		free(r->unmet[i].stage);
		free(r->unmet[i].key);
		free(r->unmet[i].message);
		free(r->unmet[i].fix);
	}
	free(r->unmet);
	free(r->accepted);
	memset(r, 0, sizeof *r);
}
