/*
 * The CRMs --from knows: each vendor's deals export as tables. Columns are only
 * those the usual names (import_deals.c) do not already read; ignore silences a
 * column the vendor always writes and we have no field for. Stage targets are
 * chosen by what the buyer has done at that stage, as the default process's
 * gates define it, not by the vendor's probability.
 */
#include <stdio.h>
#include <string.h>

#include "import_presets.h"
#include "process_ini.h"
#include "xmalloc.h"

#define TABLE(t) t, sizeof t / sizeof t[0]

static const struct preset_column hubspot_columns[] = {
	{"Associated Company (Primary)", "account"},
	{"Pipeline", "ignore"},
	{"Deal Type", "ignore"},
	{"Deal probability", "ignore"},
	{"Forecast category", "ignore"},
	{"Forecast amount", "ignore"},
	{"Amount in company currency", "ignore"},
	{"Annual contract value", "ignore"},
	{"Priority", "ignore"},
	{"Deal Description", "ignore"},
	{"Closed Lost Reason", "ignore"}, /* free text, not a lost reason code */
	{"Closed Won Reason", "ignore"},
	{"Last Activity Date", "ignore"},
	{"Last Modified Date", "ignore"},
	{"Next Activity Date", "ignore"},
	{"Associated Contact", "ignore"},
};

/* HubSpot's default sales pipeline. */
static const struct preset_stage hubspot_stages[] = {
	{"Appointment Scheduled", "qualify"}, /* the buyer accepted a first conversation */
	{"Qualified To Buy", "discover"},     /* the buyer confirmed the problem */
	{"Presentation Scheduled", "present"},
	{"Decision Maker Bought-In", "negotiate"},
	{"Contract Sent", "close"},
	{"Closed Won", "won"},
	{"Closed Lost", "lost"},
};

static const struct preset_column pipedrive_columns[] = {
	{"Deal - Status", "status"},         /* Open, Won, Lost */
	{"Deal - Deal closed on", "closed"}, /* won or lost then */
	{"Deal - Won time", "ignore"},       /* the same time again */
	{"Deal - Lost time", "ignore"},
	{"Deal - Lost reason", "ignore"}, /* free text, not a lost reason code */
	{"Deal - Pipeline", "ignore"},
	{"Deal - Contact person", "ignore"},
	{"Deal - Label", "ignore"},
	{"Deal - Probability", "ignore"},
	{"Deal - Weighted value", "ignore"},
	{"Deal - Creator", "ignore"},
	{"Deal - Update time", "ignore"},
	{"Deal - Last stage change", "ignore"},
	{"Deal - Next activity date", "ignore"},
	{"Deal - Last activity date", "ignore"},
	{"Deal - Visible to", "ignore"},
	{"Deal - Total activities", "ignore"},
	{"Deal - Done activities", "ignore"},
	{"Deal - Activities to do", "ignore"},
	{"Deal - Email messages count", "ignore"},
};

/* Pipedrive's default pipeline, and the older default's names. */
static const struct preset_stage pipedrive_stages[] = {
	{"Lead In", "prospect"},
	{"Qualified", "prospect"},   /* qualified by the seller: the buyer has not replied */
	{"Contact Made", "qualify"}, /* the buyer replied */
	{"Needs Defined", "discover"},
	{"Demo Scheduled", "present"},
	{"Proposal Made", "propose"},
	{"Negotiations Started", "negotiate"},
};

static const struct preset_column salesforce_columns[] = {
	{"Amount Currency", "currency"},
	{"Probability (%)", "ignore"},
	{"Expected Revenue", "ignore"},
	{"Expected Revenue Currency", "ignore"},
	{"Forecast Category", "ignore"},
	{"Fiscal Period", "ignore"},
	{"Fiscal Year", "ignore"},
	{"Age", "ignore"},
	{"Stage Duration", "ignore"},
	{"Type", "ignore"},
	{"Lead Source", "ignore"},
	{"Closed", "ignore"}, /* 0 or 1: the stage says it */
	{"Won", "ignore"},
	{"Last Activity", "ignore"},
	{"Last Modified Date", "ignore"},
};

/* Salesforce's default Opportunity stage picklist. */
static const struct preset_stage salesforce_stages[] = {
	{"Prospecting", "prospect"},
	{"Qualification", "qualify"},
	{"Needs Analysis", "discover"},
	{"Value Proposition", "present"},
	{"Id. Decision Makers", "present"},
	{"Perception Analysis", "propose"},
	{"Proposal/Price Quote", "propose"},
	{"Negotiation/Review", "negotiate"},
	{"Closed Won", "won"},
	{"Closed Lost", "lost"},
};

const struct import_preset import_presets[] = {
	{"hubspot", "HubSpot", "%m/%d/%Y", TABLE(hubspot_columns), TABLE(hubspot_stages)},
	{"pipedrive", "Pipedrive", NULL, TABLE(pipedrive_columns), TABLE(pipedrive_stages)},
	{"salesforce", "Salesforce", "%m/%d/%Y", TABLE(salesforce_columns),
	 TABLE(salesforce_stages)},
	{NULL, NULL, NULL, NULL, 0, NULL, 0},
};

const struct import_preset *
import_preset_find(const char *name)
{
	for (const struct import_preset *p = import_presets; name != NULL && p->name; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

const char *
import_preset_names(void)
{
	static char names[128];
	size_t n = 0, count = 0;

	if (names[0] != '\0')
		return names;
	while (import_presets[count].name != NULL)
		count++;
	for (size_t i = 0; i < count && n < sizeof names; i++)
		n += (size_t)snprintf(names + n, sizeof names - n, "%s%s",
				      i == 0          ? ""
				      : i + 1 < count ? ", "
						      : " or ",
				      import_presets[i].name);
	return names;
}

int
import_process_is_default(const struct process *p)
{
	struct process def;
	struct dd_err err;
	int same;

	err_init(&err);
	if (process_ini_load_text("data/process.ini (built in)", process_default_ini,
				  strlen(process_default_ini), &def, &err) != DD_OK)
		fatal("the built-in process is broken: %s", strbuf_str(&err.msg));
	err_free(&err);
	same = def.nstages == p->nstages;
	for (size_t i = 0; same && i < p->nstages; i++)
		same = strcmp(def.stages[i].key, p->stages[i].key) == 0;
	process_free(&def);
	return same;
}
