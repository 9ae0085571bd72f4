-- Completion (issue 9 §1): the programmes' rules, replicated from modules, and each participant's
-- completion of a cohort, kept so a change (completed, or a correction undoing it) is noticed and
-- published as reporting.completion.changed. A row exists once the participant has ever completed;
-- no row means not complete. `samverkan-reporting rebuild` recomputes them.

CREATE TABLE programmes (               -- modules.programme.created / programme.changed
  id                         uuid PRIMARY KEY,
  federation_id              text NOT NULL,
  title                      text NOT NULL,
  min_electives              integer NOT NULL,
  max_electives              integer,
  start_on_approval          boolean NOT NULL,
  rule_threshold_percent     integer,   -- NULL: no completion rule
  rule_basis                 text,
  rule_excused_counts        boolean,
  rule_self_study_counts     boolean,
  rule_conferences_mandatory boolean,
  version                    bigint NOT NULL
);

CREATE INDEX reporting_cohorts_by_programme ON cohorts (federation_id, programme_id);

CREATE TABLE participant_completions (
  participant_id uuid NOT NULL,
  cohort_id      uuid NOT NULL,
  federation_id  text NOT NULL,
  programme_id   uuid NOT NULL,
  complete       boolean NOT NULL,
  completed_on   date,                   -- when the last requirement was met
  version        bigint NOT NULL,        -- 1 at the first completion, one more at each change
  PRIMARY KEY (participant_id, cohort_id)
);
CREATE INDEX reporting_completions_by_cohort ON participant_completions (federation_id, cohort_id);
