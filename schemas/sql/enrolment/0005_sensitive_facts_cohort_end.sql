-- Sensitive categories (ADR 0070) and the leaving date at the cohort's end (issue 7 section 6).

-- The programme replica learns whether a programme collects sensitive categories
-- (programme.created/changed, sensitive_categories; absent: false).
ALTER TABLE programmes ADD COLUMN sensitive_categories boolean NOT NULL DEFAULT false;

-- A participant's sensitive categories, apart from the entry facts: one current row, no history
-- (an old value kept is one more copy of special-category data). Never in an event or log line;
-- the audit entry of a change holds the participant id and versions only.
CREATE TABLE sensitive_facts (
  participant_id           uuid PRIMARY KEY REFERENCES participants (id),
  federation_id            text NOT NULL,
  disability_state         text NOT NULL CHECK (disability_state IN ('answered', 'declined', 'not_asked')),
  disability_value         boolean,
  foreign_background_state text NOT NULL CHECK (foreign_background_state IN ('answered', 'declined', 'not_asked')),
  foreign_background_value boolean,
  minority_state           text NOT NULL CHECK (minority_state IN ('answered', 'declined', 'not_asked')),
  minority_value           boolean,
  version                  bigint NOT NULL CHECK (version >= 1),
  changed_at               timestamptz NOT NULL DEFAULT now(),
  CHECK ((disability_state = 'answered') = (disability_value IS NOT NULL)),
  CHECK ((foreign_background_state = 'answered') = (foreign_background_value IS NOT NULL)),
  CHECK ((minority_state = 'answered') = (minority_value IS NOT NULL))
);

-- The last counts published per cohort (sensitive_counts.changed): its row is the lock that orders
-- every change that moves a count, and the version the next event carries.
CREATE TABLE sensitive_counts (
  cohort_id     uuid PRIMARY KEY REFERENCES cohorts (id),
  federation_id text NOT NULL,
  counts        jsonb NOT NULL,
  version       bigint NOT NULL CHECK (version >= 0)  -- 0: locked, never published
);

-- An approved enrolment keeps its status when its cohort ends; it gets left_on = the cohort's
-- ends_on (the periodic cohort-end job). left_on is still required for a withdrawal.
ALTER TABLE enrolments
  DROP CONSTRAINT enrolments_left_on_when_withdrawn,
  ADD CONSTRAINT enrolments_left_on_when_withdrawn_or_ended
    CHECK ((status <> 'withdrawn' OR left_on IS NOT NULL)
           AND (left_on IS NULL OR status IN ('withdrawn', 'approved')));
-- The job's search: approved enrolments still without a leaving date.
CREATE INDEX enrolments_approved_without_left_on ON enrolments (cohort_id)
  WHERE status = 'approved' AND left_on IS NULL;
