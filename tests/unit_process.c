#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gate.h"
#include "process_ini.h"
#include "unit.h"

void
unit_load_default(struct process *p)
{
	struct dd_err err;
	int rc;

	err_init(&err);
	rc = process_ini_load(DEFAULT_PROCESS_INI, p, &err);
	ck_assert_msg(rc == DD_OK, "%s: %s", DEFAULT_PROCESS_INI, strbuf_str(&err.msg));
	err_free(&err);
}

void
unit_load_text(const char *text, struct process *p)
{
	struct dd_err err;
	int rc;

	err_init(&err);
	rc = process_ini_load_text("test.ini", text, strlen(text), p, &err);
	ck_assert_msg(rc == DD_OK, "%s", strbuf_str(&err.msg));
	err_free(&err);
}

char *
unit_process_ini(const struct process *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	process_ini_write(p, f);
	fclose(f);
	return buf;
}

/* The default process as PRODUCT.md describes it. */
static const struct {
	const char *key, *label;
	int probability, warn, rot;
	const char *evidence, *checks;
} want_stages[] = {
	{"prospect", "Prospect", 5, 14, 30, "buyer_engaged", ""},
	{"qualify", "Qualify", 10, 14, 30, "problem_confirmed", "min_stakeholders 1"},
	{"discover", "Discover", 20, 21, 45, "needs_confirmed",
	 "has_role economic_buyer, has_role champion"},
	{"present", "Present", 40, 14, 30, "proposal_requested", ""},
	{"propose", "Propose", 60, 14, 30, "proposal_reviewed",
	 "min_plan_steps 3, min_buyer_steps 1"},
	{"negotiate", "Negotiate", 80, 21, 45, "approvals_active",
	 "close_date_set, no_stance blocker"},
	{"close", "Close", 90, 14, 30, "contract_signed", "success_criteria_set"},
};

static char *
checks_text(const struct stage *s)
{
	struct strbuf b;

	strbuf_init(&b);
	for (size_t i = 0; i < s->nchecks; i++) {
		char *c = gate_check_format(&s->checks[i]);

		strbuf_printf(&b, "%s%s", i ? ", " : "", c);
		free(c);
	}
	return strbuf_detach(&b);
}

START_TEST(test_default_stages)
{
	struct process p;

	unit_load_default(&p);
	ck_assert_str_eq(p.name, "Default B2B process");
	ck_assert_uint_eq(p.nstages, 7);
	for (size_t i = 0; i < 7; i++) {
		const struct stage *s = &p.stages[i];

		ck_assert_str_eq(s->key, want_stages[i].key);
		ck_assert_str_eq(s->label, want_stages[i].label);
		ck_assert_int_eq(s->probability, want_stages[i].probability);
		ck_assert_int_eq(s->warn_days, want_stages[i].warn);
		ck_assert_int_eq(s->rot_days, want_stages[i].rot);
		ck_assert_int_eq(process_stage_index(&p, s->key), (int)i);
		ck_assert_ptr_eq(process_stage(&p, s->key), s);
	}
	ck_assert_int_eq(process_stage_index(&p, "won"), 7);
	ck_assert_ptr_null(process_stage(&p, "won"));
	ck_assert_int_eq(process_stage_index(&p, "lost"), -1);
	ck_assert_int_eq(process_stage_index(&p, "Prospect"), -1);
	ck_assert_int_eq(process_stage_index(&p, NULL), -1);
	process_free(&p);
}
END_TEST

START_TEST(test_default_gates)
{
	struct process p;

	unit_load_default(&p);
	for (size_t i = 0; i < p.nstages; i++) {
		const struct stage *s = &p.stages[i];
		char *checks = checks_text(s);

		ck_assert_uint_eq(s->nevidence, 1);
		ck_assert_str_eq(s->evidence[0].key, want_stages[i].evidence);
		ck_assert_int_eq(s->evidence[0].contact_required, 1);
		ck_assert(strncmp(s->evidence[0].meaning, "the buyer", 9) == 0);
		ck_assert_str_eq(checks, want_stages[i].checks);
		free(checks);
	}
	ck_assert_str_eq(p.stages[6].evidence[0].meaning, "the buyer signed the contract");
	ck_assert_str_eq(p.stages[5].evidence[0].meaning,
			 "the buyer's contract approval steps are active and documented");
	process_free(&p);
}
END_TEST

