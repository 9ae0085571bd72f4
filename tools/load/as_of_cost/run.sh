#!/bin/sh
# The cost of as-of reads and of the history trigger (ADR 0074) on a synthetic read model:
# N participants (default 10000) in 20 cohorts of 20 sessions, one mark each (20 N marks), totals
# filled. Usage: tools/load/as_of_cost/run.sh DATABASE_URL [N]   (makes and drops schema as_of_cost)
set -eu
url=$1 n=${2:-10000} dir=$(cd "$(dirname "$0")" && pwd) sql=$(cd "$(dirname "$0")/../../../schemas/sql/reporting" && pwd)
psql -q "$url" -c "DROP SCHEMA IF EXISTS as_of_cost CASCADE; DROP SCHEMA IF EXISTS as_of_cost_asof CASCADE; CREATE SCHEMA as_of_cost"
export PGOPTIONS="-c search_path=as_of_cost -c client_min_messages=warning"
for f in "$sql"/000[1-6]_*.sql; do psql -q -v ON_ERROR_STOP=1 "$url" -f "$f" >/dev/null; done
psql -q -v ON_ERROR_STOP=1 -v n="$n" "$url" -f "$dir/synthetic.sql"
echo "seeding the history (0007 and later):"
start=$(date +%s)
for f in "$sql"/000[7-9]_*.sql "$sql"/00[1-9][0-9]_*.sql; do [ -f "$f" ] && psql -q -v ON_ERROR_STOP=1 "$url" -f "$f" >/dev/null; done
echo "  $(( $(date +%s) - start )) s"
psql -q "$url" -c "ANALYZE" -f "$dir/measure.sql" | grep -E '^(live|as of|projection|Time)'
psql -q "$url" -c "DROP SCHEMA as_of_cost CASCADE; DROP SCHEMA as_of_cost_asof CASCADE"
