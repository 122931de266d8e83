/*
 * The demo pipeline's tables: sellers, accounts, names, the buying committee,
 * and what buyers and sellers say. demo.c draws from them.
 */
#include <stddef.h>

#include "demo_data.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Who sells when the process names no team; some close more, some let deals rot. */
const struct demo_seller demo_sellers[] = {
	{"amara", 26, 8, -6}, {"jonas", 22, 0, 0},   {"li.wei", 20, 2, 0},
	{"sofia", 18, -2, 4}, {"marco", 14, -6, 14},
};
const size_t demo_nsellers = LEN(demo_sellers);

/* Accounts, each with what its industry buys; anyone buys the general offerings. */
const struct demo_account demo_accounts[] = {
	{"Acme Logistics", DEMO_EN, "fleet telematics"},
	{"Northwind Traders", DEMO_EN, "inventory forecasting"},
	{"Bluebird Health", DEMO_EN, "patient scheduling"},
	{"Summit Freight", DEMO_EN, "route optimisation"},
	{"Harbor & Hale Insurance", DEMO_EN, "claims automation"},
	{"Crescent Foods", DEMO_EN, "cold-chain monitoring"},
	{"Pinecrest Credit Union", DEMO_EN, "fraud monitoring"},
	{"Riverside Medical Group", DEMO_EN, "patient scheduling"},
	{"Atlas Building Supply", DEMO_EN, "inventory forecasting"},
	{"Keystone Utilities", DEMO_EN, "field service app"},
	{"Brightline Retail", DEMO_EN, "store analytics"},
	{"Cobalt Aerospace", DEMO_EN, "predictive maintenance"},
	{"Granite Peak Mining", DEMO_EN, "IoT sensor network"},
	{"Meridian Hotels", DEMO_EN, "guest messaging"},
	{"Redwood Pharma", DEMO_EN, "cold-chain monitoring"},
	{"Silverline Telecom", DEMO_EN, "field service app"},
	{"Tidewater Shipping", DEMO_EN, "container tracking"},
	{"Vantage Capital", DEMO_EN, "compliance archiving"},
	{"Westbrook University", DEMO_EN, "student helpdesk"},
	{"Orchard Fresh Markets", DEMO_EN, "store analytics"},
	{"Lakeside Manufacturing", DEMO_EN, "predictive maintenance"},
	{"Evergreen Property Group", DEMO_EN, "tenant portal"},
	{"Müller & Söhne Maschinenbau", DEMO_DE, "predictive maintenance"},
	{"Bäckerei Kühn GmbH", DEMO_DE, "route optimisation"},
	{"Rheinland Energie AG", DEMO_DE, "field service app"},
	{"Schäfer Logistik", DEMO_DE, "warehouse analytics"},
	{"Nordstern Versicherung", DEMO_DE, "claims automation"},
	{"Alpenblick Hotels", DEMO_DE, "guest messaging"},
	{"Transportes Álvarez", DEMO_ES, "fleet telematics"},
	{"Société Lumière", DEMO_ES, "field service app"},
	{"Grupo Peñalara", DEMO_ES, "warehouse analytics"},
	{"Hôtels Belle Époque", DEMO_ES, "guest messaging"},
	{"Clínica San Andrés", DEMO_ES, "patient scheduling"},
	{"Coopérative du Rhône", DEMO_ES, "cold-chain monitoring"},
	{"Fjordlys Energi", DEMO_NORD, "IoT sensor network"},
	{"Nørrebro Design", DEMO_NORD, "store analytics"},
	{"Åkerlund Bygg", DEMO_NORD, "project cost tracking"},
	{"Ødegaard Fiskeri", DEMO_NORD, "cold-chain monitoring"},
	{"Łódź Textiles", DEMO_PL, "predictive maintenance"},
	{"Wrocław Rail Services", DEMO_PL, "predictive maintenance"},
	{"Gdańsk Port Logistics", DEMO_PL, "container tracking"},
	{"上海云帆物流", DEMO_CN, "warehouse analytics"},
	{"深圳星河电子", DEMO_CN, "supplier quality portal"},
	{"北京华信医疗", DEMO_CN, "patient scheduling"},
	{"株式会社ミドリ物流", DEMO_JP, "fleet telematics"},
	{"大阪精密工業", DEMO_JP, "predictive maintenance"},
	{"東京スマート農業", DEMO_JP, "IoT sensor network"},
};
const size_t demo_naccounts = LEN(demo_accounts);