START_TEST(test_default_lost_reasons_and_team)
{
	static const char *const reasons[] = {"no_budget", "no_decision", "lost_to_competitor",
					      "timing",    "poor_fit",    "champion_left",
					      "price",     "other"};
	struct process p;
	struct strbuf b;

	unit_load_default(&p);
	ck_assert_uint_eq(p.lost_reasons.n, 8);
	for (size_t i = 0; i < 8; i++) {
		ck_assert_str_eq(p.lost_reasons.v[i], reasons[i]);
		ck_assert(process_has_lost_reason(&p, reasons[i]));
	}
	ck_assert(!process_has_lost_reason(&p, "budget"));
	ck_assert_uint_eq(p.nteam, 0);
	strbuf_init(&b);
	process_stage_list(&p, &b);
	ck_assert_str_eq(strbuf_str(&b),
			 "prospect, qualify, discover, present, propose, negotiate, close");
	strbuf_free(&b);
	process_free(&p);
}
END_TEST

/* The copy built into the program is the file that ships. */
START_TEST(test_builtin_default_is_the_file)
{
	struct process a, b;
	char *wa, *wb;

	unit_load_default(&a);
	unit_load_text(process_default_ini, &b);
	wa = unit_process_ini(&a);
	wb = unit_process_ini(&b);
	ck_assert_str_eq(wa, wb);
	free(wa);
	free(wb);
	process_free(&a);
	process_free(&b);
}
END_TEST

/* A small process using every feature: team, people, optional contact. */
static const char *const mini[] = {
	"[process]",                      /* 1 */
	"name = \"Tiny\"",                /* 2 */
	"stages = lead, deal",            /* 3 */
	"lost_reasons = price, other",    /* 4 */
	"",                               /* 5 */
	"[stage lead]",                   /* 6 */
	"label = \"Lead\"",               /* 7 */
	"probability = 10",               /* 8 */
	"warn_days = 7",                  /* 9 */
	"rot_days = 14",                  /* 10 */
	"evidence = met",                 /* 11 */
	"checks = min_stakeholders 1",    /* 12 */
	"",                               /* 13 */
	"[stage deal]",                   /* 14 */
	"label = \"Deal\"",               /* 15 */
	"probability = 50",               /* 16 */
	"warn_days = 7",                  /* 17 */
	"rot_days = 14",                  /* 18 */
	"evidence = signed",              /* 19 */
	"checks = close_date_set",        /* 20 */
	"",                               /* 21 */
	"[evidence met]",                 /* 22 */
	"meaning = \"the buyer met us\"", /* 23 */
	"contact = required",             /* 24 */
	"",                               /* 25 */
	"[evidence signed]",              /* 26 */
	"meaning = \"the buyer signed\"", /* 27 */
	"contact = optional",             /* 28 */
	"",                               /* 29 */
	"[team]",                         /* 30 */
	"managers = boss",                /* 31 */
	"reps = ann, bob",                /* 32 */
	"",                               /* 33 */
	"[person ann]",                   /* 34 */
	"name = \"Ann Smith\"",           /* 35 */
	"email = \"ann@example.com\"",    /* 36 */
};

#define MINI_LINES ((int)(sizeof mini / sizeof mini[0]))

