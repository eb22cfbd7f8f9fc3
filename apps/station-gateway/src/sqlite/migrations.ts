/** One schema change of the station database, applied once and recorded in `schema_migrations`. */
export interface SqliteMigration {
  name: string;
  sql: string;
  version: number;
}

// SQLite keeps timestamps as ISO 8601 text in UTC with milliseconds, which sorts by time.
const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * Migrations in order. Never edit one that a station may have applied: the runner compares
 * checksums and stops; add a new version instead. `inbox_events` has the columns of the
 * PostgreSQL table every app shares, so the messaging library's consumer works unchanged.
 */
export const MIGRATIONS: readonly SqliteMigration[] = [
  {
    name: 'messaging_and_cache',
    sql: `
CREATE TABLE inbox_events (
  consumer_group TEXT NOT NULL,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  processed_at TEXT NOT NULL DEFAULT ${NOW},
  PRIMARY KEY (consumer_group, event_id)
);

CREATE TABLE card_statuses (
  card_number TEXT PRIMARY KEY,
  changed_at TEXT NOT NULL,
  expiry_date TEXT NOT NULL,
  family_id TEXT,
  national_number TEXT NOT NULL,
  reason TEXT NOT NULL,
  received_at TEXT NOT NULL DEFAULT ${NOW},
  status TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX card_statuses_status_idx ON card_statuses (status);

CREATE TABLE policies (
  product_code TEXT PRIMARY KEY,
  beneficiary TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  period_days INTEGER NOT NULL,
  period_quantity INTEGER NOT NULL,
  policy_version INTEGER NOT NULL,
  price_piastres INTEGER NOT NULL,
  received_at TEXT NOT NULL DEFAULT ${NOW},
  unit TEXT NOT NULL
);

CREATE TABLE transactions (
  id TEXT PRIMARY KEY,
  amount_piastres INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  balance_after INTEGER,
  card_number TEXT,
  card_status TEXT,
  completed_at TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  -- Set before fuel-allocation is called; NULL when the transaction ended before that call.
  idempotency_key TEXT UNIQUE,
  outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'accepted', 'refused', 'failed')),
  outcome_code TEXT,
  outcome_message TEXT,
  outcome_status INTEGER,
  product_code TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  redemption_id TEXT,
  unit TEXT,
  vehicle_plate TEXT
);
CREATE INDEX transactions_outcome_idx ON transactions (outcome);
CREATE INDEX transactions_created_at_idx ON transactions (created_at);
`,
    version: 1,
  },
  {
    name: 'offline_card_authentication',
    sql: `
CREATE TABLE trust_anchors (
  key_version INTEGER PRIMARY KEY,
  certificate BLOB NOT NULL,
  issuer_reference TEXT NOT NULL,
  not_after TEXT NOT NULL,
  not_before TEXT NOT NULL,
  public_key BLOB NOT NULL,
  -- Where the certificate came from: 'authority' (GET /keys/issuer-certificate) or 'file'.
  source TEXT NOT NULL CHECK (source IN ('authority', 'file')),
  status TEXT NOT NULL CHECK (status IN ('active', 'retiring', 'retired')),
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);

CREATE TABLE card_counters (
  card_number TEXT PRIMARY KEY,
  last_counter INTEGER NOT NULL,
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);

-- Every signature a card made for this station and the station accepted, hex r || s.
CREATE TABLE card_signatures (
  signature TEXT PRIMARY KEY,
  card_number TEXT NOT NULL,
  challenge TEXT NOT NULL UNIQUE,
  counter INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  key_version INTEGER NOT NULL,
  transaction_data TEXT NOT NULL,
  transaction_id TEXT NOT NULL
);
CREATE INDEX card_signatures_card_idx ON card_signatures (card_number);

CREATE TABLE card_flags (
  id TEXT PRIMARY KEY,
  card_number TEXT NOT NULL,
  certificate_card_number TEXT,
  code TEXT NOT NULL,
  counter INTEGER,
  flagged_at TEXT NOT NULL,
  key_version INTEGER,
  last_counter INTEGER NOT NULL,
  message TEXT NOT NULL,
  station_id TEXT NOT NULL,
  transaction_id TEXT NOT NULL
);
CREATE INDEX card_flags_card_idx ON card_flags (card_number);
CREATE INDEX card_flags_flagged_at_idx ON card_flags (flagged_at);

-- Events waiting for the broker; the station's relay sends them in id order.
CREATE TABLE outbox_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  event_id TEXT NOT NULL UNIQUE,
  event_type TEXT NOT NULL,
  headers TEXT NOT NULL,
  message_key TEXT NOT NULL,
  payload TEXT NOT NULL,
  sent_at TEXT,
  topic TEXT NOT NULL
);
CREATE INDEX outbox_events_unsent_idx ON outbox_events (id) WHERE sent_at IS NULL;
`,
    version: 2,
  },
];
