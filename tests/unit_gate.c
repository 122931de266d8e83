#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "gate.h"
#include "process_ini.h"
#include "unit.h"
#include "xmalloc.h"

/* Every test runs on the default process and a deal that meets every data check. */
static struct process proc;
static struct deal_facts facts;
static struct gate_result res;
static long today, created;

#define GOOD_TEXT "The buyer replied and booked a call for Tuesday"
#define GOOD_DATE "2024-06-10"

static void
add_person(long id, const char *name, const char *role, const char *stance)
{
	facts.people = xreallocarray(facts.people, facts.npeople + 1, sizeof *facts.people);
	facts.people[facts.npeople++] = (struct facts_person){
		id, xstrdup(name), role ? xstrdup(role) : NULL, stance ? xstrdup(stance) : NULL};
}

static void
setup(void)
{
	unit_load_default(&proc);
	today = date_from_ymd(2024, 6, 15);
	created = date_from_ymd(2024, 3, 1);
	memset(&facts, 0, sizeof facts);
	memset(&res, 0, sizeof res);
	facts.created_day = created;
	facts.has_close_date = facts.has_success_criteria = 1;
	facts.has_next_step = facts.has_amount = 1;
	facts.plan_steps = 3;
	facts.buyer_steps = 1;
	add_person(1, "Alice Buyer", "economic_buyer", "supporter");
	add_person(2, "Bob Champion", "champion", "supporter");
	add_person(3, "Carol Legal", "legal", "neutral");
}

static void
teardown(void)
{
	gate_result_free(&res);
	deal_facts_free(&facts);
	process_free(&proc);
}

/* A deal with nothing: no stakeholders, no plan, no fields set. */
static void
bare_facts(void)
{
	deal_facts_free(&facts);
	facts.created_day = created;
}

static struct evidence_in
good(const char *key)
{
	return (struct evidence_in){key, GOOD_TEXT, "Alice Buyer", GOOD_DATE};
}

static int
stage_of(const char *key)
{
	int i = process_stage_index(&proc, key);

	ck_assert_msg(i >= 0, "no stage %s", key);
	return i;
}

static size_t
move(const char *from, const char *to, const struct evidence_in *ev, size_t nev)
{
	gate_result_free(&res);
	return gate_check(&proc, &facts, stage_of(from), stage_of(to), ev, nev, today, &res);
}

/* How many unmet requirements have this kind, stage and key (NULL: any). */
static int
count_unmet(int kind, const char *stage, const char *key)
{
	int n = 0;

	for (size_t i = 0; i < res.nunmet; i++)
		n += (kind < 0 || res.unmet[i].kind == (enum unmet_kind)kind) &&
		     (stage == NULL || strcmp(res.unmet[i].stage, stage) == 0) &&
		     (key == NULL || strcmp(res.unmet[i].key, key) == 0);
	return n;
}

/* The one unmet requirement; fails unless there is exactly one. */
static const struct unmet *
only_unmet(void)
{
	ck_assert_msg(res.nunmet == 1, "%zu unmet, first: %s", res.nunmet,
		      res.nunmet ? res.unmet[0].message : "-");
	return &res.unmet[0];
}

static void
assert_says(const char *text, const char *part)
{
	ck_assert_msg(text != NULL && strstr(text, part) != NULL, "'%s' does not say '%s'",
		      text ? text : "(null)", part);
}

static void
assert_all_explained(void)
{
	for (size_t i = 0; i < res.nunmet; i++) {
		ck_assert(res.unmet[i].message != NULL && res.unmet[i].message[0] != '\0');
		ck_assert(res.unmet[i].fix != NULL && res.unmet[i].fix[0] != '\0');
	}
}

/* Each default gate, met: one piece of evidence accepted, nothing unmet. */
START_TEST(test_every_gate_met)
{
	const struct stage *s = &proc.stages[_i];
	struct evidence_in ev = good(s->evidence[0].key);
	size_t n = gate_check(&proc, &facts, _i, _i + 1, &ev, 1, today, &res);

	ck_assert_msg(n == 0, "leaving %s: %s", s->key, res.nunmet ? res.unmet[0].message : "");
	ck_assert_uint_eq(res.naccepted, 1);
	ck_assert_str_eq(res.accepted[0].stage, s->key);
	ck_assert_str_eq(res.accepted[0].key, s->evidence[0].key);
	ck_assert_ptr_eq(res.accepted[0].what, ev.what);
	ck_assert_int_eq(res.accepted[0].contact_id, 1);
	ck_assert_str_eq(res.accepted[0].contact_name, "Alice Buyer");
	ck_assert_int_eq(res.accepted[0].day, date_from_ymd(2024, 6, 10));
}
END_TEST

