#!/usr/bin/env bash
# Benchmark: `minid account import` of N generated people on both of import's paths, side by side in one
# run: "letters" (no password hash, so each person gets an activation letter and an outbox message) and
# "hashes" (a PHC password hash on every row, so every account is active at once). Each is compared with the
# sqlite3 shell's `.import` of the same file into a table with the same unique index, and with SQLite's own
# cost for minid's schema (floor-sql.py); then lookup latency is measured on the letter path's store, which
# holds the letters and outbox messages of all N people. With --postgres, the same two imports go into a
# throw-away PostgreSQL cluster (scripts/postgres-cluster.sh) and are compared with psql's `\copy` of the
# same file into an equivalent table. Prints Markdown for docs/performance.md.
#
# Usage: benchmarks/import.sh [N] [--postgres]      (default N: 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=1000000
postgres=false
for argument in "$@"; do
  case "$argument" in
  --postgres) postgres=true ;;
  *) count=$argument ;;
  esac
done
source scripts/lib/prerequisites.sh
minid_packages+=(time bc)
minid_install_prerequisites
# One product per call: swift build honours only the last --product given.
swift build -c release --product minid >&2
swift build -c release --product minid-lookup-benchmark >&2
minid=$PWD/.build/release/minid
work=$(mktemp -d)
cluster=
cleanup() {
  [ -n "$cluster" ] && scripts/postgres-cluster.sh stop "$cluster"
  rm -rf "$work"
}
trap cleanup EXIT

"$minid" id generate --kind tenor --count "$count" --seed 7 --today 2026-11-25 > "$work/pids.txt"
python3 - "$work/pids.txt" "$work" <<'PY'
import sys
hash_ = '"$scrypt$ln=10,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"'
with open(sys.argv[2] + "/letters.csv", "w") as letters, open(sys.argv[2] + "/hashes.csv", "w") as hashes:
    letters.write("pid,phone,email,address\n")
    hashes.write("pid,phone,email,address,password_hash\n")
    for i, pid in enumerate(open(sys.argv[1])):
        row = f'{pid.strip()},+479{i % 10000000:07d},user{i}@example.test,"Testveien {i % 500}, 0{i % 1000:03d} Oslo"'
        letters.write(row + "\n")
        hashes.write(f"{row},{hash_}\n")
PY

# Runs a command with its wall time and peak memory recorded as "$work/<name>.s" and "$work/<name>.kib".
timed() {
  local name=$1
  shift
  sync  # the generated files' writeback must not run during the timed work
  local start
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/$name.mem" "$@"
  echo "$(date +%s.%N) - $start" | bc -l > "$work/$name.s"
  tail -n 1 "$work/$name.mem" > "$work/$name.kib"
}

for path in letters hashes; do
  columns="pid TEXT UNIQUE, phone TEXT, email TEXT, address TEXT"
  [ "$path" = hashes ] && columns+=", password_hash TEXT"

  # minid, into a store of its own.
  export MINID_DATABASE="$work/$path/minid.sqlite"
  "$minid" init --environment test --key-alg ES256 > /dev/null
  timed "minid-$path" "$minid" account import "$work/$path.csv" --today 2026-11-25 2> "$work/minid-$path.err"

  # The sqlite3 shell's .import of the same file.
  printf 'PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\nCREATE TABLE people (%s);\n' "$columns" |
    sqlite3 "$work/shell-$path.sqlite" > /dev/null
  timed "shell-$path" sqlite3 "$work/shell-$path.sqlite" ".import --csv --skip 1 $work/$path.csv people"
  rm -f "$work/shell-$path.sqlite"*

  # SQLite's own cost for minid's schema: the same rows, with no checks and random bytes for the pseudonym,
  # the code and the audit hashes, moved by the shell from a staging file into an empty minid store with
  # INSERT ... SELECT in transactions of 25,000 rows, as minid commits them. Staging is not timed.
  floor_db="$work/floor/minid.sqlite"
  MINID_DATABASE="$floor_db" "$minid" init --environment test --key-alg ES256 > /dev/null
  sqlite3 "$work/stage.sqlite" "CREATE TABLE t (${columns//TEXT UNIQUE/TEXT});" \
    ".import --csv --skip 1 $work/$path.csv t"
  python3 benchmarks/floor-sql.py "$count" "$work/stage.sqlite" "$path" > "$work/floor.sql"
  timed "floor-$path" sqlite3 "$floor_db" < "$work/floor.sql" > /dev/null
  rm -rf "$work/floor" "$work/stage.sqlite"
done

