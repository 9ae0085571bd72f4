#!/usr/bin/env python3
"""Renders helm/samverkan offline and checks what comes out.

  1. helm-render (tools/helm-render, a `helm template` stand-in) renders the chart with its
     default values and with values-production.example.yaml; values are validated against
     values.schema.json first.
  2. validate.mjs checks every rendered object against the Kubernetes / prometheus-operator
     schemas of the npm packages in package.json.
  3. The policy below checks what schemas cannot: the restricted pod security context on every
     container, probes, labels and selectors that match, the migrations hook, the NetworkPolicy's
     ports, and that every environment variable the chart sets is one libs/runtime reads.
  4. Negative cases: broken values files must be refused (schema and template guards), a broken
     manifest must fail validate.mjs, and each policy rule must catch a mutated manifest.

Usage: check_chart.py --helm-render BUILD/tests/deploy/helm-render --work-dir DIR
"""
import copy
import re
import sys
from pathlib import Path

import yaml

from deploylib import CHART, ROOT, SERVICES, Failures, load_yaml_docs, require_tool, run, parse_args

HERE = Path(__file__).resolve().parent
LABELS = ("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
          "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by")
SCHEMAS_DIR = "/usr/share/samverkan/schemas"


def env_vars_read_by_services():
    """Names libs/runtime reads with env.required/optional/integer, plus SAMVERKAN_MODE (env.cpp)."""
    src = (ROOT / "libs/runtime/src/service.cpp").read_text()
    names = set(re.findall(r'env\.(?:required|optional|integer)\("([A-Z0-9_]+)"', src))
    # JWT_SECRET_FILE is required only for HS256, which production mode refuses (it uses RS256
    # and JWT_PUBLIC_KEY_FILE); every other env.required name must be set by the chart.
    required = set(re.findall(r'env\.required\("([A-Z0-9_]+)"', src)) - {"JWT_SECRET_FILE"}
    if 'lookup("SAMVERKAN_MODE")' in (ROOT / "libs/config/src/env.cpp").read_text():
        names.add("SAMVERKAN_MODE")
    return names, required


def matches(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).items())


def pod_specs(docs):
    """(owner description, pod template metadata, pod spec) for Deployments and Jobs."""
    for d in docs:
        if d["kind"] in ("Deployment", "Job"):
            tpl = d["spec"]["template"]
            yield f"{d['kind']} {d['metadata']['name']}", tpl.get("metadata", {}), tpl["spec"]


