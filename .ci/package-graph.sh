#!/usr/bin/env bash
# Prints the package dependency graph of the production code (each package of dev.trustcenter and the packages
# it uses in code, imports and fully qualified names alike) and the cycles in it, found with tsort. Exits 1 on a cycle.
# Usage: bash .ci/package-graph.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=functions/src/main/java/dev/trustcenter
EDGES=$(mktemp)
trap 'rm -f "$EDGES"' EXIT
for dir in "$SRC"/*/; do
  p=$(basename "$dir")
  # code only: no package line, comment lines or string literals (class names in strings are not uses)
  deps=$(grep -rhvE '^(package |\s*(\*|//|/\*))' "$dir" --include='*.java' | sed -E 's/"([^"\\]|\\.)*"//g' |
    grep -oE 'dev\.trustcenter\.[a-z]+\.' |
    sed -E 's/dev\.trustcenter\.([a-z]+)\./\1/' | sort -u | grep -vx "$p" | tr '\n' ' ' || true)
  echo "$p -> ${deps:-(nothing)}"
  echo "$p $p" >>"$EDGES"
  for d in $deps; do echo "$d $p" >>"$EDGES"; done
done
if loops=$(tsort "$EDGES" 2>&1 >/dev/null) && [ -z "$loops" ]; then
  echo "cycles: 0"
else
  echo "cycles found:"; echo "$loops"; exit 1
fi