/* What each default gate lists for a bare deal and no evidence, in order. */
static const struct {
	const char *stage;
	struct {
		enum unmet_kind kind;
		const char *key;
		enum fix_where where;
		const char *says;
	} unmet[3];
	size_t n;
} bare_gates[] = {
	{"prospect", {{UNMET_EVIDENCE_MISSING, "buyer_engaged", FIX_EVIDENCE, "replied"}}, 1},
	{"qualify",
	 {{UNMET_EVIDENCE_MISSING, "problem_confirmed", FIX_EVIDENCE, "problem is active"},
	  {UNMET_CHECK, "min_stakeholders", FIX_STAKEHOLDERS, "1 stakeholder"}},
	 2},
	{"discover",
	 {{UNMET_EVIDENCE_MISSING, "needs_confirmed", FIX_EVIDENCE, "summary of needs"},
	  {UNMET_CHECK, "has_role", FIX_STAKEHOLDERS, "economic buyer"},
	  {UNMET_CHECK, "has_role", FIX_STAKEHOLDERS, "champion"}},
	 3},
	{"present", {{UNMET_EVIDENCE_MISSING, "proposal_requested", FIX_EVIDENCE, "proposal"}}, 1},
	{"propose",
	 {{UNMET_EVIDENCE_MISSING, "proposal_reviewed", FIX_EVIDENCE, "approval steps"},
	  {UNMET_CHECK, "min_plan_steps", FIX_PLAN, "at least 3"},
	  {UNMET_CHECK, "min_buyer_steps", FIX_PLAN, "owned by the buyer"}},
	 3},
	{"negotiate",
	 {{UNMET_EVIDENCE_MISSING, "approvals_active", FIX_EVIDENCE, "approval steps"},
	  {UNMET_CHECK, "close_date_set", FIX_DEAL, "close date"}},
	 2},
	{"close",
	 {{UNMET_EVIDENCE_MISSING, "contract_signed", FIX_EVIDENCE, "signed the contract"},
	  {UNMET_CHECK, "success_criteria_set", FIX_DEAL, "success criteria"}},
	 2},
};

START_TEST(test_every_gate_unmet)
{
	bare_facts();
	ck_assert_str_eq(proc.stages[_i].key, bare_gates[_i].stage);
	gate_check(&proc, &facts, _i, _i + 1, NULL, 0, today, &res);
	ck_assert_uint_eq(res.nunmet, bare_gates[_i].n);
	ck_assert_uint_eq(res.naccepted, 0);
	for (size_t j = 0; j < bare_gates[_i].n; j++) {
		const struct unmet *u = &res.unmet[j];

		ck_assert_int_eq(u->kind, bare_gates[_i].unmet[j].kind);
		ck_assert_str_eq(u->stage, bare_gates[_i].stage);
		ck_assert_str_eq(u->key, bare_gates[_i].unmet[j].key);
		ck_assert_int_eq(u->where, bare_gates[_i].unmet[j].where);
		assert_says(u->message, bare_gates[_i].unmet[j].says);
		assert_says(u->message, bare_gates[_i].stage);
	}
	assert_all_explained();
}
END_TEST

/* A deal that meets every check still needs the evidence. */
START_TEST(test_every_gate_needs_evidence)
{
	const struct stage *s = &proc.stages[_i];
	const struct unmet *u;

	gate_check(&proc, &facts, _i, _i + 1, NULL, 0, today, &res);
	u = only_unmet();
	ck_assert_int_eq(u->kind, UNMET_EVIDENCE_MISSING);
	ck_assert_str_eq(u->key, s->evidence[0].key);
	assert_says(u->message, s->evidence[0].meaning);
	assert_says(u->fix, s->evidence[0].key);
}
END_TEST

/* Evidence alone does not pass a failing data check. */
START_TEST(test_every_gate_needs_checks)
{
	/* One neutral stakeholder: min_stakeholders 1 and no_stance blocker are met. */
	static const int failing[] = {0, 0, 2, 0, 2, 1, 1};
	const struct stage *s = &proc.stages[_i];
	struct evidence_in ev = good(s->evidence[0].key);

	bare_facts();
	add_person(7, "Alice Buyer", "user", "neutral"); /* so the contact is valid */
	gate_check(&proc, &facts, _i, _i + 1, &ev, 1, today, &res);
	ck_assert_int_eq(count_unmet(UNMET_CHECK, s->key, NULL), failing[_i]);
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_MISSING, NULL, NULL), 0);
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_INVALID, NULL, NULL), 0);
	ck_assert_uint_eq(res.naccepted, 1);
	ck_assert_int_eq(res.accepted[0].contact_id, 7);
}
END_TEST

START_TEST(test_qualify_needs_a_stakeholder)
{
	struct evidence_in ev = {"problem_confirmed", GOOD_TEXT, NULL, GOOD_DATE};

	bare_facts();
	move("qualify", "discover", &ev, 1);
	/* The contact cannot be named either: no one is mapped. */
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_INVALID, "qualify", "problem_confirmed"), 1);
	ck_assert_int_eq(count_unmet(UNMET_CHECK, "qualify", "min_stakeholders"), 1);
	add_person(4, "Dan Ops", "user", NULL);
	ev.contact = "dan ops";
	move("qualify", "discover", &ev, 1);
	ck_assert_uint_eq(res.nunmet, 0);
	ck_assert_int_eq(res.accepted[0].contact_id, 4);
}
END_TEST

