-- Wakes the outbox relay as soon as a transaction that wrote events commits, instead of the relay
-- polling (libs/events/src/outbox_relay.cpp). One notification per statement: the relay reads the
-- table anyway, so the payload is empty, and PostgreSQL folds repeats within a transaction.
-- The channel names the schema, so a relay wakes only for its own service's outbox; it is cut to
-- 63 bytes, PostgreSQL's identifier limit, as the relay cuts it when it listens.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(left('samverkan_outbox_' || TG_TABLE_SCHEMA, 63), '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
