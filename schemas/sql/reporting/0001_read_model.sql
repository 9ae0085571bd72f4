-- Reporting's read model, built only from events. Each table says which event fills it. Figures
-- are computed from these rows at read time, so every number traces back to attendance records.

CREATE TABLE organisations (            -- enrolment.organisation.registered
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  name          text NOT NULL,
  type          text NOT NULL
);

CREATE TABLE participants (             -- enrolment.participant.registered (no names or e-mail)
  id              uuid PRIMARY KEY,
  federation_id   text NOT NULL,
  organisation_id uuid NOT NULL,
  gender          text NOT NULL,
  birth_year      integer NOT NULL
);

CREATE TABLE cohorts (                  -- modules.cohort.created
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL,
  name          text NOT NULL
);

CREATE TABLE modules (                  -- modules.module.created
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL,
  code          text NOT NULL,
  title         text NOT NULL,
  mandatory     boolean NOT NULL,
  planned_hours integer NOT NULL
);

CREATE TABLE sessions (                 -- modules.session.scheduled
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  cohort_id     uuid NOT NULL,
  module_id     uuid,
  kind          text NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL
);

CREATE TABLE enrolments (               -- enrolment.enrolment.requested / approved
  id              uuid PRIMARY KEY,
  federation_id   text NOT NULL,
  participant_id  uuid NOT NULL,
  organisation_id uuid NOT NULL,
  cohort_id       uuid NOT NULL,
  status          text NOT NULL
);
CREATE INDEX reporting_enrolments_by_cohort ON enrolments (federation_id, cohort_id);

CREATE TABLE attendance (               -- attendance.attendance.recorded; highest revision wins
  record_id       uuid PRIMARY KEY,
  federation_id   text NOT NULL,
  session_id      uuid NOT NULL,
  participant_id  uuid NOT NULL,
  cohort_id       uuid NOT NULL,
  module_id       uuid,
  status          text NOT NULL,
  minutes         integer NOT NULL,
  revision        integer NOT NULL,
  source_event_id uuid NOT NULL          -- the event this figure came from
);
CREATE INDEX reporting_attendance_by_participant ON attendance (federation_id, participant_id);
CREATE INDEX reporting_attendance_by_cohort ON attendance (federation_id, cohort_id);
