-- The replicas keep the whole lifecycle and merge by version (db::upsert_if_newer): a session can
-- be rescheduled or cancelled (session.changed), an enrolment withdrawn with a leaving date
-- (enrolment.changed), and events of one aggregate may arrive replayed or out of order.

-- Rows already here came from session.scheduled: version 1, scheduled. Their time zone was not
-- kept; modules' default zone is the best guess, and the next session.changed replaces it.
ALTER TABLE sessions
  ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Stockholm',
  ADD COLUMN status    text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  ADD COLUMN version   bigint NOT NULL DEFAULT 1;
ALTER TABLE sessions ALTER COLUMN time_zone DROP DEFAULT, ALTER COLUMN status DROP DEFAULT,
  ALTER COLUMN version DROP DEFAULT;

-- Rows already here came from enrolment.approved: version 1, approved. Every status is kept from
-- now on, so approved_at is null until an enrolment is approved.
ALTER TABLE enrolments
  ADD COLUMN status  text NOT NULL DEFAULT 'approved'
    CHECK (status IN ('interest', 'pending', 'approved', 'waitlisted', 'rejected', 'withdrawn')),
  ADD COLUMN left_on date,
  ADD COLUMN version bigint NOT NULL DEFAULT 1,
  ALTER COLUMN approved_at DROP NOT NULL;
ALTER TABLE enrolments ALTER COLUMN status DROP DEFAULT, ALTER COLUMN version DROP DEFAULT;
