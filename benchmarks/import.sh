#!/usr/bin/env bash
# Benchmark: `minid account import` of N generated accounts (CSV with PHC password hashes, so every row
# becomes active) against the sqlite3 shell's `.import` of the same rows into an equivalent table with the
# same unique index, side by side in one run; then SQLite's own cost for minid's schema (floor-sql.py); then
# lookup latency on the imported store. Prints Markdown for docs/performance.md.
#
# Usage: benchmarks/import.sh [N]      (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
source scripts/lib/prerequisites.sh
minid_packages+=(time)
minid_install_prerequisites
# One product per call: swift build honours only the last --product given.
swift build -c release --product minid >&2
swift build -c release --product minid-lookup-benchmark >&2
minid=$PWD/.build/release/minid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$minid" id generate --kind tenor --count "$count" --seed 7 --today 2026-11-25 > "$work/pids.txt"
python3 - "$work/pids.txt" "$work/people.csv" <<'PY'
import sys
hash_ = '"$scrypt$ln=10,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"'
with open(sys.argv[2], "w") as out:
    out.write("pid,phone,email,address,password_hash\n")
    for i, pid in enumerate(open(sys.argv[1])):
        out.write(f'{pid.strip()},+479{i % 10000000:07d},user{i}@example.test,"Testveien {i % 500}, 0{i % 1000:03d} Oslo",{hash_}\n')
PY

export MINID_DATABASE="$work/minid/minid.sqlite"
"$minid" init --environment test --key-alg ES256 > /dev/null
sync  # the generated file's writeback must not run during the timed import
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/minid.mem" "$minid" account import "$work/people.csv" --today 2026-11-25 2> "$work/minid.err"
minid_s=$(echo "$(date +%s.%N) - $start" | bc -l)
minid_kib=$(tail -n 1 "$work/minid.mem")

cat > "$work/schema.sql" <<'SQL'
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE people (pid TEXT UNIQUE, phone TEXT, email TEXT, address TEXT, password_hash TEXT);
SQL
sqlite3 "$work/shell.sqlite" < "$work/schema.sql" > /dev/null
sync
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/shell.mem" sqlite3 "$work/shell.sqlite" ".import --csv --skip 1 $work/people.csv people"
shell_s=$(echo "$(date +%s.%N) - $start" | bc -l)
shell_kib=$(tail -n 1 "$work/shell.mem")

# SQLite's own cost for minid's schema: the same rows, with no checks and random bytes for the pseudonym and
# the audit hashes, moved by the shell from a staging file into an empty minid store with INSERT ... SELECT
# in transactions of 25,000 rows, as minid commits them. Staging is not timed.
floor_db="$work/floor/minid.sqlite"
MINID_DATABASE="$floor_db" "$minid" init --environment test --key-alg ES256 > /dev/null
sqlite3 "$work/stage.sqlite" "CREATE TABLE t (pid, phone, email, address, password_hash);" \
  ".import --csv --skip 1 $work/people.csv t"
python3 benchmarks/floor-sql.py "$count" "$work/stage.sqlite" > "$work/floor.sql"
sync
start=$(date +%s.%N)
sqlite3 "$floor_db" < "$work/floor.sql" > /dev/null
floor_s=$(echo "$(date +%s.%N) - $start" | bc -l)
rm -rf "$work/floor" "$work/stage.sqlite"

# The store is read once first, so the lookups see it in the operating system's cache, as on a server
# whose memory holds it; what is not in SQLite's own cache is then a read from memory, not from the disk.
cat "$MINID_DATABASE" > /dev/null
lookups=$(.build/release/minid-lookup-benchmark "$MINID_DATABASE" "$work/pids.txt" 20000)

python3 - "$count" "$minid_s" "$minid_kib" "$shell_s" "$shell_kib" "$floor_s" <<'PY'
import sys, subprocess
n, ms, mk, ss, sk = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
fs = float(sys.argv[6])
print(f"{n:,} accounts; {subprocess.getoutput('nproc')} cores.\n")
print("| Tool | Wall time | Rows per second | Peak memory |")
print("| --- | ---: | ---: | ---: |")
print(f"| minid account import (checks, 1 audit entry per row, 4 indexes) | {ms:.1f} s | {n / ms:,.0f} | {mk / 1024:.1f} MiB |")
print(f"| sqlite3 .import (unique index on pid only) | {ss:.1f} s | {n / ss:,.0f} | {sk / 1024:.1f} MiB |")
print(f"| sqlite3 INSERT ... SELECT into minid's schema (no checks) | {fs:.1f} s | {n / fs:,.0f} | |")
print(f"\nminid takes {ms / ss:.1f} times the sqlite3 shell's .import, and {ms / fs:.1f} times SQLite's own cost"
      " for minid's schema.")
PY
echo
echo "$lookups"
