-- Seats and approval per cohort, the waitlist, interest, and the choice of modules (issue 7).

-- A cohort's policy. No row: the defaults (no limits, one organisation stage, no waitlist). Final
-- approvals, withdrawals and policy changes lock this row, so seats are counted and taken one
-- decision at a time per cohort (the cross-row rule's lock, ADR 0045).
CREATE TABLE enrolment_policies (
  federation_id text NOT NULL,
  cohort_id     uuid PRIMARY KEY REFERENCES cohorts (id),
  capacity      integer CHECK (capacity >= 0),               -- null: unlimited
  approval      text[] NOT NULL CHECK (cardinality(approval) BETWEEN 1 AND 2),
  waitlist      boolean NOT NULL,
  version       bigint NOT NULL CHECK (version >= 0),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Per-organisation quotas inside a cohort's capacity; quota null: limited by the capacity only.
CREATE TABLE organisation_quotas (
  federation_id   text NOT NULL,
  cohort_id       uuid NOT NULL REFERENCES enrolment_policies (cohort_id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  quota           integer CHECK (quota >= 0),
  PRIMARY KEY (cohort_id, organisation_id)
);

ALTER TABLE enrolments
  ADD COLUMN IF NOT EXISTS started_on date,
  ADD COLUMN module_ids uuid[];             -- null: no choice yet (every module)

-- Seats in use and the waitlist's queue (by time of request) per cohort.
CREATE INDEX enrolments_by_cohort_status ON enrolments (cohort_id, status, requested_at, id);

-- Replica of modules' programmes and modules, for the choice of electives.
CREATE TABLE programmes (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  min_electives integer NOT NULL DEFAULT 0,
  max_electives integer,
  version       bigint NOT NULL
);
CREATE TABLE programme_modules (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL,
  code          text NOT NULL,
  mandatory     boolean NOT NULL,
  version       bigint NOT NULL
);
CREATE INDEX programme_modules_by_programme ON programme_modules (programme_id, code, id);
ALTER TABLE programmes ADD COLUMN start_on_approval boolean NOT NULL DEFAULT false;

-- When a participant started (started_on): the first session they attended, from modules'
-- sessions and attendance's marks (replicas by version), in the session's own time zone.
CREATE TABLE sessions (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  cohort_id     uuid NOT NULL,
  starts_at     timestamptz NOT NULL,
  time_zone     text NOT NULL,
  status        text NOT NULL,
  version       bigint NOT NULL
);
CREATE TABLE attendance_marks (
  record_id      uuid PRIMARY KEY,        -- one per session and participant; version = revision
  federation_id  text NOT NULL,
  session_id     uuid NOT NULL,
  participant_id uuid NOT NULL,
  cohort_id      uuid NOT NULL,
  attended       boolean NOT NULL,        -- present or late
  version        bigint NOT NULL
);
CREATE INDEX attendance_marks_by_participant ON attendance_marks (participant_id, cohort_id) WHERE attended;
CREATE INDEX attendance_marks_by_session ON attendance_marks (session_id) WHERE attended;