START_TEST(test_discover_needs_economic_buyer)
{
	struct evidence_in ev = good("needs_confirmed");
	const struct unmet *u;

	free(facts.people[0].role);
	facts.people[0].role = xstrdup("decision_maker");
	move("discover", "present", &ev, 1);
	u = only_unmet();
	ck_assert_int_eq(u->kind, UNMET_CHECK);
	ck_assert_str_eq(u->key, "has_role");
	ck_assert_int_eq(u->where, FIX_STAKEHOLDERS);
	assert_says(u->message, "economic buyer");
	ck_assert_uint_eq(res.naccepted, 1); /* valid evidence is still accepted */
}
END_TEST

START_TEST(test_discover_needs_champion)
{
	struct evidence_in ev = good("needs_confirmed");
	const struct unmet *u;

	free(facts.people[1].role);
	facts.people[1].role = NULL;
	move("discover", "present", &ev, 1);
	u = only_unmet();
	ck_assert_str_eq(u->key, "has_role");
	assert_says(u->message, "champion");
}
END_TEST

START_TEST(test_propose_needs_plan)
{
	struct evidence_in ev = good("proposal_reviewed");
	const struct unmet *u;

	facts.plan_steps = 2;
	move("propose", "negotiate", &ev, 1);
	u = only_unmet();
	ck_assert_str_eq(u->key, "min_plan_steps");
	ck_assert_int_eq(u->where, FIX_PLAN);
	facts.plan_steps = 3;
	facts.buyer_steps = 0;
	move("propose", "negotiate", &ev, 1);
	u = only_unmet();
	ck_assert_str_eq(u->key, "min_buyer_steps");
	ck_assert_int_eq(u->where, FIX_PLAN);
	facts.plan_steps = 10;
	facts.buyer_steps = 10;
	ck_assert_uint_eq(move("propose", "negotiate", &ev, 1), 0);
}
END_TEST

START_TEST(test_negotiate_needs_close_date)
{
	struct evidence_in ev = good("approvals_active");
	const struct unmet *u;

	facts.has_close_date = 0;
	move("negotiate", "close", &ev, 1);
	u = only_unmet();
	ck_assert_str_eq(u->key, "close_date_set");
	ck_assert_int_eq(u->where, FIX_DEAL);
}
END_TEST

START_TEST(test_negotiate_refuses_blocker)
{
	struct evidence_in ev = good("approvals_active");
	const struct unmet *u;

	add_person(9, "Eve Procurement", "procurement", "blocker");
	move("negotiate", "close", &ev, 1);
	u = only_unmet();
	ck_assert_str_eq(u->key, "no_stance");
	ck_assert_int_eq(u->where, FIX_STAKEHOLDERS);
	assert_says(u->message, "blocker");
	free(facts.people[3].stance);
	facts.people[3].stance = xstrdup("skeptic");
	ck_assert_uint_eq(move("negotiate", "close", &ev, 1), 0);
}
END_TEST

START_TEST(test_won_from_close)
{
	struct evidence_in ev = good("contract_signed");
	const struct unmet *u;

	ck_assert_int_eq(stage_of("won"), 7);
	ck_assert_uint_eq(move("close", "won", &ev, 1), 0);
	ck_assert_uint_eq(res.naccepted, 1);
	ck_assert_str_eq(res.accepted[0].stage, "close");
	ck_assert_str_eq(res.accepted[0].key, "contract_signed");
	facts.has_success_criteria = 0;
	move("close", "won", &ev, 1);
	u = only_unmet();
	ck_assert_str_eq(u->key, "success_criteria_set");
	assert_says(u->message, "success criteria");
	move("close", "won", NULL, 0);
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_MISSING, "close", "contract_signed"), 1);
}
END_TEST

/* A forward jump must satisfy every gate it passes. */
START_TEST(test_jump_all_met)
{
	struct evidence_in ev[] = {good("buyer_engaged"), good("problem_confirmed"),
				   good("needs_confirmed")};

	ck_assert_uint_eq(move("prospect", "present", ev, 3), 0);
	ck_assert_uint_eq(res.naccepted, 3);
	ck_assert_str_eq(res.accepted[0].stage, "prospect");
	ck_assert_str_eq(res.accepted[1].stage, "qualify");
	ck_assert_str_eq(res.accepted[2].stage, "discover");
	ck_assert_str_eq(res.accepted[2].key, "needs_confirmed");
}
END_TEST

START_TEST(test_jump_unmet_covers_every_gate)
{
	bare_facts();
	ck_assert_uint_eq(move("prospect", "present", NULL, 0), 6);
	ck_assert_int_eq(count_unmet(-1, "prospect", NULL), 1);
	ck_assert_int_eq(count_unmet(-1, "qualify", NULL), 2);
	ck_assert_int_eq(count_unmet(-1, "discover", NULL), 3);
	ck_assert_int_eq(count_unmet(-1, "present", NULL), 0); /* not left by this move */
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_MISSING, NULL, NULL), 3);
	ck_assert_int_eq(count_unmet(UNMET_CHECK, NULL, NULL), 3);
	assert_all_explained();
}
END_TEST

START_TEST(test_jump_partial_evidence)
{
	struct evidence_in ev = good("buyer_engaged");

	ck_assert_uint_eq(move("prospect", "present", &ev, 1), 2);
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_MISSING, "qualify", "problem_confirmed"), 1);
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_MISSING, "discover", "needs_confirmed"), 1);
	ck_assert_uint_eq(res.naccepted, 1);
	ck_assert_str_eq(res.accepted[0].key, "buyer_engaged");
}
END_TEST

