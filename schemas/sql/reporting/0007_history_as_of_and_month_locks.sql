-- As-of reports and month locks (issue 9 §5, ADR 0074). Every row image of the tables reports
-- read is kept in row_history with the moment it became and stopped being current, written by a
-- trigger, so a report can be answered as it stood at any moment since history began without
-- replaying events. A later migration registers a new table with one line:
--     SELECT track_history('<table>', '<key column>'[, '<key column>' ...]);
-- Columns added to a tracked table need nothing: the trigger stores whole rows as jsonb and the
-- service recreates the as-of views at start (refresh_asof_views()).
--
-- The as-of views live in the schema <this schema>_asof, one per tracked table, same name and
-- columns, showing the rows valid at current_setting('samverkan.as_of'). A report read as of a
-- moment sets that and puts the as-of schema first in its search_path, then runs the same queries.

CREATE TABLE row_history (
  tbl        text NOT NULL,
  key        text NOT NULL,          -- the key columns' values, '/'-joined
  valid_from timestamptz NOT NULL,
  valid_to   timestamptz,            -- null: the current row
  row        jsonb NOT NULL
) WITH (fillfactor = 90);
-- No index holds valid_to, so closing an image is a HOT update (room left by the fillfactor).
CREATE INDEX row_history_by_key ON row_history (tbl, key, valid_from);
CREATE INDEX row_history_by_start ON row_history (valid_from);
-- What as-of reports filter by (the views read these columns as the same expressions).
CREATE INDEX row_history_by_cohort ON row_history (tbl, ((row ->> 'cohort_id')::uuid));
CREATE INDEX row_history_by_participant ON row_history (tbl, ((row ->> 'participant_id')::uuid));
CREATE INDEX row_history_by_id ON row_history (tbl, ((row ->> 'id')::uuid));

CREATE TABLE history_tables (
  tbl           text PRIMARY KEY,
  key_columns   text[] NOT NULL,
  registered_at timestamptz NOT NULL, -- history of this table exists from here on
  columns       text                  -- the columns its as-of view was made with
);

-- The moment this transaction's row images are stamped with. The first call takes the history
-- lock exclusively (until commit) and then reads the clock. The trigger is deferred to commit, so
-- the lock is held only while the images are written and committed, not for a whole inbox batch.
-- A live report takes the lock shared to choose its moment and snapshot, so every stamp before
-- that moment is committed in its snapshot and every later one is not, while live reports never
-- wait for each other (ADR 0074).
CREATE FUNCTION history_stamp() RETURNS timestamptz
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  stamp text := current_setting('samverkan.history_stamp', true);
BEGIN
  IF stamp IS NULL OR stamp = '' THEN
    PERFORM pg_advisory_xact_lock(hashtext('samverkan.history.' || current_schema()));
    stamp := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    PERFORM set_config('samverkan.history_stamp', stamp, true);
  END IF;
  RETURN stamp::timestamptz;
END $$;

