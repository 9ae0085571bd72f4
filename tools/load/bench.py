#!/usr/bin/env python3
"""Measures Samverkan against baselines taken in the same run, and reports the ratios.

Starts a throwaway stack (tools/stack/stack.py), loads the demo programme, then runs, each for a
bounded time on loopback:
  a. baseline-http          bare Beast: libs/http's server with one trivial route (samverkan-load)
  b. get_programmes         GET /v1/programmes on modules (JWT check + one indexed read)
  c. cohort_summary         GET /v1/cohorts/{id}/summary on reporting (a heavy aggregate read)
  d. put_attendance         PUT /v1/sessions/{s}/attendance/{p} on attendance, every request a
                            correction (a revision and an outbox row); the relay's publish rate is
                            taken from attendance's /metrics over the same window
  e. pgbench_select/_write  pgbench -S and -N against the stack's PostgreSQL (own database)
  f. baseline-kafka         samverkan::kafka::Producer to the stack's dev broker, batches of 200
and prints a table plus the ratios (see tools/load/README.md). Standard library only. Usage:
  python3 tools/load/bench.py --build-dir build --seconds 10 --out /tmp/bench.json
The stack is stopped at the end, also on failure or Ctrl-C. Exit status 1 if any scenario had errors.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "stack"))
from stack import PG_BIN, SERVICES, Stack, as_postgres  # noqa: E402  (sits in tools/stack)

NOW = "2026-11-25T12:00:00+01:00"  # the demo's "today": most 2026 sessions have ended and have marks
KAFKA_BATCH = 200  # the relay's batch size (libs/events/src/outbox_relay.cpp), so the baseline matches it
SESSIONS_FOR_PUT, PARTICIPANTS_FOR_PUT = 8, 16  # 128 (session, participant) rows, split over connections
# Two different marks: every request to a row changes it, so each one writes a revision and an event.
PUT_BODIES = ({"status": "late", "minutes": 17}, {"status": "present"})


class Terminated(Exception):
    pass


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def api(method, url, token, body=None, timeout=15.0):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}


def get_json(url, token):
    status, body = api("GET", url, token)
    if status != 200:
        raise RuntimeError(f"GET {url} answered {status}")
    return body


def produced_events(stack, name):
    """Sum of samverkan_events_produced_total over all topics and types on one service."""
    with urllib.request.urlopen(stack.url(name, "/metrics"), timeout=5) as response:
        text = response.read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("samverkan_events_produced_total"))


def outbox_backlog(stack, name):
    with urllib.request.urlopen(stack.url(name, "/metrics"), timeout=5) as response:
        text = response.read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("samverkan_outbox_backlog_events"))


class Bench:
    def __init__(self, args):
        self.args = args
        self.build = Path(args.build_dir).resolve()
        self.tool = self.build / "tools/load/samverkan-load"
        self.work = Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
        self.stack = Stack(Path(args.stack_dir).resolve(), self.build, durable=False)
        self.results = {}
        self.token = None

    # -- running things, always bounded ---------------------------------------------------------

    def load_tool(self, *arguments):
        """Runs samverkan-load, returns its JSON line. The tool stops itself; the timeout is a safety net."""
        command = [str(self.tool), *map(str, arguments)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=self.args.seconds + 60)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:2])} exited {done.returncode}: {done.stderr.strip()[:500]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def psql(self, database, sql):
        as_postgres(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.stack.pg.port),
                     "-U", "postgres", "-d", database, "-c", sql], stdout=subprocess.DEVNULL)

    # -- setup ----------------------------------------------------------------------------------

    def start(self):
        if not self.tool.exists():
            raise RuntimeError(f"{self.tool} is missing: cmake --build {self.build} --target samverkan-load")
        log(f"starting a throwaway stack in {self.stack.dir} ...")
        self.stack.start_infra()
        self.stack.ports = {}
        self.stack.start_services()
        self.token = self.stack.token()
        log("loading the demo programme ...")
        subprocess.run([sys.executable, str(ROOT / "tools/demo/load_demo.py"), "--token", self.token, "--now", NOW,
                        *[f"--{name}={self.stack.url(name)}" for name in SERVICES]],
                       check=True, stdout=sys.stderr, timeout=600)

    def demo_ids(self):
        """The 2026 cohort, some of its sessions and some of its (approved) participants."""
        modules = lambda path: self.stack.url("modules", path)  # noqa: E731
        programme = get_json(modules("/v1/programmes"), self.token)["items"][0]["id"]
        cohorts = get_json(modules(f"/v1/programmes/{programme}/cohorts"), self.token)["items"]
        cohort = next(c["id"] for c in cohorts if c["starts_on"] == "2026-03-01")
        sessions = get_json(modules(f"/v1/cohorts/{cohort}/sessions?limit={SESSIONS_FOR_PUT}"), self.token)["items"]
        participants = get_json(self.stack.url("enrolment", f"/v1/participants?limit={PARTICIPANTS_FOR_PUT}"),
                                self.token)["items"]
        return cohort, [s["id"] for s in sessions], [p["id"] for p in participants]

    def prepare_put_targets(self, sessions, participants):
        """One URL per (session, participant); each row is set to the second body first, so the run, which
        starts with the first, changes the row on every request. Also proves attendance knows every pair."""
        urls = [self.stack.url("attendance", f"/v1/sessions/{s}/attendance/{p}") for s in sessions for p in participants]
        for url in urls:
            deadline = time.monotonic() + 30
            while True:
                status, _ = api("PUT", url, self.token, PUT_BODIES[1])
                if status in (200, 201):
                    break
                if status not in (404, 422) or time.monotonic() > deadline:
                    raise RuntimeError(f"PUT {url} answered {status} while preparing the attendance run")
                time.sleep(0.2)  # attendance has not yet heard of the session or the enrolment
        url_file = self.work / "attendance-urls.txt"
        url_file.write_text("".join(u + "\n" for u in urls))
        body_files = []
        for index, body in enumerate(PUT_BODIES):
            path = self.work / f"attendance-body-{index}.json"
            path.write_text(json.dumps(body))
            body_files += ["--body-file", path]
        return url_file, body_files

    def settle_outbox(self, name, timeout=60):
        """Waits until the outbox is empty and the produced count has stopped moving. The backlog gauge is
        refreshed only every second, so an empty backlog alone may be stale; returns the produced count."""
        deadline = time.monotonic() + timeout
        last, unchanged_since = produced_events(self.stack, name), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            count = produced_events(self.stack, name)
            if count != last:
                last, unchanged_since = count, time.monotonic()
            elif time.monotonic() - unchanged_since >= 1.5 and outbox_backlog(self.stack, name) == 0:
                break
        return last

    # -- scenarios ------------------------------------------------------------------------------

    def http_scenario(self, *arguments):
        return self.load_tool("http", "--connections", self.args.connections, "--seconds", self.args.seconds,
                              "--header", f"Authorization: Bearer {self.token}", *arguments)

    def pgbench(self, mode):
        """pgbench select-only (-S) or simple-update (-N); tps plus latency percentiles from its per-transaction log."""
        logs = self.work / f"pgbench{mode}"
        logs.mkdir()
        command = [str(PG_BIN / "pgbench"), "-h", "127.0.0.1", "-p", str(self.stack.pg.port), "-U", "postgres",
                   mode, "-c", str(self.args.connections), "-j", "2", "-T", str(max(1, round(self.args.seconds))),
                   "-l", "--log-prefix", str(logs / "tx"), "pgbench"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=self.args.seconds + 60, cwd=logs)
        tps = re.search(r"^tps = ([0-9.]+)", done.stdout, re.MULTILINE)
        if done.returncode != 0 or not tps:
            raise RuntimeError(f"pgbench {mode} exited {done.returncode}: {done.stderr.strip()[-500:]}")
        tps = float(tps.group(1))
        failed = re.search(r"^number of failed transactions: (\d+)", done.stdout, re.MULTILINE)
        latencies = []
        for path in logs.iterdir():
            for line in path.read_text().splitlines():
                fields = line.split()
                if len(fields) >= 3 and fields[2].isdigit():
                    latencies.append(int(fields[2]) / 1000.0)  # microseconds -> ms
        latencies.sort()

        def percentile(p):
            if not latencies:
                return 0.0
            return latencies[min(len(latencies), max(1, -(-len(latencies) * p // 100))) - 1]

        return {"tps": tps, "transactions": len(latencies), "errors": int(failed.group(1)) if failed else 0,
                "p50_ms": round(percentile(50), 3), "p99_ms": round(percentile(99), 3),
                "max_ms": round(latencies[-1] if latencies else 0.0, 3)}

    def run(self):
        seconds, connections = self.args.seconds, self.args.connections
        self.start()
        cohort, sessions, participants = self.demo_ids()
        log(f"cohort {cohort}, {len(sessions)} sessions x {len(participants)} participants for the PUT run")

        log("a. baseline-http (bare Beast) ...")
        self.results["baseline_http"] = self.load_tool("baseline-http", "--connections", connections,
                                                       "--seconds", seconds)
        log("b. GET /v1/programmes on modules ...")
        self.results["get_programmes"] = self.http_scenario("--url", self.stack.url("modules", "/v1/programmes"))
        log("c. GET /v1/cohorts/{id}/summary on reporting ...")
        self.results["cohort_summary"] = self.http_scenario(
            "--url", self.stack.url("reporting", f"/v1/cohorts/{cohort}/summary"))

        log("d. PUT attendance corrections ...")
        url_file, body_files = self.prepare_put_targets(sessions, participants)
        before = self.settle_outbox("attendance")
        started = time.monotonic()
        put = self.http_scenario("--method", "PUT", "--url-file", url_file, *body_files)
        after, window = produced_events(self.stack, "attendance"), time.monotonic() - started
        self.results["put_attendance"] = put
        drained = self.settle_outbox("attendance")
        self.results["relay"] = {"events": after - before, "seconds": round(window, 3),
                                 "events_per_s": round((after - before) / window, 3),
                                 "events_after_drain": drained - before,
                                 "successful_puts": put["requests"] - put["errors"]}

        log("e. pgbench ...")
        self.psql("postgres", "CREATE DATABASE pgbench")
        as_postgres([str(PG_BIN / "pgbench"), "-i", "-q", "-s", "1", "-h", "127.0.0.1", "-p", str(self.stack.pg.port),
                     "-U", "postgres", "pgbench"], capture_output=True, timeout=300)
        self.results["pgbench_select"] = self.pgbench("-S")
        self.results["pgbench_write"] = self.pgbench("-N")

        log("f. baseline-kafka (librdkafka to the dev broker) ...")
        self.results["baseline_kafka"] = self.load_tool(
            "baseline-kafka", "--brokers", self.stack.brokers, "--messages", 10_000_000, "--batch", KAFKA_BATCH,
            "--seconds", seconds)

    def stop(self):
        self.stack.stop()
        subprocess.run(["rm", "-rf", str(self.work)], check=False)

    # -- report ---------------------------------------------------------------------------------

    def ratios(self):
        r = self.results

        def ratio(numerator, denominator):
            return round(numerator / denominator, 4) if denominator else None

        return {
            "get_programmes_rps / baseline_http_rps": ratio(r["get_programmes"]["rps"], r["baseline_http"]["rps"]),
            "cohort_summary_rps / baseline_http_rps": ratio(r["cohort_summary"]["rps"], r["baseline_http"]["rps"]),
            "put_attendance_rps / pgbench_write_tps": ratio(r["put_attendance"]["rps"], r["pgbench_write"]["tps"]),
            "relay_events_per_s / baseline_kafka_msgs_per_s": ratio(r["relay"]["events_per_s"],
                                                                   r["baseline_kafka"]["msgs_per_s"]),
        }

    def rows(self):
        r = self.results
        rows = []
        for name in ("baseline_http", "get_programmes", "cohort_summary", "put_attendance"):
            x = r[name]
            rows.append((name, x["rps"], "req/s", x["p50_ms"], x["p99_ms"], x["errors"]))
        rows.append(("relay (during put_attendance)", r["relay"]["events_per_s"], "events/s", None, None, None))
        for name in ("pgbench_select", "pgbench_write"):
            x = r[name]
            rows.append((name, x["tps"], "tps", x["p50_ms"], x["p99_ms"], x["errors"]))
        k = r["baseline_kafka"]
        rows.append(("baseline_kafka", k["msgs_per_s"], "msgs/s", None, None, k["failed"]))
        return rows

    def report(self):
        def cell(value, digits=2):
            return "-" if value is None else (f"{value:.{digits}f}" if isinstance(value, float) else str(value))

        header = f"{'scenario':<30} {'rate':>11} {'unit':<9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        lines = [f"samverkan bench: {self.args.seconds:g} s per scenario, {self.args.connections} connections, "
                 f"{os.cpu_count()} cores", header, "-" * len(header)]
        for name, rate, unit, p50, p99, errors in self.rows():
            lines.append(f"{name:<30} {rate:>11.1f} {unit:<9} {cell(p50, 3):>8} {cell(p99, 3):>8} {cell(errors):>7}")
        relay = self.results["relay"]
        lines += ["", f"relay: {relay['events']:.0f} events published during the PUT run, "
                      f"{relay['events_after_drain']:.0f} once the outbox drained, for {relay['successful_puts']} "
                      f"successful PUTs (equal when every PUT was a real correction)", "", "ratios (the result):"]
        for name, value in self.ratios().items():
            lines.append(f"  {name:<48} {cell(value, 4)}")
        print("\n".join(lines), flush=True)
        if self.args.out:
            document = {"seconds_per_scenario": self.args.seconds, "connections": self.args.connections,
                        "cores": os.cpu_count(), "now": NOW, "scenarios": self.results, "ratios": self.ratios()}
            Path(self.args.out).write_text(json.dumps(document, indent=2) + "\n")
        return sum((row[5] or 0) for row in self.rows())


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=str(ROOT / "build"))
    parser.add_argument("--stack-dir", default=None, help="logs and state of the throwaway stack "
                        "(default BUILD_DIR/bench-stack; emptied at the start)")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each scenario (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections/clients (default 8)")
    parser.add_argument("--out", help="also write the results and ratios as JSON to this file")
    args = parser.parse_args()
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be more than 0 and at most 600")
    if not 1 <= args.connections <= 64:
        parser.error("--connections must be from 1 to 64")
    if args.stack_dir is None:
        args.stack_dir = str(Path(args.build_dir) / "bench-stack")
    return args


def main():
    args = parse_args()

    def on_signal(signum, _frame):
        raise Terminated(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    bench = Bench(args)
    errors = 0
    try:
        bench.run()
        errors = bench.report()
    except Terminated:
        log("interrupted")
        return 130
    except (RuntimeError, OSError, subprocess.SubprocessError, ValueError, KeyError) as error:
        log(f"failed: {error}; stack logs in {bench.stack.dir}")
        return 1
    finally:
        # A second Ctrl-C must not cut the clean-up short and leave servers behind.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        log("stopping the stack ...")
        bench.stop()
    if errors:
        log(f"{errors} errors: the rates above are not comparable")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