/* One failing check in a middle gate blocks the whole jump. */
START_TEST(test_jump_middle_check_fails)
{
	struct evidence_in ev[] = {good("needs_confirmed"), good("proposal_requested"),
				   good("proposal_reviewed")};
	const struct unmet *u;

	facts.buyer_steps = 0;
	move("discover", "negotiate", ev, 3);
	u = only_unmet();
	ck_assert_str_eq(u->stage, "propose");
	ck_assert_str_eq(u->key, "min_buyer_steps");
	ck_assert_uint_eq(res.naccepted, 3);
}
END_TEST

START_TEST(test_jump_prospect_to_won)
{
	struct evidence_in ev[7];

	for (size_t i = 0; i < 7; i++)
		ev[i] = good(proc.stages[i].evidence[0].key);
	ck_assert_uint_eq(move("prospect", "won", ev, 7), 0);
	ck_assert_uint_eq(res.naccepted, 7);
	for (size_t i = 0; i < 7; i++)
		ck_assert_str_eq(res.accepted[i].stage, proc.stages[i].key);
	bare_facts();
	ck_assert_uint_eq(move("prospect", "won", NULL, 0), 14);
	for (size_t i = 0; i < 7; i++)
		ck_assert_int_ge(count_unmet(-1, proc.stages[i].key, NULL), 1);
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_MISSING, NULL, NULL), 7);
	ck_assert_int_eq(count_unmet(UNMET_CHECK, NULL, NULL), 7);
}
END_TEST

/* Evidence texts that are not real text. */
static const char *const bad_texts[] = {
	"Called Bob",            /* 9 letters */
	"Called Bob!!!!!!!!!!!", /* punctuation does not count */
	"",
	"!!!! .... ---- ???? ////",
	"                              ",
	"zzzzzzzzzzzzzzzz",
	"Zz zZ ZZ zz Zz zZ",
	"1234567890123", /* no letter */
	"ok ok ok",
	/* Emoji are not letters: 😀😁 six times. */
	"\xf0\x9f\x98\x80\xf0\x9f\x98\x81\xf0\x9f\x98\x80\xf0\x9f\x98\x81\xf0\x9f\x98\x80"
	"\xf0\x9f\x98\x81\xf0\x9f\x98\x80\xf0\x9f\x98\x81\xf0\x9f\x98\x80\xf0\x9f\x98\x81"
	"\xf0\x9f\x98\x80\xf0\x9f\x98\x81",
};

START_TEST(test_evidence_text_refused)
{
	struct evidence_in ev = good("buyer_engaged");
	const struct unmet *u;

	ev.what = bad_texts[_i];
	move("prospect", "qualify", &ev, 1);
	u = only_unmet();
	ck_assert_int_eq(u->kind, UNMET_EVIDENCE_INVALID);
	ck_assert_str_eq(u->stage, "prospect");
	ck_assert_str_eq(u->key, "buyer_engaged");
	ck_assert_int_eq(u->where, FIX_EVIDENCE);
	assert_says(u->message, "not real text");
	assert_says(u->fix, "replied"); /* says what the evidence means */
	ck_assert_uint_eq(res.naccepted, 0);
}
END_TEST

/* Evidence already on record for the same requirement is not taken again. */
START_TEST(test_evidence_said_before_refused)
{
	struct evidence_in ev = good("buyer_engaged");
	const struct unmet *u;

	facts.said = xcalloc(2, sizeof *facts.said);
	facts.said[0] = (struct facts_said){xstrdup("buyer_engaged"), xstrdup(ev.what)};
	facts.said[1] = (struct facts_said){xstrdup("problem_confirmed"),
					    xstrdup("Alice said the budget is approved")};
	facts.nsaid = 2;
	move("prospect", "qualify", &ev, 1);
	u = only_unmet();
	ck_assert_int_eq(u->kind, UNMET_EVIDENCE_INVALID);
	ck_assert_str_eq(u->key, "buyer_engaged");
	assert_says(u->message, "already recorded");
	/* Case, spacing and punctuation do not make it new. */
	ev.what = "ALICE said   the budget is approved!";
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 0);
	ev.key = "problem_confirmed";
	ck_assert_uint_eq(move("qualify", "discover", &ev, 1), 1);
	assert_says(only_unmet()->message, "already recorded");
}
END_TEST

/* Stage numbers of an older process (a board open across a process apply): refused, no crash. */
START_TEST(test_not_a_forward_move)
{
	static const int moves[][2] = {{-1, 0}, {-1, 3}, {2, 2}, {3, 1}, {0, 99}};

	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		gate_result_free(&res);
		ck_assert_uint_eq(gate_check(&proc, &facts, moves[i][0], moves[i][1], NULL, 0, today,
					     &res),
				  1);
		ck_assert_int_eq(res.unmet[0].kind, UNMET_RULE);
		assert_says(res.unmet[0].message, "not a forward move");
		ck_assert_uint_eq(res.naccepted, 0);
	}
}
END_TEST