const char *const demo_offerings[] = {
	"SSO and audit logging",
	"customer data platform",
	"payroll integration",
	"contract management",
	"e-invoicing",
	"procurement suite",
	"security awareness training",
	"data warehouse migration",
	"contact-centre analytics",
	"expense management",
	"learning platform",
	"service desk",
};
const size_t demo_nofferings = LEN(demo_offerings);

const char *const demo_motions[] = {
	"renewal", "expansion",          "pilot",   "rollout",      "new licences",
	"upgrade", "three-year renewal", "phase 2", "EMEA rollout", "proof of concept",
};
const size_t demo_nmotions = LEN(demo_motions);

/* Names by region: given and family names, and how they are written. */
static const char *const en_given[] = {
	"Emily", "James", "Olivia", "Michael", "Hannah", "Daniel", "Grace",
	"Ethan", "Chloe", "Ryan",   "Priya",   "Marcus", "Wei",    "Aisha",
};
static const char *const en_family[] = {
	"Carter", "Nguyen", "Patel",      "O'Brien", "Thompson", "Walsh", "Bennett",
	"Okafor", "Reyes",  "Fitzgerald", "Hughes",  "Kim",      "Li",
};
static const char *const de_given[] = {
	"Zoë", "Jürgen", "Lena", "Matthias", "Anja", "Felix", "Katrin", "Jörg", "Sabine", "Lukas",
};
static const char *const de_family[] = {
	"Müller", "Schröder", "Weiß",   "Hoffmann", "Krüger",
	"Becker", "Fischer",  "Köhler", "Wagner",   "Schäfer",
};
static const char *const es_given[] = {
	"José", "María", "Inés", "Andrés", "Chloé", "François", "Hélène", "Théo", "Lucía", "Raúl",
};
static const char *const es_family[] = {
	"Álvarez", "García", "Núñez",  "Peña",   "Lefèvre",
	"Dubois",  "Giraud", "Moreau", "Ibáñez", "Rodríguez",
};
static const char *const nord_given[] = {
	"Søren", "Astrid", "Bjørn", "Ingrid", "Mikkel", "Åsa", "Linnéa", "Henrik",
};
static const char *const nord_family[] = {
	"Ødegaard", "Lindqvist", "Håkansson", "Nygård", "Jensen", "Berg", "Sørensen", "Åberg",
};
static const char *const pl_given[] = {
	"Łukasz", "Agnieszka", "Paweł", "Małgorzata", "Krzysztof", "Zofia", "Michał", "Katarzyna",
};
static const char *const pl_family[] = {
	"Wójcik", "Nowak", "Mazur", "Krawczyk", "Kaczmarek", "Pawlak", "Sikora", "Wróbel",
};
static const char *const cn_given[] = {
	"芳", "伟", "娜", "敏", "静", "磊", "晓明", "丽华", "志强", "婷", "建国", "海燕",
};
static const char *const cn_family[] = {
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
};
static const char *const jp_given[] = {
	"健", "陽子", "翔太", "美咲", "大輔", "直美", "拓也", "由美", "恵", "誠", "彩", "浩二",
};
static const char *const jp_family[] = {
	"佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤",
	"山本", "中村", "小林", "加藤", "吉田", "松本",
};

