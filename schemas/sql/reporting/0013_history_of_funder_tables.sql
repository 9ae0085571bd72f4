-- The tables added beside the history (0008, 0011) are read by reports and exports too, so they
-- keep their history like the others (ADR 0074): a report as of a moment reads the sensitive
-- counts, names, unit costs and submissions of that moment.
SELECT track_history('sensitive_counts', 'cohort_id');
SELECT track_history('participant_names', 'participant_id');
SELECT track_history('unit_costs', 'federation_id', 'programme_id', 'funder');
SELECT track_history('monthly_file_submissions', 'federation_id', 'programme_id', 'month');
