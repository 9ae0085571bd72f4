#!/usr/bin/env python3
"""Checks that deploy/packages/runtime.txt installs every shared library the services load.

For each built binary build/services/<name>/samverkan-<name>:
  1. `ldd` lists every shared library it loads (direct and transitive); one "not found" fails.
  2. `dpkg -S` maps each library file to the Debian package that ships it.
  3. Each such package must be covered by the runtime image, i.e. be one of
       a. a package listed in runtime.txt,
       b. a dependency (Depends/Pre-Depends, followed recursively) of a listed package: apt-get
          installs those with it, even with --no-install-recommends,
       c. part of debian:bookworm-slim itself (the BASE set below).
  Anything else fails the check, naming the library, its package and the binary.

The BASE set is not a hand-written list: it is computed from dpkg's own facts on this machine as
every installed package with `Essential: yes` or `Priority: required` (what debootstrap's minbase
variant, and so the bookworm-slim image, installs; `dpkg-query -W -f='${Package} ${Essential}
${Priority}\\n'` shows them) plus their recursive dependencies. On bookworm that is where
libc6, libgcc-s1 and libstdc++6 come from: they are neither Essential nor required themselves
(dpkg-query shows "no optional") but apt (required) and the Essential tools depend on them. The
script prints which BASE packages it relied on.

Every package in runtime.txt must be installed here (the -dev packages of build.txt pull them
in), or its dependencies could not be followed: an unknown or misspelt name fails too.

Finally the script proves it can fail: it re-runs the same check with each package that a binary
links directly (readelf NEEDED) removed from runtime.txt in turn, and expects a failure unless
that package is also reachable another way (base image or another listed package's
dependencies). If no such removal makes the check fail, the self-test fails.

Usage: check_runtime_libs.py --build-dir BUILD [--runtime-list deploy/packages/runtime.txt]
"""
import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("modules", "enrolment", "attendance", "reporting")


