#!/usr/bin/env bash
# The README's first command: installs what is missing, builds minid in release mode, and runs the main job
# on a temporary test store, as a CI script would: init, register a synthetic person, read the activation
# letter, activate with a password, show the account, verify the audit trail.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
minid_install_prerequisites
swift build -c release --product minid >&2
minid=$PWD/.build/release/minid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MINID_DATABASE="$work/store/minid.sqlite"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*" >&2; }

step minid init --environment test
"$minid" init --environment test

step "minid id generate --kind tenor --age 30"
pid=$("$minid" id generate --kind tenor --age 30)
echo "$pid"

step "minid account register --pid $pid --phone 91234567 --email kari.nordmann@example.no --address 'Storgata 1, 0155 Oslo' --json"
"$minid" account register --pid "$pid" --phone 91234567 --email kari.nordmann@example.no \
  --address 'Storgata 1, 0155 Oslo' --json | tee "$work/registration.json"
code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["letter"]["activation_code"])' "$work/registration.json")

step "minid outbox show 1      # the activation letter, with its code and QR code"
"$minid" outbox show 1

step "minid account activate --pid $pid --code-file - --password-file password.txt"
printf 'Fjelltur i mai 2026!\n' > "$work/password.txt"
echo "$code" | "$minid" account activate --pid "$pid" --code-file - --password-file "$work/password.txt"

step "minid account show --pid $pid"
"$minid" account show --pid "$pid"

step "minid audit list"
"$minid" audit list

step "minid audit verify"
"$minid" audit verify
