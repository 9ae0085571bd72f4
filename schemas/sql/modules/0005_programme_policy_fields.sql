-- Two more programme rules (issue 7, issue 13): whether enrolment collects the sensitive
-- categories (ADR 0070), and the share of a session's scheduled minutes at which attendance marks
-- a participant present. Existing programmes keep the defaults: off, and 75 %.
ALTER TABLE programmes
  ADD COLUMN sensitive_categories boolean NOT NULL DEFAULT false,
  ADD COLUMN present_percent      integer NOT NULL DEFAULT 75
    CHECK (present_percent BETWEEN 1 AND 100);
