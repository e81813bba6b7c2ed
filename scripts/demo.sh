#!/usr/bin/env bash
# The README's first command: installs what is missing, builds minid in release mode, and runs the main
# job on a temporary directory: what a CI script does with minid today.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
minid_install_prerequisites
swift build -c release --product minid >&2
minid=.build/release/minid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*" >&2; }

step minid --version --verbose
"$minid" --version --verbose

step "minid id generate --kind tenor --age 13 --count 3 --seed 2026 --json"
"$minid" id generate --kind tenor --age 13 --count 3 --seed 2026 --json

step "minid id validate 31129956715 29020000064 10915596784 01013299966"
"$minid" id validate 31129956715 29020000064 10915596784 01013299966 || echo "(exit status $? : one number is invalid)" >&2

step "minid id generate --count 100000 --seed 1 > numbers.txt; corrupt every tenth; minid id validate --only-invalid"
"$minid" id generate --count 100000 --seed 1 > "$work/numbers.txt"
awk 'NR % 10 == 0 { $0 = substr($0, 1, 10) (substr($0, 11, 1) + 1) % 10 } { print }' "$work/numbers.txt" \
  > "$work/corrupted.txt"
"$minid" id validate --only-invalid < "$work/corrupted.txt" | head -n 3 || true
echo "..." >&2

step "MINID_DATABASE=$work/minid.sqlite minid db path --json"
MINID_DATABASE="$work/minid.sqlite" "$minid" db path --json
