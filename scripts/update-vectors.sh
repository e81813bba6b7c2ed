#!/usr/bin/env bash
# Regenerates Fixtures/identity-numbers/vectors.tsv from inputs.txt with the current build.
# Review the diff by hand: the vectors are the expected behaviour, not a snapshot to accept blindly.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q
{
  printf 'input\tvalid\tkind\tdate\tchecksum_rule\tcentury_assumed\terrors\tminid\tsource\n'
  paste <(cut -f1 Fixtures/identity-numbers/inputs.txt | .build/debug/minid id validate --json --today 2026-11-25 || true) \
        <(cut -f2 Fixtures/identity-numbers/inputs.txt) |
    python3 -c '
import sys, json
for line in sys.stdin:
    record, source = line.rstrip("\n").split("\t")
    r = json.loads(record)
    print("\t".join([r["input"], str(r["valid"]).lower(), r["kind"] or "-", r["date"] or "-",
        r["checksum_rule"] or "-", str(r["century_assumed"]).lower(),
        ",".join(e["code"] for e in r["errors"]) or "-",
        r["minid_environment"] or r["minid_reason"], source]))
'
} > Fixtures/identity-numbers/vectors.tsv