START_TEST(test_evidence_text_null_refused)
{
	struct evidence_in ev = good("buyer_engaged");

	ev.what = NULL;
	move("prospect", "qualify", &ev, 1);
	ck_assert_int_eq(only_unmet()->kind, UNMET_EVIDENCE_INVALID);
}
END_TEST

static const char *const real_texts[] = {
	"Bob met Ann 1", /* exactly 10 */
	"Zo\xc3\xab a sign\xc3\xa9 le bon de commande",
	"Réunion fixée avec l'équipe",
	/* 購買部が契約書に署名しました */
	"\xe8\xb3\xbc\xe8\xb2\xb7\xe9\x83\xa8\xe3\x81\x8c\xe5\xa5\x91\xe7\xb4\x84\xe6\x9b\xb8"
	"\xe3\x81\xab\xe7\xbd\xb2\xe5\x90\x8d\xe3\x81\x97\xe3\x81\xbe\xe3\x81\x97\xe3\x81\x9f",
	"PO 4711 received",
};

START_TEST(test_evidence_text_accepted)
{
	struct evidence_in ev = good("buyer_engaged");

	ev.what = real_texts[_i];
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 0);
	ck_assert_uint_eq(res.naccepted, 1);
	ck_assert_str_eq(res.accepted[0].what, real_texts[_i]);
}
END_TEST

START_TEST(test_contact_not_a_stakeholder)
{
	struct evidence_in ev = good("buyer_engaged");
	const struct unmet *u;

	ev.contact = "Dave Nobody";
	move("prospect", "qualify", &ev, 1);
	u = only_unmet();
	ck_assert_int_eq(u->kind, UNMET_EVIDENCE_INVALID);
	ck_assert_int_eq(u->where, FIX_STAKEHOLDERS);
	assert_says(u->message, "Dave Nobody");
	assert_says(u->message, "Alice Buyer, Bob Champion, Carol Legal");
	ck_assert_uint_eq(res.naccepted, 0);
	bare_facts();
	move("prospect", "qualify", &ev, 1);
	assert_says(only_unmet()->message, "none mapped yet");
}
END_TEST

START_TEST(test_contact_by_name_any_case)
{
	struct evidence_in ev = good("buyer_engaged");

	ev.contact = "bOB cHAMPION";
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 0);
	ck_assert_int_eq(res.accepted[0].contact_id, 2);
	ck_assert_str_eq(res.accepted[0].contact_name, "Bob Champion");
	ev.contact = "Bob"; /* a part of a name is not a name */
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 1);
	/* Any alphabet: José García named as JOSÉ GARCÍA. */
	add_person(5, "José García", "user", NULL);
	ev.contact = "JOSÉ GARCÍA";
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 0);
	ck_assert_int_eq(res.accepted[0].contact_id, 5);
}
END_TEST

START_TEST(test_contact_by_id)
{
	struct evidence_in ev = good("buyer_engaged");

	ev.contact = "3";
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 0);
	ck_assert_int_eq(res.accepted[0].contact_id, 3);
	ck_assert_str_eq(res.accepted[0].contact_name, "Carol Legal");
	ev.contact = "99"; /* no such stakeholder on this deal */
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 1);
	ck_assert_int_eq(res.unmet[0].kind, UNMET_EVIDENCE_INVALID);
	ev.contact = "3x";
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 1);
}
END_TEST

START_TEST(test_contact_required)
{
	struct evidence_in ev = good("buyer_engaged");
	const struct unmet *u;

	ev.contact = NULL;
	move("prospect", "qualify", &ev, 1);
	u = only_unmet();
	ck_assert_int_eq(u->kind, UNMET_EVIDENCE_INVALID);
	ck_assert_str_eq(u->key, "buyer_engaged");
	assert_says(u->message, "required");
	ev.contact = "";
	move("prospect", "qualify", &ev, 1);
	ck_assert_int_eq(only_unmet()->kind, UNMET_EVIDENCE_INVALID);
	ck_assert_uint_eq(res.naccepted, 0);
}
END_TEST

/* A gate may say contact = optional. */
static const char optional_process[] =
	"[process]\nstages = lead, deal\nlost_reasons = other\n"
	"[stage lead]\nlabel = Lead\nprobability = 10\nwarn_days = 7\nrot_days = 14\n"
	"evidence = replied\n"
	"[stage deal]\nlabel = Deal\nprobability = 50\nwarn_days = 7\nrot_days = 14\n"
	"[evidence replied]\nmeaning = \"someone at the buyer replied\"\ncontact = optional\n";

