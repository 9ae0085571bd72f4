#!/usr/bin/env python3
"""Live check of the monitoring artefacts against the real services (ctest label e2e).

  1. Starts the local stack (tools/stack/stack.py: PostgreSQL, dev broker, the four services).
  2. Scrapes each service's /metrics: `promtool check metrics` must pass on it, and every metric
     the alert rules, recording rules and dashboard read must be in it (histogram series by their
     family's _bucket/_sum/_count names). A deliberately bad exposition must fail promtool.
  3. Starts Debian's Prometheus server on a free loopback port with deploy/prometheus/prometheus.yml
     (targets and rule paths swapped for the stack's), and waits until every target is up, the
     service label on `up` and on samverkan_build_info agree (honor_labels), both rule groups are
     loaded and every rule has been evaluated without error; on this healthy stack no alert may
     be pending or firing. Every dashboard query must run without error for each service.
  4. Stops everything.
Waits are bounded (a deadline, then a failure); nothing asserts on how long anything took.

Usage: check_live.py --build-dir BUILD --work-dir DIR
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from datetime import datetime
from pathlib import Path

import yaml

from deploylib import (PROM_DIR, ROOT, SERVICES, Failures, dashboard_exprs, families_in_exposition, family_of,
                       grafana_to_promql, recording_rules, referenced_metric_names, require_tool, run)

sys.path.insert(0, str(ROOT / "tools/stack"))
from stack import Stack, free_port, http_get  # noqa: E402


def wait_until(predicate, what, timeout):
    """Polls predicate() until it returns a truthy value; returns it, or None at the deadline."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    print(f"gave up waiting for {what} after {timeout:.0f}s")
    return None


def rfc3339(text):
    """Seconds since the epoch of Prometheus' RFC 3339 timestamps (nanosecond fractions)."""
    if not text:
        return 0.0
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$", text)
    if not m:
        return 0.0
    base = datetime.fromisoformat(m.group(1) + (m.group(3).replace("Z", "+00:00")))
    return base.timestamp() + float(m.group(2) or 0)


def api(base, path, **params):
    url = f"{base}{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
    code, body = http_get(url, timeout=5)
    data = json.loads(body)
    if code != 200 or data.get("status") != "success":
        raise RuntimeError(f"{path} {params}: HTTP {code} {data.get('error', '')}")
    return data["data"]


def prometheus_config(stack, work):
    cfg = yaml.safe_load((PROM_DIR / "prometheus.yml").read_text())
    cfg["global"]["scrape_interval"] = "1s"
    cfg["global"]["evaluation_interval"] = "1s"
    cfg["rule_files"] = [str(PROM_DIR / Path(p).name) for p in cfg["rule_files"]]
    job = next(j for j in cfg["scrape_configs"] if j["job_name"] == "samverkan")
    seen = set()
    for sc in job["static_configs"]:
        name = sc["labels"]["service"]
        sc["targets"] = [f"127.0.0.1:{stack.ports[name]}"]
        seen.add(name)
    if seen != set(SERVICES):
        raise SystemExit(f"FAIL: prometheus.yml scrapes {sorted(seen)}, not the four services")
    path = work / "prometheus.yml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False))
    return path, cfg


def check_scrapes(stack, promtool, work, f):
    refs = referenced_metric_names()
    refs.pop("up", None)  # made by Prometheus, checked against the server below
    for name in SERVICES:
        code, body = http_get(stack.url(name, "/metrics"))
        if not f.check(code == 200, f"{name}: GET /metrics answered {code}"):
            continue
        text = body.decode()
        (work / f"metrics-{name}.txt").write_text(text)
        r = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True)
        f.check(r.returncode == 0, f"{name}: promtool check metrics: {(r.stdout + r.stderr).strip()}")
        families = families_in_exposition(text)
        histograms = {n for n, k in families.items() if k == "histogram"}
        missing = sorted(m for m in refs if family_of(m, histograms) not in families
                         or (m != family_of(m, histograms) and families.get(family_of(m, histograms)) != "histogram"))
        for m in missing:
            f.add(f"{name}: /metrics has no {m} (read by {', '.join(sorted(set(refs[m])))})")
        f.check(all(f'service="{name}"' in line for line in text.splitlines() if line and not line.startswith("#")),
                f"{name}: a series lacks the constant label service=\"{name}\"")
        print(f"{name}: /metrics passes promtool and has all {len(refs)} referenced metrics" if not missing else "")
    # promtool check metrics must be able to fail: a counter without _total.
    r = subprocess.run([promtool, "check", "metrics"], input="# HELP samverkan_bad A counter.\n# TYPE samverkan_bad counter\nsamverkan_bad 1\n",
                       capture_output=True, text=True)
    f.check(r.returncode != 0, "promtool check metrics accepted a counter without _total")