/* The mini process with line `line` replaced (0: none); '\1' stands for a NUL byte. */
static char *
mini_with(int line, const char *replacement, size_t *len)
{
	struct strbuf b;

	strbuf_init(&b);
	for (int i = 1; i <= MINI_LINES; i++)
		strbuf_printf(&b, "%s\n", i == line ? replacement : mini[i - 1]);
	for (size_t i = 0; i < b.len; i++)
		if (b.s[i] == '\1')
			b.s[i] = '\0';
	*len = b.len;
	return strbuf_detach(&b);
}

START_TEST(test_mini_loads)
{
	struct process p;
	size_t len;
	char *text = mini_with(0, NULL, &len);

	unit_load_text(text, &p);
	ck_assert_str_eq(p.name, "Tiny");
	ck_assert_uint_eq(p.nstages, 2);
	ck_assert_int_eq(p.stages[0].evidence[0].contact_required, 1);
	ck_assert_int_eq(p.stages[1].evidence[0].contact_required, 0);
	ck_assert_uint_eq(p.nteam, 3);
	ck_assert_int_eq(p.team[0].role, ROLE_MANAGER);
	ck_assert_str_eq(p.team[1].login, "ann");
	ck_assert_str_eq(p.team[1].name, "Ann Smith");
	ck_assert_str_eq(p.team[1].email, "ann@example.com");
	ck_assert_ptr_null(p.team[2].name);
	process_free(&p);
	free(text);
}
END_TEST

START_TEST(test_role_of)
{
	struct process def, p;
	size_t len;
	char *text = mini_with(0, NULL, &len);

	unit_load_default(&def);
	/* With no team named, everyone is a manager. */
	ck_assert_int_eq(process_role_of(&def, "anyone"), ROLE_MANAGER);
	ck_assert_int_eq(process_role_of(&def, "root"), ROLE_MANAGER);
	unit_load_text(text, &p);
	ck_assert_int_eq(process_role_of(&p, "boss"), ROLE_MANAGER);
	ck_assert_int_eq(process_role_of(&p, "ann"), ROLE_REP);
	ck_assert_int_eq(process_role_of(&p, "bob"), ROLE_REP);
	ck_assert_int_eq(process_role_of(&p, "zed"), ROLE_NONE);
	ck_assert_int_eq(process_role_of(&p, "Boss"), ROLE_NONE); /* logins are exact */
	ck_assert_int_eq(process_role_of(&p, "Ann Smith"), ROLE_NONE);
	process_free(&def);
	process_free(&p);
	free(text);
}
END_TEST

START_TEST(test_team_login)
{
	struct process p;
	size_t len;
	char *text = mini_with(0, NULL, &len);

	unit_load_text(text, &p);
	ck_assert_str_eq(process_team_login(&p, "ann"), "ann");
	ck_assert_str_eq(process_team_login(&p, "boss"), "boss");
	ck_assert_str_eq(process_team_login(&p, "Ann Smith"), "ann");
	ck_assert_str_eq(process_team_login(&p, "ann smith"), "ann");
	ck_assert_str_eq(process_team_login(&p, "ann@example.com"), "ann");
	ck_assert_str_eq(process_team_login(&p, "ANN@Example.COM"), "ann");
	ck_assert_ptr_null(process_team_login(&p, "zed"));
	ck_assert_ptr_null(process_team_login(&p, "Ann"));
	ck_assert_ptr_null(process_team_login(&p, ""));
	process_free(&p);
	free(text);
	/* Names and emails match in any alphabet, logins exactly and first. */
	text = mini_with(35, "name = \"Jos\xc3\xa9 \xc3\x81lvarez\"", &len);
	unit_load_text(text, &p);
	ck_assert_str_eq(process_team_login(&p, "JOS\xc3\x89 \xc3\x81LVAREZ"), "ann");
	ck_assert_str_eq(process_team_login(&p, "jos\xc3\xa9 \xc3\xa1lvarez"), "ann");
	ck_assert_ptr_null(process_team_login(&p, "Jose Alvarez"));
	/* A clash stored before files were checked: the login wins over a name. */
	free(p.team[0].name);
	p.team[0].name = strdup("ann"); /* boss's display name */
	ck_assert_str_eq(process_team_login(&p, "ann"), "ann");
	ck_assert_str_eq(process_team_login(&p, "ANN"), "boss");
	process_free(&p);
	free(text);
}
END_TEST