START_TEST(test_contact_optional)
{
	struct process p;
	struct evidence_in ev = {"replied", GOOD_TEXT, NULL, GOOD_DATE};

	unit_load_text(optional_process, &p);
	ck_assert_uint_eq(gate_check(&p, &facts, 0, 1, &ev, 1, today, &res), 0);
	ck_assert_uint_eq(res.naccepted, 1);
	ck_assert_int_eq(res.accepted[0].contact_id, 0);
	ck_assert_ptr_null(res.accepted[0].contact_name);
	gate_result_free(&res);
	ev.contact = "";
	ck_assert_uint_eq(gate_check(&p, &facts, 0, 1, &ev, 1, today, &res), 0);
	gate_result_free(&res);
	/* Optional, but when named it must still be a stakeholder. */
	ev.contact = "Bob Champion";
	ck_assert_uint_eq(gate_check(&p, &facts, 0, 1, &ev, 1, today, &res), 0);
	ck_assert_int_eq(res.accepted[0].contact_id, 2);
	gate_result_free(&res);
	ev.contact = "Dave Nobody";
	ck_assert_uint_eq(gate_check(&p, &facts, 0, 1, &ev, 1, today, &res), 1);
	ck_assert_int_eq(res.unmet[0].kind, UNMET_EVIDENCE_INVALID);
	/* The last stage has no gate: nothing to ask. */
	gate_result_free(&res);
	ck_assert_uint_eq(gate_check(&p, &facts, 1, 2, NULL, 0, today, &res), 0);
	process_free(&p);
}
END_TEST

START_TEST(test_date_in_future)
{
	struct evidence_in ev = good("buyer_engaged");
	const struct unmet *u;

	ev.date = "2024-06-16";
	move("prospect", "qualify", &ev, 1);
	u = only_unmet();
	ck_assert_int_eq(u->kind, UNMET_EVIDENCE_INVALID);
	assert_says(u->message, "future");
	ev.date = "2099-01-01";
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 1);
	ev.date = "2024-06-15"; /* today is fine */
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 0);
	ck_assert_int_eq(res.accepted[0].day, today);
}
END_TEST

START_TEST(test_date_before_created)
{
	struct evidence_in ev = good("buyer_engaged");
	const struct unmet *u;

	ev.date = "2024-02-29";
	move("prospect", "qualify", &ev, 1);
	u = only_unmet();
	ck_assert_int_eq(u->kind, UNMET_EVIDENCE_INVALID);
	assert_says(u->message, "before the deal was created");
	assert_says(u->message, "2024-03-01");
	ev.date = "2024-03-01"; /* the day it was created is fine */
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 0);
	ck_assert_int_eq(res.accepted[0].day, created);
}
END_TEST

static const char *const bad_dates[] = {
	"2024-13-01", "2024-02-30", "15/06/2024", "yesterday", "2024-6-1", "", "2024-06-10 ",
};

START_TEST(test_date_malformed)
{
	struct evidence_in ev = good("buyer_engaged");
	const struct unmet *u;

	ev.date = bad_dates[_i];
	move("prospect", "qualify", &ev, 1);
	u = only_unmet();
	ck_assert_int_eq(u->kind, UNMET_EVIDENCE_INVALID);
	assert_says(u->message, "not a date");
	ck_assert_uint_eq(res.naccepted, 0);
}
END_TEST

START_TEST(test_date_default_today)
{
	struct evidence_in ev = good("buyer_engaged");

	ev.date = NULL;
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 0);
	ck_assert_int_eq(res.accepted[0].day, today);
	/* A deal created today takes evidence dated today. */
	facts.created_day = today;
	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 0);
}
END_TEST

/* Everything wrong with one piece of evidence is said at once. */
START_TEST(test_evidence_every_problem)
{
	struct evidence_in ev = {"buyer_engaged", "ok!", "Dave Nobody", "2030-01-01"};

	ck_assert_uint_eq(move("prospect", "qualify", &ev, 1), 3);
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_INVALID, "prospect", "buyer_engaged"), 3);
	ck_assert_uint_eq(res.naccepted, 0);
	assert_all_explained();
}
END_TEST

START_TEST(test_evidence_not_asked_for)
{
	struct evidence_in ev[] = {good("buyer_engaged"), good("needs_confirmed"),
				   good("no_such_thing")};
	const struct unmet *u;

	ck_assert_uint_eq(move("prospect", "qualify", ev, 3), 2);
	ck_assert_int_eq(count_unmet(UNMET_RULE, NULL, "needs_confirmed"), 1);
	ck_assert_int_eq(count_unmet(UNMET_RULE, NULL, "no_such_thing"), 1);
	assert_says(res.unmet[0].message, "not asked for");
	ck_assert_uint_eq(res.naccepted, 1);
	ck_assert_str_eq(res.accepted[0].key, "buyer_engaged");
	/* Evidence of an earlier gate does not count again. */
	move("discover", "present", ev, 1);
	ck_assert_int_eq(count_unmet(UNMET_RULE, NULL, "buyer_engaged"), 1);
	ck_assert_int_eq(count_unmet(UNMET_EVIDENCE_MISSING, "discover", "needs_confirmed"), 1);
	u = &res.unmet[0];
	ck_assert_int_eq(u->where, FIX_EVIDENCE);
}
END_TEST

START_TEST(test_evidence_given_twice)
{
	struct evidence_in ev[] = {good("buyer_engaged"), good("buyer_engaged")};

	ev[1].what = "A different account of the same call";
	ck_assert_uint_eq(move("prospect", "qualify", ev, 2), 1);
	ck_assert_int_eq(res.unmet[0].kind, UNMET_RULE);
	ck_assert_str_eq(res.unmet[0].key, "buyer_engaged");
	assert_says(res.unmet[0].message, "buyer_engaged");
	assert_says(res.unmet[0].message, "given");
	ck_assert_uint_eq(res.naccepted, 1);
	ck_assert_ptr_eq(res.accepted[0].what, ev[0].what);
}
END_TEST

