#!/usr/bin/env bash
# Installs the Debian packages listed in deploy/packages/build.txt and test.txt when any is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
mapfile -t wanted < <(cat "$here/deploy/packages/build.txt" "$here/deploy/packages/test.txt" | grep -v -E '^\s*(#|$)')
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "installing: ${missing[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
