-- Versions on every aggregate and on the cohort replica (ADR 0037), the complete enrolment
-- lifecycle with its stage and leaving date, and e-mail addresses unique per organisation rather
-- than per federation, so a clash never reveals another organisation's people (ADR 0038).

-- The cohort replica is written only by db::upsert_if_newer. Rows from events without a version
-- (published before versions existed) count as version 1.
ALTER TABLE cohorts ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE cohorts ALTER COLUMN version DROP DEFAULT;

-- Organisations and participants do not change yet: they stay at version 1.
ALTER TABLE organisations ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE participants ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);

DROP INDEX participants_email;
CREATE UNIQUE INDEX participants_email ON participants (federation_id, organisation_id, lower(email));

ALTER TABLE enrolments
  DROP CONSTRAINT enrolments_status_check,
  ADD COLUMN stage text CHECK (stage IN ('organisation', 'federation')),
  ADD COLUMN left_on date,                  -- withdrawn: the last day of participation
  ADD COLUMN changed_at timestamptz,
  ADD COLUMN version bigint;

-- Existing rows: a pending enrolment waits at the first stage; an approved one has had one change.
UPDATE enrolments
   SET stage = CASE WHEN status = 'pending' THEN 'organisation' END,
       version = CASE WHEN status = 'approved' THEN 2 ELSE 1 END,
       changed_at = coalesce(approved_at, requested_at);

ALTER TABLE enrolments
  ALTER COLUMN version SET NOT NULL,
  ALTER COLUMN changed_at SET NOT NULL,
  ADD CONSTRAINT enrolments_status_check
    CHECK (status IN ('interest', 'pending', 'approved', 'waitlisted', 'rejected', 'withdrawn')),
  ADD CONSTRAINT enrolments_stage_when_pending CHECK ((status = 'pending') = (stage IS NOT NULL)),
  ADD CONSTRAINT enrolments_left_on_when_withdrawn CHECK ((status = 'withdrawn') = (left_on IS NOT NULL)),
  ADD CONSTRAINT enrolments_version_check CHECK (version >= 1);
