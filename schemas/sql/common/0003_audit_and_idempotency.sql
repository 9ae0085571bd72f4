-- The audit trail and idempotency keys of the one write path (libs/writepath).

-- One row per state change, appended in the same transaction as the change. Only ids, never
-- names or e-mail addresses. Entries form one hash chain per federation within this schema
-- (so per federation and service): hash = SHA-256(previous hash || canonical form), see
-- libs/writepath/src/audit_chain.cpp. Rows are never updated or deleted by the services.
CREATE TABLE audit_log (
  federation_id  text NOT NULL,
  seq            bigint NOT NULL CHECK (seq >= 1),  -- contiguous per federation
  recorded_at    timestamptz NOT NULL,
  subject        text NOT NULL,                     -- the token's sub
  roles          text NOT NULL,                     -- sorted, comma-separated role names
  action         text NOT NULL,                     -- e.g. "session.rescheduled"
  entity_type    text NOT NULL,
  entity_id      text NOT NULL,
  version_before bigint,                            -- NULL when the entity is created
  version_after  bigint,                            -- NULL when the entity is deleted
  reason         text,                              -- required for corrections, rejections, withdrawals
  request_id     text NOT NULL,
  hash           text NOT NULL,                     -- lower-case hex SHA-256
  PRIMARY KEY (federation_id, seq)
);
CREATE INDEX audit_log_by_entity ON audit_log (federation_id, entity_type, entity_id, seq);

-- The head of each chain: its last sequence number and hash. Locked only for the final statements
-- of a writing transaction; verification compares it with the last entry, so deleting the newest
-- entries is detected too.
CREATE TABLE audit_chain_heads (
  federation_id text PRIMARY KEY,
  last_seq      bigint NOT NULL,
  last_hash     text NOT NULL
);

-- Idempotency-Key on POST: the stored response of the first request with a key, written in the
-- same transaction as its effect. Scoped by federation and subject; purged after 48 hours.
CREATE TABLE idempotency_keys (
  federation_id text NOT NULL,
  subject       text NOT NULL,
  key           text NOT NULL,
  fingerprint   text NOT NULL,  -- SHA-256 of method, path and body
  -- The key is claimed first (so a concurrent request with it waits on the primary key), and the
  -- response filled in before the same transaction commits: committed rows always have them.
  status        integer,
  content_type  text,
  body          text,
  headers       jsonb,          -- [[name, value], ...] as answered, e.g. Location
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (federation_id, subject, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