# The letter path's store, with every person's letter and outbox message, is read once first, so the
# lookups see it in the operating system's cache, as on a server whose memory holds it; what is not in
# SQLite's own cache is then a read from memory, not from the disk.
cat "$work/letters/minid.sqlite" > /dev/null
lookups=$(.build/release/minid-lookup-benchmark "$work/letters/minid.sqlite" "$work/pids.txt" 20000)
rm -rf "$work/hashes"

if $postgres; then
  eval "$(scripts/postgres-cluster.sh start)"
  cluster=$MINID_TEST_POSTGRES_DIR
  for path in letters hashes; do
    columns="pid TEXT UNIQUE, phone TEXT, email TEXT, address TEXT"
    [ "$path" = hashes ] && columns+=", password_hash TEXT"
    psql -X -q "$MINID_TEST_POSTGRES" -c "CREATE DATABASE minid_$path" -c "CREATE DATABASE copy_$path"
    export MINID_DATABASE=${MINID_TEST_POSTGRES/\/postgres\?//minid_$path?}
    "$minid" init --environment test --key-alg ES256 > /dev/null
    timed "pg-minid-$path" "$minid" account import "$work/$path.csv" --today 2026-11-25 \
      2> "$work/pg-minid-$path.err"
    target=${MINID_TEST_POSTGRES/\/postgres\?//copy_$path?}
    psql -X -q "$target" -c "CREATE TABLE people ($columns)"
    timed "pg-copy-$path" psql -X -q "$target" -c "\\copy people FROM '$work/$path.csv' WITH (FORMAT csv, HEADER true)"
    # PostgreSQL's own cost for minid's schema, as SQLite's above: staged rows (not timed) moved into an
    # empty store with INSERT ... SELECT, 25,000 rows per transaction.
    psql -X -q "$MINID_TEST_POSTGRES" -c "CREATE DATABASE floor_$path"
    export MINID_DATABASE=${MINID_TEST_POSTGRES/\/postgres\?//floor_$path?}
    "$minid" init --environment test --key-alg ES256 > /dev/null
    psql -X -q "$MINID_DATABASE" -c "CREATE TABLE t (n BIGINT GENERATED ALWAYS AS IDENTITY, ${columns//TEXT UNIQUE/TEXT})" \
      -c "\\copy t (${columns//[A-Z ]/}) FROM '$work/$path.csv' WITH (FORMAT csv, HEADER true)"
    python3 benchmarks/floor-sql.py "$count" --postgres "$path" > "$work/floor.sql"
    timed "pg-floor-$path" psql -X -q -v ON_ERROR_STOP=1 "$MINID_DATABASE" -f "$work/floor.sql"
  done
fi

python3 - "$count" "$work" "$postgres" <<'PY'
import os, subprocess, sys
n, work, postgres = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "true"
def s(name): return float(open(f"{work}/{name}.s").read())
def mib(name): return int(open(f"{work}/{name}.kib").read()) / 1024
print(f"{n:,} people; {subprocess.getoutput('nproc')} cores; load average before the run: "
      f"{open('/proc/loadavg').read().split()[0]}.\n")
print("| Path | minid account import | rows a second | peak memory | sqlite3 `.import` | minid ÷ shell "
      "| SQLite alone, minid's schema | minid ÷ SQLite alone |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for path, label in (("letters", "letters (no hash)"), ("hashes", "password hashes")):
    m, sh, fl = s(f"minid-{path}"), s(f"shell-{path}"), s(f"floor-{path}")
    print(f"| {label} | {m:.1f} s | {n / m:,.0f} | {mib(f'minid-{path}'):.1f} MiB | {sh:.1f} s | **{m / sh:.1f}** "
          f"| {fl:.1f} s ({n / fl:,.0f} a second) | {m / fl:.1f} |")
if postgres:
    print("\nPostgreSQL (a throw-away local cluster over a Unix socket, fsync on):\n")
    print("| Path | minid account import | rows a second | peak memory (minid) | psql `\\copy` | minid ÷ `\\copy` "
          "| PostgreSQL alone, minid's schema | minid ÷ PostgreSQL alone |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path, label in (("letters", "letters (no hash)"), ("hashes", "password hashes")):
        m, c, fl = s(f"pg-minid-{path}"), s(f"pg-copy-{path}"), s(f"pg-floor-{path}")
        print(f"| {label} | {m:.1f} s | {n / m:,.0f} | {mib(f'pg-minid-{path}'):.1f} MiB | {c:.1f} s | **{m / c:.1f}** "
              f"| {fl:.1f} s ({n / fl:,.0f} a second) | {m / fl:.1f} |")
PY
echo
echo "$lookups"
