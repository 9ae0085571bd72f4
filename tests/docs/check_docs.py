#!/usr/bin/env python3
"""Checks that the documentation still matches the code.

usage: check_docs.py REPO_ROOT

For each service (a folder in services/ with a handlers/ folder):
  - every `service.route(http::Method::X, "/pattern"` in services/<name>/handlers/*.cpp, plus the
    probes every service gets from libs/runtime/src/service.cpp, plus the /v1 routes every service
    gets from the runtime (`service.route(...)` in libs/runtime/src/*.cpp, e.g. /v1/audit), is a
    path and method in schemas/openapi/<name>.yaml, and every path and method there is such a route;
  - the x-roles of each /v1 operation are the roles of the set the route passes
    (services/<name>/handlers/routes.hpp, or for runtime routes the set in the same runtime file).
For docs/ARCHITECTURE.md:
  - every topic and event type of schemas/events/topics.json is mentioned;
  - every environment variable read in libs/runtime/src/service.cpp (and SAMVERKAN_MODE) is mentioned;
  - every samverkan_* metric family in libs/metrics/src/metrics.cpp is mentioned.

Python 3 standard library only: the YAML is read by indentation (paths at 2 spaces under
`paths:`, methods at 4), which is all the hand-written specs need.
Prints every mismatch and exits 1, or prints a summary and exits 0.
"""
import json
import re
import sys
from pathlib import Path

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}

ROUTE_RE = re.compile(r'service\.route\(\s*http::Method::(\w+)\s*,\s*"([^"]+)"\s*,\s*(\w+)')
PROBE_RE = re.compile(r'router\.add\(\s*http::Method::(\w+)\s*,\s*"([^"]+)"')
ROLE_SET_RE = re.compile(r'std::set<(?:auth::)?Role>\s+(\w+)\s*=?\s*\{([^}]*)\}')
ROLE_RE = re.compile(r'Role::(\w+)')
ENV_RE = re.compile(r'env\.(?:required|optional|integer)\(\s*"([A-Z0-9_]+)"')
METRIC_RE = re.compile(r'"(samverkan_[a-z0-9_]+)"')


def snake(camel):
    """FederationAdmin -> federation_admin (the role names in tokens)."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", camel).lower()


def code_routes(service_dir: Path):
    """{(METHOD, pattern): role set name} from the service's handlers."""
    routes = {}
    for cpp in sorted((service_dir / "handlers").glob("*.cpp")):
        for method, pattern, roles in ROUTE_RE.findall(cpp.read_text()):
            routes[(method.upper(), pattern)] = roles
    return routes


def role_sets(service_dir: Path):
    """{set name: {role names}} from handlers/routes.hpp."""
    header = service_dir / "handlers" / "routes.hpp"
    sets = {}
    if header.exists():
        for name, body in ROLE_SET_RE.findall(header.read_text()):
            sets[name] = {snake(r) for r in ROLE_RE.findall(body)}
    return sets


def runtime_routes(root: Path):
    """({(METHOD, pattern): role set name}, {set name: {role names}}) of the routes the runtime
    registers for every service, from libs/runtime/src/*.cpp."""
    routes, sets = {}, {}
    for cpp in sorted((root / "libs/runtime/src").glob("*.cpp")):
        text = cpp.read_text()
        for method, pattern, roles in ROUTE_RE.findall(text):
            routes[(method.upper(), pattern)] = roles
        for name, body in ROLE_SET_RE.findall(text):
            sets[name] = {snake(r) for r in ROLE_RE.findall(body)}
    return routes, sets


def probe_routes(root: Path):
    text = (root / "libs/runtime/src/service.cpp").read_text()
    return {(m.upper(), p) for m, p in PROBE_RE.findall(text)}


def strip_key(line):
    """'    get:  # c' -> 'get'; quotes around the key are dropped."""
    key = line.strip().split(":", 1)[0].strip()
    return key.strip("'\"")


