-- Totals kept up to date as events arrive, so reports read O(rows returned) instead of aggregating
-- attendance at read time. Each total is the sum of its current records' contributions
-- (services/reporting/domain/deltas.hpp); a new state of a record, session or participant moves
-- the totals by (after - before). `samverkan-reporting rebuild` recomputes them from the rows
-- above; a zero row means the same as no row.
--
-- Replica rows merge by version (db::upsert_if_newer): every table it writes has `version`.

ALTER TABLE attendance ADD COLUMN version bigint;           -- equals revision
UPDATE attendance SET version = revision;
ALTER TABLE attendance ALTER COLUMN version SET NOT NULL;
CREATE INDEX reporting_attendance_by_session ON attendance (federation_id, session_id);

ALTER TABLE enrolments ADD COLUMN version bigint NOT NULL DEFAULT 1,   -- enrolment.changed
                       ADD COLUMN left_on date;
ALTER TABLE enrolments ALTER COLUMN version DROP DEFAULT;
CREATE INDEX reporting_enrolments_by_participant ON enrolments (federation_id, participant_id);

ALTER TABLE sessions ADD COLUMN status text NOT NULL DEFAULT 'scheduled',  -- session.changed
                     ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE sessions ALTER COLUMN status DROP DEFAULT, ALTER COLUMN version DROP DEFAULT;

ALTER TABLE participants ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE participants ALTER COLUMN version DROP DEFAULT;

CREATE INDEX reporting_modules_by_programme ON modules (federation_id, programme_id);

-- Per participant x module: progress. module_id is 00000000-0000-0000-0000-000000000000 for
-- sessions outside any module. Records of cancelled sessions are left out.
CREATE TABLE participant_module_totals (
  participant_id uuid NOT NULL,
  module_id      uuid NOT NULL,
  federation_id  text NOT NULL,
  present        bigint NOT NULL,
  late           bigint NOT NULL,
  excused        bigint NOT NULL,
  absent         bigint NOT NULL,
  other          bigint NOT NULL,   -- statuses newer than this code
  minutes        bigint NOT NULL,
  PRIMARY KEY (participant_id, module_id)
);

-- Per cohort x organisation: the summary rows. Enrolment counts come from the enrolment's own
-- organisation; attendance from the participant's, once participant.registered has arrived.
CREATE TABLE cohort_organisation_totals (
  cohort_id       uuid NOT NULL,
  organisation_id uuid NOT NULL,
  federation_id   text NOT NULL,
  enrolled        bigint NOT NULL,  -- approved enrolments
  withdrawn       bigint NOT NULL,  -- withdrawn enrolments
  present         bigint NOT NULL,
  late            bigint NOT NULL,
  excused         bigint NOT NULL,
  absent          bigint NOT NULL,
  other           bigint NOT NULL,
  minutes         bigint NOT NULL,
  PRIMARY KEY (cohort_id, organisation_id)
);

-- Per session: every current record of it, cancelled or not.
CREATE TABLE session_totals (
  session_id    uuid PRIMARY KEY,
  cohort_id     uuid NOT NULL,
  federation_id text NOT NULL,
  present       bigint NOT NULL,
  late          bigint NOT NULL,
  excused       bigint NOT NULL,
  absent        bigint NOT NULL,
  other         bigint NOT NULL,
  minutes       bigint NOT NULL
);

-- Per cohort: its sessions by status (the summary's sessions_scheduled and sessions_cancelled).
CREATE TABLE cohort_session_totals (
  cohort_id     uuid PRIMARY KEY,
  federation_id text NOT NULL,
  scheduled     bigint NOT NULL,
  cancelled     bigint NOT NULL
);

-- Set here so the service rebuilds the totals from the existing rows at its next start, before
-- it consumes events; the rebuild clears it.
CREATE TABLE totals_rebuild (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  pending  boolean NOT NULL
);
INSERT INTO totals_rebuild (pending) VALUES (true);
