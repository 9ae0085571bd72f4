-- The attendance policy of each session's programme, for imports turning minutes into a status:
-- the cohort replica links a session's cohort to its programme, the programme replica holds the
-- programme's present percent. Both merge by version. A session whose cohort or programme is not
-- known (yet) has the default policy (ADR 0072).
CREATE TABLE cohorts (
  id            uuid PRIMARY KEY,
  federation_id text NOT NULL,
  programme_id  uuid NOT NULL,
  version       bigint NOT NULL
);

CREATE TABLE programme_policies (
  id              uuid PRIMARY KEY,  -- the programme id
  federation_id   text NOT NULL,
  present_percent integer NOT NULL CHECK (present_percent BETWEEN 1 AND 100),
  version         bigint NOT NULL
);
