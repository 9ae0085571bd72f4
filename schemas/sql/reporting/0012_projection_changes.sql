-- Per federation, how many projected events changed the rows the indicators read (participants,
-- enrolments, entry facts, organisations, cohorts, programmes, sessions, attendance). The projector
-- bumps it in the event's own transaction and the rebuild bumps every federation, so a cached
-- indicator answer labelled with an older count is known to be stale (ADR 0080).
CREATE TABLE projection_changes (
  federation_id text PRIMARY KEY,
  changes       bigint NOT NULL
);
