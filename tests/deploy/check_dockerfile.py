#!/usr/bin/env python3
"""Static checks of deploy/docker/Dockerfile (no container engine runs here, so the image is not
built by `make test`; these checks keep it consistent with the code, the package lists and the
chart):
  - a debian:bookworm build stage that installs deploy/packages/build.txt via xargs, and a
    debian:bookworm-slim runtime stage that installs deploy/packages/runtime.txt and nothing else;
  - it builds exactly the four service targets that services/*/CMakeLists.txt define and puts them
    where the chart's commands run them (/usr/local/bin/samverkan-<service>);
  - it ships schemas/ where the chart's SAMVERKAN_SCHEMAS_DIR points;
  - it runs as the numeric non-root user the chart's runAsUser names;
  - Dockerfile.dockerignore keeps build output out and every input the build needs in.
Then it mutates the Dockerfile in several ways and expects each to be reported.
"""
import re
import sys

from deploylib import ROOT, SERVICES, Failures

DOCKER = ROOT / "deploy/docker"
NEEDED_INPUTS = ("CMakeLists.txt", "cmake", "libs", "services", "tools", "tests", "schemas", "deploy/packages")


def stages(text):
    """[(from line, body)] per FROM, with ARG defaults substituted."""
    args = dict(re.findall(r"^ARG\s+(\w+)=(\S+)", text, re.M))
    text = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), text)
    text = text.replace("\\\n", " ")
    parts = re.split(r"^FROM\s+", text, flags=re.M)[1:]
    return [(p.splitlines()[0].strip(), p) for p in parts]


def chart_facts():
    helpers = (ROOT / "helm/samverkan/templates/_helpers.tpl").read_text()
    uid = re.search(r"runAsUser:\s*(\d+)", helpers).group(1)
    schemas = re.search(r"name: SAMVERKAN_SCHEMAS_DIR\s+value:\s*(\S+)", helpers).group(1)
    command = re.search(r'command: \["(/[^"]+/)samverkan-\{\{ \$name \}\}"\]', helpers).group(1)
    return uid, schemas, command


def problems_of(text, ignore):
    out = []
    p = out.append
    st = stages(text)
    if len(st) != 2:
        return [f"expected two stages (build, runtime), found {len(st)}"]
    (build_from, build), (run_from, runtime) = st
    if not re.match(r"debian:bookworm(\s|$)", build_from):
        p(f"build stage is not FROM debian:bookworm ({build_from})")
    if not re.match(r"debian:bookworm-slim(\s|$)", run_from):
        p(f"runtime stage is not FROM debian:bookworm-slim ({run_from})")
    for stage, body, listfile in (("build", build, "build.txt"), ("runtime", runtime, "runtime.txt")):
        if f"COPY deploy/packages/{listfile}" not in body:
            p(f"{stage} stage does not COPY deploy/packages/{listfile}")
        installs = re.findall(r"apt-get install[^&\n]*", body)
        if len(installs) != 1 or not re.search(rf"{re.escape(listfile)}\s*\|\s*xargs\s+apt-get install", body):
            p(f"{stage} stage must install packages only from {listfile} via xargs (found {installs})")
    targets = set()
    for cm in (ROOT / "services").glob("*/CMakeLists.txt"):
        targets |= set(re.findall(r"add_executable\((samverkan-[a-z]+)", cm.read_text()))
    built = set(re.findall(r"samverkan-(?:modules|enrolment|attendance|reporting)\b", build.split("--target", 1)[-1].split("&&")[0]))
    want = {f"samverkan-{s}" for s in SERVICES}
    if targets != want:
        p(f"services/*/CMakeLists.txt define {sorted(targets)}, not the four services")
    if built != want:
        p(f"build stage builds {sorted(built)}, not {sorted(want)}")
    uid, schemas_dir, bin_dir = chart_facts()
    m = re.search(r"COPY --from=build\s+\S+\s+(\S+)", runtime)
    if not m or m.group(1).rstrip("/") + "/" != bin_dir:
        p(f"binaries are not copied to {bin_dir}, where the chart runs them")
    m = re.search(r"^COPY\s+schemas/?\s+(\S+)", runtime, re.M)
    if not m or m.group(1).rstrip("/") != schemas_dir:
        p(f"schemas/ is not copied to {schemas_dir} (the chart's SAMVERKAN_SCHEMAS_DIR)")
    users = re.findall(r"^USER\s+(\S+)", runtime, re.M)
    if not users or users[-1].split(":")[0] != uid:
        p(f"the runtime stage's final USER {users[-1] if users else None} is not the chart's runAsUser {uid}")
    if re.search(r'^(ENTRYPOINT|CMD)\s*(\[\s*")?\S*samverkan-(modules|enrolment|attendance|reporting)', runtime, re.M):
        p("the image picks a default service; the chart must choose per Deployment")
    ignored = [ln.strip() for ln in ignore.splitlines() if ln.strip() and not ln.startswith("#")]
    for needed in NEEDED_INPUTS:
        if any(needed == pat.rstrip("/") or needed.startswith(pat.rstrip("/") + "/") for pat in ignored):
            p(f"Dockerfile.dockerignore excludes {needed}, which the build needs")
    for junk in ("build", ".git", ".local"):
        if junk not in ignored:
            p(f"Dockerfile.dockerignore does not exclude {junk}")
    return out


def main():
    f = Failures()
    text = (DOCKER / "Dockerfile").read_text()
    ignore = (DOCKER / "Dockerfile.dockerignore").read_text()
    for problem in problems_of(text, ignore):
        f.add(problem)
    mutations = {
        "runs as root": (text.replace("USER 10001:10001", "USER root"), ignore, "USER"),
        "fat runtime base": (text.replace("${DEBIAN_SUITE}-slim", "${DEBIAN_SUITE}"), ignore, "bookworm-slim"),
        "a default service": (text + '\nENTRYPOINT ["/usr/local/bin/samverkan-modules"]\n', ignore, "default service"),
        "an extra package in the runtime stage": (text.replace("--no-install-recommends \\\n && rm -rf /var/lib/apt/lists/* /tmp/runtime.txt",
                                                             "--no-install-recommends \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/* /tmp/runtime.txt"), ignore, "only from runtime.txt"),
        "a service not built": (text.replace("samverkan-modules samverkan-enrolment", "samverkan-enrolment"), ignore, "builds"),
        "schemas elsewhere": (text.replace("COPY schemas/ /usr/share/samverkan/schemas/", "COPY schemas/ /opt/schemas/"), ignore, "schemas/"),
        "schemas ignored": (text, ignore + "\nschemas\n", "excludes schemas"),
    }
    for label, (t, i, expected) in mutations.items():
        found = problems_of(t, i)
        if f.check(t != text or i != ignore, f"mutation {label!r} did not change anything (the Dockerfile moved on?)") and \
                f.check(any(expected in x for x in found), f"a broken Dockerfile ({label}) passed: {found}"):
            print(f"caught: {label}")
    return f.finish("Dockerfile consistency with the chart, the package lists and the CMake targets")


if __name__ == "__main__":
    sys.exit(main())
