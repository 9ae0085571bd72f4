-- Participant logins (ADR 0061): which participant a token's subject is linked to, so a
-- participant token reads its own progress. Kept apart from the participants' report rows;
-- merged by the participant's version from participant.registered and participant.changed.
CREATE TABLE participant_links (
  participant_id uuid PRIMARY KEY,
  federation_id  text NOT NULL,
  subject        text,                    -- null: not linked
  version        bigint NOT NULL
);
CREATE INDEX participant_links_by_subject ON participant_links (federation_id, subject);
