-- Entry facts for funders (ADR 0060), the participant login link (ADR 0061), and the enrolment's
-- start date the facts freeze at.

-- The lead's enrolment migration adds the same column; both are idempotent, so either order works.
ALTER TABLE enrolments ADD COLUMN IF NOT EXISTS started_on date;

-- A participant may be linked to the subject (sub) of a token with role participant; one record
-- per subject in a federation.
ALTER TABLE participants ADD COLUMN subject text;
CREATE UNIQUE INDEX participants_subject ON participants (federation_id, subject)
  WHERE subject IS NOT NULL;

-- Every version of a participant's entry facts, appended and never updated: the first record,
-- the changes before the start, and the corrections (with their reason) after it. The current
-- facts are the row with the highest version. Personal data: never logged.
CREATE TABLE entry_facts (
  participant_id    uuid NOT NULL REFERENCES participants (id),
  version           bigint NOT NULL CHECK (version >= 1),
  federation_id     text NOT NULL,
  frozen_on         date,                 -- the start date the facts were frozen at, once started
  gender_state      text NOT NULL,
  gender_value      text,
  gender_source     text,
  birth_year_state  text NOT NULL,
  birth_year_value  integer,
  birth_year_source text,
  employment_state  text NOT NULL,
  employment_value  text,
  employment_source text,
  education_state   text NOT NULL,
  education_value   text,
  education_source  text,
  reason            text,                 -- required for a correction after the start
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  recorded_by       text NOT NULL,        -- token subject
  PRIMARY KEY (participant_id, version),
  CHECK (gender_state IN ('answered', 'not_asked', 'declined')
     AND birth_year_state IN ('answered', 'not_asked', 'declined')
     AND employment_state IN ('answered', 'not_asked', 'declined')
     AND education_state IN ('answered', 'not_asked', 'declined')),
  -- A value exactly when answered.
  CHECK ((gender_state = 'answered') = (gender_value IS NOT NULL)
     AND (birth_year_state = 'answered') = (birth_year_value IS NOT NULL)
     AND (employment_state = 'answered') = (employment_value IS NOT NULL)
     AND (education_state = 'answered') = (education_value IS NOT NULL)),
  CHECK (frozen_on IS NULL OR version = 1 OR reason IS NOT NULL)
);