const struct demo_name_pool demo_name_pools[DEMO_NREGIONS] = {
	[DEMO_EN] = {en_given, en_family, LEN(en_given), LEN(en_family), 0, " ", 8},
	[DEMO_DE] = {de_given, de_family, LEN(de_given), LEN(de_family), 0, " ", 3},
	[DEMO_ES] = {es_given, es_family, LEN(es_given), LEN(es_family), 0, " ", 3},
	[DEMO_NORD] = {nord_given, nord_family, LEN(nord_given), LEN(nord_family), 0, " ", 2},
	[DEMO_PL] = {pl_given, pl_family, LEN(pl_given), LEN(pl_family), 0, " ", 2},
	[DEMO_CN] = {cn_given, cn_family, LEN(cn_given), LEN(cn_family), 1, "", 1},
	[DEMO_JP] = {jp_given, jp_family, LEN(jp_given), LEN(jp_family), 1, " ", 1},
};

const char *const demo_stances[] = {"supporter", "neutral", "skeptic", "blocker"};
_Static_assert(LEN(demo_stances) == DEMO_NSTANCES, "DEMO_NSTANCES counts demo_stances[]");
const char *const demo_influences[] = {"high", "medium", "low"};
_Static_assert(LEN(demo_influences) == DEMO_NINFLUENCES,
	       "DEMO_NINFLUENCES counts demo_influences[]");

/* The buying committee: one row per role of the product's vocabulary. */
const struct demo_role demo_roles[] = {
	{"economic_buyer", 0, 10, 0, 1, {9, 1, 0}, {4, 4, 2, 1}},
	{"decision_maker", 1, 8, 0, 1, {7, 3, 0}, {3, 4, 2, 1}},
	{"champion", 2, 10, 8, 1, {5, 5, 0}, {9, 1, 0, 0}},
	{"legal", 2, 4, 0, 0, {1, 5, 4}, {1, 6, 3, 1}},
	{"procurement", 2, 7, 0, 0, {2, 6, 2}, {1, 6, 3, 1}},
	{"security", 2, 5, 0, 0, {2, 5, 3}, {1, 5, 4, 1}},
	{"influencer", 3, 10, 4, 0, {3, 5, 2}, {4, 4, 2, 1}},
	{"technical", 3, 12, 4, 0, {1, 6, 3}, {3, 5, 3, 1}},
	{"user", 4, 12, 4, 0, {0, 4, 6}, {5, 4, 2, 0}},
	{"other", 4, 3, 0, 0, {0, 3, 7}, {2, 6, 1, 0}},
};
_Static_assert(LEN(demo_roles) == DEMO_NROLES, "DEMO_NROLES counts demo_roles[]");

/* Job titles, by the rows of demo_roles[]. */
const char *const demo_role_titles[][4] = {
	{"CFO", "Chief Operating Officer", "VP Finance", "Managing Director"},
	{"CIO", "VP Operations", "Head of Supply Chain", "CTO"},
	{"Head of Logistics", "Director of Operations", "IT Manager", "Head of Customer Service"},
	{"Corporate Counsel", "Contracts Manager", "Head of Legal", "Paralegal"},
	{"Procurement Manager", "Strategic Sourcing Lead", "Category Manager", "Buyer"},
	{"CISO", "Information Security Lead", "Security Analyst", "Risk Manager"},
	{"Finance Business Partner", "Head of Strategy", "Regional Manager",
	 "Transformation Lead"},
	{"Solutions Architect", "Lead Engineer", "IT Infrastructure Lead", "Data Engineer"},
	{"Dispatcher", "Operations Analyst", "Warehouse Supervisor", "Team Lead"},
	{"Executive Assistant", "Project Manager", "Office Manager", "Consultant"},
};

_Static_assert(LEN(demo_role_titles) == DEMO_NROLES, "a row of titles for every role");