/* A key given three times is one mistake, said once (it once was said three times). */
START_TEST(test_evidence_given_thrice_said_once_each)
{
	struct evidence_in ev[] = {good("buyer_engaged"), good("buyer_engaged"),
				   good("buyer_engaged")};

	move("prospect", "qualify", ev, 3);
	for (size_t i = 0; i < res.nunmet; i++)
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(strcmp(res.unmet[i].message, res.unmet[j].message) != 0,
				      "said twice: %s", res.unmet[i].message);
	ck_assert_int_ge(count_unmet(UNMET_RULE, NULL, "buyer_engaged"), 1);
	ck_assert_uint_eq(res.naccepted, 1);
}
END_TEST

/* A backward move is not the gate engine's business: calling it so is a bug. */
static const struct {
	const char *text;
	enum check_kind kind;
	int n;
	const char *arg, *says;
	enum fix_where where;
} check_words[] = {
	{"min_stakeholders 2", CHECK_MIN_STAKEHOLDERS, 2, NULL, "at least 2 stakeholder(s) mapped",
	 FIX_STAKEHOLDERS},
	{"has_role economic_buyer", CHECK_HAS_ROLE, 0, "economic_buyer", "economic buyer mapped",
	 FIX_STAKEHOLDERS},
	{"min_plan_steps 3", CHECK_MIN_PLAN_STEPS, 3, NULL,
	 "mutual action plan has at least 3 step(s)", FIX_PLAN},
	{"min_buyer_steps 1", CHECK_MIN_BUYER_STEPS, 1, NULL,
	 "at least 1 plan step(s) owned by the buyer", FIX_PLAN},
	{"close_date_set", CHECK_CLOSE_DATE_SET, 0, NULL, "close date set", FIX_DEAL},
	{"no_stance blocker", CHECK_NO_STANCE, 0, "blocker", "no stakeholder with stance blocker",
	 FIX_STAKEHOLDERS},
	{"success_criteria_set", CHECK_SUCCESS_CRITERIA_SET, 0, NULL,
	 "success criteria recorded on the deal (the handoff)", FIX_DEAL},
	{"next_step_set", CHECK_NEXT_STEP_SET, 0, NULL, "next step set", FIX_DEAL},
	{"amount_set", CHECK_AMOUNT_SET, 0, NULL, "amount set", FIX_DEAL},
};

START_TEST(test_check_parse_format_describe)
{
	struct check c;
	const char *why = NULL;
	char *s;

	ck_assert_int_eq(gate_check_parse(check_words[_i].text, &c, &why), 0);
	ck_assert_int_eq(c.kind, check_words[_i].kind);
	ck_assert_int_eq(c.n, check_words[_i].n);
	if (check_words[_i].arg)
		ck_assert_str_eq(c.arg, check_words[_i].arg);
	else
		ck_assert_ptr_null(c.arg);
	s = gate_check_format(&c);
	ck_assert_str_eq(s, check_words[_i].text);
	free(s);
	s = gate_check_describe(&c);
	ck_assert_str_eq(s, check_words[_i].says);
	free(s);
	ck_assert_int_eq(gate_check_fix_where(&c), check_words[_i].where);
	free(c.arg);
}
END_TEST

START_TEST(test_check_parse_spacing)
{
	struct check c;
	const char *why = NULL;
	char *s;

	ck_assert_int_eq(gate_check_parse("  has_role   champion  ", &c, &why), 0);
	s = gate_check_format(&c);
	ck_assert_str_eq(s, "has_role champion");
	free(s);
	free(c.arg);
}
END_TEST

static const char *const bad_checks[] = {
	"",
	"   ",
	"frobnicate",
	"Has_role champion",
	"min_stakeholders",
	"min_stakeholders 0",
	"min_stakeholders -1",
	"min_stakeholders 1001",
	"min_stakeholders two",
	"min_stakeholders 2x",
	"has_role",
	"has_role ceo",
	"has_role Champion",
	"no_stance",
	"no_stance angry",
	"close_date_set now",
	"amount_set 1",
	/* A forgotten comma must not silently drop the second check. */
	"has_role champion economic_buyer",
	"min_plan_steps 3 4",
};

START_TEST(test_check_parse_refused)
{
	struct check c;
	const char *why = NULL;

	ck_assert_msg(gate_check_parse(bad_checks[_i], &c, &why) == -1, "accepted '%s'",
		      bad_checks[_i]);
	ck_assert(why != NULL && why[0] != '\0');
	ck_assert_ptr_null(c.arg);
}
END_TEST

START_TEST(test_check_words)
{
	const char *w = gate_check_words();

	for (size_t i = 0; i < sizeof check_words / sizeof check_words[0]; i++) {
		char word[64];

		sscanf(check_words[i].text, "%63s", word);
		assert_says(w, word);
	}
	assert_says(w, "min_stakeholders N");
	assert_says(w, "has_role ROLE");
	assert_says(w, "no_stance STANCE");
	ck_assert_str_eq(gate_check_words(), w);
}
END_TEST

