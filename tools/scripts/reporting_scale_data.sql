-- Synthetic data for measuring reporting's exports and indicators at 100k participants (issue 9):
-- 100k participants with entry facts and approved enrolments in one cohort, 100,020 sessions in it,
-- 2M attendance records. Load into a migrated reporting schema (samverkan-reporting migrate), then
-- time 'samverkan-reporting export sessions|hours --federation ostergotland --cohort
-- 22222222-2222-4222-8222-222222222222 --out FILE' and GET /v1/programmes/11111111-1111-4111-8111-111111111111/indicators.
-- Usage: psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f tools/scripts/reporting_scale_data.sql
SET search_path = reporting;
INSERT INTO programmes (id, federation_id, title, min_electives, start_on_approval, rule_threshold_percent, rule_basis, rule_excused_counts, rule_self_study_counts, rule_conferences_mandatory, version)
VALUES ('11111111-1111-4111-8111-111111111111', 'ostergotland', 'P', 1, false, 80, 'sessions', false, true, true, 1);
INSERT INTO cohorts VALUES ('22222222-2222-4222-8222-222222222222', 'ostergotland', '11111111-1111-4111-8111-111111111111', 'C');
INSERT INTO organisations SELECT ('00000001-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'ostergotland', 'Org ' || i, CASE WHEN i % 3 = 0 THEN 'region' ELSE 'municipality' END FROM generate_series(1, 20) i;
INSERT INTO modules SELECT ('00000004-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'ostergotland', '11111111-1111-4111-8111-111111111111', 'M' || i, 'Module ' || i, i = 1, 8 FROM generate_series(1, 5) i;
-- 20 sessions people attend (4 per module), then 100k more for the sessions export.
INSERT INTO sessions (id, federation_id, cohort_id, module_id, kind, starts_at, ends_at, status, version, time_zone)
SELECT ('00000005-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'ostergotland', '22222222-2222-4222-8222-222222222222',
       ('00000004-0000-4000-8000-' || lpad(to_hex(1 + (i - 1) % 5), 12, '0'))::uuid, 'lecture',
       timestamptz '2026-03-02 08:00Z' + (i || ' hours')::interval, timestamptz '2026-03-02 10:00Z' + (i || ' hours')::interval, 'scheduled', 1, 'Europe/Stockholm'
FROM generate_series(1, 100020) i;
INSERT INTO participants (id, federation_id, organisation_id, gender, birth_year, version)
SELECT ('00000002-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'ostergotland', ('00000001-0000-4000-8000-' || lpad(to_hex(1 + i % 20), 12, '0'))::uuid, 'woman', 1960 + i % 40, 1 FROM generate_series(1, 100000) i;
INSERT INTO enrolments (id, federation_id, participant_id, organisation_id, cohort_id, status, version, started_on)
SELECT ('00000006-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'ostergotland', ('00000002-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ('00000001-0000-4000-8000-' || lpad(to_hex(1 + i % 20), 12, '0'))::uuid, '22222222-2222-4222-8222-222222222222', 'approved', 2, date '2026-03-01' + (i % 200) FROM generate_series(1, 100000) i;
INSERT INTO entry_facts
SELECT ('00000002-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'ostergotland', ('00000001-0000-4000-8000-' || lpad(to_hex(1 + i % 20), 12, '0'))::uuid, NULL,
  'answered', (ARRAY['woman','man','non_binary'])[1 + i % 3], 'self_declared',
  'answered', 1950 + i % 55, 'estimate',
  CASE WHEN i % 17 = 0 THEN 'declined' ELSE 'answered' END, CASE WHEN i % 17 = 0 THEN NULL ELSE (ARRAY['employed','unemployed','long_term_unemployed','inactive'])[1 + i % 4] END, CASE WHEN i % 17 = 0 THEN NULL ELSE 'target_group' END,
  'answered', (ARRAY['isced_0_2','isced_3_4','isced_5_8'])[1 + i % 3], 'self_declared', 1
FROM generate_series(1, 100000) i;
-- 20 marks each: 2M attendance records.
INSERT INTO attendance (record_id, federation_id, session_id, participant_id, cohort_id, module_id, status, minutes, revision, source_event_id, version)
SELECT gen_random_uuid(), 'ostergotland', ('00000005-0000-4000-8000-' || lpad(to_hex(s), 12, '0'))::uuid, ('00000002-0000-4000-8000-' || lpad(to_hex(p), 12, '0'))::uuid,
  '22222222-2222-4222-8222-222222222222', ('00000004-0000-4000-8000-' || lpad(to_hex(1 + (s - 1) % 5), 12, '0'))::uuid,
  CASE WHEN (p + s) % 10 = 0 THEN 'absent' ELSE 'present' END, CASE WHEN (p + s) % 10 = 0 THEN 0 ELSE 120 END, 1, gen_random_uuid(), 1
FROM generate_series(1, 100000) p, generate_series(1, 20) s;
-- Totals are not filled here (session_totals stay empty; the rebuild with a completion rule over a
-- 100,020-session cohort is the slow case noted in ADR 0055). Mark them done so the service starts.
UPDATE totals_rebuild SET pending = false;
ANALYZE;
