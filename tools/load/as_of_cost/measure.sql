PREPARE summary(text, uuid, uuid) AS
SELECT h.known, h.name, COALESCE(s.scheduled, 0), COALESCE(s.cancelled, 0),
  t.organisation_id::text, COALESCE(o.name, ''), t.enrolled, t.withdrawn,
  t.present, t.late, t.excused, t.absent, t.other, t.minutes, COALESCE(k.completed, 0)
 FROM (SELECT EXISTS (SELECT 1 FROM cohorts WHERE federation_id = $1 AND id = $2::uuid)
         OR EXISTS (SELECT 1 FROM enrolments WHERE federation_id = $1
                    AND cohort_id = $2::uuid) AS known,
       (SELECT name FROM cohorts WHERE federation_id = $1 AND id = $2::uuid) AS name) h
 LEFT JOIN cohort_session_totals s ON s.federation_id = $1 AND s.cohort_id = $2::uuid
 LEFT JOIN cohort_organisation_totals t ON t.federation_id = $1 AND t.cohort_id = $2::uuid
  AND ($3::uuid IS NULL OR t.organisation_id = $3::uuid)
 LEFT JOIN organisations o ON o.id = t.organisation_id AND o.federation_id = $1
 LEFT JOIN (SELECT p.organisation_id, count(*) AS completed FROM participant_completions pc
   JOIN participants p ON p.id = pc.participant_id AND p.federation_id = pc.federation_id
   WHERE pc.federation_id = $1 AND pc.cohort_id = $2::uuid AND pc.complete
   GROUP BY p.organisation_id) k ON k.organisation_id = t.organisation_id
 ORDER BY COALESCE(o.name, ''), t.organisation_id;
PREPARE hours(text, uuid) AS
WITH sessions_part AS (SELECT a.participant_id, to_char(s.starts_at AT TIME ZONE COALESCE(s.time_zone, 'UTC'), 'YYYY-MM') AS month,
 COALESCE(sum(a.minutes) FILTER (WHERE s.kind <> 'self_study'), 0) AS session_minutes
 FROM attendance a JOIN sessions s ON s.id = a.session_id AND s.federation_id = a.federation_id
 WHERE a.federation_id = $1 AND a.cohort_id = $2 AND s.status <> 'cancelled' GROUP BY 1, 2)
SELECT count(*), sum(session_minutes) FROM sessions_part;

\timing on
\echo live: summary x3, hours export query x2
EXECUTE summary('fed', '00000000-0000-0000-0003-000000000001', NULL);
EXECUTE summary('fed', '00000000-0000-0000-0003-000000000001', NULL);
EXECUTE summary('fed', '00000000-0000-0000-0003-000000000001', NULL);
EXECUTE hours('fed', '00000000-0000-0000-0003-000000000001');
EXECUTE hours('fed', '00000000-0000-0000-0003-000000000001');
\echo as of now: the same
BEGIN;
SELECT set_config('samverkan.as_of', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), true) \gset
SELECT set_config('search_path', quote_ident(current_schema() || '_asof') || ', ' || quote_ident(current_schema()), true) \gset
EXECUTE summary('fed', '00000000-0000-0000-0003-000000000001', NULL);
EXECUTE summary('fed', '00000000-0000-0000-0003-000000000001', NULL);
EXECUTE summary('fed', '00000000-0000-0000-0003-000000000001', NULL);
EXECUTE hours('fed', '00000000-0000-0000-0003-000000000001');
EXECUTE hours('fed', '00000000-0000-0000-0003-000000000001');
COMMIT;
\echo projection: 10000 marks of one cohort updated with the history trigger, then without
UPDATE attendance SET minutes = minutes - 1 WHERE cohort_id = '00000000-0000-0000-0003-000000000002';
ALTER TABLE attendance DISABLE TRIGGER record_history;
UPDATE attendance SET minutes = minutes + 1 WHERE cohort_id = '00000000-0000-0000-0003-000000000002';
ALTER TABLE attendance ENABLE TRIGGER record_history;
