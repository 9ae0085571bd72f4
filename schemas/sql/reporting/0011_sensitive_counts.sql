-- Sensitive categories (ADR 0070): per cohort, how many approved enrolments answered yes or no,
-- declined, or were not asked, per category (enrolment.sensitive_counts.changed, by version).
-- Counts only: reporting never holds a person's value.
CREATE TABLE sensitive_counts (
  cohort_id                    uuid PRIMARY KEY,
  federation_id                text NOT NULL,
  programme_id                 uuid NOT NULL,
  disability_yes               integer NOT NULL,
  disability_no                integer NOT NULL,
  disability_declined          integer NOT NULL,
  disability_not_asked         integer NOT NULL,
  foreign_background_yes       integer NOT NULL,
  foreign_background_no        integer NOT NULL,
  foreign_background_declined  integer NOT NULL,
  foreign_background_not_asked integer NOT NULL,
  minority_yes                 integer NOT NULL,
  minority_no                  integer NOT NULL,
  minority_declined            integer NOT NULL,
  minority_not_asked           integer NOT NULL,
  version                      bigint NOT NULL
);
CREATE INDEX sensitive_counts_by_programme ON sensitive_counts (federation_id, programme_id);
