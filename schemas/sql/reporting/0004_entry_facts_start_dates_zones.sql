-- ESF+ indicators (issue 9 §2): each participant's entry facts as enrolment.entry_facts.recorded
-- carries them (merged by version; the state says answered, not_asked or declined, and value and
-- source are set exactly when answered), and the start date enrolment.changed now carries. These
-- are personal data kept only for the indicators: never in logs, labels or events.

CREATE TABLE entry_facts (
  participant_id           uuid PRIMARY KEY,
  federation_id            text NOT NULL,
  organisation_id          uuid NOT NULL,
  frozen_on                date,
  gender_state             text NOT NULL,
  gender                   text,
  gender_source            text,
  birth_year_state         text NOT NULL,
  birth_year               integer,
  birth_year_source        text,
  employment_status_state  text NOT NULL,
  employment_status        text,
  employment_status_source text,
  education_level_state    text NOT NULL,
  education_level          text,
  education_level_source   text,
  version                  bigint NOT NULL
);

ALTER TABLE enrolments ADD COLUMN started_on date;   -- enrolment.changed (null: not started)

-- The exports show sessions in their local time (session.scheduled / session.changed carry it).
ALTER TABLE sessions ADD COLUMN time_zone text;
