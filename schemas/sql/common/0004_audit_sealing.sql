-- Sealing the audit chain off the writer's critical path (ADR 0026).
--
-- A write transaction inserts its entries unsealed (seq and hash NULL) and takes no shared lock.
-- The sealer (libs/writepath/src/audit_seal.cpp) later gives them seq and hash, in (xid, id) order,
-- once every transaction with a smaller xid has ended. Rows written before this migration are
-- already sealed and stay valid: the canonical form and the head are unchanged.

-- Insertion order; the primary key now that seq may be NULL. Existing rows are numbered as stored.
ALTER TABLE audit_log ADD COLUMN id bigserial;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
ALTER TABLE audit_log ADD PRIMARY KEY (id);
ALTER TABLE audit_log ADD CONSTRAINT audit_log_federation_seq_key UNIQUE (federation_id, seq);

-- The writing transaction's id. Added without a default first, so existing (sealed) rows keep
-- NULL instead of this migration's xid; only unsealed rows need one.
ALTER TABLE audit_log ADD COLUMN xid xid8;
ALTER TABLE audit_log ALTER COLUMN xid SET DEFAULT pg_current_xact_id();

ALTER TABLE audit_log ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN recorded_at SET DEFAULT clock_timestamp();
ALTER TABLE audit_log ADD CONSTRAINT audit_log_sealed_whole CHECK ((seq IS NULL) = (hash IS NULL));
ALTER TABLE audit_log ADD CONSTRAINT audit_log_unsealed_has_xid CHECK (seq IS NOT NULL OR xid IS NOT NULL);

-- What the sealer scans: the unsealed rows only, in sealing order.
CREATE INDEX audit_log_unsealed ON audit_log (xid, id) WHERE seq IS NULL;
