/* Moving deals on the command line: move, lost, reopen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "move.h"
#include "xmalloc.h"

/* What a user types to fix each kind of unmet requirement. */
static const char *const cli_fix[] = {
	[FIX_NONE] = NULL,
	[FIX_STAKEHOLDERS] = "dealdeck stakeholder add|edit",
	[FIX_PLAN] = "dealdeck plan add",
	[FIX_DEAL] = "dealdeck edit",
	[FIX_EVIDENCE] = "--evidence KEY=TEXT --contact NAME [--on DATE]",
};

static void
explain_refusal(struct cli *c, long id, const struct gate_result *g)
{
	for (size_t i = 0; i < g->nunmet; i++) {
		const struct unmet *u = &g->unmet[i];
		const char *how = cli_fix[u->where];

		err_add(&c->err, DD_REFUSED, "  - %s", u->message);
		if (how != NULL && u->where == FIX_EVIDENCE)
			err_add(&c->err, DD_REFUSED, "      to do: %s (%s)", u->fix, how);
		else if (how != NULL)
			err_add(&c->err, DD_REFUSED, "      to do: %s (%s %ld)", u->fix, how, id);
		else
			err_add(&c->err, DD_REFUSED, "      to do: %s", u->fix);
	}
}

/* What the command line alone can tell: checked before the database is opened. */
static int
check_evidence(struct cli *c, const struct args *a)
{
	const struct strvec *ev = args_all(a, "evidence"), *who = args_all(a, "contact"),
			    *on = args_all(a, "on");

	if ((who->n > 1 && who->n != ev->n) || (on->n > 1 && on->n != ev->n))
		return err_set(&c->err, DD_USAGE,
			       "give --contact and --on once for all evidence, "
			       "or once per --evidence");
	if (ev->n == 0 && (who->n > 0 || on->n > 0))
		return err_set(&c->err, DD_USAGE,
			       "--contact and --on describe --evidence; give "
			       "--evidence KEY=TEXT too");
	for (size_t i = 0; i < ev->n; i++)
		if (ev->v[i][0] == '=' || strchr(ev->v[i], '=') == NULL)
			return err_set(&c->err, DD_USAGE, "--evidence wants KEY=TEXT, not '%s'",
				       ev->v[i]);
	return DD_OK;
}

static int
check_lost(struct cli *c, const struct args *a)
{
	if (args_get(a, "reason") == NULL)
		return err_set(&c->err, DD_USAGE, "lost needs --reason CODE");
	return DD_OK;
}

static int
check_reopen(struct cli *c, const struct args *a)
{
	if (args_get(a, "reason") == NULL)
		return err_set(&c->err, DD_USAGE, "reopen needs --reason TEXT");
	return DD_OK;
}

/* Pairs --evidence with --contact/--on: once for all, or once per evidence in order. */
static int
build_evidence(struct cli *c, const struct args *a, struct evidence_in **out, size_t *n)
{
	const struct strvec *ev = args_all(a, "evidence"), *who = args_all(a, "contact"),
			    *on = args_all(a, "on");

	*out = NULL;
	*n = 0;
	if (check_evidence(c, a) != DD_OK)
		return c->err.code;
	*out = xcalloc(ev->n ? ev->n : 1, sizeof **out);
	for (size_t i = 0; i < ev->n; i++) {
		char *eq = strchr(ev->v[i], '=');

		*eq = '\0'; /* split in place: args own the string */
		(*out)[i] = (struct evidence_in){
			.key = ev->v[i],
			.what = eq + 1,
			.contact = who->n ? who->v[who->n == 1 ? 0 : i] : NULL,
			.date = on->n ? on->v[on->n == 1 ? 0 : i] : NULL,
		};
	}
	*n = ev->n;
	return DD_OK;
}

static int
cmd_move(struct cli *c, const struct args *a)
{
	struct move_request rq = {0};
	struct gate_result g;
	struct evidence_in *ev;
	size_t nev;
	int rc;

	if (cli_id(c, a->pos.v[0], "deal", &rq.deal_id) != DD_OK ||
	    build_evidence(c, a, &ev, &nev) != DD_OK)
		return c->err.code;
	rq.target = a->pos.v[1];
	rq.evidence = ev;
	rq.nevidence = nev;
	rq.reason = args_get(a, "reason");
	rq.override = args_get(a, "override");
	rc = deal_move(&c->s, &rq, &g, &c->err);
	if (rc == DD_REFUSED && g.nunmet > 0)
		explain_refusal(c, rq.deal_id, &g);
	else if (rc == DD_OK && g.nunmet > 0)
		out_line(stdout, "deal %ld moved to %s, overriding %zu unmet requirement(s)", rq.deal_id,
		       rq.target, g.nunmet);
	else if (rc == DD_OK)
		out_line(stdout, "deal %ld moved to %s", rq.deal_id, rq.target);
	gate_result_free(&g);
	free(ev);
	return rc;
}

static int
cmd_lost(struct cli *c, const struct args *a)
{
	long id;

	if (cli_id(c, a->pos.v[0], "deal", &id) != DD_OK)
		return c->err.code;
	if (deal_lose(&c->s, id, args_get(a, "reason"), args_get(a, "note"), 0, &c->err))
		return c->err.code;
	out_line(stdout, "deal %ld lost (%s)", id, args_get(a, "reason"));
	return DD_OK;
}

static int
cmd_reopen(struct cli *c, const struct args *a)
{
	long id;

	if (cli_id(c, a->pos.v[0], "deal", &id) != DD_OK)
		return c->err.code;
	if (deal_reopen(&c->s, id, args_get(a, "reason"), &c->err) != DD_OK)
		return c->err.code;
	out_line(stdout, "deal %ld reopened", id);
	return DD_OK;
}

static const struct opt move_opts[] = {
	{"evidence", "KEY=TEXT", "what the buyer did, for the gate's evidence KEY (repeatable)",
	 OPT_REPEAT, NULL},
	{"contact", "NAME", "the buyer contact who did it: a stakeholder's name or id",
	 OPT_REPEAT, NULL},
	{"on", "DATE", "the date the buyer acted (default today)", OPT_REPEAT, opt_date},
	{"reason", "TEXT", "why, for a move back", 0, NULL},
	{"override", "REASON", "managers: move despite unmet requirements (a bypass)", 0, NULL},
};
static const struct opt lost_opts[] = {
	{"reason", "CODE", "a lost reason of the process", 0, NULL},
	{"note", "TEXT", "what happened", 0, NULL},
};
static const struct opt reopen_opts[] = {
	{"reason", "TEXT", "why the deal is open again", 0, NULL},
};

const struct command cli_move_commands[] = {
	{"move",
	 "ID STAGE [--evidence KEY=TEXT]... [--contact NAME] [--on DATE] [--reason TEXT] "
	 "[--override REASON]",
	 "Move a deal to STAGE (a stage key, or won). Forward moves must meet every gate they\n"
	 "pass; a refused move lists every unmet requirement. Backward moves need --reason.",
	 move_opts, NOPTS(move_opts), 2, 2, 1, cmd_move, "deal", check_evidence, 0},
	{"lost", "ID --reason CODE [--note TEXT]", "Mark a deal lost, with a reason code.",
	 lost_opts, NOPTS(lost_opts), 1, 1, 1, cmd_lost, "deal", check_lost, 0},
	{"reopen", "ID --reason TEXT",
	 "Reopen a won or lost deal in the stage it closed from (managers only).", reopen_opts,
	 NOPTS(reopen_opts), 1, 1, 1, cmd_reopen, "deal", check_reopen, 0},
	{NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0},
};
