#!/usr/bin/env python3
"""Smoke test of samverkan-load (no timing assertions: only that it runs, counts and stops).

  1. baseline-http with 2 connections for 1 s exits 0 and reports requests > 0 and errors == 0;
  2. http against a loopback port nobody listens on reports errors > 0 (error counting works);
  3. a non-loopback URL is refused with the usage exit status 2.
Usage: check_load_tool.py PATH/TO/samverkan-load
"""
import json
import socket
import subprocess
import sys

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
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    failures = []
    try:
        checks(sys.argv[1], failures)
    except (AssertionError, OSError, subprocess.SubprocessError) as error:
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


if __name__ == "__main__":
    sys.exit(main())