def policy(docs, values_name, expect):
    """Returns a list of problems with the rendered objects. `expect` says which optional objects
    the values file enables: {"hpa": bool, "servicemonitor": bool}."""
    problems = []
    p = problems.append
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
        labels = d.get("metadata", {}).get("labels", {})
        for label in LABELS:
            if not labels.get(label):
                p(f"{d['kind']} {d['metadata'].get('name')}: label {label} missing")
        if labels.get("app.kubernetes.io/part-of") != "samverkan":
            p(f"{d['kind']} {d['metadata'].get('name')}: part-of is not samverkan")

    def named(kind):
        return {d["metadata"]["name"]: d for d in by_kind.get(kind, [])}

    deployments, services, pdbs = named("Deployment"), named("Service"), named("PodDisruptionBudget")
    hpas, monitors = named("HorizontalPodAutoscaler"), named("ServiceMonitor")
    env_known, env_required = env_vars_read_by_services()

    # Pod security, volumes and environment: Deployments and the migrations Job alike.
    for owner, meta, spec in pod_specs(docs):
        psc = spec.get("securityContext", {})
        if psc.get("runAsNonRoot") is not True:
            p(f"{owner}: pod securityContext.runAsNonRoot is not true")
        if not isinstance(psc.get("runAsUser"), int) or psc.get("runAsUser") == 0:
            p(f"{owner}: pod securityContext.runAsUser is not a non-zero number")
        if psc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            p(f"{owner}: seccompProfile is not RuntimeDefault")
        if spec.get("automountServiceAccountToken") is not False:
            p(f"{owner}: automountServiceAccountToken is not false")
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for c in spec.get("initContainers", []) + spec.get("containers", []):
            where = f"{owner} container {c['name']}"
            sc = c.get("securityContext", {})
            if sc.get("allowPrivilegeEscalation") is not False:
                p(f"{where}: allowPrivilegeEscalation is not false")
            if sc.get("readOnlyRootFilesystem") is not True:
                p(f"{where}: readOnlyRootFilesystem is not true")
            if sc.get("capabilities", {}).get("drop") != ["ALL"]:
                p(f"{where}: capabilities.drop is not [ALL]")
            if sc.get("privileged"):
                p(f"{where}: privileged")
            mounts = {m["mountPath"]: m for m in c.get("volumeMounts", [])}
            tmp = mounts.get("/tmp")
            if not tmp or "emptyDir" not in volumes.get(tmp["name"], {}):
                p(f"{where}: /tmp is not an emptyDir (the root filesystem is read-only)")
            env = {e["name"]: e for e in c.get("env", [])}
            for name in env:
                if name not in env_known:
                    p(f"{where}: sets {name}, which libs/runtime/src/service.cpp never reads")
            for name in env_required:
                if name not in env:
                    p(f"{where}: does not set {name}, required in production")
            want = {"SAMVERKAN_MODE": "production", "MIGRATE_ON_START": "false", "HTTP_ADDRESS": "0.0.0.0",
                    "JWT_ALGORITHM": "RS256", "SAMVERKAN_SCHEMAS_DIR": SCHEMAS_DIR}
            for name, value in want.items():
                if env.get(name, {}).get("value") != value:
                    p(f"{where}: {name} is not {value!r}")
            if "secretKeyRef" not in env.get("DATABASE_URL", {}).get("valueFrom", {}):
                p(f"{where}: DATABASE_URL does not come from a Secret")
            if ("KAFKA_PROPERTIES_FILE" in env) != expect.get("kafka_properties", False):
                p(f"{where}: KAFKA_PROPERTIES_FILE set is {'KAFKA_PROPERTIES_FILE' in env}, expected the opposite")
            for var in ("JWT_PUBLIC_KEY_FILE", "KAFKA_PROPERTIES_FILE"):
                if var == "KAFKA_PROPERTIES_FILE" and var not in env:
                    continue
                key_file = env.get(var, {}).get("value", "")
                mount = next((m for path, m in mounts.items() if key_file.startswith(path.rstrip("/") + "/")), None)
                if not mount or "secret" not in volumes.get(mount["name"], {}):
                    p(f"{where}: {var} {key_file!r} is not inside a mounted Secret")
                elif key_file.rsplit("/", 1)[1] not in [i["path"] for i in volumes[mount["name"]]["secret"].get("items", [])]:
                    p(f"{where}: {var} names a file the Secret volume does not project")

    # Per service: Deployment, Service, PDB, HPA, ServiceMonitor fit together.
    if len(deployments) != len(SERVICES):
        p(f"expected {len(SERVICES)} Deployments, got {sorted(deployments)}")
    for name, dep in deployments.items():
        component = dep["metadata"]["labels"].get("app.kubernetes.io/component")
        spec = dep["spec"]
        pod_labels = spec["template"]["metadata"]["labels"]
        if not matches(spec["selector"]["matchLabels"], pod_labels):
            p(f"Deployment {name}: selector does not match its pod labels")
        c = spec["template"]["spec"]["containers"][0]
        if c.get("command") != [f"/usr/local/bin/samverkan-{component}"]:
            p(f"Deployment {name}: command {c.get('command')} does not run samverkan-{component}")
        ports = {pt["name"]: pt["containerPort"] for pt in c.get("ports", [])}
        if "http" not in ports:
            p(f"Deployment {name}: no port named http")
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        if str(ports.get("http")) != env.get("HTTP_PORT"):
            p(f"Deployment {name}: HTTP_PORT {env.get('HTTP_PORT')} differs from the container port {ports.get('http')}")
        for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"), ("startupProbe", "/healthz")):
            get = c.get(probe, {}).get("httpGet", {})
            if get.get("path") != path or get.get("port") not in ("http", ports.get("http")):
                p(f"Deployment {name}: {probe} is not GET {path} on the http port")
        if not c.get("resources", {}).get("requests"):
            p(f"Deployment {name}: no resource requests (the HPA's CPU target needs them)")
        svc = services.get(name)
        if not svc:
            p(f"Deployment {name}: no Service of the same name")
        elif not matches(svc["spec"]["selector"], pod_labels) or svc["spec"]["ports"][0].get("targetPort") != "http":
            p(f"Service {name}: selector or targetPort does not reach the Deployment's pods")
        pdb = pdbs.get(name)
        if not pdb or not matches(pdb["spec"]["selector"]["matchLabels"], pod_labels):
            p(f"Deployment {name}: no PodDisruptionBudget selecting its pods")
        hpa = hpas.get(name)
        if expect["hpa"]:
            if not hpa or hpa["spec"]["scaleTargetRef"] != {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}:
                p(f"Deployment {name}: no HorizontalPodAutoscaler targeting it")
            if "replicas" in spec:
                p(f"Deployment {name}: sets replicas although an HPA owns the count")
        else:
            if hpa:
                p(f"{values_name}: HPA {name} rendered although autoscaling is off")
            if "replicas" not in spec:
                p(f"Deployment {name}: no replicas without an HPA")
        mon = monitors.get(name)
        if expect["servicemonitor"]:
            if not mon or not svc or not matches(mon["spec"]["selector"]["matchLabels"], svc["metadata"]["labels"]):
                p(f"Deployment {name}: no ServiceMonitor selecting its Service")
            else:
                ep = mon["spec"]["endpoints"][0]
                if ep.get("port") not in [pt["name"] for pt in svc["spec"]["ports"]] or ep.get("path") != "/metrics":
                    p(f"ServiceMonitor {name}: does not scrape /metrics on a port the Service has")
                if mon["spec"].get("jobLabel") != "app.kubernetes.io/part-of" or not ep.get("honorLabels"):
                    p(f"ServiceMonitor {name}: job must come from part-of (job=\"samverkan\", as the alerts expect) with honorLabels")
        elif mon:
            p(f"{values_name}: ServiceMonitor {name} rendered although serviceMonitor.enabled is false")

    # The migrations hook: one Job running every service's `migrate`, before install/upgrade.
    jobs = by_kind.get("Job", [])
    if len(jobs) != 1:
        p(f"expected one migrations Job, got {len(jobs)}")
    for job in jobs:
        ann = job["metadata"].get("annotations", {})
        if ann.get("helm.sh/hook") != "pre-install,pre-upgrade":
            p("migrations Job: helm.sh/hook is not pre-install,pre-upgrade")
        if ann.get("helm.sh/hook-delete-policy") != "before-hook-creation,hook-succeeded":
            p("migrations Job: hook-delete-policy is not before-hook-creation,hook-succeeded")
        spec = job["spec"]["template"]["spec"]
        if spec.get("restartPolicy") != "Never":
            p("migrations Job: restartPolicy is not Never")
        if spec.get("serviceAccountName"):
            p("migrations Job: names a ServiceAccount, which a pre-install hook runs before")
        commands = [c.get("command") for c in spec.get("initContainers", []) + spec["containers"]]
        want = sorted([f"/usr/local/bin/samverkan-{s}", "migrate"] for s in SERVICES)
        if sorted(commands) != want:
            p(f"migrations Job: commands {commands} are not `samverkan-<service> migrate` for each service")

    # NetworkPolicy: selects every pod of the release; ingress to http; egress DNS, PG, Kafka only.
    policies = by_kind.get("NetworkPolicy", [])
    if len(policies) != 1:
        p(f"expected one NetworkPolicy, got {len(policies)}")
    for np in policies:
        spec = np["spec"]
        for owner, meta, _ in pod_specs(docs):
            if not matches(spec["podSelector"].get("matchLabels"), meta.get("labels", {})):
                p(f"NetworkPolicy does not select the pods of {owner}")
        if sorted(spec.get("policyTypes", [])) != ["Egress", "Ingress"]:
            p("NetworkPolicy: policyTypes must be Ingress and Egress")
        ingress_ports = [pt.get("port") for rule in spec.get("ingress", []) for pt in rule.get("ports", [])]
        if ingress_ports != ["http"]:
            p(f"NetworkPolicy: ingress ports {ingress_ports} are not just the http port")
        egress = sorted((pt.get("protocol", "TCP"), pt["port"]) for rule in spec.get("egress", []) for pt in rule.get("ports", []))
        if egress != [("TCP", 53), ("TCP", 5432), ("TCP", 9092), ("UDP", 53)]:
            p(f"NetworkPolicy: egress ports {egress} are not DNS, PostgreSQL and Kafka")
        if any(not rule.get("to") for rule in spec.get("egress", [])):
            p("NetworkPolicy: an egress rule without `to` allows every destination")
    return problems