static void
assert_round_trip(const char *text)
{
	struct process a, b;
	char *w1, *w2;

	unit_load_text(text, &a);
	w1 = unit_process_ini(&a);
	unit_load_text(w1, &b);
	w2 = unit_process_ini(&b);
	ck_assert_str_eq(w1, w2);
	free(w1);
	free(w2);
	process_free(&a);
	process_free(&b);
}

START_TEST(test_round_trip_default)
{
	struct process p;
	char *w;

	unit_load_default(&p);
	w = unit_process_ini(&p);
	assert_round_trip(w);
	free(w);
	process_free(&p);
}
END_TEST

START_TEST(test_round_trip_mini)
{
	size_t len;
	char *text = mini_with(0, NULL, &len);

	assert_round_trip(text);
	free(text);
}
END_TEST

/* Every check word survives writing and reading. */
START_TEST(test_round_trip_every_check)
{
	size_t len;
	char *text = mini_with(20,
			       "checks = close_date_set, no_stance skeptic, "
			       "success_criteria_set, next_step_set, amount_set, "
			       "min_plan_steps 2, min_buyer_steps 1, has_role legal",
			       &len);
	struct process p;
	char *w;

	unit_load_text(text, &p);
	ck_assert_uint_eq(p.stages[1].nchecks, 8);
	w = unit_process_ini(&p);
	ck_assert_ptr_nonnull(strstr(w, "checks = close_date_set, no_stance skeptic, "
					"success_criteria_set, next_step_set, amount_set, "
					"min_plan_steps 2, min_buyer_steps 1, has_role legal\n"));
	assert_round_trip(w);
	free(w);
	free(text);
	process_free(&p);
}
END_TEST

/* Values with ';', '#' and quotes come back as they went in. */
START_TEST(test_round_trip_special_values)
{
	size_t len;
	char *text = mini_with(2, "name = \"Sales; EMEA #1\"", &len);
	struct process a, b;
	char *w;

	unit_load_text(text, &a);
	ck_assert_str_eq(a.name, "Sales; EMEA #1");
	w = unit_process_ini(&a);
	unit_load_text(w, &b);
	ck_assert_str_eq(b.name, "Sales; EMEA #1");
	free(w);
	free(text);
	process_free(&a);
	process_free(&b);
}
END_TEST

/* A value with '"' and '#' (once written unquoted, so '#' started a comment). */
START_TEST(test_round_trip_quote_and_hash)
{
	size_t len;
	char *text = mini_with(2, "name = 'Our \"B2B\" #1 process'", &len);
	struct process a, b;
	char *w;

	unit_load_text(text, &a);
	ck_assert_str_eq(a.name, "Our \"B2B\" #1 process");
	w = unit_process_ini(&a);
	unit_load_text(w, &b);
	ck_assert_str_eq(b.name, "Our \"B2B\" #1 process");
	free(w);
	free(text);
	process_free(&a);
	process_free(&b);
}
END_TEST

START_TEST(test_bom_accepted)
{
	size_t len;
	char *text = mini_with(0, NULL, &len);
	char *bom = malloc(len + 4);
	struct process p;

	memcpy(bom, "\xef\xbb\xbf", 3);
	memcpy(bom + 3, text, len + 1);
	unit_load_text(bom, &p);
	ck_assert_str_eq(p.name, "Tiny");
	ck_assert_uint_eq(p.nstages, 2);
	process_free(&p);
	free(bom);
	free(text);
}
END_TEST

