#include "db.h"
#include "derived.h"
#include "schema.h"

/*
 * deal_totals (migration 6): a triggers' bodies, on NEW and OLD. Each write adds
 * the deal to its stage's row and its owner's; the WHERE makes one body serve
 * an update that leaves or enters the open pipeline.
 */
#define TOTALS_ADD                                                                         \
	"INSERT INTO deal_totals (owner, stage, count, amount)"                            \
	" SELECT o, NEW.stage, 1, NEW.amount FROM (SELECT '' AS o UNION ALL"               \
	" SELECT NEW.owner) WHERE NEW.status = 'open'"                                     \
	" ON CONFLICT (owner, stage) DO UPDATE SET count = count + 1,"                     \
	" amount = amount + excluded.amount;"
#define TOTALS_SUB                                                                         \
	"UPDATE deal_totals SET count = count - 1, amount = amount - OLD.amount"           \
	" WHERE OLD.status = 'open' AND stage = OLD.stage"                                 \
	" AND (owner = '' OR owner = OLD.owner);"
#define CLOSED_ADD                                                                         \
	"INSERT INTO closed_totals (owner, quarter, status, count, amount)"                \
	" SELECT o, " QUARTER_OF("NEW.closed_at") ", NEW.status, 1, NEW.amount"            \
	" FROM (SELECT '' AS o UNION ALL SELECT NEW.owner)"                                \
	" WHERE NEW.status <> 'open' AND NEW.closed_at IS NOT NULL"                        \
	" ON CONFLICT (owner, quarter, status) DO UPDATE SET count = count + 1,"           \
	" amount = amount + excluded.amount;"
#define CLOSED_SUB                                                                         \
	"UPDATE closed_totals SET count = count - 1, amount = amount - OLD.amount"         \
	" WHERE OLD.status <> 'open' AND OLD.closed_at IS NOT NULL"                        \
	" AND quarter = " QUARTER_OF("OLD.closed_at") " AND status = OLD.status"           \
	" AND (owner = '' OR owner = OLD.owner);"

/* Migration 8: TABLE changes only while process apply holds the meta flag. */
#define APPLY_ONLY_ON(table, op)                                                           \
	"CREATE TRIGGER " table "_apply_only_" op " BEFORE " op " ON " table                 \
	"  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'applying_process')"            \
	"  BEGIN SELECT RAISE(ABORT, 'the process (" table ") changes only through dealdeck"  \
	" process apply');"                                                                 \
	"  END;"
#define APPLY_ONLY(table)                                                                  \
	APPLY_ONLY_ON(table, "insert") APPLY_ONLY_ON(table, "update") APPLY_ONLY_ON(table, "delete")

/*
 * Never edit a migration that has shipped: add the next one. CHECKs list
 * values with OR, not IN: SQLite builds a lookup table for IN on every row,
 * which made bulk inserts (demo, import) about three times slower. Money is integer
 * minor units, times are UTC text "YYYY-MM-DD HH:MM:SS", dates "YYYY-MM-DD".
 */
