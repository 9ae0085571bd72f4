-- A session's trainers as [{"subject", "name"}] in subject order (session.scheduled/changed carry
-- them; the sessions export names the teacher, ADR 0072). Sessions stored before this migration
-- have none until their next event or a replay.
ALTER TABLE sessions ADD COLUMN trainers jsonb NOT NULL DEFAULT '[]'
  CHECK (jsonb_typeof(trainers) = 'array');
