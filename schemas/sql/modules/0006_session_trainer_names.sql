-- The display names of a session's trainers, by token subject ({"subject": "name"}): staff names
-- the sessions export shows as the teacher (ADR 0072). A trainer may have none.
ALTER TABLE sessions ADD COLUMN trainer_names jsonb NOT NULL DEFAULT '{}'
  CHECK (jsonb_typeof(trainer_names) = 'object');
