-- Drill-down (issue 9 §4, ADR 0078): each current attendance record keeps where its revision
-- came from, so a figure opens to its marks and each mark names its source without asking
-- attendance. From attendance.recorded.v1's optional members; rows stored before this migration
-- keep NULLs (the record's history in attendance still says), until their next revision arrives.
ALTER TABLE attendance
  ADD COLUMN source       text,          -- manual, import, check_in, auto
  ADD COLUMN import_id    uuid,          -- set for imports
  ADD COLUMN file_sha256  text,          -- the imported file's SHA-256, lower-case hex
  ADD COLUMN reason_given boolean,       -- whether the revision carries a reason (text: attendance)
  ADD COLUMN recorded_at  timestamptz;   -- when the revision was recorded