CREATE FUNCTION history_key(image jsonb, key_columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg(image ->> c, '/' ORDER BY n) FROM unnest(key_columns) WITH ORDINALITY AS k(c, n)
$$;

CREATE FUNCTION record_history() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  stamp timestamptz;
  name text := TG_TABLE_NAME;  -- text, not name: compared as name it would miss the index
  before jsonb;
  after jsonb;
BEGIN
  IF TG_OP <> 'INSERT' THEN before := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN after := to_jsonb(NEW); END IF;
  IF before = after THEN
    RETURN NULL;  -- nothing a report can see changed
  END IF;
  stamp := history_stamp();
  IF before IS NOT NULL THEN
    UPDATE row_history SET valid_to = stamp
     WHERE tbl = name AND valid_to IS NULL
       AND key = CASE WHEN TG_NARGS = 1 THEN before ->> TG_ARGV[0] ELSE history_key(before, TG_ARGV) END;
  END IF;
  IF after IS NOT NULL THEN
    INSERT INTO row_history (tbl, key, valid_from, row)
    VALUES (name, CASE WHEN TG_NARGS = 1 THEN after ->> TG_ARGV[0] ELSE history_key(after, TG_ARGV) END,
            stamp, after);
  END IF;
  RETURN NULL;
END $$;

-- New images, from now, for the rows of a tracked table whose current image differs from the row
-- or that have none: after ALTER TABLE filled a default (no trigger fires), or after a bulk load
-- run with the trigger disabled. Rows deleted meanwhile keep their open image.
CREATE FUNCTION rebase_history(name text) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  EXECUTE format(
    'WITH current_rows AS (SELECT history_key(to_jsonb(t), k.key_columns) AS key, to_jsonb(t) AS row'
    '   FROM %1$I t, (SELECT key_columns FROM history_tables WHERE tbl = %2$L) k),'
    ' changed AS (SELECT c.key, c.row FROM current_rows c LEFT JOIN row_history h'
    '   ON h.tbl = %2$L AND h.key = c.key AND h.valid_to IS NULL'
    '   WHERE h.row IS NULL OR h.row <> c.row),'
    ' closed AS (UPDATE row_history h SET valid_to = history_stamp() FROM changed c'
    '   WHERE h.tbl = %2$L AND h.key = c.key AND h.valid_to IS NULL)'
    ' INSERT INTO row_history (tbl, key, valid_from, row)'
    ' SELECT %2$L, key, history_stamp(), row FROM changed',
    name, name);
END $$;

-- (Re)creates the as-of view of one tracked table with the table's current columns. Scalar
-- columns are read straight from the image, so a report's filter on cohort_id or participant_id
-- reaches the expression indexes below; other types (arrays, ...) through jsonb_populate_record.
CREATE FUNCTION refresh_asof_view(name text) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  home text := current_schema();
  asof text := current_schema() || '_asof';
  view_columns text;
  known_columns text;
BEGIN
  SELECT string_agg(
           CASE WHEN a.atttypid IN ('uuid'::regtype, 'text'::regtype, 'integer'::regtype,
                                    'bigint'::regtype, 'smallint'::regtype, 'boolean'::regtype,
                                    'date'::regtype, 'timestamptz'::regtype, 'numeric'::regtype)
             THEN format('(h.row ->> %L)::%s AS %I', a.attname, format_type(a.atttypid, a.atttypmod), a.attname)
             ELSE format('(jsonb_populate_record(NULL::%I.%I, h.row)).%I AS %I', home, name, a.attname, a.attname)
           END, ', ' ORDER BY a.attnum)
    INTO view_columns
    FROM pg_attribute a
   WHERE a.attrelid = format('%I.%I', home, name)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
  -- Columns changed since the view was made: ALTER TABLE filled defaults without firing the
  -- trigger, so rows whose image differs from the row get a new image now.
  SELECT h.columns INTO known_columns FROM history_tables h WHERE h.tbl = name;
  IF known_columns IS NOT NULL AND known_columns <> view_columns THEN
    PERFORM rebase_history(name);
  END IF;
  UPDATE history_tables h SET columns = view_columns WHERE h.tbl = name;
  EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', asof);
  EXECUTE format('DROP VIEW IF EXISTS %I.%I', asof, name);
  EXECUTE format(
    'CREATE VIEW %1$I.%2$I AS SELECT %5$s FROM %3$I.row_history h'
    ' WHERE h.tbl = %4$L'
    ' AND h.valid_from <= current_setting(''samverkan.as_of'')::timestamptz'
    ' AND (h.valid_to IS NULL OR h.valid_to > current_setting(''samverkan.as_of'')::timestamptz)',
    asof, name, home, name, view_columns);
END $$;

CREATE FUNCTION refresh_asof_views() RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  t text;
BEGIN
  -- Two replicas starting at once take turns.
  PERFORM pg_advisory_xact_lock(hashtext('samverkan.asof_views.' || current_schema()));
  FOR t IN SELECT tbl FROM history_tables ORDER BY tbl LOOP
    PERFORM refresh_asof_view(t);
  END LOOP;
END $$;

-- Registers a table: its trigger, its current rows as history from now, its as-of view.
CREATE FUNCTION track_history(name text, VARIADIC key_columns text[]) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM history_tables WHERE tbl = name) THEN
    RAISE EXCEPTION 'table % already has history', name;
  END IF;
  INSERT INTO history_tables (tbl, key_columns, registered_at) VALUES (name, key_columns, history_stamp());
  EXECUTE format(
    'CREATE CONSTRAINT TRIGGER record_history AFTER INSERT OR UPDATE OR DELETE ON %I'
    ' DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_history(%s)',
    name, (SELECT string_agg(quote_literal(c), ', ') FROM unnest(key_columns) c));
  EXECUTE format(
    'INSERT INTO row_history (tbl, key, valid_from, row)'
    ' SELECT %L, history_key(to_jsonb(t), %L), history_stamp(), to_jsonb(t) FROM %I t',
    name, key_columns, name);
  PERFORM refresh_asof_view(name);
END $$;

-- The earliest moment a report can be answered as of.
CREATE FUNCTION history_start() RETURNS timestamptz
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
  SELECT min(registered_at) FROM history_tables
$$;

-- Every table a report or export reads, totals included (their history is exactly what the delta
-- updates wrote, so as-of totals cannot drift from the live ones).
SELECT track_history('organisations', 'id');
SELECT track_history('participants', 'id');
SELECT track_history('cohorts', 'id');
SELECT track_history('modules', 'id');
SELECT track_history('programmes', 'id');
SELECT track_history('sessions', 'id');
SELECT track_history('enrolments', 'id');
SELECT track_history('attendance', 'record_id');
SELECT track_history('entry_facts', 'participant_id');
SELECT track_history('self_study_entries', 'entry_id');
SELECT track_history('statement_states', 'statement_key');
SELECT track_history('participant_completions', 'participant_id', 'cohort_id');
SELECT track_history('participant_module_totals', 'participant_id', 'module_id');
SELECT track_history('cohort_organisation_totals', 'cohort_id', 'organisation_id');
SELECT track_history('session_totals', 'session_id');
SELECT track_history('cohort_session_totals', 'cohort_id');

-- A funder auditor's lock of a programme's month. Locks do not stop projection: a change recorded
-- after its month was locked is flagged in the changes list (locked_at < the change's valid_from).
CREATE TABLE month_locks (
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL,
  month         text NOT NULL,        -- YYYY-MM
  locked_at     timestamptz NOT NULL,
  locked_by     text NOT NULL,        -- the token's subject
  PRIMARY KEY (federation_id, programme_id, month)
);
