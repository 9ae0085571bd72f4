-- Who marks and who is expected: the trainers of each session (session.scheduled/changed
-- trainer_subjects) and the modules each participant chose (enrolment.changed module_ids; null
-- means no choice recorded, so every module). And apologies registered before a session.

ALTER TABLE sessions ADD COLUMN trainer_subjects jsonb NOT NULL DEFAULT '[]'
  CHECK (jsonb_typeof(trainer_subjects) = 'array');
ALTER TABLE enrolments ADD COLUMN module_ids jsonb
  CHECK (module_ids IS NULL OR jsonb_typeof(module_ids) = 'array');

-- One apology per session and participant, registered before the session starts. The reason is
-- free text: it stays here, never in an event or a log. Auto-marking turns it into 'excused' when
-- the session has ended and the person has no mark.
CREATE TABLE apologies (
  id             uuid PRIMARY KEY,
  federation_id  text NOT NULL,
  session_id     uuid NOT NULL REFERENCES sessions (id),
  participant_id uuid NOT NULL,
  reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  registered_by  text NOT NULL,  -- token subject
  registered_at  timestamptz NOT NULL,
  UNIQUE (session_id, participant_id)
);
CREATE INDEX apologies_by_session ON apologies (federation_id, session_id);

-- Which participant a participant token (role participant) is: the token subject linked to a
-- participant record (participant.registered / participant.changed 'subject'). No personal data.
CREATE TABLE participant_links (
  id            uuid PRIMARY KEY,  -- the participant id
  federation_id text NOT NULL,
  subject       text,
  version       bigint NOT NULL
);
CREATE INDEX participant_links_by_subject ON participant_links (federation_id, subject);

-- Auto-marking: the session version last auto-marked (0: never), so a second run skips it and a
-- rescheduled session (a new version) is looked at again once it has ended.
ALTER TABLE sessions ADD COLUMN auto_marked_version bigint NOT NULL DEFAULT 0;
CREATE INDEX sessions_due_for_auto_marking ON sessions (ends_at) WHERE status = 'scheduled';
