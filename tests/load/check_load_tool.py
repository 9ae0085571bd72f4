#!/usr/bin/env python3
"""Smoke test of samverkan-load (no timing assertions: only that it runs, counts and stops).

  1. baseline-http with 2 connections for 1 s exits 0 and reports requests > 0 and errors == 0;
  2. http against a loopback port nobody listens on reports errors > 0 (error counting works);
  3. a non-loopback URL is refused with the usage exit status 2;
  4. against a private dev broker: kafka-produce of N messages has N acknowledged and kafka-consume
     reads back exactly N; produce-scale at a tiny scale has every event acknowledged, the counts its
     layout implies, and every event is a binary-mode CloudEvent whose data has exactly the fields its
     schema in schemas/events/ allows, every required one and `version` included.
Usage: check_load_tool.py PATH/TO/samverkan-load PATH/TO/samverkan-dev-broker
"""
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "events"
CE_HEADERS = ("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "content-type")

SAFETY_TIMEOUT = 120  # each run stops itself after ~1 s; this only keeps a broken build from hanging ctest


def run(tool, *args):
    done = subprocess.run([tool, *args], capture_output=True, text=True, timeout=SAFETY_TIMEOUT)
    return done.returncode, done.stdout, done.stderr


def report(stdout):
    """The run's one JSON line; raises AssertionError when the output is not that."""
    lines = stdout.strip().splitlines()
    if len(lines) != 1:
        raise AssertionError(f"expected one JSON line, got {stdout!r}")
    try:
        result = json.loads(lines[0])
    except ValueError as error:
        raise AssertionError(f"not JSON ({error}): {lines[0]!r}") from None
    for key in ("requests", "errors", "seconds", "rps", "p50_ms", "p99_ms", "max_ms"):
        if key not in result:
            raise AssertionError(f"{key} missing from {result}")
    return result


def unused_loopback_port():
    # Bound but never listening: a connect is refused, and no other process can take the port meanwhile.
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    return holder, holder.getsockname()[1]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    failures = []
    try:
        checks(sys.argv[1], failures)
        with tempfile.TemporaryDirectory(prefix="load-smoke-") as directory:
            kafka_checks(sys.argv[1], sys.argv[2], Path(directory), failures)
    except (AssertionError, OSError, subprocess.SubprocessError, ValueError, KeyError) as error:
        failures.append(str(error))
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    if not failures:
        print("samverkan-load smoke test passed")
    return 1 if failures else 0


def checks(tool, failures):
    """Appends a message to failures for each check that does not hold."""
    code, out, err = run(tool, "baseline-http", "--connections", "2", "--seconds", "1")
    if code != 0:
        failures.append(f"baseline-http exited {code}: {err}")
    else:
        result = report(out)
        if not (result["requests"] > 0 and result["errors"] == 0):
            failures.append(f"baseline-http: expected requests > 0 and no errors, got {result}")

    holder, port = unused_loopback_port()
    try:
        code, out, err = run(tool, "http", "--url", f"http://127.0.0.1:{port}/v1/nothing", "--connections", "2",
                             "--seconds", "1", "--requests", "50")
    finally:
        holder.close()
    if code != 0:
        failures.append(f"http against an unused port exited {code}: {err}")
    else:
        result = report(out)
        if not (result["errors"] > 0 and result["errors"] == result["requests"]):
            failures.append(f"http against an unused port: expected every request to be an error, got {result}")

    code, _, err = run(tool, "http", "--url", "http://192.0.2.1:80/", "--connections", "1", "--seconds", "1")
    if code != 2 or "loopback" not in err:
        failures.append(f"a non-loopback URL should be refused with status 2, got {code}: {err}")


def start_broker(binary, directory):
    addr = directory / "broker.addr"
    broker = subprocess.Popen([binary, "--bootstrap-file", str(addr)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30  # a safety net for a broken build, not a timing check
    while not addr.exists():
        if broker.poll() is not None or time.monotonic() > deadline:
            broker.kill()
            raise AssertionError("the dev broker did not start")
        time.sleep(0.05)
    return broker, addr.read_text().strip()


def json_line(tool, *args):
    code, out, err = run(tool, *args)
    if code != 0:
        raise AssertionError(f"{args[0]} exited {code}: {err}")
    return json.loads(out.strip().splitlines()[-1])


def schema_problems(event):
    """What is wrong with one consumed event (kcat -J), against its schema: a list, empty when valid."""
    headers = dict(zip(event["headers"][0::2], event["headers"][1::2]))
    problems = [f"header {h} missing" for h in CE_HEADERS if not headers.get(h)]
    if problems:
        return problems
    schema = json.loads((SCHEMAS / f"{headers['ce_type']}.json").read_text())
    data = json.loads(event["payload"])
    problems += [f"{headers['ce_type']}: {f} missing" for f in schema["required"] if f not in data]
    problems += [f"{headers['ce_type']}: {f} not in the schema" for f in data if f not in schema["properties"]]
    if data.get("version") != 1:
        problems.append(f"{headers['ce_type']}: version is {data.get('version')!r}, not 1")
    if headers["ce_subject"] != event["key"] or headers["content-type"] != "application/json":
        problems.append(f"{headers['ce_type']}: subject, key or content-type wrong")
    return problems


def kafka_checks(tool, broker_binary, directory, failures):
    broker, brokers = start_broker(broker_binary, directory)
    try:
        produced = json_line(tool, "kafka-produce", "--brokers", brokers, "--topic", "smoke", "--messages", "3000")
        if produced["messages"] != 3000 or produced["failed"] != 0:
            failures.append(f"kafka-produce: expected 3000 acknowledged, got {produced}")
        consumed = json_line(tool, "kafka-consume", "--brokers", brokers, "--topic", "smoke", "--seconds", "60")
        if consumed["messages"] != 3000 or consumed["expected"] != 3000:
            failures.append(f"kafka-consume: expected to read 3000 of 3000, got {consumed}")

        # 4 participants in cohorts of 3 (2 cohorts), 2 sessions each: every count below follows.
        scale = json_line(tool, "produce-scale", "--brokers", brokers, "--participants", "4", "--cohort-size", "3",
                          "--sessions", "2", "--organisations", "2", "--modules", "2", "--salt", "5ca1e")
        expected = {"programme.created": 1, "module.created": 2, "cohort.created": 2, "session.scheduled": 4,
                    "session.changed": 4, "organisation.registered": 2, "participant.registered": 4,
                    "enrolment.approved": 4, "enrolment.changed": 4, "attendance.recorded": 8}
        counts = {t.split(".", 3)[3].rsplit(".", 1)[0]: n for t, n in scale["events"].items()}
        if counts != expected or scale["delivered"] != sum(expected.values()) or scale["failed"] != 0:
            failures.append(f"produce-scale: expected {expected}, all delivered, got {scale}")
        topics = [arg for t in ("samverkan.modules", "samverkan.enrolment", "samverkan.attendance")
                  for arg in ("--topic", t)]
        read = json_line(tool, "kafka-consume", "--brokers", brokers, *topics, "--seconds", "60")
        if read["messages"] != sum(expected.values()):
            failures.append(f"the topics hold {read['messages']} events, expected {sum(expected.values())}")
        events = []
        for topic in ("samverkan.modules", "samverkan.enrolment", "samverkan.attendance"):
            done = subprocess.run(["kcat", "-C", "-q", "-e", "-J", "-o", "beginning", "-b", brokers, "-t", topic],
                                  capture_output=True, text=True, timeout=SAFETY_TIMEOUT)
            events += [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        if len(events) != sum(expected.values()):
            failures.append(f"kcat read {len(events)} events, expected {sum(expected.values())}")
        for event in events:
            failures += schema_problems(event)
        ids = [dict(zip(e["headers"][0::2], e["headers"][1::2]))["ce_id"] for e in events]
        if len(set(ids)) != len(ids):
            failures.append("two events share a ce_id")
    finally:
        broker.terminate()
        broker.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
