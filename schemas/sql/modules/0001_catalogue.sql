-- The programme catalogue: programmes, their cohorts (rounds) and modules, and dated sessions.
-- Every row carries its federation (tenant); every query filters on it.

CREATE TABLE programmes (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  title         text NOT NULL,
  description   text,
  funder        text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programmes_by_federation ON programmes (federation_id, id);

CREATE TABLE cohorts (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL REFERENCES programmes (id),
  name          text NOT NULL,
  starts_on     date NOT NULL,
  ends_on       date NOT NULL CHECK (ends_on >= starts_on),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, name)
);
CREATE INDEX cohorts_by_programme ON cohorts (federation_id, programme_id, id);

CREATE TABLE modules (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL REFERENCES programmes (id),
  code          text NOT NULL,
  title         text NOT NULL,
  mandatory     boolean NOT NULL,
  planned_hours integer NOT NULL CHECK (planned_hours >= 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, code)
);
CREATE INDEX modules_by_programme ON modules (federation_id, programme_id, id);

CREATE TABLE sessions (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  cohort_id     uuid NOT NULL REFERENCES cohorts (id),
  module_id     uuid REFERENCES modules (id),   -- NULL for a conference
  kind          text NOT NULL,
  title         text NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL CHECK (ends_at > starts_at),
  time_zone     text NOT NULL,                  -- IANA name, for local display
  delivery      text NOT NULL,
  location      text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_by_cohort ON sessions (federation_id, cohort_id, starts_at);
