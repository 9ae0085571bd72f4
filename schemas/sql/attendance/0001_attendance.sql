-- Evidence of time: one current attendance record per session and participant, and every
-- revision of it kept (a correction is a new revision, never an overwrite of history).
-- Replicas of sessions (from modules) and approved enrolments (from enrolment) let the service
-- check a record without calling other services.

CREATE TABLE sessions (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  cohort_id     uuid NOT NULL,
  module_id     uuid,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL
);

CREATE TABLE enrolments (
  id              uuid PRIMARY KEY,
  federation_id   text NOT NULL,
  participant_id  uuid NOT NULL,
  organisation_id uuid NOT NULL,
  cohort_id       uuid NOT NULL,
  approved_at     timestamptz NOT NULL
);
CREATE INDEX enrolments_by_participant ON enrolments (federation_id, participant_id, cohort_id);

CREATE TABLE attendance (
  id             uuid PRIMARY KEY,          -- the record id: the Kafka key of its events
  federation_id  text NOT NULL,
  session_id     uuid NOT NULL REFERENCES sessions (id),
  participant_id uuid NOT NULL,
  status         text NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
  minutes        integer NOT NULL CHECK (minutes >= 0),
  revision       integer NOT NULL,
  recorded_by    text NOT NULL,             -- token subject
  recorded_at    timestamptz NOT NULL,
  UNIQUE (session_id, participant_id)
);

CREATE TABLE attendance_revisions (
  record_id    uuid NOT NULL REFERENCES attendance (id),
  revision     integer NOT NULL,
  status       text NOT NULL,
  minutes      integer NOT NULL,
  recorded_by  text NOT NULL,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (record_id, revision)
);
