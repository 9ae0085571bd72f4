-- The trainers assigned to a session, as token subjects (sorted, unique): only they mark its
-- attendance. A JSON array, so the session's row and its event carry the same list.
ALTER TABLE sessions ADD COLUMN trainer_subjects jsonb NOT NULL DEFAULT '[]'
  CHECK (jsonb_typeof(trainer_subjects) = 'array');
