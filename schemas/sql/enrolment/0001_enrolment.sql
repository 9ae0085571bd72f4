-- Who takes part: member organisations, participants and their cohort enrolments, plus a replica
-- of the cohorts planned in the modules service (built from its events).

CREATE TABLE organisations (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  name          text NOT NULL,
  org_number    text NOT NULL,            -- Swedish organisationsnummer, NNNNNN-NNNN
  type          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (federation_id, org_number)
);

CREATE TABLE participants (
  id              uuid PRIMARY KEY,
  federation_id   text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name            text NOT NULL,          -- personal data: never logged
  email           text NOT NULL,          -- personal data: never logged
  gender          text NOT NULL,
  birth_year      integer NOT NULL,
  role            text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX participants_email ON participants (federation_id, lower(email));
CREATE INDEX participants_by_organisation ON participants (federation_id, organisation_id, id);

-- Replica of modules' cohorts: enrolment checks that a cohort exists without calling modules.
CREATE TABLE cohorts (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL,
  name          text NOT NULL,
  starts_on     date NOT NULL,
  ends_on       date NOT NULL
);

CREATE TABLE enrolments (
  id              uuid PRIMARY KEY,
  federation_id   text NOT NULL,
  participant_id  uuid NOT NULL REFERENCES participants (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  cohort_id       uuid NOT NULL REFERENCES cohorts (id),
  status          text NOT NULL CHECK (status IN ('pending', 'approved')),
  requested_at    timestamptz NOT NULL DEFAULT now(),
  approved_at     timestamptz,
  approved_by     text,                   -- token subject of the approver
  UNIQUE (participant_id, cohort_id)
);
CREATE INDEX enrolments_by_cohort ON enrolments (federation_id, cohort_id, id);
