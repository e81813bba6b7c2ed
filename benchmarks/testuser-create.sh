#!/usr/bin/env bash
# Times `minid testuser create --count N` on a new test store at the default scrypt cost (ln=10) and at
# the production cost (ln=17), with the release binary. Usage: benchmarks/testuser-create.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100}"
swift build -c release -q --product minid
minid=.build/release/minid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for cost in 10 17; do
  export MINID_DATABASE="$work/ln$cost/minid.sqlite"
  "$minid" init --environment test --scrypt-cost "$cost" > /dev/null
  start=$(date +%s.%N)
  "$minid" testuser create --count "$count" --json > /dev/null
  end=$(date +%s.%N)
  printf 'ln=%s: %s test users in %.2f s\n' "$cost" "$count" "$(echo "$end - $start" | bc)"
done