/* What buyers did, for the default gates; other gates get a sentence from their meaning. */
const struct demo_proof_text demo_proof_texts[] = {
	{"buyer_engaged",
	 {"Replied to our outreach and booked a 30-minute intro call",
	  "Accepted the meeting invite after the webinar follow-up",
	  "Asked for a first call after reading the case study we sent",
	  "Called back and agreed to an intro meeting with their ops lead",
	  "Answered on LinkedIn and scheduled a first conversation for next week"}},
	{"problem_confirmed",
	 {"Confirmed on the call that manual routing costs them two FTEs and must be fixed "
	  "this year",
	  "Wrote that their current contract ends in Q3 and a replacement must be live by then",
	  "Shared last quarter's incident numbers and said the board wants a fix now",
	  "Confirmed the budget owner knows about the problem and asked us to continue",
	  "Emailed their list of pain points and a deadline tied to the next audit"}},
	{"needs_confirmed",
	 {"Replied 'accurate' to our written summary of needs and decision criteria",
	  "Corrected two points in our needs summary and signed off on the rest",
	  "Confirmed the decision criteria and the evaluation team by email",
	  "Walked through our summary with their team and approved it in the follow-up",
	  "Sent back the requirements matrix with their priorities marked"}},
	{"proposal_requested",
	 {"Asked for a formal proposal after the demo to the operations team",
	  "Confirmed fit after the technical deep-dive and requested pricing",
	  "Requested a proposal covering three sites and a phased rollout",
	  "Wrote that the evaluation team shortlisted us and asked for a quote",
	  "Asked for a proposal in their template by the end of the month"}},
	{"proposal_reviewed",
	 {"Reviewed the proposal with finance and IT and listed the approval steps",
	  "Came back with redlines and named legal and procurement as the next approvers",
	  "Presented our proposal to their steering committee and shared the approval path",
	  "Confirmed the proposal was reviewed internally; CFO sign-off is the last step",
	  "Sent their approval checklist after reviewing the proposal with the CIO"}},
	{"approvals_active",
	 {"Procurement opened the vendor onboarding ticket and shared the approval workflow",
	  "Legal sent the first redline of the MSA and the signature sequence",
	  "Finance confirmed the purchase request is in the approval queue",
	  "Security review started; their checklist and dates are in the shared plan",
	  "The CFO approved the budget line; the contract is with legal for signature"}},
	{"contract_signed",
	 {"Signed the order form via DocuSign", "Returned the countersigned MSA and order form",
	  "Issued the purchase order after signing the contract",
	  "Signed the three-year agreement at the executive meeting",
	  "Countersigned the contract and sent the PO number"}},
};
const size_t demo_nproof_texts = LEN(demo_proof_texts);

const char *const demo_proof_generic[] = {
	"Confirmed by email: %s",
	"Said so on the call and confirmed in writing: %s",
	"Documented in the meeting notes they sent us: %s",
};
const size_t demo_nproof_generic = LEN(demo_proof_generic);

const char *const demo_override_reasons[] = {
	"CFO verbal yes; paperwork follows",
	"Strategic logo: VP Sales approved in the forecast call",
	"Buyer confirmed on a call; written confirmation is on its way",
	"Existing customer renewal: formal review waived",
	"Quarter-end: signature promised for Monday",
	"Evidence is in the shared inbox; recording it after the offsite",
};
const size_t demo_noverride_reasons = LEN(demo_override_reasons);

const char *const demo_back_reasons[] = {
	"Champion went on parental leave; re-qualifying with the new lead",
	"New CFO asked to re-validate the business case",
	"Budget frozen until the next planning cycle",
	"Buyer added a second business unit; needs a fresh discovery",
	"Security review raised requirements we had not scoped",
	"Scope changed after their reorganisation",
	"Proposal rejected on price; reworking the scope",
};
const size_t demo_nback_reasons = LEN(demo_back_reasons);