def check_prometheus(stack, prometheus, work, f):
    config, cfg = prometheus_config(stack, work)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(work / "prometheus.log", "wb")
    proc = subprocess.Popen([prometheus, f"--config.file={config}", f"--storage.tsdb.path={work / 'tsdb'}",
                             f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    try:
        if not f.check(wait_until(lambda: proc.poll() is None and http_get(f"{base}/-/ready")[0] == 200,
                                  "Prometheus to be ready", 60), f"Prometheus did not become ready; see {work / 'prometheus.log'}"):
            return

        def all_up():
            targets = api(base, "/api/v1/targets")["activeTargets"]
            mine = [t for t in targets if t["labels"].get("job") == "samverkan"]
            return mine if len(mine) == len(SERVICES) and all(t["health"] == "up" for t in mine) else None
        targets = wait_until(all_up, "every target to be up", 60)
        if not f.check(targets is not None, f"not every target is up: {api(base, '/api/v1/targets')['activeTargets']}"):
            return
        print(f"Prometheus scrapes {len(targets)} targets, all up")

        up = wait_until(lambda: (lambda r: r if len(r) == len(SERVICES) else None)(api(base, "/api/v1/query", query='up{job="samverkan"}')["result"]),
                        "up to have a sample per service", 30) or []
        f.check(sorted(s["metric"].get("service", "") for s in up) == sorted(SERVICES)
                and all(s["value"][1] == "1" for s in up), f"up{{job=\"samverkan\"}} is not 1 for each service: {up}")
        info = api(base, "/api/v1/query", query='samverkan_build_info{job="samverkan"}')["result"]
        f.check(len(info) == len(SERVICES), f"samverkan_build_info has {len(info)} series, not {len(SERVICES)}")
        for s in info:
            labels = s["metric"]
            f.check("exported_service" not in labels and labels.get("service") in SERVICES
                    and f":{stack.ports[labels['service']]}" in labels.get("instance", ""),
                    f"service label of {labels} does not match its target (honor_labels?)")

        groups_expected = {g["name"] for p in cfg["rule_files"] for g in yaml.safe_load(Path(p).read_text())["groups"]}

        def rules_evaluated():
            groups = api(base, "/api/v1/rules")["groups"]
            if {g["name"] for g in groups} != groups_expected:
                return None
            rules = [r for g in groups for r in g["rules"]]
            return groups if all(r.get("health") in ("ok", "err") for r in rules) else None
        groups = wait_until(rules_evaluated, "every rule to be evaluated", 60)
        if f.check(groups is not None, f"rule groups {sorted(groups_expected)} not loaded and evaluated"):
            rules = [r for g in groups for r in g["rules"]]
            for r in rules:
                f.check(r.get("health") == "ok", f"rule {r['name']} does not evaluate: {r.get('lastError')}")
            print(f"{len(groups)} rule groups, {len(rules)} rules loaded and evaluated without error")
            # The services' own /metrics and /readyz requests feed the RED rules: wait until the
            # request-rate and latency recordings have a series for every service.
            for rec in ("service_route:samverkan_http_requests:rate5m",
                        "service_route:samverkan_http_request_duration_seconds:p99_rate5m"):
                def recorded(rec=rec):
                    res = api(base, "/api/v1/query", query=f"count by (service) ({rec})")["result"]
                    return res if sorted(r["metric"].get("service") for r in res) == sorted(SERVICES) else None
                f.check(wait_until(recorded, f"{rec} for every service", 30) is not None,
                        f"{rec} has no series for some service")
            print(f"recording rules produce per-service series: {', '.join(r['record'] for r in recording_rules())}")

            # With data present, let every group evaluate once more, then no alert may be pending
            # or firing on this healthy stack.
            since = time.time()

            def evaluated_after():
                gs = api(base, "/api/v1/rules")["groups"]
                return gs if all(rfc3339(g.get("lastEvaluation")) > since for g in gs) else None
            groups = wait_until(evaluated_after, "the rule groups to evaluate again", 30)
            if f.check(groups is not None, "the rule groups did not evaluate again"):
                active = [(r["name"], a["state"], a["labels"]) for g in groups for r in g["rules"]
                          if r["type"] == "alerting" for a in r.get("alerts", [])]
                if f.check(not active, f"alerts active on a healthy stack: {active}"):
                    print("no alert pending or firing on the healthy stack")

        for title, expr in dashboard_exprs():
            for name in SERVICES:
                try:
                    api(base, "/api/v1/query", query=grafana_to_promql(expr, name))
                except (RuntimeError, ValueError) as e:
                    f.add(f"dashboard {title!r} for {name}: {e}")
                    break
        print(f"{len(dashboard_exprs())} dashboard queries run for each service")
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--work-dir", required=True)
    args = parser.parse_args()
    work = Path(args.work_dir)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    promtool = require_tool("promtool")
    prometheus = require_tool("prometheus")
    f = Failures()
    stack = Stack(work / "stack", Path(args.build_dir), durable=False)
    try:
        stack.start_infra()
        stack.ports = {}
        stack.start_services()
        print("local stack up: " + ", ".join(f"{n} :{p}" for n, p in stack.ports.items()))
        check_scrapes(stack, promtool, work, f)
        check_prometheus(stack, prometheus, work, f)
        # Traffic for the dashboards' HTTP panels is not needed: families are exposed from the start.
    finally:
        stack.stop()
    return f.finish("live metrics, Prometheus rules and dashboard queries against the local stack")


if __name__ == "__main__":
    sys.exit(main())
