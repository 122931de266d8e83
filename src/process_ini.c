#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gate.h"
#include "ini_file.h"
#include "process_ini.h"
#include "text.h"
#include "xmalloc.h"

/* The sections a process file may have, and the keys each allows. */
static const struct ini_section_def section_defs[] = {
	{"process", 0, {"name", "stages", "lost_reasons", NULL}},
	{"stage",
	 1,
	 {"label", "probability", "warn_days", "rot_days", "forecast", "evidence", "checks",
	  NULL}},
	{"evidence", 1, {"meaning", "contact", NULL}},
	{"team", 0, {"managers", "reps", NULL}},
	{"person", 1, {"name", "email", NULL}},
};

static int
valid_key(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32 || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

static const char *
get_text(struct ini_file *l, const char *section, const char *key)
{
	const char *v = ini_get(l, section, key);

	if (v == NULL || v[0] == '\0') {
		ini_problem(l, section, v ? key : NULL, "[%s] needs a non-empty %s", section, key);
		return NULL;
	}
	return v;
}

static void
load_evidence(struct ini_file *l, struct stage *s, const char *list, struct strvec *used)
{
	struct strvec keys = {0};

	strvec_split_commas(&keys, list);
	s->evidence = xcalloc(keys.n, sizeof *s->evidence);
	for (size_t i = 0; i < keys.n; i++) {
		char sec[128];
		const char *meaning, *contact;

		char ssec[128];

		snprintf(sec, sizeof sec, "evidence %s", keys.v[i]);
		snprintf(ssec, sizeof ssec, "stage %s", s->key);
		if (!valid_key(keys.v[i])) {
			ini_problem(
				l, ssec, "evidence",
				"'%s' is not a valid evidence key (lowercase letters, digits, _)",
				keys.v[i]);
			continue;
		}
		if (strvec_contains(used, keys.v[i])) {
			ini_problem(l, sec, NULL, "evidence %s is asked for by two gates",
				    keys.v[i]);
			continue;
		}
		strvec_push(used, keys.v[i]);
		if (iniparser_find_entry(l->d, sec) == 0) {
			ini_problem(l, ssec, "evidence", "no [%s] section says what %s means", sec,
				    keys.v[i]);
			continue;
		}
		meaning = get_text(l, sec, "meaning");
		contact = ini_get(l, sec, "contact");
		if (contact != NULL && strcmp(contact, "required") != 0 &&
		    strcmp(contact, "optional") != 0)
			ini_problem(l, sec, "contact", "contact must be 'required' or 'optional'");
		struct evidence_req *e = &s->evidence[s->nevidence++];
		e->key = xstrdup(keys.v[i]);
		e->meaning = xstrdup(meaning ? meaning : "");
		e->contact_required = contact == NULL || strcmp(contact, "optional") != 0;
	}
	strvec_free(&keys);
}

static void
load_checks(struct ini_file *l, struct stage *s, const char *sec, const char *list)
{
	struct strvec items = {0};

	strvec_split_commas(&items, list);
	s->checks = xcalloc(items.n, sizeof *s->checks);
	for (size_t i = 0; i < items.n; i++) {
		const char *why;

		if (gate_check_parse(items.v[i], &s->checks[s->nchecks], &why) != 0) {
			ini_problem(l, sec, "checks", "check '%s': %s (checks: %s)", items.v[i],
				    why, gate_check_words());
			continue;
		}
		s->nchecks++;
	}
	strvec_free(&items);
}

/* Optional: without it a stage counts where the contract's defaults put it. */
static void
load_forecast(struct ini_file *l, struct stage *s, const char *sec)
{
	const char *v = ini_get(l, sec, "forecast");

	s->forecast = forecast_default(s->key, s->probability);
	if (v != NULL && v[0] != '\0' && forecast_parse(v, &s->forecast) != 0)
		ini_problem(l, sec, "forecast",
			    "forecast '%s' is not a category (pipeline, best_case, commit)", v);
}

static void
load_stages(struct ini_file *l, struct process *p)
{
	const char *list = get_text(l, "process", "stages");
	struct strvec keys = {0}, used = {0};

	if (list == NULL)
		return;
	strvec_split_commas(&keys, list);
	p->stages = xcalloc(keys.n, sizeof *p->stages);
	for (size_t i = 0; i < keys.n; i++) {
		char sec[128];
		struct stage *s;

		if (!valid_key(keys.v[i]) || strcmp(keys.v[i], "won") == 0 ||
		    strcmp(keys.v[i], "lost") == 0) {
			ini_problem(
				l, "process", "stages",
				"'%s' is not a valid stage key (lowercase letters, digits, _; not "
				"won or lost)",
				keys.v[i]);
			continue;
		}
		if (process_stage_index(p, keys.v[i]) >= 0) {
			ini_problem(l, "process", "stages", "stage %s is listed twice", keys.v[i]);
			continue;
		}
		snprintf(sec, sizeof sec, "stage %s", keys.v[i]);
		if (iniparser_find_entry(l->d, sec) == 0) {
			ini_problem(l, "process", "stages", "stage %s has no [%s] section",
				    keys.v[i], sec);
			continue;
		}
		s = &p->stages[p->nstages++];
		s->key = xstrdup(keys.v[i]);
		const char *label = get_text(l, sec, "label");
		s->label = xstrdup(label ? label : keys.v[i]);
		ini_get_int(l, sec, "probability", 0, 100, &s->probability);
		ini_get_int(l, sec, "warn_days", 0, 3650, &s->warn_days);
		ini_get_int(l, sec, "rot_days", 0, 3650, &s->rot_days);
		if (s->rot_days < s->warn_days)
			ini_problem(l, sec, "rot_days",
				    "rot_days (%d) must not be less than warn_days (%d)",
				    s->rot_days, s->warn_days);
		load_forecast(l, s, sec);
		load_evidence(l, s, ini_get(l, sec, "evidence") ? ini_get(l, sec, "evidence") : "",
			      &used);
		load_checks(l, s, sec, ini_get(l, sec, "checks") ? ini_get(l, sec, "checks") : "");
	}
	if (keys.n == 0)
		ini_problem(l, "process", "stages", "the process needs at least one stage");
	/* Sections nobody refers to are probably typos. */
	for (int i = 0; i < iniparser_getnsec(l->d); i++) {
		const char *sec = iniparser_getsecname(l->d, i);

		if (strncmp(sec, "stage ", 6) == 0 && !strvec_contains(&keys, sec + 6))
			ini_problem(l, sec, NULL, "[%s] is not listed in [process] stages", sec);
		if (strncmp(sec, "evidence ", 9) == 0 && !strvec_contains(&used, sec + 9))
			ini_problem(l, sec, NULL, "[%s] is not asked for by any stage", sec);
	}
	strvec_free(&keys);
	strvec_free(&used);
}

/*
 * A display name or email maps an import's owner to one login: it may not be
 * another member's login, nor another's name or email (ignoring case, any
 * alphabet), or "--owner relrep2" could record relrep1. t is compared with
 * every login and with the people whose [person] came before.
 */
static void
check_clashes(struct ini_file *l, const struct process *p, const struct person *t, const char *sec)
{
	const char *keys[] = {"name", "email"}, *mine[] = {t->name, t->email};

	for (size_t k = 0; k < 2; k++) {
		if (mine[k] == NULL)
			continue;
		for (size_t j = 0; j < p->nteam; j++) {
			const struct person *o = &p->team[j];

			if (o == t)
				continue;
			if (text_casecmp(mine[k], o->login) == 0)
				ini_problem(l, sec, keys[k],
					    "%s '%s' of %s is the login of %s: an owner named so "
					    "would be two people",
					    keys[k], mine[k], t->login, o->login);
			else if ((o->name && text_casecmp(mine[k], o->name) == 0) ||
				 (o->email && text_casecmp(mine[k], o->email) == 0))
				ini_problem(l, sec, keys[k],
					    "%s '%s' of %s is also %s's: one name, two people",
					    keys[k], mine[k], t->login, o->login);
		}
	}
}

static void
load_team(struct ini_file *l, struct process *p)
{
	static const struct {
		const char *key;
		enum team_role role;
	} lists[] = {{"managers", ROLE_MANAGER}, {"reps", ROLE_REP}};

	for (size_t k = 0; k < 2; k++) {
		struct strvec logins = {0};
		const char *v = ini_get(l, "team", lists[k].key);

		strvec_split_commas(&logins, v ? v : "");
		for (size_t i = 0; i < logins.n; i++) {
			if (!process_login_valid(logins.v[i])) {
				ini_problem(l, "team", lists[k].key, "'%s' is not a login",
					    logins.v[i]);
				continue;
			}
			if (process_team_login(p, logins.v[i]) != NULL) {
				ini_problem(l, "team", lists[k].key, "%s is named twice in [team]",
					    logins.v[i]);
				continue;
			}
			p->team = xreallocarray(p->team, p->nteam + 1, sizeof *p->team);
			p->team[p->nteam++] =
				(struct person){xstrdup(logins.v[i]), NULL, NULL, lists[k].role};
		}
		strvec_free(&logins);
	}
	int managers = 0;
	for (size_t i = 0; i < p->nteam; i++)
		managers += p->team[i].role == ROLE_MANAGER;
	if (p->nteam > 0 && managers == 0)
		ini_problem(l, "team", "managers",
			    "a team with reps needs at least one manager (else nobody could "
			    "change the process again)");
	for (int i = 0; i < iniparser_getnsec(l->d); i++) {
		const char *sec = iniparser_getsecname(l->d, i);
		const char *name, *email;

		if (strncmp(sec, "person ", 7) != 0)
			continue;
		struct person *t = NULL;
		for (size_t j = 0; j < p->nteam; j++) /* iniparser lowercased the section */
			if (strcasecmp(p->team[j].login, sec + 7) == 0)
				t = &p->team[j];
		if (t == NULL) {
			ini_problem(l, sec, NULL, "%s is not in [team] managers or reps", sec + 7);
			continue;
		}
		name = ini_get(l, sec, "name");
		email = ini_get(l, sec, "email");
		t->name = name && *name ? xstrdup(name) : NULL;
		t->email = email && *email ? xstrdup(email) : NULL;
		check_clashes(l, p, t, sec);
	}
}

static void
load_process(struct ini_file *l, struct process *p)
{
	const char *name = ini_get(l, "process", "name");
	const char *reasons;

	ini_check_known(l, section_defs, sizeof section_defs / sizeof section_defs[0]);
	if (iniparser_find_entry(l->d, "process") == 0) {
		err_add(l->err, DD_DATAERR, "%s:1: no [process] section", l->name);
		return;
	}
	p->name = xstrdup(name && *name ? name : "Process");
	load_stages(l, p);
	reasons = get_text(l, "process", "lost_reasons");
	strvec_split_commas(&p->lost_reasons, reasons ? reasons : "");
	for (size_t i = 0; i < p->lost_reasons.n; i++) {
		if (!valid_key(p->lost_reasons.v[i]))
			ini_problem(l, "process", "lost_reasons",
				    "'%s' is not a valid reason code", p->lost_reasons.v[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->lost_reasons.v[i], p->lost_reasons.v[j]) == 0)
				ini_problem(l, "process", "lost_reasons",
					    "reason %s is listed twice", p->lost_reasons.v[i]);
	}
	load_team(l, p);
}

int
process_ini_load_text(const char *name, const char *text, size_t len, struct process *out,
		      struct dd_err *err)
{
	struct ini_file f;
	struct process p = {0};

	err_clear(err);
	if (ini_file_parse(&f, name, text, len, err) == DD_OK)
		load_process(&f, &p);
	ini_file_free(&f);
	if (err->code != DD_OK) {
		process_free(&p);
		return err->code;
	}
	*out = p;
	return DD_OK;
}

int
process_ini_load(const char *path, struct process *out, struct dd_err *err)
{
	struct strbuf b;
	int rc;

	strbuf_init(&b);
	rc = ini_file_read(path, &b, err);
	if (rc == DD_OK)
		rc = process_ini_load_text(path, strbuf_str(&b), b.len, out, err);
	strbuf_free(&b);
	return rc;
}

/*
 * Quoted so that ';' and '#' survive; iniparser also reads single quotes.
 * Cleaned (text_printable) on the way: a control character, which no process
 * file may hold, would reach the terminal or break the file's lines.
 */
static void
put_value(FILE *f, const char *key, const char *value)
{
	char *v = value != NULL ? text_printable(value) : NULL;

	if (v == NULL)
		fprintf(f, "%s =\n", key);
	else if (strchr(v, '"') == NULL)
		fprintf(f, "%s = \"%s\"\n", key, v);
	else if (strchr(v, '\'') == NULL)
		fprintf(f, "%s = '%s'\n", key, v);
	else
		fprintf(f, "%s = %s\n", key, v); /* came in unquoted, so has no ; or # */
	free(v);
}

void
process_ini_write(const struct process *p, FILE *f)
{
	fputs("# dealdeck process: see dealdeck-process(5)\n\n[process]\n", f);
	put_value(f, "name", p->name);
	fputs("stages = ", f);
	for (size_t i = 0; i < p->nstages; i++)
		fprintf(f, "%s%s", i ? ", " : "", p->stages[i].key);
	fputs("\nlost_reasons = ", f);
	for (size_t i = 0; i < p->lost_reasons.n; i++)
		fprintf(f, "%s%s", i ? ", " : "", p->lost_reasons.v[i]);
	fputs("\n", f);
	for (size_t i = 0; i < p->nstages; i++) {
		const struct stage *s = &p->stages[i];

		fprintf(f, "\n[stage %s]\n", s->key);
		put_value(f, "label", s->label);
		fprintf(f,
			"probability = %d\nwarn_days = %d\nrot_days = %d\nforecast = %s\n"
			"evidence = ",
			s->probability, s->warn_days, s->rot_days, forecast_name(s->forecast));
		for (size_t j = 0; j < s->nevidence; j++)
			fprintf(f, "%s%s", j ? ", " : "", s->evidence[j].key);
		fputs("\nchecks = ", f);
		for (size_t j = 0; j < s->nchecks; j++) {
			char *c = gate_check_format(&s->checks[j]);

			fprintf(f, "%s%s", j ? ", " : "", c);
			free(c);
		}
		fputs("\n", f);
	}
	for (size_t i = 0; i < p->nstages; i++)
		for (size_t j = 0; j < p->stages[i].nevidence; j++) {
			const struct evidence_req *e = &p->stages[i].evidence[j];

			fprintf(f, "\n[evidence %s]\n", e->key);
			put_value(f, "meaning", e->meaning);
			fprintf(f, "contact = %s\n",
				e->contact_required ? "required" : "optional");
		}
	fputs("\n[team]\n", f);
	for (int role = ROLE_MANAGER; role >= ROLE_REP; role--) {
		int first = 1;

		fputs(role == ROLE_MANAGER ? "managers = " : "reps = ", f);
		for (size_t i = 0; i < p->nteam; i++)
			if (p->team[i].role == (enum team_role)role) {
				fprintf(f, "%s%s", first ? "" : ", ", p->team[i].login);
				first = 0;
			}
		fputs("\n", f);
	}
	for (size_t i = 0; i < p->nteam; i++) {
		const struct person *t = &p->team[i];

		if (t->name == NULL && t->email == NULL)
			continue;
		fprintf(f, "\n[person %s]\n", t->login);
		if (t->name)
			put_value(f, "name", t->name);
		if (t->email)
			put_value(f, "email", t->email);
	}
}
