-- Monthly time statements: every confirmed version of a participant's month, with the canonical
-- content exactly as confirmed and its SHA-256. A version is never rewritten: a later change to
-- the month only moves its state from confirmed to superseded, and the next confirmation is a new
-- version.
CREATE TABLE statements (
  federation_id      text NOT NULL,
  participant_id     uuid NOT NULL,
  month              text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  version            integer NOT NULL CHECK (version >= 1),
  state              text NOT NULL CHECK (state IN ('confirmed', 'superseded')),
  canonical          text NOT NULL,
  sha256             text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  session_minutes    bigint NOT NULL CHECK (session_minutes >= 0),
  self_study_minutes bigint NOT NULL CHECK (self_study_minutes >= 0),
  confirmed_by       text NOT NULL,  -- token subject
  confirmed_at       timestamptz NOT NULL,
  PRIMARY KEY (federation_id, participant_id, month, version)
);
CREATE INDEX statements_by_month ON statements (federation_id, month);

-- Sessions by local month, for a participant's statement.
CREATE INDEX attendance_by_participant ON attendance (federation_id, participant_id);

-- Self-study. Whether a cohort allows it is set here per cohort (PUT
-- /v1/cohorts/{cohort_id}/self-study-policy) until programmes carry such a flag; no row: not allowed.
CREATE TABLE self_study_policies (
  federation_id text NOT NULL,
  cohort_id     uuid NOT NULL,
  allowed       boolean NOT NULL,
  version       bigint NOT NULL CHECK (version >= 1),
  PRIMARY KEY (federation_id, cohort_id)
);

-- One row per logged entry; the description and a rejection's reason are free text and stay here.
CREATE TABLE self_study (
  id              uuid PRIMARY KEY,
  federation_id   text NOT NULL,
  participant_id  uuid NOT NULL,
  organisation_id uuid NOT NULL,
  cohort_id       uuid NOT NULL,
  module_id       uuid NOT NULL,
  studied_on      date NOT NULL,
  minutes         integer NOT NULL CHECK (minutes BETWEEN 1 AND 720),
  description     text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
  status          text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  decision_reason text,
  logged_by       text NOT NULL,
  logged_at       timestamptz NOT NULL,
  decided_by      text,
  decided_at      timestamptz,
  version         bigint NOT NULL CHECK (version >= 1)
);
CREATE INDEX self_study_by_participant ON self_study (federation_id, participant_id, studied_on);

-- Self check-in: the secret a session's rotating codes are derived from (opened by a trainer),
-- and the wrong codes entered, counted per participant, for the limits.
CREATE TABLE check_ins (
  session_id    uuid PRIMARY KEY REFERENCES sessions (id),
  federation_id text NOT NULL,
  secret        text NOT NULL,  -- 32 random bytes, hex; never leaves the service
  opened_by     text NOT NULL,
  opened_at     timestamptz NOT NULL
);
CREATE TABLE check_in_failures (
  federation_id  text NOT NULL,
  session_id     uuid NOT NULL REFERENCES sessions (id),
  participant_id uuid NOT NULL,
  failures       integer NOT NULL CHECK (failures >= 1),
  PRIMARY KEY (session_id, participant_id)
);
