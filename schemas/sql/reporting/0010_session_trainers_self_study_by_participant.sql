-- A session's trainers as [{"subject", "name"}] in subject order (session.scheduled/changed carry
-- them; the sessions export names the teacher, ADR 0072). Sessions stored before this migration
-- have none until their next event (a replay brings no newer version).
ALTER TABLE sessions ADD COLUMN trainers jsonb NOT NULL DEFAULT '[]'
  CHECK (jsonb_typeof(trainers) = 'array');

-- Progress and completion read a participant's approved self-study (ADR 0072).
CREATE INDEX reporting_self_study_by_participant ON self_study_entries (federation_id, participant_id);
