INSERT INTO organisations SELECT ('00000000-0000-0000-0001-' || lpad(o::text, 12, '0'))::uuid, 'fed', 'Org ' || o, 'municipality' FROM generate_series(1, 10) o;
INSERT INTO cohorts SELECT ('00000000-0000-0000-0003-' || lpad(c::text, 12, '0'))::uuid, 'fed', '00000000-0000-0000-0008-000000000001', 'C' || c FROM generate_series(1, 20) c;
INSERT INTO modules VALUES ('00000000-0000-0000-0004-000000000001', 'fed', '00000000-0000-0000-0008-000000000001', 'M1', 'M', true, 40);
INSERT INTO participants SELECT ('00000000-0000-0000-0002-' || lpad(p::text, 12, '0'))::uuid, 'fed', ('00000000-0000-0000-0001-' || lpad((p % 10 + 1)::text, 12, '0'))::uuid, 'woman', 1980, 1 FROM generate_series(1, :n) p;
INSERT INTO sessions (id, federation_id, cohort_id, module_id, kind, starts_at, ends_at, status, version, time_zone)
 SELECT ('00000000-0000-0000-0005-' || lpad((c * 100 + s)::text, 12, '0'))::uuid, 'fed', ('00000000-0000-0000-0003-' || lpad(c::text, 12, '0'))::uuid, '00000000-0000-0000-0004-000000000001', 'lecture', timestamptz '2026-01-05 08:00Z' + s * interval '7 days', timestamptz '2026-01-05 10:00Z' + s * interval '7 days', 'scheduled', 1, 'Europe/Stockholm'
 FROM generate_series(1, 20) c, generate_series(1, 20) s;
INSERT INTO enrolments (id, federation_id, participant_id, organisation_id, cohort_id, status, version)
 SELECT ('00000000-0000-0000-0006-' || lpad(p::text, 12, '0'))::uuid, 'fed', ('00000000-0000-0000-0002-' || lpad(p::text, 12, '0'))::uuid, ('00000000-0000-0000-0001-' || lpad((p % 10 + 1)::text, 12, '0'))::uuid, ('00000000-0000-0000-0003-' || lpad((p % 20 + 1)::text, 12, '0'))::uuid, 'approved', 2 FROM generate_series(1, :n) p;
INSERT INTO attendance (record_id, federation_id, session_id, participant_id, cohort_id, module_id, status, minutes, revision, source_event_id, version)
 SELECT gen_random_uuid(), 'fed', ('00000000-0000-0000-0005-' || lpad(((p % 20 + 1) * 100 + s)::text, 12, '0'))::uuid, ('00000000-0000-0000-0002-' || lpad(p::text, 12, '0'))::uuid, ('00000000-0000-0000-0003-' || lpad((p % 20 + 1)::text, 12, '0'))::uuid, '00000000-0000-0000-0004-000000000001', 'present', 120, 1, gen_random_uuid(), 1
 FROM generate_series(1, :n) p, generate_series(1, 20) s;
INSERT INTO participant_module_totals SELECT participant_id, module_id, 'fed', count(*), 0, 0, 0, 0, sum(minutes) FROM attendance GROUP BY 1, 2;
INSERT INTO cohort_organisation_totals SELECT a.cohort_id, p.organisation_id, 'fed', (SELECT count(*) FROM enrolments e WHERE e.cohort_id = a.cohort_id AND e.organisation_id = p.organisation_id), 0, count(*), 0, 0, 0, 0, sum(a.minutes) FROM attendance a JOIN participants p ON p.id = a.participant_id GROUP BY 1, 2;
INSERT INTO session_totals SELECT session_id, cohort_id, 'fed', count(*), 0, 0, 0, 0, sum(minutes) FROM attendance GROUP BY 1, 2;
INSERT INTO cohort_session_totals SELECT cohort_id, 'fed', count(*), 0 FROM sessions GROUP BY 1;

