#!/usr/bin/env python3
"""Builds the tools the deploy checks use (a ctest fixture, run before them):
  - tools/helm-render with Debian's Go and Go packages in GOPATH mode, into BUILD/helm-render;
  - the npm validators of package-lock.json into tests/deploy/node_modules (`npm ci`).
Usage: setup_tools.py --out-dir DIR
"""
import argparse
import os
import sys
from pathlib import Path

from deploylib import ROOT, run, require_tool

HERE = Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)

    go = require_tool("go")
    env = dict(os.environ, GO111MODULE="off", GOPATH="/usr/share/gocode", GOFLAGS="")
    env.setdefault("GOCACHE", str(Path.home() / ".cache/go-build"))
    result = run([go, "build", "-o", out / "helm-render", "."], cwd=ROOT / "tools/helm-render", env=env)
    if result.returncode != 0:
        print(result.stdout + result.stderr)
        print("FAIL: go build of tools/helm-render (needs golang-go, golang-github-masterminds-sprig-dev, "
              "golang-github-xeipuuv-gojsonschema-dev, golang-gopkg-yaml.v3-dev)")
        return 1
    print(f"built {out / 'helm-render'}")

    npm = require_tool("npm")
    require_tool("node")
    result = run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE)
    if result.returncode != 0:
        print(result.stdout + result.stderr)
        print("FAIL: npm ci in tests/deploy")
        return 1
    print("installed tests/deploy/node_modules from package-lock.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
