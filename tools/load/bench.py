#!/usr/bin/env python3
"""Measures Samverkan against baselines taken in the same run, and prints the ratios and targets.

Starts a throwaway stack (tools/stack/stack.py; the dev broker with --partitions, see README.md),
loads the demo programme, then runs one after another, each bounded:
  baselines   bare libs/http server (samverkan-load, checked with wrk), pgbench -S and -N,
              librdkafka async produce (checked with kcat -P) and consume (checked with kcat -C)
  reads       GET /v1/programmes, progress and the cohort summary at the demo's scale
  writes      PUT attendance corrections
  drains      the relay publishing an outbox backlog inserted with SQL, then reporting (stopped
              while the backlog was built) applying it
  scale       (--scale-participants N, --full for 100k) a synthetic federation, either produced
              as CloudEvents to the topics, paced so the dev broker keeps every event (the time
              reporting takes to catch up), or (--scale-load copy, the default from 100k) COPYed
              into reporting's read model with its totals rebuilt; then summary, progress and the
              indicators on it, and the sessions export of a 100k-session cohort streamed over HTTP
  parse       meeting-report parsing (attendance_meeting_report_bench, Google Benchmark) in rows/s
  RSS         VmRSS of each service, idle and the peak during all of the above
and prints one table (tools/load/README.md says how to read it), also as JSON with --out.
  python3 tools/load/bench.py --quick                 # a few minutes
  python3 tools/load/bench.py --full --out bench.json # plus 100k participants / 2M records
The stack is stopped at the end, also on failure or Ctrl-C. Exit status 1 if anything had errors.
"""
import argparse
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "stack"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import PG_BIN, SERVICES, Process, Stack, as_postgres, wait_for  # noqa: E402
from bench_report import Figure, ratio, render, write_json  # noqa: E402

NOW = "2026-11-25T12:00:00+01:00"  # the demo's "today": most 2026 sessions have ended and have marks
TOPICS = ("samverkan.modules", "samverkan.enrolment", "samverkan.attendance")
CONSUMES = {"reporting": TOPICS, "attendance": TOPICS[:2],  # group -> topics
            "enrolment": (TOPICS[0], TOPICS[2])}
SESSIONS_FOR_PUT, PARTICIPANTS_FOR_PUT = 8, 16
PUT_BODIES = ({"status": "late", "minutes": 17, "reason": "bench"},
              {"status": "present", "reason": "bench"})  # every request a correction (with its reason)
KAFKA_VALUE_BYTES = 200
EXPORT_SESSIONS = 100_000  # sessions in the cohort whose export the scale scenario streams over HTTP
ROUNDS = 3  # Kafka baselines and their kcat checks: alternate rounds, best of each


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


def best(rounds, key):
    """The fastest round, with every round's rate kept beside it."""
    top = dict(max(rounds, key=lambda r: r[key]))
    top["rounds"] = [r[key] for r in rounds]
    return top


def rss_mb(pid):
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmRSS:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) / 1024.0 if found else None


class BenchStack(Stack):
    """The stack with the dev broker started with more partitions. librdkafka's mock cluster keeps
    only about 5 MB per partition and drops the oldest beyond that, so a 40k-event backlog (~28 MB)
    does not fit in the stack's default 3 partitions; a consumer further behind skips events."""

    def __init__(self, directory, build_dir, partitions):
        super().__init__(directory, build_dir, durable=False)
        self.partitions = partitions

    def start_infra(self):
        super().start_infra()
        self.broker.stop()
        addr_file = self.dir / "broker.addr"
        addr_file.unlink(missing_ok=True)
        self.broker = Process("dev-broker", [str(self.build / "tools/dev-broker/samverkan-dev-broker"),
                                             "--bootstrap-file", str(addr_file),
                                             "--partitions", str(self.partitions)], self.dir).start()
        wait_for(lambda: addr_file.exists() or not self.broker.alive(), "the dev broker", timeout=30)
        if not self.broker.alive():
            raise RuntimeError(f"dev broker exited; see {self.broker.log_path}")
        self.brokers = addr_file.read_text().strip()
        return self


class RssSampler(threading.Thread):
    """Samples every service's VmRSS twice a second; keeps the peak per service while `loaded` is set."""

    def __init__(self, stack):
        super().__init__(daemon=True)
        self.stack, self.peak, self.loaded, self.done = stack, {}, threading.Event(), threading.Event()

    def current(self):
        return {name: rss_mb(proc.popen.pid) for name, proc in self.stack.services.items() if proc.alive()}

    def run(self):
        while not self.done.wait(0.5):
            if self.loaded.is_set():
                for name, mb in self.current().items():
                    if mb is not None:
                        self.peak[name] = max(self.peak.get(name, 0.0), mb)