def spec_operations(spec: Path):
    """{(METHOD, path): x-roles list or None} from an OpenAPI YAML file, by indentation."""
    ops = {}
    in_paths = False
    path = None
    method = None
    for raw in spec.read_text().splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if indent == 0:
            in_paths = raw.startswith("paths:")
            path = method = None
            continue
        if not in_paths:
            continue
        if indent == 2:
            path = strip_key(raw)
            method = None
        elif indent == 4 and path is not None:
            key = strip_key(raw)
            method = key.upper() if key in HTTP_METHODS else None
            if method:
                ops[(method, path)] = None
        elif indent == 6 and method is not None and raw.strip().startswith("x-roles:"):
            value = raw.split(":", 1)[1].strip()
            ops[(method, path)] = sorted(v.strip().strip("'\"") for v in value.strip("[]").split(",") if v.strip())
    return ops


def check_service(root: Path, name: str, probes, shared, problems):
    service_dir = root / "services" / name
    spec = root / "schemas" / "openapi" / f"{name}.yaml"
    shared_routes, shared_sets = shared
    own = code_routes(service_dir)
    if not spec.exists():
        problems.append(f"{name}: {spec.relative_to(root)} is missing")
        return 0
    ops = spec_operations(spec)
    sets = {**shared_sets, **role_sets(service_dir)}
    for key in sorted(set(own) & set(shared_routes)):
        problems.append(f"{name}: {key[0]} {key[1]} is registered by the runtime for every service already")
    routes = {**shared_routes, **own}
    expected = set(routes) | probes
    for method, pattern in sorted(expected - set(ops)):
        problems.append(f"{name}: route {method} {pattern} is not in {spec.relative_to(root)}")
    for method, pattern in sorted(set(ops) - expected):
        problems.append(f"{name}: {spec.relative_to(root)} has {method} {pattern}, which no handler registers")
    for key, set_name in sorted(routes.items()):
        if key not in ops:
            continue
        allowed = sets.get(set_name)
        if allowed is None:
            problems.append(f"{name}: cannot find role set {set_name} in handlers/routes.hpp or libs/runtime/src")
        elif ops[key] is None:
            problems.append(f"{name}: {key[0]} {key[1]} has no x-roles in the spec (code: {sorted(allowed)})")
        elif sorted(allowed) != ops[key]:
            problems.append(f"{name}: {key[0]} {key[1]} x-roles {ops[key]} differ from the code's {set_name} {sorted(allowed)}")
    return len(own)


def check_architecture(root: Path, problems):
    doc_path = root / "docs" / "ARCHITECTURE.md"
    if not doc_path.exists():
        problems.append("docs/ARCHITECTURE.md is missing")
        return 0
    doc = doc_path.read_text()
    catalogue = json.loads((root / "schemas/events/topics.json").read_text())
    wanted = []
    for topic, spec in catalogue["topics"].items():
        wanted.append(("topic", topic))
        wanted += [("event type", t) for t in spec.get("types", [])]
    service_cpp = (root / "libs/runtime/src/service.cpp").read_text()
    wanted += [("environment variable", v) for v in ["SAMVERKAN_MODE"] + ENV_RE.findall(service_cpp)]
    metrics_cpp = (root / "libs/metrics/src/metrics.cpp").read_text()
    wanted += [("metric", m) for m in dict.fromkeys(METRIC_RE.findall(metrics_cpp))]
    for kind, name in wanted:
        if not re.search(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", doc):
            problems.append(f"docs/ARCHITECTURE.md does not mention the {kind} {name}")
    return len(wanted)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = Path(argv[1]).resolve()
    problems = []
    probes = probe_routes(root)
    if not probes:
        problems.append("no probe routes found in libs/runtime/src/service.cpp")
    shared = runtime_routes(root)
    if not shared[0]:
        problems.append("no /v1 routes found in libs/runtime/src/*.cpp: the pattern no longer matches the code")
    services = sorted(p.name for p in (root / "services").iterdir() if (p / "handlers").is_dir())
    counts = {name: check_service(root, name, probes, shared, problems) for name in services}
    if sum(counts.values()) == 0:
        problems.append("no routes found in services/*/handlers/*.cpp: the pattern no longer matches the code")
    mentions = check_architecture(root, problems)
    if problems:
        print(f"documentation out of date ({len(problems)} problems):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    summary = ", ".join(f"{n} {c}+{len(shared[0])}+{len(probes)}" for n, c in counts.items())
    print(f"ok: routes match the OpenAPI specs ({summary}); ARCHITECTURE.md mentions all {mentions} "
          "topics, event types, environment variables and metrics")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
