"""Helpers shared by the checks in tests/deploy (no third-party modules except PyYAML)."""
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm/samverkan"
PROM_DIR = ROOT / "deploy/prometheus"
ALERTS = PROM_DIR / "samverkan-alerts.yaml"
RECORDING = PROM_DIR / "samverkan-recording.yaml"
DASHBOARD = ROOT / "deploy/grafana/samverkan-dashboard.json"
RUNBOOKS = ROOT / "docs/runbooks"
SERVICES = ("modules", "enrolment", "attendance", "reporting")
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")


class Failures:
    """Collects failures so one run reports all of them; exit code 1 if any."""

    def __init__(self):
        self.items = []

    def add(self, message):
        self.items.append(message)
        print(f"FAIL: {message}", flush=True)

    def check(self, condition, message):
        if not condition:
            self.add(message)
        return condition

    def finish(self, what):
        if self.items:
            print(f"\n{len(self.items)} failure(s) in {what}")
            return 1
        print(f"\nPASS: {what}")
        return 0


def parse_args(doc, *flags):
    """Parses --work-dir (created if missing) and the given required flags, e.g. "--helm-render"."""
    import argparse
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    for flag in flags:
        parser.add_argument(flag, required=True)
    parser.add_argument("--work-dir", required=True)
    args = parser.parse_args()
    args.work_dir = Path(args.work_dir)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    return args


def run(args, **kw):
    """Runs a command, returning CompletedProcess with text output (never raises on exit code)."""
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)


def require_tool(name):
    import shutil
    path = shutil.which(name)
    if path is None:
        print(f"FAIL: {name} is not installed (tools/scripts/install-deps.sh installs deploy/packages/build.txt)")
        sys.exit(1)
    return path


def load_yaml_docs(text):
    return [d for d in yaml.safe_load_all(text) if d is not None]


# --- metric names ------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')


def metric_names_in_promql(expr):
    """Metric names a PromQL expression reads: identifiers starting samverkan_ (label values in
    quotes are dropped first; recorded names contain ':' and are returned separately by
    recorded_names_in_promql)."""
    bare = _STRING.sub('""', expr)
    return {t for t in _TOKEN.findall(bare) if t.startswith("samverkan_") and ":" not in t} | (
        {"up"} if re.search(r"(?<![A-Za-z0-9_:])up\s*[{\[]|(?<![A-Za-z0-9_:])up\s*(==|!=|>|<)", bare) else set())


def recorded_names_in_promql(expr):
    bare = _STRING.sub('""', expr)
    return {t for t in _TOKEN.findall(bare) if ":" in t and "samverkan" in t}


def rule_groups(path):
    return yaml.safe_load(Path(path).read_text())["groups"]


def alert_rules():
    return [r for g in rule_groups(ALERTS) for r in g["rules"] if "alert" in r]


def recording_rules():
    return [r for g in rule_groups(RECORDING) for r in g["rules"] if "record" in r]


def dashboard_exprs(dashboard=None):
    """Every PromQL expression in the dashboard: panel targets (rows' nested panels too) and
    query variables."""
    data = dashboard if dashboard is not None else json.loads(DASHBOARD.read_text())
    exprs = []

    def walk(panels):
        for p in panels:
            for t in p.get("targets", []):
                if t.get("expr"):
                    exprs.append((p.get("title", "?"), t["expr"]))
            walk(p.get("panels", []))

    walk(data.get("panels", []))
    for var in data.get("templating", {}).get("list", []):
        q = var.get("query")
        if isinstance(q, dict):
            q = q.get("query")
        if var.get("type") == "query" and isinstance(q, str):
            m = re.match(r"label_values\((.*),\s*[A-Za-z_]+\)\s*$", q)
            exprs.append((f"variable {var['name']}", m.group(1) if m else q))
    return exprs


def grafana_to_promql(expr, service="modules"):
    """Substitutes the Grafana variables the dashboard uses so the expression is plain PromQL."""
    return (expr.replace("$__rate_interval", "5m").replace("${service}", service)
            .replace("$service", service))


def referenced_metric_names():
    """{metric name: [where]} over alert rules, recording rules and the dashboard."""
    refs = {}
    for r in alert_rules():
        for n in metric_names_in_promql(r["expr"]):
            refs.setdefault(n, []).append(f"alert {r['alert']}")
    for r in recording_rules():
        for n in metric_names_in_promql(r["expr"]):
            refs.setdefault(n, []).append(f"record {r['record']}")
    for title, expr in dashboard_exprs():
        for n in metric_names_in_promql(expr):
            refs.setdefault(n, []).append(f"dashboard {title!r}")
    return refs


def family_of(name, histograms):
    """The metric family a series name belongs to (histogram series carry a suffix)."""
    for suffix in HISTOGRAM_SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in histograms:
            return name[: -len(suffix)]
    return name


def families_in_exposition(text):
    """({family: type}) from # TYPE lines plus bare sample names without one."""
    types = {}
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(None, 3)
            types[name] = kind.strip()
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name = re.match(r"[A-Za-z_:][A-Za-z0-9_:]*", line).group(0)
            histos = {n for n, k in types.items() if k == "histogram"}
            fam = family_of(name, histos)
            types.setdefault(fam, "untyped")
    return types


def families_in_source():
    """{family: type} registered in libs/metrics/src/metrics.cpp: the names the services expose.
    The type is read from the registration call just before each name literal."""
    src = (ROOT / "libs/metrics/src/metrics.cpp").read_text()
    found = {}
    for m in re.finditer(r'"(samverkan_[a-z0-9_]+)"', src):
        before = src[max(0, m.start() - 120):m.start()]
        calls = {k: before.rfind(k) for k in ("counter(", "gauge(", "BuildHistogram(")}
        kind, pos = max(calls.items(), key=lambda kv: kv[1])
        if pos >= 0:
            found[m.group(1)] = {"counter(": "counter", "gauge(": "gauge", "BuildHistogram(": "histogram"}[kind]
    return found