def run(args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def read_list(path: Path):
    return [line.strip() for line in path.read_text().splitlines()
            if line.strip() and not line.strip().startswith("#")]


class Dpkg:
    """Installed packages' Depends, Pre-Depends, Provides, Essential and Priority, read once."""

    def __init__(self):
        fmt = "${Package}\\t${db:Status-Abbrev}\\t${Essential}\\t${Priority}\\t${Pre-Depends}\\t${Depends}\\t${Provides}\\n"
        self.deps, self.essential_or_required, self.providers = {}, set(), {}
        for line in run(["dpkg-query", "-W", "-f", fmt]).splitlines():
            name, status, essential, priority, predeps, deps, provides = (line.split("\t") + [""] * 7)[:7]
            if not status.startswith("ii"):
                continue
            self.deps[name] = [self._alternatives(group) for group in
                               (predeps + "," + deps).split(",") if group.strip()]
            if essential == "yes" or priority == "required":
                self.essential_or_required.add(name)
            for item in provides.split(","):
                virtual = self._name(item)
                if virtual:
                    self.providers.setdefault(virtual, set()).add(name)

    @staticmethod
    def _name(text):
        # "libfoo1 (>= 1.2)" or "libfoo1:any" -> "libfoo1"
        return re.split(r"[\s(:]", text.strip(), maxsplit=1)[0] if text.strip() else ""

    def _alternatives(self, group):
        return [self._name(alt) for alt in group.split("|") if self._name(alt)]

    def installed(self, name):
        return name in self.deps

    def resolve(self, name):
        """A real installed package for a (possibly virtual) name, or None."""
        if name in self.deps:
            return name
        for provider in sorted(self.providers.get(name, ())):
            if provider in self.deps:
                return provider
        return None

    def closure(self, roots):
        """Every installed package reachable from roots through Pre-Depends/Depends, with the root
        it came from. For an alternative group the first installed alternative counts, as apt
        would pick one that satisfies it (on this machine: the one installed)."""
        origin = {}
        stack = [(r, r) for r in roots if self.resolve(r)]
        while stack:
            pkg, root = stack.pop()
            pkg = self.resolve(pkg)
            if pkg is None or pkg in origin:
                continue
            origin[pkg] = root
            for group in self.deps.get(pkg, []):
                chosen = next((a for a in group if self.resolve(a)), None)
                if chosen:
                    stack.append((chosen, root))
        return origin


_PACKAGE_OF = {}


def package_of(path: str):
    if path not in _PACKAGE_OF:
        _PACKAGE_OF[path] = _package_of(path)
    return _PACKAGE_OF[path]


def _package_of(path: str):
    """The package that ships a library file. Bookworm is usr-merged: a file ldd finds under
    /lib may be registered under /usr/lib, and the other way round."""
    candidates = [path, os.path.realpath(path)]
    for p in list(candidates):
        if p.startswith("/usr/"):
            candidates.append(p[4:])
        else:
            candidates.append("/usr" + p)
    for p in candidates:
        result = subprocess.run(["dpkg", "-S", p], capture_output=True, text=True)
        if result.returncode == 0:
            for line in result.stdout.splitlines():
                if line.startswith("diversion by"):
                    continue
                pkgs = line.rsplit(": ", 1)[0]
                return pkgs.split(",")[0].strip().split(":")[0]
    return None


def libraries(binary: Path):
    """(soname, resolved path) for every library ldd resolves; raises on 'not found'."""
    libs = []
    for line in run(["ldd", str(binary)]).splitlines():
        line = line.strip()
        if "not found" in line:
            raise SystemExit(f"FAIL {binary.name}: {line}")
        m = re.match(r"(\S+) => (/\S+)", line)
        if m:
            libs.append((m.group(1), m.group(2)))
    return libs


def needed(binary: Path):
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", run(["readelf", "-d", str(binary)])))


def check(listed, dpkg, lib_packages):
    """Returns a list of problems: packages a binary loads that the runtime image would lack."""
    problems = []
    unknown = [p for p in listed if not dpkg.resolve(p)]
    for p in unknown:
        problems.append(f"runtime.txt lists {p!r}, which is not installed here (misspelt? wrong version suffix?)")
    covered = dpkg.closure(listed)
    base = dpkg.closure(sorted(dpkg.essential_or_required))
    for (binary, soname, pkg) in lib_packages:
        if pkg in listed or pkg in covered or pkg in base:
            continue
        problems.append(f"{binary}: {soname} comes from package {pkg}, which runtime.txt neither lists "
                        f"nor pulls in as a dependency, and bookworm-slim does not ship")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--runtime-list", default=str(ROOT / "deploy/packages/runtime.txt"))
    args = parser.parse_args()

    listed = read_list(Path(args.runtime_list))
    dpkg = Dpkg()
    lib_packages, direct_packages = [], set()
    for name in SERVICES:
        binary = Path(args.build_dir) / "services" / name / f"samverkan-{name}"
        if not binary.is_file():
            print(f"FAIL: {binary} is not built (run `cmake --build {args.build_dir}` first)")
            return 1
        direct = needed(binary)
        for soname, path in libraries(binary):
            pkg = package_of(path)
            if pkg is None:
                print(f"FAIL {binary.name}: no Debian package ships {path} (built locally? copied in?)")
                return 1
            lib_packages.append((binary.name, soname, pkg))
            if soname in direct:
                direct_packages.add(pkg)

    covered = dpkg.closure(listed)
    base = dpkg.closure(sorted(dpkg.essential_or_required))
    print("library packages the services load, and why the runtime image has each:")
    for pkg in sorted({p for _, _, p in lib_packages}):
        if pkg in listed:
            why = "listed in runtime.txt"
        elif pkg in base:
            why = f"in bookworm-slim (via {base[pkg]}: Essential/required)"
        elif pkg in covered:
            why = f"dependency of {covered[pkg]} (listed)"
        else:
            why = "MISSING"
        print(f"  {pkg:<28} {'(direct)' if pkg in direct_packages else '        '} {why}")

    problems = check(listed, dpkg, lib_packages)
    if problems:
        print("\nFAIL:")
        for p in problems:
            print("  " + p)
        return 1
    used = {p for _, _, p in lib_packages}
    unused = [p for p in listed if p not in used and not any(covered.get(u) == p for u in used)]
    if unused:
        print(f"\nnote: runtime.txt lists packages no binary loads a library from: {', '.join(unused)} "
              "(fine for data packages such as ca-certificates)")

    # Self-test: the check must fail when a directly linked library's package is dropped.
    bites = 0
    for pkg in sorted(direct_packages & set(listed)):
        reduced = [p for p in listed if p != pkg]
        if check(reduced, dpkg, lib_packages):
            bites += 1
        else:
            print(f"  (dropping {pkg} alone is not detected: another listed package depends on it)")
    if bites == 0:
        print("FAIL self-test: removing any single listed package never made the check fail")
        return 1
    print(f"\nself-test: dropping each of {bites} directly linked, listed packages makes the check fail")
    print(f"PASS: runtime.txt ({len(listed)} packages) covers the {len(used)} library packages of {len(SERVICES)} binaries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
