-- Funder files (issue 9 §3): the monthly participant file's submissions, the co-financing unit
-- costs and the participants' names for the names variant of the exports.

-- Each submission of a programme's monthly participant file: the SHA-256 of the file sent and,
-- for every earlier month with a file then, that file's SHA-256 at that moment, so a later
-- correction to any of them marks this month as needing resubmission. A new submission of the
-- same month replaces the row (version + 1); the audit trail keeps each one.
CREATE TABLE monthly_file_submissions (
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL,
  month         text NOT NULL,          -- YYYY-MM
  sha256        text NOT NULL,
  earlier       jsonb NOT NULL,         -- {"YYYY-MM": sha256, ...}
  submitted_at  timestamptz NOT NULL,
  submitted_by  text NOT NULL,          -- the token subject, never a name
  version       bigint NOT NULL,
  PRIMARY KEY (federation_id, programme_id, month)
);

-- A funder's unit cost per hour for a programme, versioned by date (rates: [{"valid_from":
-- "YYYY-MM-DD", "per_hour_minor": n}, ...] in minor units, by valid_from), with its rounding rule.
CREATE TABLE unit_costs (
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL,
  funder        text NOT NULL,
  currency      text NOT NULL,
  rounding      text NOT NULL,
  rates         jsonb NOT NULL,
  version       bigint NOT NULL,
  PRIMARY KEY (federation_id, programme_id, funder)
);

-- Participants' names (participant.registered / participant.changed), merged by version, kept
-- apart from every other table: read only by the names variant of the exports, never logged.
CREATE TABLE participant_names (
  participant_id uuid PRIMARY KEY,
  federation_id  text NOT NULL,
  name           text NOT NULL,
  version        bigint NOT NULL
);
