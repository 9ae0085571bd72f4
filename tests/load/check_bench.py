#!/usr/bin/env python3
"""bench.py end to end at a tiny scale (no timing assertions: only that it runs and reports everything).

Runs tools/load/bench.py on its own throwaway stack with one-second scenarios, a 300-event backlog
and a 20-participant scale scenario, then checks:
  1. it exits 0 (no scenario had errors, no event was dead-lettered);
  2. the printed table has a line for every row in bench_report.ROWS, and the JSON the same figures;
  3. the drains and the scale feed are complete: every backlog event was published and applied, and
     reporting's read model gained exactly the attendance records the generator produced;
  4. every figure with a target carries a verdict (True or False), whatever the numbers are.
Usage: check_bench.py BUILD_DIR
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "load"))
from bench_report import ROWS  # noqa: E402

BACKLOG, PARTICIPANTS, SESSIONS, IMPORT_ROWS = 300, 20, 3, 200


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build = Path(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory(prefix="bench-smoke-") as directory:
        out = Path(directory) / "bench.json"
        command = [sys.executable, str(ROOT / "tools/load/bench.py"), "--build-dir", str(build),
                   "--stack-dir", str(build / "bench-smoke-stack"), "--seconds", "1", "--connections", "4",
                   "--db-clients", "2", "--kafka-messages", "2000", "--backlog", str(BACKLOG),
                   "--scale-participants", str(PARTICIPANTS), "--import-rows", str(IMPORT_ROWS), "--cohort-size", "10", "--sessions", str(SESSIONS),
                   "--out", str(out)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=840)
        if done.returncode != 0:
            failures.append(f"bench.py exited {done.returncode}: {done.stderr[-2000:]}")
        table = {line.split()[0] for line in done.stdout.splitlines() if line.strip()}
        failures += [f"row {name} missing from the table" for name, _ in ROWS if name not in table]
        if out.exists():
            document = json.loads(out.read_text())
            names = [f["name"] for f in document["figures"]]
            if names != [name for name, _ in ROWS]:
                failures.append(f"the JSON figures are {names}, expected every row in order")
            raw = document["raw"]
            relay, projector, feed = raw["relay_drain"], raw["projector_drain"], raw["scale_feed"]
            if relay["events"] != BACKLOG or relay["unpublished"] != 0:
                failures.append(f"relay drain incomplete: {relay}")
            if projector["new_rows"] != BACKLOG:
                failures.append(f"projector drain incomplete: {projector}")
            if raw["participant_import"]["created"] != IMPORT_ROWS:
                failures.append(f"participant import incomplete: {raw['participant_import']}")
            if feed["new_rows"] != PARTICIPANTS * SESSIONS or feed["failed"] != 0:
                failures.append(f"scale feed incomplete: {feed}")
            for figure in document["figures"]:
                if figure["target"] and figure["ok"] not in (True, False):
                    failures.append(f"{figure['name']} has a target but no verdict")
        elif done.returncode == 0:
            failures.append("bench.py wrote no JSON")
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    if not failures:
        print(done.stdout)
        print("bench.py smoke test passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