/* Problems after a BOM are still reported on the right line. */
START_TEST(test_bom_keeps_line_numbers)
{
	size_t len;
	char *text = mini_with(8, "probability = 500", &len);
	char *bom = malloc(len + 4);
	struct process p;
	struct dd_err err;

	memcpy(bom, "\xef\xbb\xbf", 3);
	memcpy(bom + 3, text, len + 1);
	err_init(&err);
	ck_assert_int_eq(process_ini_load_text("T", bom, len + 3, &p, &err), DD_DATAERR);
	ck_assert_msg(strncmp(strbuf_str(&err.msg), "T:8: ", 5) == 0, "%s", strbuf_str(&err.msg));
	err_free(&err);
	free(bom);
	free(text);
}
END_TEST

/* Broken files: each refused with the line of the problem. */
static const struct {
	const char *what;
	int line;                /* the line of mini replaced (0: none) */
	const char *replacement; /* '\1' is a NUL byte */
	int at;                  /* the line the message must name (0: any) */
	const char *says;        /* part of that message */
} broken[] = {
	{"syntax error", 9, "warn_days 7", 9, "syntax error"},
	{"unclosed section", 14, "[stage deal", 14, "syntax error"},
	{"unknown key", 12, "checks = min_stakeholders 1\ncolour = red", 13, "colour"},
	{"unknown key in person", 36, "phone = 555", 36, "phone"},
	{"unknown section", 33, "[colours]\nred = 1", 33, "colours"},
	{"unknown section prefix", 33, "[stagex deal]", 33, "stagex"},
	{"probability above 100", 8, "probability = 150", 8, "probability"},
	{"probability not a number", 8, "probability = ten", 8, "probability"},
	{"probability negative", 16, "probability = -5", 16, "probability"},
	{"probability missing", 8, "", 6, "probability"},
	{"rot before warn", 10, "rot_days = 3", 10, "rot_days"},
	{"warn_days not a number", 17, "warn_days = 7d", 17, "warn_days"},
	{"unknown check word", 12, "checks = min_stakeholders 1, has_budget", 12, "has_budget"},
	{"check without number", 12, "checks = min_stakeholders", 12, "number"},
	{"check number zero", 12, "checks = min_stakeholders 0", 12, "between"},
	{"unknown role", 12, "checks = has_role ceo", 12, "unknown role"},
	{"unknown stance", 20, "checks = no_stance hostile", 20, "unknown stance"},
	{"check takes no argument", 20, "checks = close_date_set 2024", 20, "no argument"},
	{"evidence section missing", 19, "evidence = signed, paid", 19, "paid"},
	{"evidence without meaning", 23, "", 22, "meaning"},
	{"contact neither required nor optional", 24, "contact = maybe", 24, "contact"},
	{"stage without section", 3, "stages = lead, deal, close", 3, "close"},
	{"stage section not listed", 3, "stages = lead", 14, "not listed"},
	{"evidence section nobody asks for", 3, "stages = lead", 26, "not asked for"},
	{"evidence asked for by two gates", 19, "evidence = met", 0, "two gates"},
	{"stage listed twice", 3, "stages = lead, deal, lead", 3, "twice"},
	{"stage called won", 3, "stages = lead, deal, won", 3, "won"},
	{"stage key with capitals", 3, "stages = lead, deal, Close", 3, "Close"},
	{"no stages", 3, "stages =", 3, "stages"},
	{"no [process] section", 1, "[proces]", 1, "[process]"},
	{"lost reason twice", 4, "lost_reasons = price, other, price", 4, "twice"},
	{"lost reason not a code", 4, "lost_reasons = price, Bad Reason", 4, "Bad Reason"},
	{"no lost reasons", 4, "lost_reasons =", 4, "lost_reasons"},
	{"line over 1024 bytes", 27, NULL, 27, "longer"},
	{"invalid UTF-8", 27, "meaning = \"the buyer \xff signed\"", 27, "UTF-8"},
	{"overlong UTF-8", 15, "label = \"De\xc0\xafl\"", 15, "UTF-8"},
	{"NUL byte", 15, "label = \"De\1al\"", 15, "NUL"},
	{"login in managers and reps", 32, "reps = ann, boss", 32, "twice"},
	{"login twice in reps", 32, "reps = ann, bob, ann", 32, "twice"},
	{"login with a space", 32, "reps = ann, b ob", 32, "b ob"},
	{"person not in the team", 34, "[person zed]", 34, "zed"},
	{"reps but no manager", 31, "managers =", 31, "manager"},
	/* iniparser would read these silently as something else. */
	{"unclosed quote", 15, "label = \"Deal", 15, "not closed"},
	{"unclosed single quote", 15, "label = 'Deal", 15, "not closed"},
	{"unclosed quote with a comment", 15, "label = \"Deal ; the deal stage", 15, "not closed"},
	{"quote inside its own quotes", 27, "meaning = \"the buyer said \"go\" today\"", 27,
	 "after the closing quote"},
	{"unclosed over a continued line", 27, "meaning = \"the buyer \\\nsigned", 27,
	 "not closed"},
	/* A name or email that could stand for two people. */
	{"display name is another login", 35, "name = \"bob\"", 35, "login of bob"},
	{"display name is another login, in capitals", 35, "name = \"BOSS\"", 35, "login of boss"},
	{"email is another login", 36, "email = bob", 36, "login of bob"},
	{"two people with one name", 36,
	 "email = \"ann@example.com\"\n[person bob]\nname = \"ANN SMITH\"", 38, "two people"},
	{"two people with one email", 36,
	 "email = \"ann@example.com\"\n[person bob]\nemail = \"Ann@Example.com\"", 38,
	 "two people"},
	{"one's name is another's email", 36,
	 "email = \"ann@example.com\"\n[person bob]\nname = \"ann@example.com\"", 38,
	 "two people"},
	{"two people with one name in any alphabet", 35,
	 "name = \"Jos\xc3\xa9\"\nemail = \"ann@example.com\"\n[person bob]\n"
	 "name = \"JOS\xc3\x89\"",
	 39, "two people"},
	{"evidence key with capitals", 11, "evidence = Met", 11, "Met"},
	/* The line number is not taken from the text of the line. */
	{"syntax error with a parenthesis", 9, "warn_days (seven)", 9, "syntax error"},
	{"key before any section", 1, "colour = red\n[process]", 1, "colour"},
	/* Otherwise the second value silently wins. */
	{"key given twice", 9, "warn_days = 7\nwarn_days = 8", 10, "warn_days"},
};