def render(helm_render, values_files, out_path):
    args = [helm_render]
    for f in values_files:
        args += ["-f", f]
    result = run(args + ["--notes", CHART])
    if result.returncode == 0:
        Path(out_path).write_text(result.stdout)
    return result


def main():
    args = parse_args(__doc__, "--helm-render")
    work = args.work_dir
    node = require_tool("node")
    f = Failures()

    kafka_properties = work / "kafka-properties-values.yaml"
    kafka_properties.write_text("kafka:\n  propertiesSecret: samverkan-kafka-client\n")
    cases = {
        "values.yaml": ([], {"hpa": False, "servicemonitor": False}),
        "values-production.example.yaml": ([CHART / "values-production.example.yaml"], {"hpa": True, "servicemonitor": True}),
        "kafka-properties-values.yaml": ([kafka_properties], {"hpa": False, "servicemonitor": False,
                                                             "kafka_properties": True}),
    }
    rendered = {}
    for name, (files, expect) in cases.items():
        out = work / f"rendered-{name}"
        result = render(args.helm_render, files, out)
        if not f.check(result.returncode == 0, f"rendering with {name}: {result.stderr.strip()}"):
            continue
        docs = load_yaml_docs(out.read_text())
        rendered[name] = docs
        kinds = sorted({d["kind"] for d in docs})
        print(f"{name}: {len(docs)} objects ({', '.join(kinds)})")
        v = run([node, HERE / "validate.mjs", out], cwd=HERE)
        print(v.stdout.rstrip())
        f.check(v.returncode == 0, f"{name}: rendered objects fail schema validation: {v.stderr.strip()}")
        for problem in policy(docs, name, expect):
            f.add(f"{name}: {problem}")
        if "# Source: samverkan/templates/NOTES.txt" not in out.read_text():
            f.add(f"{name}: NOTES.txt rendered nothing")

    # Values that must be refused, and why.
    bad_values = {
        "typo in a per-service key": ({"services": {"modules": {"replica": 3}}}, "additional property replica"),
        "unknown service": ({"services": {"payments": {"replicas": 1}}}, "additional property payments"),
        "misspelt top-level key": ({"serviceMonitr": {"enabled": True}}, "additional property servicemonitr"),
        "log level outside the enum": ({"logLevel": "verbose"}, "loglevel"),
        "replicas as a string": ({"services": {"reporting": {"replicas": "3"}}}, "replicas"),
        "empty kafka.brokers": ({"kafka": {"brokers": ""}}, "kafka.brokers"),
        "Postgres egress open to everyone": ({"networkPolicy": {"postgres": {"ports": [5432], "to": []}}}, "networkpolicy.postgres.to"),
        "PDB that blocks every drain": ({"services": {"modules": {"replicas": 2, "pdb": {"enabled": True, "minAvailable": 2}}}},
                                        "services.modules.pdb.minavailable (2) must be below"),
        "HPA minimum above maximum": ({"services": {"attendance": {"autoscaling": {"enabled": True, "minReplicas": 5,
                                                                                  "maxReplicas": 3, "targetCPUUtilizationPercentage": 70}}}},
                                      "minreplicas is above maxreplicas"),
    }
    for label, (override, expected) in bad_values.items():
        path = work / "bad-values.yaml"
        path.write_text(yaml.safe_dump(override))
        result = render(args.helm_render, [path], work / "bad-rendered.yaml")
        message = (result.stdout + result.stderr).lower()
        if f.check(result.returncode != 0, f"bad values ({label}) were accepted"):
            f.check(expected in message, f"bad values ({label}) refused, but not for the expected reason "
                                         f"({expected!r}): {message.strip()[:300]}")
            print(f"refused as expected: {label}")

    # validate.mjs must reject a broken object and a kind it has no schema for.
    if "values.yaml" in rendered:
        docs = rendered["values.yaml"]
        broken_dep = copy.deepcopy(next(d for d in docs if d["kind"] == "Deployment"))
        broken_dep["spec"]["replicas"] = "two"
        broken_svc = copy.deepcopy(next(d for d in docs if d["kind"] == "Service"))
        broken_svc["spec"]["ports"][0]["port"] = "http"
        unknown = {"apiVersion": "example.org/v1", "kind": "Widget", "metadata": {"name": "w"}}
        for label, obj in (("Deployment with replicas: two", broken_dep), ("Service with a named port number", broken_svc),
                           ("a kind without a schema", unknown)):
            path = work / "broken.yaml"
            path.write_text(yaml.safe_dump(obj))
            v = run([node, HERE / "validate.mjs", path], cwd=HERE)
            if f.check(v.returncode != 0, f"validate.mjs accepted {label}"):
                print(f"validate.mjs rejects {label}")

        # Each policy rule must bite: mutate a good render and expect the named problem.
        def mutated(fn):
            ds = copy.deepcopy(docs)
            fn(ds)
            return policy(ds, "mutated", {"hpa": False, "servicemonitor": False})

        def first(ds, kind):
            return next(d for d in ds if d["kind"] == kind)

        def container(ds, kind="Deployment"):
            return first(ds, kind)["spec"]["template"]["spec"]["containers"][0]

        mutations = {
            "writable root filesystem": (lambda ds: container(ds)["securityContext"].update(readOnlyRootFilesystem=False), "readOnlyRootFilesystem"),
            "privilege escalation in the Job": (lambda ds: container(ds, "Job")["securityContext"].pop("allowPrivilegeEscalation"), "allowPrivilegeEscalation"),
            "no seccomp profile": (lambda ds: first(ds, "Deployment")["spec"]["template"]["spec"]["securityContext"].pop("seccompProfile"), "seccompProfile"),
            "misspelt env var": (lambda ds: container(ds)["env"].append({"name": "KAFKA_BROKER", "value": "x:1"}), "never reads"),
            "missing liveness probe": (lambda ds: container(ds).pop("livenessProbe"), "livenessProbe"),
            "readiness on /healthz": (lambda ds: container(ds)["readinessProbe"]["httpGet"].update(path="/healthz"), "readinessProbe"),
            "migrations during start-up": (lambda ds: next(e for e in container(ds)["env"] if e["name"] == "MIGRATE_ON_START").update(value="true"), "MIGRATE_ON_START"),
            "post-install hook": (lambda ds: first(ds, "Job")["metadata"]["annotations"].update({"helm.sh/hook": "post-install"}), "helm.sh/hook"),
            "a service missing from the Job": (lambda ds: first(ds, "Job")["spec"]["template"]["spec"]["initContainers"].pop(), "migrate` for each service"),
            "egress to any port": (lambda ds: first(ds, "NetworkPolicy")["spec"]["egress"].append({"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": 443}]}), "egress ports"),
            "label missing": (lambda ds: first(ds, "Service")["metadata"]["labels"].pop("app.kubernetes.io/part-of"), "part-of"),
            "Service selecting nothing": (lambda ds: first(ds, "Service")["spec"]["selector"].update({"app.kubernetes.io/component": "nope"}), "does not reach"),
        }
        for label, (fn, expected) in mutations.items():
            problems = mutated(fn)
            if f.check(any(expected in pr for pr in problems), f"policy did not catch: {label} (got {problems[:3]})"):
                print(f"policy catches: {label}")
    return f.finish("helm chart render, schema validation and policy")


if __name__ == "__main__":
    sys.exit(main())
