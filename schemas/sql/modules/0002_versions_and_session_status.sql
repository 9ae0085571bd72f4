-- Every aggregate has a version (1 when created, one more at each change), which its events carry.
-- Sessions can now be rescheduled and cancelled: a status, and the reason of a cancellation.

ALTER TABLE programmes ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE cohorts ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE modules ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);

ALTER TABLE sessions
  ADD COLUMN status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  ADD COLUMN cancellation_reason text,  -- free text: stays here, never in an event
  ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD CONSTRAINT sessions_reason_iff_cancelled CHECK ((status = 'cancelled') = (cancellation_reason IS NOT NULL));
