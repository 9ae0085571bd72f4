-- Every revision says how and why it was made (ADR 0050): its source, the reason (required for
-- every change after the first mark), and for a meeting-report import, the import and the file's
-- SHA-256. Rows already here were typed in by hand.
ALTER TABLE attendance
  ADD COLUMN source text NOT NULL DEFAULT 'manual'
    CHECK (source IN ('manual', 'import', 'check_in', 'auto'));
ALTER TABLE attendance ALTER COLUMN source DROP DEFAULT;

ALTER TABLE attendance_revisions
  ADD COLUMN source      text NOT NULL DEFAULT 'manual'
    CHECK (source IN ('manual', 'import', 'check_in', 'auto')),
  ADD COLUMN reason      text,
  ADD COLUMN import_id   uuid,
  ADD COLUMN file_sha256 text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT import_revisions_name_their_file
    CHECK ((source = 'import') = (import_id IS NOT NULL AND file_sha256 IS NOT NULL));
ALTER TABLE attendance_revisions ALTER COLUMN source DROP DEFAULT;

-- One row per applied import that changed at least one mark (one that changes nothing leaves no
-- trace but its answer). Names and e-mail addresses from the file are not kept.
CREATE TABLE attendance_imports (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  session_id    uuid NOT NULL REFERENCES sessions (id),
  file_sha256   text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  format        text NOT NULL,
  rows          integer NOT NULL,
  changes       integer NOT NULL,
  imported_by   text NOT NULL,  -- token subject
  imported_at   timestamptz NOT NULL
);
CREATE INDEX attendance_imports_by_session ON attendance_imports (federation_id, session_id);

-- The participants' e-mail addresses (from participant.registered), lower-cased, to match the
-- rows of a meeting report; nothing else about the person is kept here.
CREATE TABLE participants (
  id              uuid PRIMARY KEY,
  federation_id   text NOT NULL,
  organisation_id uuid NOT NULL,
  email           text NOT NULL,
  version         bigint NOT NULL
);
CREATE INDEX participants_by_email ON participants (federation_id, email);

-- Other addresses a participant joins meetings with (a private account, a second employer), set
-- by an administrator or the participant's coordinator; lower-cased.
CREATE TABLE participant_email_aliases (
  participant_id uuid PRIMARY KEY,
  federation_id  text NOT NULL,
  emails         text[] NOT NULL,
  version        bigint NOT NULL
);
CREATE INDEX participant_email_aliases_by_email ON participant_email_aliases USING gin (emails);
