-- Applied to every service's schema before its own migrations (see libs/runtime).

-- Transactional outbox: rows are written in the same transaction as the state change and
-- published to Kafka by the relay (libs/events/src/outbox_relay.cpp).
CREATE TABLE outbox (
  seq           bigserial PRIMARY KEY,
  id            uuid NOT NULL UNIQUE,          -- the CloudEvents ce_id
  aggregatetype text NOT NULL,
  aggregateid   text NOT NULL,                 -- the Kafka key and ce_subject
  type          text NOT NULL,                 -- the CloudEvents ce_type
  topic         text NOT NULL,
  payload       jsonb NOT NULL,                -- the event data, the Kafka value
  headers       jsonb NOT NULL,                -- the ce_* headers
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;

-- Inbox: one row per event a consumer has applied, inserted in the same transaction as the
-- effect, which makes redelivery harmless.
CREATE TABLE processed_events (
  consumer     text NOT NULL,
  event_id     uuid NOT NULL,
  event_type   text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