#define NBROKEN ((int)(sizeof broken / sizeof broken[0]))

static const char *
next_line(const char *l)
{
	l += strcspn(l, "\n");
	return *l == '\n' ? l + 1 : l;
}

START_TEST(test_broken_file_refused)
{
	char prefix[32], *text, *long_line = NULL;
	const char *msg, *hit = NULL;
	struct process p, before;
	struct dd_err err;
	size_t len;

	if (broken[_i].replacement == NULL) {
		long_line = malloc(1200);
		memset(long_line, 'a', 1199);
		long_line[1199] = '\0';
		memcpy(long_line, "meaning = ", 10);
	}
	text = mini_with(broken[_i].line, long_line ? long_line : broken[_i].replacement, &len);
	memset(&p, 0x5a, sizeof p);
	memcpy(&before, &p, sizeof p);
	err_init(&err);
	ck_assert_msg(process_ini_load_text("T", text, len, &p, &err) == DD_DATAERR,
		      "%s: accepted", broken[_i].what);
	ck_assert_int_eq(err.code, DD_DATAERR);
	ck_assert(memcmp(&p, &before, sizeof p) == 0); /* nothing is changed on failure */
	msg = strbuf_str(&err.msg);
	if (broken[_i].at > 0)
		snprintf(prefix, sizeof prefix, "T:%d: ", broken[_i].at);
	else
		snprintf(prefix, sizeof prefix, "T:");
	for (const char *l = msg; *l != '\0'; l = next_line(l)) {
		size_t n = strcspn(l, "\n");

		ck_assert_msg(strncmp(l, "T:", 2) == 0, "%s: line without FILE:LINE: %.*s",
			      broken[_i].what, (int)n, l);
		if (hit == NULL && strncmp(l, prefix, strlen(prefix)) == 0) {
			char *one = strndup(l, n);

			if (strstr(one, broken[_i].says) != NULL)
				hit = l;
			free(one);
		}
	}
	ck_assert_msg(hit != NULL, "%s: want '%s...%s', got:\n%s", broken[_i].what, prefix,
		      broken[_i].says, msg);
	err_free(&err);
	free(text);
	free(long_line);
}
END_TEST

