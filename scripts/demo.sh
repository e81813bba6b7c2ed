#!/usr/bin/env bash
# The README's first command: installs what is missing, builds minid in release mode, and runs the main job
# on a temporary test store, as a CI script would: register a synthetic person, activate the account with
# the letter's code, register a service, log in with password and SMS code, and verify the level-3 ID
# token, showing its claims.
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
json() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d[k]
print(d)' "$1"; }

step minid init --environment test
"$minid" init --environment test

step "minid id generate --kind tenor --age 30"
pid=$("$minid" id generate --kind tenor --age 30)
echo "$pid"

step "minid account register --pid $pid --phone 91234567 --email kari.nordmann@example.no --address 'Storgata 1, 0155 Oslo' --json"
"$minid" account register --pid "$pid" --phone 91234567 --email kari.nordmann@example.no \
  --address 'Storgata 1, 0155 Oslo' --json | tee "$work/registration.json"
code=$(json letter.activation_code < "$work/registration.json")

step "minid outbox show 1      # the activation letter, with its code and QR code"
"$minid" outbox show 1

step "minid account activate --pid $pid --code-file - --password-file password.txt"
printf 'Fjelltur i mai 2026!\n' > "$work/password.txt"
echo "$code" | "$minid" account activate --pid "$pid" --code-file - --password-file "$work/password.txt"

step "minid service add --client-id my-app --name 'My app' --level substantial"
"$minid" service add --client-id my-app --name 'My app' --level substantial

step "minid login start --pid $pid --client my-app --password-file password.txt --json"
"$minid" login start --pid "$pid" --client my-app --password-file "$work/password.txt" --json | tee "$work/start.json"
login_id=$(json login_id < "$work/start.json")

step "minid outbox list --kind sms      # the SMS with the one-time code"
"$minid" outbox list --kind sms

step "echo 12345 | minid login finish --login-id $login_id --code-file - --nonce demo-nonce   # the test store's static code"
token=$(echo 12345 | "$minid" login finish --login-id "$login_id" --code-file - --nonce demo-nonce)
echo "$token"

step "minid token verify --client my-app \"\$token\""
"$minid" token verify --client my-app "$token"

step "minid audit verify"
"$minid" audit verify