class Bench:
    def __init__(self, args):
        self.args = args
        self.build = Path(args.build_dir).resolve()
        self.tool = self.build / "tools/load/samverkan-load"
        self.work = Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
        self.stack = BenchStack(Path(args.stack_dir).resolve(), self.build, args.partitions)
        self.raw = {}
        self.token = None
        self.sampler = None

    # -- running things, always bounded ---------------------------------------------------------

    def load_tool(self, *arguments, timeout=None):
        """Runs samverkan-load, returns its JSON line. The tool stops itself; the timeout is a safety net."""
        command = [str(self.tool), *map(str, arguments)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout or self.args.seconds + 120)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:2])} exited {done.returncode}: {done.stderr.strip()[:500]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def psql(self, sql, database="samverkan"):
        """Runs SQL, returns the unaligned output (one value per line, '|' between columns)."""
        done = as_postgres(["psql", "-qAt", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.stack.pg.port),
                            "-U", "postgres", "-d", database, "-c", sql], capture_output=True, text=True, timeout=600)
        return done.stdout.strip()

    def count(self, sql):
        return int(self.psql(sql) or 0)

    def lag(self, group):
        topics = [arg for topic in CONSUMES[group] for arg in ("--topic", topic)]
        return self.load_tool("lag", "--brokers", self.stack.brokers, "--group", group, *topics, timeout=60)["lag"]

    def wait_quiet(self, timeout=180):
        """Until every outbox is published and every consumer group has no lag: the next scenario starts clean."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            unpublished = sum(self.count(f"SELECT count(*) FROM {name}.outbox WHERE published_at IS NULL")
                              for name in SERVICES)
            if unpublished == 0 and all(self.lag(group) == 0 for group in CONSUMES):
                return
            time.sleep(0.5)
        raise RuntimeError("the stack did not become quiet (outbox or consumer lag)")

    # -- setup ----------------------------------------------------------------------------------

    def start(self):
        for binary in (self.tool, self.build / "tools/dev-broker/samverkan-dev-broker"):
            if not binary.exists():
                raise RuntimeError(f"{binary} is missing: cmake --build {self.build}")
        log(f"starting a throwaway stack in {self.stack.dir} ({self.args.partitions} partitions per topic) ...")
        self.stack.start_infra()
        self.stack.ports = {}
        self.stack.start_services()
        self.token = self.stack.token()
        log("loading the demo programme ...")
        subprocess.run([sys.executable, str(ROOT / "tools/demo/load_demo.py"), "--token", self.token, "--now", NOW,
                        *[f"--{name}={self.stack.url(name)}" for name in SERVICES]],
                       check=True, stdout=sys.stderr, timeout=900)
        self.sampler = RssSampler(self.stack)
        self.sampler.start()

    def demo_ids(self):
        """The 2026 cohort, some of its sessions and some of its (approved) participants."""
        modules = lambda path: self.stack.url("modules", path)  # noqa: E731
        programme = get_json(modules("/v1/programmes"), self.token)["items"][0]["id"]
        cohorts = get_json(modules(f"/v1/programmes/{programme}/cohorts"), self.token)["items"]
        cohort = next(c["id"] for c in cohorts if c["starts_on"] == "2026-03-01")
        # Sessions every approved participant is expected at: a mandatory module's or a conference
        # (an elective's would be refused for those who did not choose it).
        mandatory = {m["id"] for m in get_json(modules(f"/v1/programmes/{programme}/modules?limit=500"),
                                               self.token)["items"] if m["mandatory"]}
        sessions = [s for s in get_json(modules(f"/v1/cohorts/{cohort}/sessions?limit=500"), self.token)["items"]
                    if s["module_id"] is None or s["module_id"] in mandatory][:SESSIONS_FOR_PUT]
        # Approved in the cohort and not leaving: the demo also has people waitlisted, withdrawn and
        # interested in a later cohort, whose marks attendance refuses.
        enrolments = get_json(self.stack.url("enrolment", f"/v1/enrolments?cohort_id={cohort}&limit=100"),
                              self.token)["items"]
        participants = [e["participant_id"] for e in enrolments
                        if e["status"] == "approved" and not e.get("left_on")][:PARTICIPANTS_FOR_PUT]
        return cohort, [s["id"] for s in sessions], participants

    def url_file(self, name, service, paths):
        path = self.work / f"{name}-urls.txt"
        path.write_text("".join(self.stack.url(service, p) + "\n" for p in paths))
        return path

    # -- baselines ------------------------------------------------------------------------------

    def wrk(self):
        """wrk against the same bare server: if it gets much more than samverkan-load, the generator is the limit."""
        if shutil.which("wrk") is None:
            log("wrk is not installed: the bare-server check is skipped")
            return None
        port_file = self.work / "bare.port"
        seconds = self.args.seconds
        server = subprocess.Popen([str(self.tool), "serve-bare", "--seconds", str(seconds + 5), "--port-file",
                                   str(port_file)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(port_file.exists, "the bare server", timeout=10)
            port = port_file.read_text().strip()
            done = subprocess.run(["wrk", "-t", "2", "-c", str(self.args.connections), "-d", f"{max(1, round(seconds))}s",
                                   "--latency", f"http://127.0.0.1:{port}/v1/ping"],
                                  capture_output=True, text=True, timeout=seconds + 60)
        finally:
            server.wait(timeout=seconds + 30)

        def latency(label):
            found = re.search(rf"^\s+{label}%\s+([0-9.]+)(us|ms|s)\s*$", done.stdout, re.MULTILINE)
            if not found:
                return None
            return float(found.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[found.group(2)]

        rps = re.search(r"^Requests/sec:\s+([0-9.]+)", done.stdout, re.MULTILINE)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
        socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", done.stdout)
        if done.returncode != 0 or not rps:
            raise RuntimeError(f"wrk exited {done.returncode}: {done.stderr.strip()[:300]}")
        return {"rps": float(rps.group(1)), "p50_ms": latency(50), "p99_ms": latency(99),
                "errors": (int(errors.group(1)) if errors else 0) +
                          (sum(map(int, socket_errors.groups())) if socket_errors else 0)}

    def pgbench(self, mode):
        """pgbench -S or -N; tps plus latency percentiles from its per-transaction log."""
        logs = self.work / f"pgbench{mode}"
        logs.mkdir()
        command = [str(PG_BIN / "pgbench"), "-h", "127.0.0.1", "-p", str(self.stack.pg.port), "-U", "postgres",
                   mode, "-c", str(self.args.db_clients), "-j", "2", "-T", str(max(1, round(self.args.seconds))),
                   "-l", "--log-prefix", str(logs / "tx"), "pgbench"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=self.args.seconds + 60, cwd=logs)
        tps = re.search(r"^tps = ([0-9.]+)", done.stdout, re.MULTILINE)
        if done.returncode != 0 or not tps:
            raise RuntimeError(f"pgbench {mode} exited {done.returncode}: {done.stderr.strip()[-500:]}")
        failed = re.search(r"^number of failed transactions: (\d+)", done.stdout, re.MULTILINE)
        latencies = sorted(int(fields[2]) / 1000.0 for path in logs.iterdir()
                           for fields in (line.split() for line in path.read_text().splitlines())
                           if len(fields) >= 3 and fields[2].isdigit())

        def percentile(p):
            return latencies[min(len(latencies), max(1, -(-len(latencies) * p // 100))) - 1] if latencies else 0.0

        return {"tps": float(tps.group(1)), "transactions": len(latencies),
                "errors": int(failed.group(1)) if failed else 0,
                "p50_ms": round(percentile(50), 3), "p99_ms": round(percentile(99), 3)}

    def kafka_produce(self):
        """librdkafka and kcat each produce the same N keyed messages to a fresh topic, alternately, ROUNDS
        times; the best round of each counts (noise only ever slows a round down), every round is kept."""
        n = self.args.kafka_messages
        lines = self.work / "kcat-input.txt"
        value = "x" * KAFKA_VALUE_BYTES
        with lines.open("w") as out:
            for i in range(n):
                out.write(f"key-{i}:{value}\n")
        ours, theirs = [], []
        for round_ in range(ROUNDS):
            ours.append(self.load_tool("kafka-produce", "--brokers", self.stack.brokers, "--topic",
                                       f"load_produce_{round_}", "--messages", n, "--value-bytes",
                                       KAFKA_VALUE_BYTES, timeout=600))
            started = time.monotonic()
            done = subprocess.run(["kcat", "-P", "-q", "-b", self.stack.brokers, "-t", f"load_produce_kcat_{round_}",
                                   "-K", ":", "-l", str(lines)], capture_output=True, text=True, timeout=600)
            seconds = time.monotonic() - started
            if done.returncode != 0:
                raise RuntimeError(f"kcat -P exited {done.returncode}: {done.stderr.strip()[:300]}")
            theirs.append({"messages": n, "seconds": round(seconds, 3), "msgs_per_s": round(n / seconds, 3)})
        lines.unlink()
        return best(ours, "msgs_per_s"), best(theirs, "msgs_per_s")

    def kafka_consume(self, topic):
        """librdkafka and kcat each read the whole topic from the beginning, alternately, ROUNDS times."""
        ours, theirs = [], []
        for _ in range(ROUNDS):
            ours.append(self.load_tool("kafka-consume", "--brokers", self.stack.brokers, "--topic", topic,
                                       timeout=600))
            started = time.monotonic()
            done = subprocess.run(["kcat", "-C", "-q", "-e", "-o", "beginning", "-b", self.stack.brokers, "-t", topic,
                                   "-f", "%o\n"], capture_output=True, text=True, timeout=600)
            seconds = time.monotonic() - started
            if done.returncode != 0:
                raise RuntimeError(f"kcat -C exited {done.returncode}: {done.stderr.strip()[:300]}")
            read = len(done.stdout.splitlines())
            theirs.append({"messages": read, "seconds": round(seconds, 3), "msgs_per_s": round(read / seconds, 3)})
        return best(ours, "streaming_msgs_per_s"), best(theirs, "msgs_per_s")

    # -- scenarios ------------------------------------------------------------------------------

    def http_scenario(self, *arguments):
        return self.load_tool("http", "--connections", self.args.connections, "--seconds", self.args.seconds,
                              "--header", f"Authorization: Bearer {self.token}", *arguments)

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

    def participant_import(self, rows):
        """One CSV of `rows` new participants POSTed to the import route of a fresh organisation,
        all or nothing in one transaction; rows/s over the whole request."""
        # An organisation number: a third digit of 2 or more tells it from a personal identity number.
        nine = f"212{random.randrange(10 ** 6):06d}"
        digits = [int(d) * (2 - i % 2) for i, d in enumerate(nine)]
        check = (10 - sum(d // 10 + d % 10 for d in digits) % 10) % 10  # Luhn
        status, organisation = api("POST", self.stack.url("enrolment", "/v1/organisations"), self.token,
                                   {"name": f"Bench {random.getrandbits(32):08x}",
                                    "org_number": f"{nine[:6]}-{nine[6:]}{check}", "type": "municipality"})
        if status != 201:
            raise RuntimeError(f"participant import: the organisation was refused ({status})")
        salt = f"{random.getrandbits(32):08x}"
        lines = ["name;email;gender;birth_year;employment_status;education_level;facts_source"]
        lines += [f"Person {i};p{i}.{salt}@bench.example;{('woman', 'man')[i % 2]};{1960 + i % 40};"
                  f"employed;isced_5_8;target_group" for i in range(rows)]
        body = ("\n".join(lines) + "\n").encode()
        request = urllib.request.Request(
            self.stack.url("enrolment", f"/v1/organisations/{organisation['id']}/participants/imports"),
            data=body, method="POST", headers={"Authorization": f"Bearer {self.token}",
                                               "Content-Type": "text/csv", "Accept": "application/json"})
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"participant import refused: {error.code} {error.read()[:300]!r}") from error
        seconds = time.monotonic() - started
        created = self.count(f"SELECT count(*) FROM enrolment.participants WHERE organisation_id = "
                             f"'{organisation['id']}'")
        return {"rows": rows, "created": created, "seconds": round(seconds, 3),
                "rows_per_s": round(rows / seconds, 1), "answer_keys": sorted(answer)}

    def insert_backlog(self, n):
        """N valid attendance.recorded events straight into attendance's outbox, in one transaction, for
        new record ids (so each becomes a new read-model row in reporting). Returns the commit time."""
        sql = f"""
            BEGIN;
            INSERT INTO attendance.outbox (id, aggregatetype, aggregateid, type, topic, payload, headers)
            SELECT ev, 'attendance', rec::text, 'se.samverkan.attendance.attendance.recorded.v1',
                   'samverkan.attendance',
                   jsonb_build_object('federation_id', 'ostergotland', 'record_id', rec, 'session_id', session,
                     'participant_id', gen_random_uuid(), 'cohort_id', cohort, 'module_id', NULL,
                     'status', 'present', 'minutes', 180, 'revision', 1, 'recorded_at', at, 'version', 1),
                   jsonb_build_object('ce_specversion', '1.0', 'ce_id', ev, 'ce_source', '/samverkan/attendance',
                     'ce_type', 'se.samverkan.attendance.attendance.recorded.v1', 'ce_time', at,
                     'ce_subject', rec, 'content-type', 'application/json')
            FROM (SELECT gen_random_uuid() AS ev, gen_random_uuid() AS rec, g FROM generate_series(1, {int(n)}) g) x,
                 (SELECT gen_random_uuid() AS session, gen_random_uuid() AS cohort,
                         to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at) fixed
            ORDER BY g;
            COMMIT;
            SELECT extract(epoch FROM clock_timestamp());"""
        return float(self.psql(sql).splitlines()[-1])

    def drains(self):
        """Relay and projector drains of one backlog: reporting stopped, N outbox rows inserted, the relay
        publishes them (timed by published_at), then reporting starts and applies them (timed by the
        inbox's processed_at). Both times come from the database clock."""
        n = self.args.backlog
        self.wait_quiet()
        log(f"relay drain: stopping reporting, inserting {n} outbox rows into attendance ...")
        self.stack.services["reporting"].stop()
        rows_before = self.count("SELECT count(*) FROM reporting.attendance")
        committed = self.insert_backlog(n)
        deadline = time.monotonic() + max(120, n / 100)
        while self.count("SELECT count(*) FROM attendance.outbox WHERE published_at IS NULL") and \
                time.monotonic() < deadline:
            time.sleep(0.2)
        last = float(self.psql("SELECT extract(epoch FROM max(published_at)) FROM attendance.outbox") or 0)
        left = self.count("SELECT count(*) FROM attendance.outbox WHERE published_at IS NULL")
        relay_seconds = max(last - committed, 1e-3)
        self.raw["relay_drain"] = {"events": n - left, "unpublished": left, "seconds": round(relay_seconds, 3),
                                   "events_per_s": round((n - left) / relay_seconds, 3)}

        log("projector drain: starting reporting on the backlog ...")
        started = float(self.psql("SELECT extract(epoch FROM clock_timestamp())"))
        self.stack.start_service("reporting", wait=False)
        deadline = time.monotonic() + max(180, n / 50)
        while self.count("SELECT count(*) FROM reporting.attendance") < rows_before + n and \
                time.monotonic() < deadline:
            time.sleep(0.5)
        self.stack.wait_ready("reporting")
        applied, first, last = self.psql(
            "SELECT count(*), extract(epoch FROM min(processed_at)), extract(epoch FROM max(processed_at)) "
            f"FROM reporting.processed_events WHERE processed_at >= to_timestamp({started})").split("|")
        rows = self.count("SELECT count(*) FROM reporting.attendance") - rows_before
        applying = max(float(last or 0) - float(first or 0), 1e-3)
        self.raw["projector_drain"] = {"events": int(applied), "new_rows": rows, "expected_rows": n,
                                       "seconds_applying": round(applying, 3),
                                       "seconds_from_start": round(float(last or started) - started, 3),
                                       "events_per_s": round(int(applied) / applying, 3)}

    def scale(self):
        if self.args.scale_load == "copy":
            produced = self.scale_by_copy()
        else:
            produced = self.scale_through_events()
        log("scale: summary and progress on it ...")
        summaries = self.url_file("summary-scale", "reporting",
                                  [f"/v1/cohorts/{c}/summary" for c in produced["sample_cohorts"]])
        self.raw["summary_scale"] = self.http_scenario("--url-file", summaries)
        # The latency target is on the query, not on queueing behind busy handler threads: one connection.
        self.raw["summary_scale_one_connection"] = self.load_tool(
            "http", "--connections", 1, "--seconds", self.args.seconds,
            "--header", f"Authorization: Bearer {self.token}", "--url-file", summaries)
        self.raw["progress_scale"] = self.http_scenario("--url-file", self.url_file(
            "progress-scale", "reporting", [f"/v1/participants/{p}/progress" for p in produced["sample_participants"]]))
        # The event feed names neither: its programme is the sample cohorts', its export a sample cohort's.
        first = produced["sample_cohorts"][0]
        self.indicators_at_scale(produced.get("programme") or
                                 self.psql(f"SELECT programme_id FROM reporting.cohorts WHERE id = '{first}'"))
        self.export_at_scale(produced.get("export_cohort", first))

    def indicators_at_scale(self, programme):
        """The first request after a change computes the indicators (timed alone); the scenarios then
        get the answer cached for the federation's projection change count (ADR 0080)."""
        log("scale: indicators ...")
        path = f"/v1/programmes/{programme}/indicators"
        self.psql("UPDATE reporting.projection_changes SET changes = changes + 1")  # as a projected event would
        started = time.monotonic()
        status, body = api("GET", self.stack.url("reporting", path), self.token, timeout=300)
        if status != 200:
            raise RuntimeError(f"GET indicators answered {status}")
        self.raw["indicators_scale_first"] = {"ms": round((time.monotonic() - started) * 1000, 1),
                                              "participants": body["participants"],
                                              "incomplete": len(body["incomplete"]["participants"])}
        urls = self.url_file("indicators-scale", "reporting", [path])
        self.raw["indicators_scale"] = self.http_scenario("--url-file", urls)
        self.raw["indicators_scale_one_connection"] = self.load_tool(
            "http", "--connections", 1, "--seconds", self.args.seconds,
            "--header", f"Authorization: Bearer {self.token}", "--url-file", urls)

    def export_at_scale(self, cohort):
        """GET the sessions export of a cohort with EXPORT_SESSIONS sessions over HTTP, reading the stream as
        it comes; reporting's VmRSS sampled every 20 ms meanwhile (memory must stay flat: ADR 0079)."""
        log(f"scale: the sessions export of {EXPORT_SESSIONS} sessions over HTTP ...")
        pid = self.stack.services["reporting"].popen.pid
        before, peak, stop = rss_mb(pid), [rss_mb(pid)], threading.Event()

        def sample():
            while not stop.wait(0.02):
                mb = rss_mb(pid)
                if mb is not None:
                    peak[0] = max(peak[0], mb)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        request = urllib.request.Request(self.stack.url("reporting", f"/v1/cohorts/{cohort}/exports/sessions.csv"),
                                         headers={"Authorization": f"Bearer {self.token}"})
        started = time.monotonic()
        rows = size = 0
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                chunked = response.headers.get("Transfer-Encoding", "")
                while block := response.read(1 << 20):
                    size += len(block)
                    rows += block.count(b"\n")
        finally:
            stop.set()
            sampler.join()
        seconds = max(time.monotonic() - started, 1e-9)
        self.raw["sessions_export_http"] = {"rows": rows - 1, "bytes": size, "seconds": round(seconds, 3),
                                            "rows_per_s": round((rows - 1) / seconds, 1), "transfer_encoding": chunked,
                                            "rss_before_mb": round(before, 1), "rss_peak_mb": round(peak[0], 1)}

    def copy_rows(self, table, columns, rows):
        """COPY rows (tuples of text) into reporting.<table>, streamed through psql's stdin."""
        sql = f"COPY reporting.{table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
        proc = subprocess.Popen(["psql", "-qAt", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                                 "-p", str(self.stack.pg.port), "-U", "postgres", "-d", "samverkan", "-c", sql],
                                stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        batch = []
        for row in rows:
            batch.append(",".join(row))
            if len(batch) == 10_000:
                proc.stdin.write("\n".join(batch) + "\n")
                batch = []
        if batch:
            proc.stdin.write("\n".join(batch) + "\n")
        proc.stdin.close()
        if proc.wait(timeout=3600) != 0:
            raise RuntimeError(f"COPY into reporting.{table} failed: {proc.stderr.read()[:500]}")

    def scale_by_copy(self):
        """The documented shortcut: the same synthetic federation as the event feed, COPYed straight into
        reporting's read-model tables, then totals rebuilt by `samverkan-reporting rebuild` (the code that
        an upgrade runs; the property test shows it equals the incremental totals). It measures the reads
        at scale, not the projector: the drain scenario measures that."""
        n, size, per = self.args.scale_participants, self.args.cohort_size, self.args.sessions
        salt = random.getrandbits(32)
        fed = "ostergotland"
        uid = lambda kind, i: f"{salt:08x}-{kind:04x}-4000-8000-{i:012x}"  # noqa: E731
        organisations, modules, cohorts = 100, 5, -(-n // size)
        programme = uid(1, 0)
        started = time.monotonic()
        log(f"scale: COPY {n} participants x {per} sessions into reporting's read model ...")
        self.copy_rows("organisations", ["id", "federation_id", "name", "type"],
                       ((uid(2, o), fed, f"Org {o}", "municipality") for o in range(organisations)))
        self.copy_rows("modules", ["id", "federation_id", "programme_id", "code", "title", "mandatory", "planned_hours"],
                       ((uid(3, m), fed, programme, f"M{m + 1}", f"Module {m + 1}", "true" if m == 0 else "false", "10")
                        for m in range(modules)))
        self.copy_rows("cohorts", ["id", "federation_id", "programme_id", "name"],
                       ((uid(4, c), fed, programme, f"Cohort {c}") for c in range(cohorts)))

        def session_rows():
            for c in range(cohorts):
                for k in range(per):
                    day = 1 + k % 28
                    yield (uid(5, c * per + k), fed, uid(4, c), uid(3, k % modules), "lecture",
                           f"2026-0{3 + k // 28}-{day:02d}T09:00:00Z", f"2026-0{3 + k // 28}-{day:02d}T11:00:00Z",
                           "scheduled", "1")
        self.copy_rows("sessions", ["id", "federation_id", "cohort_id", "module_id", "kind", "starts_at", "ends_at",
                                    "status", "version"], session_rows())
        self.copy_rows("participants", ["id", "federation_id", "organisation_id", "gender", "birth_year", "version"],
                       ((uid(6, p), fed, uid(2, p % organisations), ("woman", "man")[p % 2], str(1960 + p % 40), "1")
                        for p in range(n)))
        self.copy_rows("enrolments", ["id", "federation_id", "participant_id", "organisation_id", "cohort_id",
                                      "status", "version"],
                       ((uid(7, p), fed, uid(6, p), uid(2, p % organisations), uid(4, p // size), "approved", "2")
                        for p in range(n)))
        # Entry facts as enrolment records them: most complete, every 17th person declining one
        # question (so the indicators also list some incomplete people); frozen_on is the start date.
        genders, jobs = ("woman", "man", "non_binary"), ("employed", "unemployed", "long_term_unemployed", "inactive")
        levels = ("isced_0_2", "isced_3_4", "isced_5_8")

        def fact_rows():
            for p in range(n):
                declined = p % 17 == 0
                yield (uid(6, p), fed, uid(2, p % organisations), f"2026-03-{1 + p % 28:02d}",
                       "answered", genders[p % 3], "self_declared", "answered", str(1950 + p % 55), "estimate",
                       "declined" if declined else "answered", "" if declined else jobs[p % 4],
                       "" if declined else "target_group", "answered", levels[p % 3], "self_declared", "1")
        self.copy_rows("entry_facts", ["participant_id", "federation_id", "organisation_id", "frozen_on",
                                       "gender_state", "gender", "gender_source", "birth_year_state", "birth_year",
                                       "birth_year_source", "employment_status_state", "employment_status",
                                       "employment_status_source", "education_level_state", "education_level",
                                       "education_level_source", "version"], fact_rows())
        statuses = ("present", "present", "present", "late", "excused", "absent")

        def attendance_rows():
            for p in range(n):
                c = p // size
                for k in range(per):
                    status = statuses[(p + k) % len(statuses)]
                    minutes = {"present": "120", "late": "90"}.get(status, "0")
                    record = uid(8, p * per + k)
                    yield (record, fed, uid(5, c * per + k), uid(6, p), uid(4, c), uid(3, k % modules), status,
                           minutes, "1", record, "1")
        self.copy_rows("attendance", ["record_id", "federation_id", "session_id", "participant_id", "cohort_id",
                                      "module_id", "status", "minutes", "revision", "source_event_id", "version"],
                       attendance_rows())
        copied = time.monotonic() - started
        log("scale: rebuilding the totals ...")
        rebuilt = time.monotonic()
        subprocess.run([str(self.build / "services/reporting/samverkan-reporting"), "rebuild"],
                       env=self.stack.service_env("reporting"), check=True, capture_output=True, timeout=3600)
        rebuild_seconds = round(time.monotonic() - rebuilt, 3)
        # The sessions export needs a cohort with many sessions: one more cohort of the programme with
        # EXPORT_SESSIONS of them (no enrolments, so summary and indicators do not change). After the
        # rebuild, which would otherwise evaluate completion over it (the slow case of ADR 0055).
        export_cohort = uid(4, cohorts)
        self.copy_rows("cohorts", ["id", "federation_id", "programme_id", "name"],
                       [(export_cohort, fed, programme, "Export cohort")])
        self.copy_rows("sessions", ["id", "federation_id", "cohort_id", "module_id", "kind", "starts_at", "ends_at",
                                    "status", "version", "time_zone"],
                       ((uid(9, k), fed, export_cohort, uid(3, k % modules), "lecture",
                         "2027-01-01T08:00:00Z", "2027-01-01T10:00:00Z", "scheduled", "1", "Europe/Stockholm")
                        for k in range(EXPORT_SESSIONS)))
        self.psql("ANALYZE")
        self.raw["scale_copy"] = {"participants": n, "attendance_records": n * per, "cohorts": cohorts,
                                  "copy_seconds": round(copied, 3), "rebuild_seconds": rebuild_seconds}
        step = max(1, n // 50)
        return {"sample_cohorts": [uid(4, c) for c in range(0, cohorts, max(1, cohorts // 20))],
                "sample_participants": [uid(6, p) for p in range(0, n, step)],
                "programme": programme, "export_cohort": export_cohort}

    def scale_through_events(self):
        """A synthetic federation through the event path, paced to the consumers, until reporting has it all."""
        participants = self.args.scale_participants
        self.wait_quiet()
        rows_before = self.count("SELECT count(*) FROM reporting.attendance")
        pace = [arg for group, topics in CONSUMES.items() for arg in ("--pace", f"{group}={','.join(topics)}")]
        log(f"scale: producing {participants} participants x {self.args.sessions} sessions as events ...")
        started = time.monotonic()
        produced = self.load_tool(
            "produce-scale", "--brokers", self.stack.brokers, "--participants", participants,
            "--cohort-size", self.args.cohort_size, "--sessions", self.args.sessions,
            "--salt", f"{random.getrandbits(32):08x}", "--window", self.args.window, *pace, timeout=6 * 3600)
        expected = rows_before + produced["attendance_records"]
        deadline = time.monotonic() + max(600, produced["total"] / 50)
        while time.monotonic() < deadline:
            if self.lag("reporting") == 0 and self.count("SELECT count(*) FROM reporting.attendance") >= expected:
                break
            time.sleep(1)
        seconds = time.monotonic() - started
        rows = self.count("SELECT count(*) FROM reporting.attendance") - rows_before
        self.raw["scale_feed"] = {"events": produced["total"], "failed": produced["failed"],
                                  "attendance_records": produced["attendance_records"], "new_rows": rows,
                                  "seconds": round(seconds, 3), "events_per_s": round(produced["total"] / seconds, 3),
                                  "generator": {k: v for k, v in produced.items() if not k.startswith("sample")}}
        return produced

    def run(self):
        self.start()
        cohort, sessions, participants = self.demo_ids()
        self.wait_quiet()
        time.sleep(2)
        self.raw["rss_idle"] = self.sampler.current()
        self.sampler.loaded.set()

        log("baselines: bare HTTP (samverkan-load, then wrk) ...")
        self.raw["bare_http"] = self.load_tool("baseline-http", "--connections", self.args.connections,
                                               "--seconds", self.args.seconds)
        self.raw["bare_http_wrk"] = self.wrk()
        log("reads at the demo's scale ...")
        self.raw["get_programmes"] = self.http_scenario("--url", self.stack.url("modules", "/v1/programmes"))
        self.raw["progress_demo"] = self.http_scenario("--url-file", self.url_file(
            "progress", "reporting", [f"/v1/participants/{p}/progress" for p in participants]))
        self.raw["summary_demo"] = self.http_scenario("--url", self.stack.url("reporting", f"/v1/cohorts/{cohort}/summary"))

        log("PUT attendance corrections ...")
        url_file, body_files = self.prepare_put_targets(sessions, participants)
        self.wait_quiet()
        self.raw["put_attendance"] = self.http_scenario("--method", "PUT", "--url-file", url_file, *body_files)

        log(f"participant import: {self.args.import_rows} rows in one CSV ...")
        self.wait_quiet()
        self.raw["participant_import"] = self.participant_import(self.args.import_rows)

        log("baselines: pgbench ...")
        self.wait_quiet()
        self.psql("CREATE DATABASE pgbench", database="postgres")
        as_postgres([str(PG_BIN / "pgbench"), "-i", "-q", "-s", "1", "-h", "127.0.0.1", "-p", str(self.stack.pg.port),
                     "-U", "postgres", "pgbench"], capture_output=True, timeout=300)
        self.raw["pgbench_select"] = self.pgbench("-S")
        self.raw["pgbench_write"] = self.pgbench("-N")

        log("baselines: librdkafka and kcat producing ...")
        self.raw["kafka_produce"], self.raw["kafka_produce_kcat"] = self.kafka_produce()

        self.drains()
        log("baselines: librdkafka and kcat consuming samverkan.attendance ...")
        self.raw["kafka_consume"], self.raw["kafka_consume_kcat"] = self.kafka_consume("samverkan.attendance")

        if self.args.scale_participants:
            self.scale()
        log("meeting-report parsing ...")
        self.raw["meeting_report_parse"] = self.parse_bench()
        self.sampler.loaded.clear()
        self.raw["rss_load"] = dict(self.sampler.peak)
        self.raw["deadletters"] = self.load_tool("kafka-consume", "--brokers", self.stack.brokers,
                                                 "--topic", "samverkan.deadletter", timeout=120)["messages"]

    def parse_bench(self):
        """Rows per second of the meeting-report parser, per sample format (no service involved)."""
        done = subprocess.run([str(self.build / "services/attendance/attendance_meeting_report_bench"),
                               "--benchmark_format=json", "--benchmark_min_time=1"],
                              capture_output=True, text=True, timeout=300, check=True)
        return {b["name"]: round(b["rows_per_s"]) for b in json.loads(done.stdout)["benchmarks"]}

    def stop(self):
        if self.sampler:
            self.sampler.done.set()
        self.stack.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    # -- report ---------------------------------------------------------------------------------

    def figures(self):
        r = self.raw
        bare = r["bare_http"]["rps"]
        figures = [Figure("bare_http", bare, "req/s", r["bare_http"]["p50_ms"], r["bare_http"]["p99_ms"],
                          r["bare_http"]["errors"])]
        w = r.get("bare_http_wrk")
        if w:
            check = ratio(bare, w["rps"])
            figures.append(Figure("bare_http_wrk", w["rps"], "req/s", w["p50_ms"], w["p99_ms"], w["errors"],
                                  "bare_http/wrk", check, "ratio >= 0.85", check >= 0.85,
                                  note="samverkan-load's bare rate over wrk's: near 1 or above, the generator "
                                       "is not the limit"))
        else:
            figures.append(Figure("bare_http_wrk", None, "req/s", note="not measured: wrk is not installed"))
        for name in ("pgbench_select", "pgbench_write"):
            x = r[name]
            figures.append(Figure(name, x["tps"], "tps", x["p50_ms"], x["p99_ms"], x["errors"]))
        produce = max(r["kafka_produce"]["msgs_per_s"], r["kafka_produce_kcat"]["msgs_per_s"])
        # Consuming: the rate once connected (first message to last), stricter than the wall rate.
        consume = max(r["kafka_consume"]["streaming_msgs_per_s"], r["kafka_consume_kcat"]["msgs_per_s"])
        figures += [
            Figure("kafka_produce", r["kafka_produce"]["msgs_per_s"], "msgs/s", errors=r["kafka_produce"]["failed"]),
            Figure("kafka_produce_kcat", r["kafka_produce_kcat"]["msgs_per_s"], "msgs/s", baseline="ours/kcat",
                   ratio=ratio(r["kafka_produce"]["msgs_per_s"], r["kafka_produce_kcat"]["msgs_per_s"]),
                   note="the drains are divided by the faster of the two"),
            Figure("kafka_consume", r["kafka_consume"]["streaming_msgs_per_s"], "msgs/s",
                   errors=r["kafka_consume"]["expected"] - r["kafka_consume"]["messages"],
                   note=f"{r['kafka_consume']['messages']} messages; {r['kafka_consume']['msgs_per_s']:.0f}/s "
                        "counting the connection, as kcat's wall time does"),
            Figure("kafka_consume_kcat", r["kafka_consume_kcat"]["msgs_per_s"], "msgs/s", baseline="ours/kcat",
                   ratio=ratio(r["kafka_consume"]["msgs_per_s"], r["kafka_consume_kcat"]["msgs_per_s"]),
                   note="wall rates both (connection included); the drains are divided by the faster streaming rate")]

        def read(name, target=0.30, p99_limit=None):
            x = r[name]
            share = ratio(x["rps"], bare)
            text, ok, note = f"ratio >= {target:.2f}", share is not None and share >= target, ""
            if p99_limit is not None:
                alone = r[f"{name}_one_connection"]
                text, ok = f"p99 <= {p99_limit} ms (1 conn)", alone["p99_ms"] <= p99_limit
                note = (f"one connection: p50 {alone['p50_ms']:.3f} ms, p99 {alone['p99_ms']:.3f} ms, "
                        f"{alone['rps']:.1f} req/s, {alone['errors']} errors")
            return Figure(name, x["rps"], "req/s", x["p50_ms"], x["p99_ms"], x["errors"], "bare_http", share, text,
                          ok, note)

        figures += [read("get_programmes", 0.40), read("progress_demo"), read("summary_demo")]
        put = r["put_attendance"]
        share = ratio(put["rps"], r["pgbench_write"]["tps"])
        figures.append(Figure("put_attendance", put["rps"], "req/s", put["p50_ms"], put["p99_ms"], put["errors"],
                              "pgbench_write", share, "ratio >= 0.50", share >= 0.50))
        imp = r["participant_import"]
        figures.append(Figure("participant_import", imp["rows_per_s"], "rows/s", errors=imp["rows"] - imp["created"],
                              note=f"{imp['rows']} rows in one all-or-nothing CSV import in {imp['seconds']} s "
                                   "(10k rows: seconds, issue 7)"))
        relay = r["relay_drain"]
        figures.append(Figure("relay_drain", relay["events_per_s"], "events/s", errors=relay["unpublished"],
                              baseline="kafka_produce", ratio=ratio(relay["events_per_s"], produce),
                              target=">= 20000/s", ok=relay["events_per_s"] >= 20000,
                              note=f"{relay['events']} events in {relay['seconds']} s (outbox rows via SQL)"))

        def drain(name, value, events, missing, note):
            share = ratio(value, consume)
            return Figure(name, value, "events/s", errors=missing, baseline="kafka_consume", ratio=share,
                          target=">= 20000/s and ratio >= 0.30", ok=value >= 20000 and share >= 0.30, note=note)

        p = r["projector_drain"]
        figures.append(drain("projector_drain", p["events_per_s"], p["events"], p["expected_rows"] - p["new_rows"],
                             f"{p['events']} events applied in {p['seconds_applying']} s "
                             f"({p['seconds_from_start']} s from process start)"))
        if "scale_feed" in r:
            s = r["scale_feed"]
            figures.append(drain("scale_feed", s["events_per_s"], s["events"],
                                 s["attendance_records"] - s["new_rows"] + s["failed"],
                                 f"{s['events']} events, {s['attendance_records']} attendance records, "
                                 f"{s['seconds']} s until reporting had them all"))
        if "scale_copy" in r:  # the documented shortcut: no projector figure, the drain row has that
            c = r["scale_copy"]
            seconds = max(c["copy_seconds"] + c["rebuild_seconds"], 1e-9)
            figures.append(Figure("scale_feed", round(c["attendance_records"] / seconds, 1), "records/s",
                                  note=f"--scale-load copy: {c['participants']} participants, "
                                       f"{c['attendance_records']} records COPYed into the read model in "
                                       f"{c['copy_seconds']} s, totals rebuilt in {c['rebuild_seconds']} s"))
        if "scale_feed" in r or "scale_copy" in r:
            figures += [read("summary_scale", p99_limit=20), read("progress_scale")]
            figures[-1].target, figures[-1].ok = "", None
        if "indicators_scale" in r:
            figures.append(read("indicators_scale", p99_limit=50))
            first = r["indicators_scale_first"]
            figures[-1].note += (f"; the first request after a change (computed, not cached) {first['ms']} ms for "
                                 f"{first['participants']} participants, {first['incomplete']} listed incomplete")
        if "sessions_export_http" in r:
            x = r["sessions_export_http"]
            growth = x["rss_peak_mb"] - x["rss_before_mb"]
            figures.append(Figure("sessions_export_http", x["rows_per_s"], "rows/s", errors=0 if x["rows"] > 0 else 1,
                                  target=">= 50000 rows/s, RSS growth <= 16 MB",
                                  ok=x["rows_per_s"] >= 50_000 and growth <= 16,
                                  note=f"{x['rows']} rows, {x['bytes'] / 1e6:.1f} MB in {x['seconds']} s "
                                       f"({x['transfer_encoding'] or 'not chunked'}); reporting RSS "
                                       f"{x['rss_before_mb']} MB before, peak {x['rss_peak_mb']} MB during"))
        parse = r["meeting_report_parse"]
        slowest = min(parse.values())
        figures.append(Figure("meeting_report_parse", slowest, "rows/s", target=">= 100000 rows/s",
                              ok=slowest >= 100_000,
                              note="slowest of " + ", ".join(f"{k} {v}" for k, v in sorted(parse.items()))))
        for phase, limit in (("rss_idle", 30), ("rss_load", 150)):
            values = r[phase]
            top = max(values.values()) if values else 0.0
            figures.append(Figure(phase, top, "MB", target=f"<= {limit} MB each", ok=top <= limit,
                                  note=", ".join(f"{k} {v:.1f}" for k, v in sorted(values.items()))))
        return figures

    def report(self):
        figures = self.figures()
        a = self.args
        header = (f"samverkan bench: {a.seconds:g} s per HTTP scenario, {a.connections} connections, "
                  f"{a.db_clients} pgbench clients, {a.kafka_messages} Kafka messages, backlog {a.backlog}, "
                  f"scale {a.scale_participants or 'off'}"
                  + (f" ({a.scale_participants * a.sessions} records)" if a.scale_participants else "")
                  + f", {a.partitions} partitions")
        print(render(figures, header), flush=True)
        if self.raw.get("deadletters"):
            print(f"dead letters: {self.raw['deadletters']} (events a consumer refused)", flush=True)
        if a.out:
            write_json(a.out, {k: v for k, v in vars(a).items() if k != "out"}, figures, self.raw)
        alone = (self.raw.get("summary_scale_one_connection", {}).get("errors", 0)
                 + self.raw.get("indicators_scale_one_connection", {}).get("errors", 0))
        return sum(f.errors or 0 for f in figures) + alone + self.raw.get("deadletters", 0)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=str(ROOT / "build"))
    parser.add_argument("--stack-dir", default=None, help="logs and state of the throwaway stack "
                        "(default BUILD_DIR/bench-stack; emptied at the start)")
    parser.add_argument("--quick", action="store_true", help="3 s per HTTP scenario, 200k Kafka messages, "
                        "10k backlog: a few minutes")
    parser.add_argument("--full", action="store_true", help="also the scale scenario at 100k participants "
                        "and 2M attendance records")
    parser.add_argument("--seconds", type=float, default=None, help="each HTTP and pgbench scenario (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="HTTP connections (default 32)")
    parser.add_argument("--db-clients", type=int, default=8, help="pgbench clients (default 8, the services' "
                        "HTTP_THREADS: the most transactions a service runs at once)")
    parser.add_argument("--kafka-messages", type=int, default=None, help="messages of the produce baseline "
                        "(default 500000)")
    parser.add_argument("--backlog", type=int, default=None, help="events of the relay and projector drains "
                        "(default 40000)")
    parser.add_argument("--scale-participants", type=int, default=None, help="participants of the scale "
                        "scenario (default 0: skipped; --full: 100000)")
    parser.add_argument("--scale-load", choices=("events", "copy"), default=None,
                        help="how the scale scenario loads its data: through the event path (default below 100k), or "
                        "COPY into reporting's read model plus a totals rebuild (default with --full; see ADR 0030)")
    parser.add_argument("--import-rows", type=int, default=10_000, help="rows of the participant import "
                        "scenario (default 10000, the most one request takes)")
    parser.add_argument("--sessions", type=int, default=20, help="sessions per cohort at scale (default 20)")
    parser.add_argument("--cohort-size", type=int, default=1000, help="participants per cohort at scale (default 1000)")
    parser.add_argument("--window", type=int, default=30000, help="most events the scale feed lets a consumer "
                        "lag behind (default 30000)")
    parser.add_argument("--partitions", type=int, default=16, help="partitions per topic on the dev broker "
                        "(default 16: room for the backlog, see README.md)")
    parser.add_argument("--out", help="also write the figures and the raw results as JSON to this file")
    args = parser.parse_args()
    quick = args.quick
    args.seconds = args.seconds if args.seconds is not None else (3.0 if quick else 10.0)
    args.kafka_messages = args.kafka_messages if args.kafka_messages is not None else (200_000 if quick else 500_000)
    args.backlog = args.backlog if args.backlog is not None else (10_000 if quick else 40_000)
    if args.scale_participants is None:
        args.scale_participants = 100_000 if args.full else 0
    if args.scale_load is None:
        args.scale_load = "copy" if args.scale_participants >= 100_000 else "events"
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be more than 0 and at most 600")
    if not 1 <= args.connections <= 256 or not 1 <= args.db_clients <= 64:
        parser.error("--connections must be from 1 to 256 and --db-clients from 1 to 64")
    if not 1 <= args.kafka_messages <= 10_000_000 or not 1 <= args.backlog <= 1_000_000:
        parser.error("--kafka-messages must be from 1 to 10M and --backlog from 1 to 1M")
    if not 0 <= args.scale_participants <= 1_000_000 or args.sessions < 1 or args.cohort_size < 1:
        parser.error("--scale-participants must be from 0 to 1M; --sessions and --cohort-size at least 1")
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
