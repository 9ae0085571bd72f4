-- Attendance's self-study entries and the state of each monthly time statement (issue 8 §6, §8),
-- so the hours export counts approved self-study apart from sessions and says whether each month
-- was confirmed. Both merged by version.
CREATE TABLE self_study_entries (       -- attendance.self_study.changed
  entry_id        uuid PRIMARY KEY,
  federation_id   text NOT NULL,
  participant_id  uuid NOT NULL,
  organisation_id uuid NOT NULL,
  cohort_id       uuid NOT NULL,
  module_id       uuid NOT NULL,
  studied_on      date NOT NULL,
  minutes         integer NOT NULL,
  status          text NOT NULL,          -- pending, approved, rejected: only approved counts
  version         bigint NOT NULL
);
CREATE INDEX reporting_self_study_by_cohort ON self_study_entries (federation_id, cohort_id);

CREATE TABLE statement_states (         -- attendance.statement.changed
  statement_key  text PRIMARY KEY,        -- participant id '/' month
  federation_id  text NOT NULL,
  participant_id uuid NOT NULL,
  month          text NOT NULL,           -- YYYY-MM
  state          text NOT NULL,           -- confirmed, superseded; no row: open
  version        bigint NOT NULL
);
