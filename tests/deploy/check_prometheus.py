#!/usr/bin/env python3
"""Offline checks of deploy/prometheus and docs/runbooks.

  1. `promtool check rules` on the alert and recording rules, `promtool check config` on
     prometheus.yml, `promtool test rules` on deploy/prometheus/tests/*.yaml.
  2. Every alert has severity, summary, description and runbook_url = docs/runbooks/<alert>.md;
     that page exists and has the three sections (what it means, the first three commands, how
     to recover); every page in docs/runbooks/ belongs to an alert.
  3. The rule tests cover every alert both firing and silent, and every recording rule.
  4. Every metric the rules read is one libs/metrics/src/metrics.cpp registers.
  5. The rule tests can fail: each alert is replaced in turn by one that never fires and one that
     always fires, each recording rule by a constant, and `promtool test rules` must then fail.

Usage: check_prometheus.py --work-dir DIR
"""
import re
import shutil
import sys
from pathlib import Path

import yaml

from deploylib import (
    parse_args,ALERTS, PROM_DIR, RECORDING, ROOT, RUNBOOKS, Failures, alert_rules, families_in_source,
                       family_of, metric_names_in_promql, recording_rules, require_tool, run)

TESTS = sorted((PROM_DIR / "tests").glob("*.yaml"))
SECTIONS = ("## What it means", "## First three commands", "## How to recover")


def promtool_test(promtool, prom_dir):
    tests = sorted((Path(prom_dir) / "tests").glob("*.yaml"))
    return run([promtool, "test", "rules", *tests])


def with_rule_replaced(work, path, name, key, new_expr):
    """Copies deploy/prometheus (rules and tests) into work with one rule's expr replaced."""
    target = Path(work) / "mutant"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(PROM_DIR, target)
    doc = yaml.safe_load(Path(path).read_text())
    for group in doc["groups"]:
        for rule in group["rules"]:
            if rule.get(key) == name:
                rule["expr"] = new_expr
    (target / Path(path).name).write_text(yaml.safe_dump(doc, sort_keys=False))
    return target


def main():
    args = parse_args(__doc__)
    work = args.work_dir
    promtool = require_tool("promtool")
    f = Failures()

    # 1. promtool
    r = run([promtool, "check", "rules", ALERTS, RECORDING])
    print(r.stdout.strip())
    f.check(r.returncode == 0, f"promtool check rules: {r.stdout}{r.stderr}")
    r = run([promtool, "check", "config", PROM_DIR / "prometheus.yml"])
    f.check(r.returncode == 0, f"promtool check config prometheus.yml: {r.stdout}{r.stderr}")
    f.check(len(TESTS) > 0, "no rule tests in deploy/prometheus/tests")
    r = promtool_test(promtool, PROM_DIR)
    print(r.stdout.strip())
    f.check(r.returncode == 0, f"promtool test rules: {r.stdout}{r.stderr}")

    # 2. alert metadata and runbooks
    alerts = alert_rules()
    names = [a["alert"] for a in alerts]
    f.check(len(names) == len(set(names)), f"duplicate alert names: {names}")
    for a in alerts:
        name = a["alert"]
        labels, ann = a.get("labels", {}), a.get("annotations", {})
        f.check(labels.get("severity") in ("critical", "warning"), f"{name}: severity must be critical or warning")
        f.check(bool(ann.get("summary")) and bool(ann.get("description")), f"{name}: summary and description needed")
        url = ann.get("runbook_url", "")
        if not f.check(url == f"docs/runbooks/{name}.md", f"{name}: runbook_url {url!r} is not docs/runbooks/{name}.md"):
            continue
        page = ROOT / url
        if not f.check(page.is_file(), f"{name}: runbook {url} does not exist"):
            continue
        text = page.read_text()
        f.check(text.startswith(f"# {name}\n"), f"{url}: must start with '# {name}'")
        for section in SECTIONS:
            f.check(section in text, f"{url}: section {section!r} missing")
        first = text.split("## First three commands", 1)[-1].split("## How to recover", 1)[0]
        blocks = re.findall(r"```sh\n(.*?)```", first, re.S)
        commands = "".join(blocks)
        f.check(all(f"# {i}." in commands for i in (1, 2, 3)), f"{url}: the first three commands must be numbered # 1. # 2. # 3. in a sh block")
        f.check(re.search(r"^\s*(kubectl|psql|promtool|kcat)\b", commands, re.M) is not None,
                f"{url}: the first commands use none of kubectl, psql, promtool, kcat")
    pages = {p.stem for p in RUNBOOKS.glob("*.md")} - {"README"}
    f.check(pages == set(names), f"runbook pages {sorted(pages - set(names))} have no alert / alerts "
                                 f"{sorted(set(names) - pages)} have no page")
    readme = (RUNBOOKS / "README.md").read_text() if (RUNBOOKS / "README.md").exists() else ""
    for name in names:
        f.check(f"[{name}]({name}.md)" in readme, f"docs/runbooks/README.md does not list {name}")

    # 3. test coverage
    fired, silent, recorded = set(), set(), set()
    for path in TESTS:
        doc = yaml.safe_load(path.read_text())
        for t in doc.get("tests", []):
            for case in t.get("alert_rule_test", []):
                (fired if case.get("exp_alerts") else silent).add(case["alertname"])
            for case in t.get("promql_expr_test", []):
                recorded.add(case["expr"].strip())
    for name in names:
        f.check(name in fired, f"{name}: no rule test makes it fire")
        f.check(name in silent, f"{name}: no rule test checks it stays silent")
    for rule in recording_rules():
        f.check(rule["record"] in recorded, f"recording rule {rule['record']}: no promql_expr_test")

    # 4. metric names
    families = families_in_source()
    histograms = {n for n, k in families.items() if k == "histogram"}
    for rule in alerts + recording_rules():
        for metric in metric_names_in_promql(rule["expr"]):
            if metric == "up":
                continue
            fam = family_of(metric, histograms)
            f.check(fam in families, f"{rule.get('alert') or rule.get('record')}: reads {metric}, which "
                                     f"libs/metrics/src/metrics.cpp does not register")
            if fam in histograms:
                f.check(metric != fam, f"{rule.get('alert') or rule.get('record')}: reads histogram {fam} without _bucket/_sum/_count")

    # 5. the tests bite
    bites = 0
    for name in names:
        for label, expr in (("never fires", "vector(1) > 2"), ("always fires", "vector(1)")):
            mutant = with_rule_replaced(work, ALERTS, name, "alert", expr)
            r = promtool_test(promtool, mutant)
            if f.check(r.returncode != 0, f"rule tests still pass when {name} {label}"):
                bites += 1
    for rule in recording_rules():
        mutant = with_rule_replaced(work, RECORDING, rule["record"], "record", "vector(0)")
        r = promtool_test(promtool, mutant)
        if f.check(r.returncode != 0, f"rule tests still pass when {rule['record']} records a constant"):
            bites += 1
    print(f"mutation: {bites} broken rules, each caught by promtool test rules")
    shutil.rmtree(work / "mutant", ignore_errors=True)
    return f.finish(f"Prometheus rules ({len(names)} alerts, {len(recording_rules())} recording rules) and runbooks")


if __name__ == "__main__":
    sys.exit(main())
