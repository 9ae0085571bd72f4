#!/usr/bin/env python3
"""Offline checks of deploy/grafana/samverkan-dashboard.json.

  - valid JSON with a uid, a `datasource` variable and a multi-value `service` query variable;
  - one row per service: a row panel repeated over $service (or one row per service by name);
  - every query filters on service="$service" and the rows show the required signals: request
    rate, error ratio, p99 duration, consumer lag, outbox backlog and outbox age;
  - every expression is valid PromQL (promtool check rules on them, Grafana variables substituted);
  - every metric it reads is registered in libs/metrics/src/metrics.cpp.
Then it breaks a copy of the dashboard in several ways and expects each break to be reported.

Usage: check_dashboard.py --work-dir DIR
"""
import copy
import json
import sys
from pathlib import Path

import yaml

from deploylib import (
    parse_args,DASHBOARD, SERVICES, Failures, dashboard_exprs, families_in_source, family_of,
                       grafana_to_promql, metric_names_in_promql, require_tool, run)

SIGNALS = {
    "request rate": lambda e: "rate(samverkan_http_requests_total" in e and "histogram_quantile" not in e and "/" not in e,
    "error ratio": lambda e: "samverkan_http_request_errors_total" in e and "/" in e,
    "p99 duration": lambda e: "histogram_quantile(0.99" in e and "samverkan_http_request_duration_seconds_bucket" in e,
    "consumer lag": lambda e: "samverkan_consumer_lag_messages" in e,
    "outbox backlog": lambda e: "samverkan_outbox_backlog_events" in e,
    "outbox age": lambda e: "samverkan_outbox_oldest_age_seconds" in e,
}


def problems_of(dash, promtool, work):
    out = []
    p = out.append
    if not dash.get("uid") or not dash.get("title"):
        p("uid and title are required")
    variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
    if variables.get("datasource", {}).get("type") != "datasource":
        p("no `datasource` variable of type datasource")
    svc = variables.get("service", {})
    if svc.get("type") != "query" or not svc.get("multi") or not svc.get("includeAll"):
        p("no multi-value, include-all `service` query variable")
    panels = dash.get("panels", [])
    rows = [x for x in panels if x.get("type") == "row"]
    repeated = [r for r in rows if r.get("repeat") == "service"]
    explicit = {r.get("title") for r in rows} >= set(SERVICES)
    if not repeated and not explicit:
        p("neither a row repeated over $service nor one row per service")
    ids = [x.get("id") for x in panels]
    if len(ids) != len(set(ids)):
        p(f"panel ids are not unique: {ids}")
    exprs = dashboard_exprs(dash)
    panel_exprs = [(t, e) for t, e in exprs if not t.startswith("variable ")]
    for title, expr in panel_exprs:
        if repeated and 'service="$service"' not in expr:
            p(f"panel {title!r}: query does not filter on service=\"$service\": {expr}")
    for signal, test in SIGNALS.items():
        if not any(test(e) for _, e in panel_exprs):
            p(f"no panel shows the {signal}")
    families = families_in_source()
    histograms = {n for n, k in families.items() if k == "histogram"}
    for title, expr in exprs:
        for metric in metric_names_in_promql(expr):
            if family_of(metric, histograms) not in families:
                p(f"{title!r} reads {metric}, which libs/metrics/src/metrics.cpp does not register")
    rules = {"groups": [{"name": "dashboard", "rules": [
        {"record": f"dashboard:expr_{i}", "expr": grafana_to_promql(e)} for i, (_, e) in enumerate(exprs)]}]}
    path = Path(work) / "dashboard-exprs.yaml"
    path.write_text(yaml.safe_dump(rules))
    r = run([promtool, "check", "rules", path])
    if r.returncode != 0:
        p(f"not valid PromQL: {(r.stdout + r.stderr).strip()}")
    return out


def main():
    args = parse_args(__doc__)
    work = args.work_dir
    promtool = require_tool("promtool")
    f = Failures()
    try:
        dash = json.loads(DASHBOARD.read_text())
    except (OSError, json.JSONDecodeError) as e:
        f.add(f"{DASHBOARD}: {e}")
        return f.finish("Grafana dashboard")
    for problem in problems_of(dash, promtool, work):
        f.add(problem)
    print(f"{len(dashboard_exprs(dash))} expressions checked")

    def first_target(d):
        return next(t for pn in d["panels"] for t in pn.get("targets", []))

    breaks = {
        "misspelt metric": (lambda d: first_target(d).update(expr=first_target(d)["expr"].replace("samverkan_http_requests_total", "samverkan_http_request_total")), "does not register"),
        "PromQL syntax error": (lambda d: first_target(d).update(expr="sum by (route (rate(samverkan_http_requests_total[5m]))"), "not valid PromQL"),
        "query not filtered by service": (lambda d: first_target(d).update(expr="sum(rate(samverkan_http_requests_total[5m]))"), "does not filter"),
        "no repeat": (lambda d: [pn.pop("repeat", None) for pn in d["panels"]], "one row per service"),
        "no consumer lag panel": (lambda d: d.update(panels=[pn for pn in d["panels"] if "consumer_lag" not in json.dumps(pn)]), "consumer lag"),
    }
    for label, (fn, expected) in breaks.items():
        broken = copy.deepcopy(dash)
        fn(broken)
        found = problems_of(broken, promtool, work)
        if f.check(any(expected in x for x in found), f"a broken dashboard ({label}) passed: {found[:3]}"):
            print(f"caught: {label}")
    return f.finish("Grafana dashboard")


if __name__ == "__main__":
    sys.exit(main())
