#!/usr/bin/env python3
"""Checks that the event schemas changed only additively since they were released.

tests/contracts/released/ holds each event type's schema as released. Within a major version
(the .vN suffix) a schema may only grow: new optional properties, new enum values, looser limits.
Anything else (a property removed, retyped or newly required, a limit tightened, a type moved to
another topic) needs a new major version: a new type name and file. A new type must be released
by copying its schema into tests/contracts/released/ in the same change.

Usage: check_event_compat.py REPO_ROOT
"""
import json
import sys
from pathlib import Path

LOOSER_IF_SMALLER = ("minLength", "minimum", "minItems")
LOOSER_IF_LARGER = ("maxLength", "maximum")
MUST_NOT_CHANGE = ("format", "pattern", "const")


def types_of(node):
    t = node.get("type")
    if t is None:
        return None
    return {t} if isinstance(t, str) else set(t)


def compare(released, current, path, problems):
    old_types, new_types = types_of(released), types_of(current)
    if old_types is not None and (new_types is None or not old_types <= new_types):
        problems.append(f"{path}: type narrowed from {sorted(old_types)} to {sorted(new_types or [])}")
    for key in MUST_NOT_CHANGE:
        if released.get(key) != current.get(key):
            problems.append(f"{path}: {key} changed")
    for key in LOOSER_IF_SMALLER:
        if key in current and (key not in released or current[key] > released[key]):
            problems.append(f"{path}: {key} tightened")
    for key in LOOSER_IF_LARGER:
        if key in current and (key not in released or current[key] < released[key]):
            problems.append(f"{path}: {key} tightened")
    if "enum" in released and not set(map(json.dumps, released["enum"])) <= set(map(json.dumps, current.get("enum", []))):
        problems.append(f"{path}: enum values removed")
    if "enum" in current and "enum" not in released:
        problems.append(f"{path}: enum added")
    if set(current.get("required", [])) != set(released.get("required", [])):
        problems.append(f"{path}: required changed from {sorted(released.get('required', []))} "
                        f"to {sorted(current.get('required', []))}")
    if released.get("additionalProperties") != current.get("additionalProperties"):
        problems.append(f"{path}: additionalProperties changed")
    old_props, new_props = released.get("properties", {}), current.get("properties", {})
    for name, sub in old_props.items():
        if name not in new_props:
            problems.append(f"{path}/{name}: removed")
        else:
            compare(sub, new_props[name], f"{path}/{name}", problems)
    if "items" in released:
        compare(released["items"], current.get("items", {}), f"{path}/items", problems)


def topic_of(catalogue):
    return {t: topic for topic, spec in catalogue["topics"].items() for t in spec["types"]}


def check(root: Path):
    events = root / "schemas" / "events"
    released_dir = root / "tests" / "contracts" / "released"
    topics = topic_of(json.loads((events / "topics.json").read_text()))
    problems = []
    released_types = {p.stem for p in released_dir.glob("*.json")}
    for event_type in sorted(topics):
        if event_type not in released_types:
            problems.append(f"{event_type}: new type; release it by copying its schema to {released_dir.relative_to(root)}/")
    for event_type in sorted(released_types):
        current_file = events / f"{event_type}.json"
        if event_type not in topics or not current_file.exists():
            problems.append(f"{event_type}: released type removed; keep it until its major version is retired")
            continue
        released = json.loads((released_dir / f"{event_type}.json").read_text())
        compare(released, json.loads(current_file.read_text()), event_type, problems)
        subdomain = event_type.split(".")[2]
        if topics[event_type] != f"samverkan.{subdomain}":
            problems.append(f"{event_type}: moved to topic {topics[event_type]}")
    return problems


def main():
    problems = check(Path(sys.argv[1]))
    if problems:
        print(f"event schemas changed incompatibly ({len(problems)} problems):")
        for p in problems:
            print(f"  - {p}")
        sys.exit(1)
    print("ok: every released event schema is unchanged or changed additively")


if __name__ == "__main__":
    main()