const char *const schema_migrations[] = {
	/* 0 -> 1: the foundation. */
	"PRAGMA application_id = 1684300651;" /* 'ddck': tells our files from others */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"

	/* The process, applied into the database so every user works under one. */
	"CREATE TABLE stages ("
	"  key TEXT PRIMARY KEY,"
	"  position INTEGER NOT NULL UNIQUE,"
	"  label TEXT NOT NULL,"
	"  probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),"
	"  warn_days INTEGER NOT NULL,"
	"  rot_days INTEGER NOT NULL);"
	"CREATE TABLE gate_evidence ("
	"  key TEXT PRIMARY KEY,"
	"  stage TEXT NOT NULL,"
	"  position INTEGER NOT NULL,"
	"  meaning TEXT NOT NULL,"
	"  contact_required INTEGER NOT NULL);"
	"CREATE TABLE gate_checks ("
	"  stage TEXT NOT NULL,"
	"  position INTEGER NOT NULL,"
	"  check_text TEXT NOT NULL,"
	"  PRIMARY KEY (stage, position));"
	"CREATE TABLE lost_reasons (code TEXT PRIMARY KEY, position INTEGER NOT NULL);"
	"CREATE TABLE team ("
	"  login TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK (role = 'manager' OR role = 'rep'),"
	"  name TEXT,"
	"  email TEXT);"
	"INSERT INTO meta VALUES ('process_name', 'Process');"

	"CREATE TABLE deals ("
	"  id INTEGER PRIMARY KEY,"
	"  external_id TEXT UNIQUE,"
	"  title TEXT NOT NULL CHECK (title <> ''),"
	"  account TEXT NOT NULL CHECK (account <> ''),"
	"  owner TEXT NOT NULL CHECK (owner <> ''),"
	"  stage TEXT NOT NULL REFERENCES stages (key) DEFERRABLE INITIALLY DEFERRED,"
	"  status TEXT NOT NULL DEFAULT 'open' "
	"    CHECK (status = 'open' OR status = 'won' OR status = 'lost'),"
	"  amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),"
	"  close_date TEXT,"
	"  next_step TEXT,"
	"  next_step_due TEXT,"
	"  success_criteria TEXT,"
	"  lost_reason TEXT,"
	"  lost_note TEXT,"
	"  created_at TEXT NOT NULL,"
	"  stage_entered_at TEXT NOT NULL," /* aging without reading history */
	"  closed_at TEXT,"
	"  updated_at TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);" /* bumped by every write: no silent overwrite */
	/* A board column: count, sum and the first cards of one stage, no full scan. */
	"CREATE INDEX deals_by_stage ON deals (status, stage, stage_entered_at);"
	"CREATE INDEX deals_stage_amount ON deals (status, stage, amount);"
	"CREATE INDEX deals_by_owner ON deals (owner, status, stage, stage_entered_at);"

	/* History: append-only. 'stage' is where the deal is after the event. */
	"CREATE TABLE stage_events ("
	"  id INTEGER PRIMARY KEY,"
	"  deal_id INTEGER NOT NULL REFERENCES deals (id),"
	"  kind TEXT NOT NULL"
	"    "
	"    CHECK (kind = 'create' OR kind = 'forward' OR kind = 'back' OR kind = 'won' OR "
	"      kind = 'lost' OR kind = 'reopen'),"
	"  from_stage TEXT,"
	"  stage TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status = 'open' OR status = 'won' OR status = 'lost'),"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  reason TEXT,"
	"  note TEXT,"
	"  override TEXT," /* a manager's reason to pass a failing gate: a bypass */
	"  imported INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX stage_events_by_deal ON stage_events (deal_id, at);"
	"CREATE INDEX stage_events_by_time ON stage_events (at);"
	"CREATE TABLE evidence ("
	"  id INTEGER PRIMARY KEY,"
	"  deal_id INTEGER NOT NULL REFERENCES deals (id),"
	"  event_id INTEGER REFERENCES stage_events (id),"
	"  stage TEXT NOT NULL,"
	"  requirement TEXT NOT NULL,"
	"  what TEXT NOT NULL,"
	"  contact_id INTEGER," /* no foreign key: a stakeholder may leave, evidence stays */
	"  contact_name TEXT,"
	"  acted_on TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL);"
	"CREATE INDEX evidence_by_deal ON evidence (deal_id);"
	"CREATE TRIGGER stage_events_no_update BEFORE UPDATE ON stage_events"
	"  BEGIN SELECT RAISE(ABORT, 'stage history is append-only'); END;"
	"CREATE TRIGGER stage_events_no_delete BEFORE DELETE ON stage_events"
	"  BEGIN SELECT RAISE(ABORT, 'stage history is append-only'); END;"
	/* REPLACE deletes without firing delete triggers on other connections. */
	"CREATE TRIGGER stage_events_no_replace BEFORE INSERT ON stage_events"
	"  WHEN EXISTS (SELECT 1 FROM stage_events WHERE id = NEW.id)"
	"  BEGIN SELECT RAISE(ABORT, 'stage history is append-only'); END;"
	"CREATE TRIGGER evidence_no_replace BEFORE INSERT ON evidence"
	"  WHEN EXISTS (SELECT 1 FROM evidence WHERE id = NEW.id)"
	"  BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;"
	"CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence"
	"  BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;"
	"CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence"
	"  BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;"

	"CREATE TABLE stakeholders ("
	"  id INTEGER PRIMARY KEY,"
	"  deal_id INTEGER NOT NULL REFERENCES deals (id),"
	"  name TEXT NOT NULL CHECK (name <> ''),"
	"  role TEXT NOT NULL "
	"    CHECK (role = 'champion' OR role = 'economic_buyer' OR role = 'decision_maker' OR "
	"      role = 'influencer' OR role = 'user' OR role = 'technical' OR role = 'legal' OR "
	"      role = 'procurement' OR role = 'security' OR role = 'other'),"
	"  title TEXT,"
	"  stance TEXT NOT NULL DEFAULT 'neutral'"
	"    "
	"    CHECK (stance = 'supporter' OR stance = 'neutral' OR stance = 'skeptic' OR "
	"      stance = 'blocker'),"
	"  influence TEXT NOT NULL DEFAULT 'medium' "
	"    CHECK (influence = 'high' OR influence = 'medium' OR influence = 'low'),"
	"  reports_to INTEGER REFERENCES stakeholders (id) ON DELETE SET NULL,"
	"  last_contact TEXT,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (deal_id, name COLLATE NOCASE));"
	"CREATE TABLE plan_steps ("
	"  id INTEGER PRIMARY KEY,"
	"  deal_id INTEGER NOT NULL REFERENCES deals (id),"
	"  title TEXT NOT NULL CHECK (title <> ''),"
	"  owner_side TEXT NOT NULL "
	"    CHECK (owner_side = 'buyer' OR owner_side = 'seller' OR owner_side = 'joint'),"
	"  who TEXT,"
	"  due TEXT NOT NULL,"
	"  done_at TEXT,"
	"  done_by TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX plan_steps_by_deal ON plan_steps (deal_id, due);",

	/*
	 * 1 -> 2: each event records when the deal entered the stage it leaves, so
	 * an event is a finished stay and stats read stays from one index range
	 * instead of pairing events by window functions (about 80 ms against 3 s
	 * over a million events, NOTES.md). NULL for create and reopen: the deal was
	 * in no open stage. A trigger keeps writers honest; the history triggers are
	 * lifted only to fill the column in for events written before.
	 */
	"ALTER TABLE stage_events ADD COLUMN from_entered_at TEXT;"
	"DROP TRIGGER stage_events_no_update;"
	"UPDATE stage_events SET from_entered_at = p.at FROM"
	"  (SELECT id, lag(at) OVER w AS at, lag(status) OVER w AS status FROM stage_events"
	"    WINDOW w AS (PARTITION BY deal_id ORDER BY at, id)) p"
	"  WHERE p.id = stage_events.id AND p.status = 'open' AND stage_events.kind <> 'create';"
	"CREATE TRIGGER stage_events_no_update BEFORE UPDATE ON stage_events"
	"  BEGIN SELECT RAISE(ABORT, 'stage history is append-only'); END;"
	/*
	 * Stats over a long period read these in order instead of sorting: stays
	 * by (stage, days), entries by (deal, stage). A million events' whole
	 * history: time in stage 0.7 s -> 0.2 s, conversion's entries 0.65 -> 0.2 s.
	 * The day expression is the one src/stats.c uses, so the index serves it.
	 */
	"CREATE INDEX stage_events_stays ON stage_events (from_stage,"
	"  (unixepoch(at) / 86400) - (unixepoch(from_entered_at) / 86400), at)"
	"  WHERE from_entered_at IS NOT NULL;"
	"CREATE INDEX stage_events_entries ON stage_events (deal_id, stage, at, status)"
	"  WHERE status = 'open';"
	"CREATE TRIGGER stage_events_stay BEFORE INSERT ON stage_events"
	"  WHEN (NEW.from_entered_at IS NULL) <> (NEW.kind = 'create' OR NEW.kind = 'reopen')"
	"  BEGIN SELECT RAISE(ABORT, 'from_entered_at is set exactly when a move leaves a stage');"
	"  END;",

	/*
	 * 2 -> 3: an amount is at most 10^12 major units (MONEY_MAX), so the sum of
	 * 92,233 such deals still fits where eleven of the old largest overflowed.
	 * SQLite adds a CHECK only by rebuilding the table; db.c runs migrations
	 * with foreign keys off, as that needs, and checks them before committing.
	 * An amount above the bound, which no sum could hold, becomes the bound
	 * (and its deal's version moves on, so a form showing it notices).
	 */
	"UPDATE deals SET amount = 100000000000000, version = version + 1"
	"  WHERE amount > 100000000000000;"
	"CREATE TABLE deals_new ("
	"  id INTEGER PRIMARY KEY,"
	"  external_id TEXT UNIQUE,"
	"  title TEXT NOT NULL CHECK (title <> ''),"
	"  account TEXT NOT NULL CHECK (account <> ''),"
	"  owner TEXT NOT NULL CHECK (owner <> ''),"
	"  stage TEXT NOT NULL REFERENCES stages (key) DEFERRABLE INITIALLY DEFERRED,"
	"  status TEXT NOT NULL DEFAULT 'open' "
	"    CHECK (status = 'open' OR status = 'won' OR status = 'lost'),"
	"  amount INTEGER NOT NULL DEFAULT 0"
	"    CHECK (amount >= 0 AND amount <= 100000000000000),"
	"  close_date TEXT,"
	"  next_step TEXT,"
	"  next_step_due TEXT,"
	"  success_criteria TEXT,"
	"  lost_reason TEXT,"
	"  lost_note TEXT,"
	"  created_at TEXT NOT NULL,"
	"  stage_entered_at TEXT NOT NULL,"
	"  closed_at TEXT,"
	"  updated_at TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"INSERT INTO deals_new (id, external_id, title, account, owner, stage, status, amount,"
	"  close_date, next_step, next_step_due, success_criteria, lost_reason, lost_note,"
	"  created_at, stage_entered_at, closed_at, updated_at, version)"
	"  SELECT id, external_id, title, account, owner, stage, status, amount,"
	"  close_date, next_step, next_step_due, success_criteria, lost_reason, lost_note,"
	"  created_at, stage_entered_at, closed_at, updated_at, version FROM deals;"
	"DROP TABLE deals;"
	"ALTER TABLE deals_new RENAME TO deals;"
	"CREATE INDEX deals_by_stage ON deals (status, stage, stage_entered_at);"
	"CREATE INDEX deals_stage_amount ON deals (status, stage, amount);"
	"CREATE INDEX deals_by_owner ON deals (owner, status, stage, stage_entered_at);",

	/*
	 * 3 -> 4: the weekly review. Each stage names its forecast category; the
	 * stages a database has get the contract's defaults (src/process.c
	 * forecast_default says the same).
	 */
	"ALTER TABLE stages ADD COLUMN forecast TEXT NOT NULL DEFAULT 'pipeline'"
	"  CHECK (forecast = 'pipeline' OR forecast = 'best_case' OR forecast = 'commit');"
	"UPDATE stages SET forecast = CASE"
	"  WHEN key = 'prospect' OR key = 'qualify' OR key = 'discover' THEN 'pipeline'"
	"  WHEN key = 'present' OR key = 'propose' THEN 'best_case'"
	"  WHEN key = 'negotiate' OR key = 'close' THEN 'commit'"
	"  WHEN probability >= 80 THEN 'commit' WHEN probability >= 40 THEN 'best_case'"
	"  ELSE 'pipeline' END;"
	/*
	 * Snapshots: the open pipeline as it was, one row per open deal, append-only
	 * like the history. The rows keep what the deal was (no foreign key to
	 * deals), with the stage's probability and the forecast category it counted
	 * in then, so a later process change does not rewrite an old forecast.
	 * A snapshot's rows are written before its header, which closes it: no row
	 * is added to a snapshot that has one, nor replaced (REPLACE deletes without
	 * firing delete triggers). That check is a lookup in the small snapshots
	 * table; looking up the row itself cost 0.14 s per 100,000 rows.
	 */
	"CREATE TABLE snapshots ("
	"  id INTEGER PRIMARY KEY,"
	"  taken_at TEXT NOT NULL,"
	"  login TEXT NOT NULL,"
	"  note TEXT,"
	"  open_deals INTEGER NOT NULL,"
	"  open_amount INTEGER NOT NULL);"
	"CREATE TABLE snapshot_deals ("
	"  snapshot_id INTEGER NOT NULL"
	"    REFERENCES snapshots (id) DEFERRABLE INITIALLY DEFERRED,"
	"  deal_id INTEGER NOT NULL,"
	"  stage TEXT NOT NULL,"
	"  owner TEXT NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  close_date TEXT,"
	"  probability INTEGER NOT NULL,"
	"  forecast TEXT NOT NULL"
	"    CHECK (forecast = 'pipeline' OR forecast = 'best_case' OR forecast = 'commit'),"
	"  days_in_stage INTEGER NOT NULL,"
	"  PRIMARY KEY (snapshot_id, deal_id)) WITHOUT ROWID;"
	"CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots"
	"  BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;"
	"CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots"
	"  BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;"
	"CREATE TRIGGER snapshots_no_replace BEFORE INSERT ON snapshots"
	"  WHEN EXISTS (SELECT 1 FROM snapshots WHERE id = NEW.id)"
	"  BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;"
	"CREATE TRIGGER snapshot_deals_no_update BEFORE UPDATE ON snapshot_deals"
	"  BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;"
	"CREATE TRIGGER snapshot_deals_no_delete BEFORE DELETE ON snapshot_deals"
	"  BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;"
	"CREATE TRIGGER snapshot_deals_closed BEFORE INSERT ON snapshot_deals"
	"  WHEN EXISTS (SELECT 1 FROM snapshots WHERE id = NEW.snapshot_id)"
	"  BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;",

	/*
	 * 4 -> 5: the board's orders read a column's first cards from an index, as
	 * days in stage (deals_by_stage) and amount (deals_stage_amount) already
	 * do: close date (no date last) and title. Won and lost of a quarter are a
	 * range of deals_closed (the amount in it: no rows read), not a scan of
	 * every closed deal. The problem filters count a deal's committee as of a
	 * day from stakeholders_by_deal alone (single-threaded at 100,000 deals:
	 * 0.2 -> 0.1 s). The board as of a past day counts the open deals of then
	 * from deals_by_stage alone (now with the amount), reads a column's stays
	 * that ran across that day from stage_events_left, and the quarter's
	 * closes from stage_events_closes: at 100,000 deals and 1,300,000 events
	 * the board of a fortnight ago 2.1 -> 0.5 s, a column 0.25 -> 0.03 s.
	 */
	"DROP INDEX deals_by_stage;"
	"CREATE INDEX deals_by_stage ON deals (status, stage, stage_entered_at, amount);"
	"CREATE INDEX deals_stage_close ON deals (status, stage, close_date IS NULL, close_date);"
	"CREATE INDEX deals_stage_title ON deals (status, stage, title COLLATE NOCASE);"
	"CREATE INDEX deals_closed ON deals (status, closed_at, amount);"
	"CREATE INDEX stakeholders_by_deal ON stakeholders (deal_id, created_at, role);"
	"CREATE INDEX stage_events_left ON stage_events (from_stage, at)"
	"  WHERE from_entered_at IS NOT NULL;"
	"CREATE INDEX stage_events_closes ON stage_events (at)"
	"  WHERE kind = 'won' OR kind = 'lost';",

	/*
	 * 5 -> 6: the board's column totals cost the same at any size. Open deals'
	 * count and amount per stage (owner '') and per owner and stage, kept by
	 * triggers in the write's own transaction; the board reads a few rows of
	 * this table instead of an index range as long as the pipeline (24 ms at
	 * 100,000 deals). No owner is '' (deals' CHECK). Bulk loads lift the
	 * triggers and rebuild the table before their commit (src/db_bulk.c), and
	 * 'dealdeck check' compares it with a recount. Rows that fall to zero stay:
	 * the table stays as small as owners times stages.
	 */
	"CREATE TABLE deal_totals ("
	"  owner TEXT NOT NULL,"
	"  stage TEXT NOT NULL,"
	"  count INTEGER NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  PRIMARY KEY (owner, stage)) WITHOUT ROWID;"
	"INSERT INTO deal_totals " TOTALS_RECOUNT ";"
	"CREATE TRIGGER deal_totals_insert AFTER INSERT ON deals WHEN NEW.status = 'open'"
	"  BEGIN " TOTALS_ADD " END;"
	"CREATE TRIGGER deal_totals_delete AFTER DELETE ON deals WHEN OLD.status = 'open'"
	"  BEGIN " TOTALS_SUB " END;"
	"CREATE TRIGGER deal_totals_update AFTER UPDATE OF status, stage, owner, amount ON deals"
	"  WHEN (OLD.status = 'open' OR NEW.status = 'open') AND (OLD.status <> NEW.status"
	"    OR OLD.stage <> NEW.stage OR OLD.owner <> NEW.owner OR OLD.amount <> NEW.amount)"
	"  BEGIN " TOTALS_SUB " " TOTALS_ADD " END;"
	/* One owner's won and lost of the quarter: a range, as deals_closed is for all. */
	"CREATE INDEX deals_closed_by_owner ON deals (owner, status, closed_at, amount);"
	/*
	 * The title bar's won and lost of the quarter, kept the same way per
	 * quarter closed (its first day), status and owner: a range of the
	 * quarter's closed deals grew with the pipeline (4 ms at a million).
	 */
	"CREATE TABLE closed_totals ("
	"  owner TEXT NOT NULL,"
	"  quarter TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  count INTEGER NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  PRIMARY KEY (owner, quarter, status)) WITHOUT ROWID;"
	"INSERT INTO closed_totals " CLOSED_RECOUNT ";"
	"CREATE TRIGGER closed_totals_insert AFTER INSERT ON deals"
	"  WHEN NEW.status <> 'open' AND NEW.closed_at IS NOT NULL"
	"  BEGIN " CLOSED_ADD " END;"
	"CREATE TRIGGER closed_totals_delete AFTER DELETE ON deals"
	"  WHEN OLD.status <> 'open' AND OLD.closed_at IS NOT NULL"
	"  BEGIN " CLOSED_SUB " END;"
	"CREATE TRIGGER closed_totals_update AFTER UPDATE OF status, closed_at, owner, amount"
	"  ON deals WHEN (OLD.status <> 'open' OR NEW.status <> 'open') AND"
	"    (OLD.status <> NEW.status OR OLD.closed_at IS NOT NEW.closed_at"
	"    OR OLD.owner <> NEW.owner OR OLD.amount <> NEW.amount)"
	"  BEGIN " CLOSED_SUB " " CLOSED_ADD " END;",

	/*
	 * 6 -> 7: follow mode's presence, no deal data. One row per running
	 * presenter or follower (login and pid: several at once); beat is the unix
	 * time of its last heartbeat, state the presenter's view as plain text.
	 */
	"CREATE TABLE presence ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL,"
	"  pid INTEGER NOT NULL,"
	"  role TEXT NOT NULL CHECK (role = 'present' OR role = 'follow'),"
	"  target TEXT," /* whom a follower follows */
	"  since TEXT NOT NULL,"
	"  beat INTEGER NOT NULL,"
	"  state TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX presence_by_login ON presence (role, login);",

	/*
	 * 7 -> 8: defence in depth for any program that writes the file. Deals are
	 * closed, never deleted (their history and evidence would be orphaned). The
	 * process tables change only inside process apply, which sets the meta flag
	 * applying_process for its own transaction (process_db.c): a plain statement
	 * fails. A determined writer can drop a trigger; dealdeck check notices.
	 */
	"CREATE TRIGGER deals_no_delete BEFORE DELETE ON deals"
	"  BEGIN SELECT RAISE(ABORT, 'deals are closed (won or lost), never deleted'); END;"
	APPLY_ONLY("stages") APPLY_ONLY("gate_evidence") APPLY_ONLY("gate_checks")
	APPLY_ONLY("lost_reasons") APPLY_ONLY("team"),
};

const int schema_nmigrations = sizeof schema_migrations / sizeof schema_migrations[0];

_Static_assert(sizeof schema_migrations / sizeof schema_migrations[0] == SCHEMA_VERSION,
	       "SCHEMA_VERSION must equal the number of migrations");