/* The longest line iniparser reads whole is 1022 bytes and a newline. */
START_TEST(test_long_line_boundary)
{
	char line[1100];
	struct process p;
	struct dd_err err;
	size_t len;
	char *text;

	for (size_t n = 1022; n <= 1023; n++) {
		memset(line, 'a', n);
		line[n] = '\0';
		memcpy(line, "meaning = ", 10);
		text = mini_with(27, line, &len);
		err_init(&err);
		if (n == 1022) {
			ck_assert_msg(process_ini_load_text("T", text, len, &p, &err) == DD_OK,
				      "%s", strbuf_str(&err.msg));
			ck_assert_uint_eq(strlen(p.stages[1].evidence[0].meaning), n - 10);
			process_free(&p);
		} else {
			ck_assert_int_eq(process_ini_load_text("T", text, len, &p, &err),
					 DD_DATAERR);
			ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "T:27: "));
		}
		err_free(&err);
		free(text);
	}
}
END_TEST

START_TEST(test_every_problem_reported)
{
	size_t len;
	char *text = mini_with(8, "probability = 150", &len);
	char *two;
	struct process p;
	struct dd_err err;

	/* Two problems in one file: both lines are reported. */
	two = malloc(len + 64);
	memcpy(two, text, len + 1);
	strcat(two, "[person zed]\n");
	err_init(&err);
	ck_assert_int_eq(process_ini_load_text("T", two, strlen(two), &p, &err), DD_DATAERR);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "T:8: "));
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "T:37: "));
	err_free(&err);
	free(two);
	free(text);
}
END_TEST

/* A file edited on Windows: CRLF line ends, and comments after values. */
START_TEST(test_crlf_and_comments)
{
	size_t len;
	char *text = mini_with(8, "probability = 10 ; ten percent", &len);
	struct strbuf crlf;
	struct process a, b;
	char *wa, *wb;

	strbuf_init(&crlf);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			strbuf_putc(&crlf, '\r');
		strbuf_putc(&crlf, text[i]);
	}
	strbuf_puts(&crlf, "# the end\r\n");
	unit_load_text(strbuf_str(&crlf), &a);
	free(text);
	text = mini_with(0, NULL, &len);
	unit_load_text(text, &b);
	ck_assert_int_eq(a.stages[0].probability, 10);
	ck_assert_str_eq(a.stages[0].label, "Lead");
	wa = unit_process_ini(&a);
	wb = unit_process_ini(&b);
	ck_assert_str_eq(wa, wb);
	free(wa);
	free(wb);
	process_free(&a);
	process_free(&b);
	strbuf_free(&crlf);
	free(text);
}
END_TEST

START_TEST(test_empty_file)
{
	struct process p;
	struct dd_err err;

	err_init(&err);
	ck_assert_int_eq(process_ini_load_text("T", "", 0, &p, &err), DD_DATAERR);
	ck_assert_msg(strncmp(strbuf_str(&err.msg), "T:1: ", 5) == 0, "%s", strbuf_str(&err.msg));
	ck_assert_int_eq(process_ini_load_text("T", "\xef\xbb\xbf", 3, &p, &err), DD_DATAERR);
	ck_assert_int_eq(process_ini_load_text("T", "# nothing\n\n", 11, &p, &err), DD_DATAERR);
	err_free(&err);
}
END_TEST

