#!/usr/bin/env bash
# Installs the Debian packages a task needs, and only those not yet installed.
# Usage: scripts/install-deps.sh GROUP...   (groups: build, test, bench, web)
# Each group reads scripts/apt/GROUP.txt and scripts/apt/GROUP.*.txt (one package a
# line, '#' comments). Idempotent: prints what it installs, or that nothing is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

wanted=()
for group in "$@"; do
  found=0
  for list in "$here/apt/$group.txt" "$here"/apt/"$group".*.txt; do
    [ -f "$list" ] || continue
    found=1
    while read -r line; do
      pkg="${line%%#*}"; pkg="$(echo "$pkg" | xargs)"
      [ -n "$pkg" ] && wanted+=("$pkg")
    done <"$list"
  done
  [ "$found" = 1 ] || { echo "install-deps: unknown group '$group'" >&2; exit 2; }
done

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
# Remove duplicates while keeping order.
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "==> packages for '$*': all installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "==> installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