/* Notes for the default lost reasons; other codes get a generic one. */
const struct demo_lost_note demo_lost_notes[] = {
	{"no_budget",
	 14,
	 {"Budget moved to a warehouse expansion this year",
	  "Spending freeze announced at their all-hands"}},
	{"no_decision",
	 20,
	 {"Went dark after the proposal; three follow-ups unanswered",
	  "Steering committee never met to decide"}},
	{"lost_to_competitor",
	 18,
	 {"Chose the incumbent's bundled offer", "Picked a cheaper local vendor"}},
	{"timing",
	 12,
	 {"Revisit after their ERP migration next year",
	  "Wants to restart in Q1 with a new budget"}},
	{"poor_fit",
	 8,
	 {"Needs on-premises hosting we do not offer",
	  "Volumes too small for our minimum contract"}},
	{"champion_left",
	 8,
	 {"Our champion moved to a competitor; no new sponsor",
	  "Sponsor retired; successor has other priorities"}},
	{"price",
	 12,
	 {"Came in 30% above their budget even after discount",
	  "Procurement demanded a discount we could not give"}},
	{"other",
	 4,
	 {"Company acquired; purchasing frozen by the new parent",
	  "Project cancelled after a leadership change"}},
};
const size_t demo_nlost_notes = LEN(demo_lost_notes);

const char *const demo_lost_generic[] = {
	"No further detail from the buyer",
	"See the last email thread for context",
};

/* Next steps by how far the deal is: early, middle, late. "%s" is a stakeholder. */
const char *const demo_next_steps[3][5] = {
	{"Send the case study and book a discovery call", "Follow up on the intro call",
	 "Confirm the pain points with %s", "Book a meeting with the operations lead",
	 "Ask %s who else is involved"},
	{"Run the tailored demo for the ops team", "Send the needs summary to %s",
	 "Schedule the technical deep-dive with IT", "Draft the business case with %s",
	 "Share the reference customer contacts"},
	{"Send revised pricing to %s", "Chase the legal redlines", "Book the signing call with %s",
	 "Confirm the PO number with procurement", "Walk %s through the order form"},
};

const char *const demo_success_criteria[] = {
	"Idle time down 15% within two quarters; all trucks live 60 days after kick-off",
	"Month-end close in 5 days instead of 9 by Q4",
	"95% of field technicians using the app within 90 days",
	"Access-review audit findings closed before the next SOC 2 window",
	"Forecast error under 12% across the top 500 SKUs by the second quarter",
	"Invoice processing cost per document down 40% in year one",
	"All three sites onboarded; dispatcher satisfaction above 8/10 at the 90-day review",
};
const size_t demo_nsuccess_criteria = LEN(demo_success_criteria);

const char *const demo_sides[] = {"buyer", "seller", "joint"};

/* A mutual action plan in the order things happen. */
const struct demo_step_text demo_step_texts[] = {
	{"Discovery workshop with the operations team", DEMO_JOINT},
	{"Share current process data and volumes", DEMO_BUYER},
	{"Tailored demo for the evaluation team", DEMO_SELLER},
	{"Technical validation with IT", DEMO_JOINT},
	{"Complete the security questionnaire", DEMO_BUYER},
	{"Send proposal and pricing", DEMO_SELLER},
	{"Business case review with finance", DEMO_BUYER},
	{"Legal review of the MSA", DEMO_BUYER},
	{"Vendor onboarding in procurement", DEMO_BUYER},
	{"Contract signature", DEMO_BUYER},
	{"Kick-off and handoff to customer success", DEMO_JOINT},
};
_Static_assert(LEN(demo_step_texts) == DEMO_NSTEP_TEXTS,
	       "DEMO_NSTEP_TEXTS counts demo_step_texts[]");

/* Amounts in minor units: bands, each with its rounding step. */
const struct demo_band demo_bands[] = {
	{800000, 2000000, 50000, 35},
	{2000000, 6000000, 100000, 35},
	{6000000, 15000000, 250000, 20},
	{15000000, 25000000, 500000, 10},
};
const size_t demo_nbands = LEN(demo_bands);