/* A settings file is small: anything huge is a mistake, said before parsing it. */
START_TEST(test_file_too_large)
{
	char path[] = "/tmp/dealdeck-unit-ini-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	struct process p;
	struct dd_err err;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs("[process]\n", f);
	for (int i = 0; i < 40000; i++)
		fputs("# padding padding padding padding\n", f);
	fclose(f);
	err_init(&err);
	ck_assert_int_eq(process_ini_load(path, &p, &err), DD_DATAERR);
	unlink(path);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "too large"));
	err_free(&err);
}
END_TEST

START_TEST(test_missing_file)
{
	struct process p;
	struct dd_err err;

	err_init(&err);
	ck_assert_int_eq(process_ini_load("/nonexistent/dealdeck/process.ini", &p, &err), DD_FAIL);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&err.msg), "/nonexistent/dealdeck/process.ini"));
	err_free(&err);
}
END_TEST

/* The section and key names are case-insensitive, as iniparser reads them. */
START_TEST(test_section_names_any_case)
{
	size_t len;
	char *text = mini_with(14, "[Stage deal]", &len);
	struct process p;

	unit_load_text(text, &p);
	ck_assert_str_eq(p.stages[1].label, "Deal");
	process_free(&p);
	free(text);
}
END_TEST

/* A quoted value may run on over a backslash, and be followed by a comment. */
START_TEST(test_quoted_values_that_close)
{
	size_t len;
	char *text = mini_with(27, "meaning = \"the buyer \\\nsigned; in ink\" ; a comment", &len);
	struct process p;

	unit_load_text(text, &p);
	ck_assert_str_eq(p.stages[1].evidence[0].meaning, "the buyer signed; in ink");
	process_free(&p);
	free(text);
}
END_TEST

/* iniparser lowercases section names: "[person Ann]" must still find login Ann. */
START_TEST(test_person_login_with_capitals)
{
	size_t len;
	char *text = mini_with(34, "[person Ann]", &len);
	char *fixed;
	struct process p;

	/* Team "Ann" instead of "ann", everything else the same. */
	fixed = malloc(len + 1);
	memcpy(fixed, text, len + 1);
	memcpy(strstr(fixed, "reps = ann"), "reps = Ann", 10);
	unit_load_text(fixed, &p);
	ck_assert_str_eq(process_team_login(&p, "Ann Smith"), "Ann");
	process_free(&p);
	free(fixed);
	free(text);
}
END_TEST

Suite *
suite_process(void)
{
	Suite *s = suite_create("process");
	TCase *tc = tcase_create("process");

	tcase_add_test(tc, test_default_stages);
	tcase_add_test(tc, test_default_gates);
	tcase_add_test(tc, test_default_lost_reasons_and_team);
	tcase_add_test(tc, test_builtin_default_is_the_file);
	tcase_add_test(tc, test_mini_loads);
	tcase_add_test(tc, test_role_of);
	tcase_add_test(tc, test_team_login);
	tcase_add_test(tc, test_round_trip_default);
	tcase_add_test(tc, test_round_trip_mini);
	tcase_add_test(tc, test_round_trip_every_check);
	tcase_add_test(tc, test_round_trip_special_values);
	tcase_add_test(tc, test_round_trip_quote_and_hash);
	tcase_add_test(tc, test_bom_accepted);
	tcase_add_test(tc, test_bom_keeps_line_numbers);
	tcase_add_loop_test(tc, test_broken_file_refused, 0, NBROKEN);
	tcase_add_test(tc, test_long_line_boundary);
	tcase_add_test(tc, test_every_problem_reported);
	tcase_add_test(tc, test_crlf_and_comments);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_file_too_large);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_section_names_any_case);
	tcase_add_test(tc, test_person_login_with_capitals);
	tcase_add_test(tc, test_quoted_values_that_close);
	suite_add_tcase(s, tc);
	return s;
}
