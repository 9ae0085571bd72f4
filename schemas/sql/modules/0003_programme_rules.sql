-- A programme's rules (issue 9): how many electives a participant chooses, whether started_on is
-- the approval date, and the completion rule (all five rule_* columns NULL: no rule set). Changing
-- them is a new version of the programme (programme.changed).
ALTER TABLE programmes
  ADD COLUMN min_electives              integer NOT NULL DEFAULT 0 CHECK (min_electives >= 0),
  ADD COLUMN max_electives              integer CHECK (max_electives >= min_electives),
  ADD COLUMN start_on_approval          boolean NOT NULL DEFAULT false,
  ADD COLUMN rule_threshold_percent     integer CHECK (rule_threshold_percent BETWEEN 1 AND 100),
  ADD COLUMN rule_basis                 text CHECK (rule_basis IN ('sessions', 'hours')),
  ADD COLUMN rule_excused_counts        boolean,
  ADD COLUMN rule_self_study_counts     boolean,
  ADD COLUMN rule_conferences_mandatory boolean;