START_TEST(test_check_met)
{
	struct check c = {CHECK_MIN_STAKEHOLDERS, 3, NULL};

	ck_assert(gate_check_met(&c, &facts));
	c.n = 4;
	ck_assert(!gate_check_met(&c, &facts));
	c = (struct check){CHECK_HAS_ROLE, 0, "legal"};
	ck_assert(gate_check_met(&c, &facts));
	c.arg = "security";
	ck_assert(!gate_check_met(&c, &facts));
	c = (struct check){CHECK_NO_STANCE, 0, "skeptic"};
	ck_assert(gate_check_met(&c, &facts));
	c.arg = "neutral";
	ck_assert(!gate_check_met(&c, &facts));
	c = (struct check){CHECK_MIN_PLAN_STEPS, 3, NULL};
	ck_assert(gate_check_met(&c, &facts));
	c.n = 4;
	ck_assert(!gate_check_met(&c, &facts));
	c = (struct check){CHECK_MIN_BUYER_STEPS, 1, NULL};
	ck_assert(gate_check_met(&c, &facts));
	c.n = 2;
	ck_assert(!gate_check_met(&c, &facts));
	c = (struct check){CHECK_NEXT_STEP_SET, 0, NULL};
	ck_assert(gate_check_met(&c, &facts));
	facts.has_next_step = 0;
	ck_assert(!gate_check_met(&c, &facts));
	c = (struct check){CHECK_AMOUNT_SET, 0, NULL};
	ck_assert(gate_check_met(&c, &facts));
	facts.has_amount = 0;
	ck_assert(!gate_check_met(&c, &facts));
	/* A stakeholder without a role or stance counts for neither. */
	add_person(8, "No Role", NULL, NULL);
	c = (struct check){CHECK_NO_STANCE, 0, "blocker"};
	ck_assert(gate_check_met(&c, &facts));
}
END_TEST

Suite *
suite_gate(void)
{
	Suite *s = suite_create("gate");
	TCase *tc = tcase_create("gate");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_every_gate_met, 0, 7);
	tcase_add_loop_test(tc, test_every_gate_unmet, 0, 7);
	tcase_add_loop_test(tc, test_every_gate_needs_evidence, 0, 7);
	tcase_add_loop_test(tc, test_every_gate_needs_checks, 0, 7);
	tcase_add_test(tc, test_qualify_needs_a_stakeholder);
	tcase_add_test(tc, test_discover_needs_economic_buyer);
	tcase_add_test(tc, test_discover_needs_champion);
	tcase_add_test(tc, test_propose_needs_plan);
	tcase_add_test(tc, test_negotiate_needs_close_date);
	tcase_add_test(tc, test_negotiate_refuses_blocker);
	tcase_add_test(tc, test_won_from_close);
	tcase_add_test(tc, test_jump_all_met);
	tcase_add_test(tc, test_jump_unmet_covers_every_gate);
	tcase_add_test(tc, test_jump_partial_evidence);
	tcase_add_test(tc, test_jump_middle_check_fails);
	tcase_add_test(tc, test_jump_prospect_to_won);
	tcase_add_loop_test(tc, test_evidence_text_refused, 0,
			    (int)(sizeof bad_texts / sizeof bad_texts[0]));
	tcase_add_test(tc, test_evidence_text_null_refused);
	tcase_add_loop_test(tc, test_evidence_text_accepted, 0,
			    (int)(sizeof real_texts / sizeof real_texts[0]));
	tcase_add_test(tc, test_evidence_said_before_refused);
	tcase_add_test(tc, test_not_a_forward_move);
	tcase_add_test(tc, test_contact_not_a_stakeholder);
	tcase_add_test(tc, test_contact_by_name_any_case);
	tcase_add_test(tc, test_contact_by_id);
	tcase_add_test(tc, test_contact_required);
	tcase_add_test(tc, test_contact_optional);
	tcase_add_test(tc, test_date_in_future);
	tcase_add_test(tc, test_date_before_created);
	tcase_add_loop_test(tc, test_date_malformed, 0,
			    (int)(sizeof bad_dates / sizeof bad_dates[0]));
	tcase_add_test(tc, test_date_default_today);
	tcase_add_test(tc, test_evidence_every_problem);
	tcase_add_test(tc, test_evidence_not_asked_for);
	tcase_add_test(tc, test_evidence_given_twice);
	tcase_add_test(tc, test_evidence_given_thrice_said_once_each);
	/* Without fork() the exit would end the whole run. */
	if (getenv("CK_FORK") == NULL || strcmp(getenv("CK_FORK"), "no") != 0)
	tcase_add_loop_test(tc, test_check_parse_format_describe, 0,
			    (int)(sizeof check_words / sizeof check_words[0]));
	tcase_add_test(tc, test_check_parse_spacing);
	tcase_add_loop_test(tc, test_check_parse_refused, 0,
			    (int)(sizeof bad_checks / sizeof bad_checks[0]));
	tcase_add_test(tc, test_check_words);
	tcase_add_test(tc, test_check_met);
	suite_add_tcase(s, tc);
	return s;
}
