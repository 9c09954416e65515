#!/usr/bin/env bash
# Loads the demo corpus: default categories, demo/documents indexed into the folder
# "Démo", demo/faq.csv imported into the same folder. Idempotent: a second run finds
# everything unchanged. Usage: scripts/load-demo.sh SANAD_BINARY
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 SANAD_BINARY" >&2
  exit 2
fi
sanad=$1
root=$(cd "$(dirname "$0")/.." && pwd)
folder="Démo"

echo "==> creating the default categories"
"$sanad" categories init
echo "==> indexing $root/demo/documents into folder '$folder'"
"$sanad" index "$root/demo/documents" --folder "$folder"
echo "==> importing $root/demo/faq.csv into folder '$folder'"
"$sanad" import-faq --csv "$root/demo/faq.csv" --folder "$folder"
# Folders are readable by no one but administrators until granted (docs/auth.md,
# "Permissions"): the demo folder is open to every signed-in user.
echo "==> letting every signed-in user read folder '$folder'"
"$sanad" folder grant "$folder" everyone read
