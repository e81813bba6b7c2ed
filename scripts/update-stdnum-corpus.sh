#!/usr/bin/env bash
# Rebuilds Fixtures/identity-numbers/stdnum-corpus.tsv: the reference corpus, generated numbers of every kind
# and rule, one-digit corruptions of them, and random 11-digit strings, each with python-stdnum's verdict.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import stdnum' 2>/dev/null || pip install --quiet python-stdnum
swift build -q
minid=.build/debug/minid
today=2026-11-25
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cut -f1 Fixtures/identity-numbers/inputs.txt | tr -d ' :-' | grep -E '^[0-9]{11}$' > "$work/numbers"
seed=1
for kind in fodselsnummer d_nummer h_nummer d_nummer+h_nummer tenor d_nummer+tenor helsenett d_nummer+helsenett fh_nummer; do
  for rule in legacy 2032; do
    "$minid" id generate --kind "$kind" --checksum-rule "$rule" --count 150 --seed $seed --today $today >> "$work/numbers"
    seed=$((seed + 1))
  done
  "$minid" id generate --kind "$kind" --born 1899-12-31 --count 50 --seed $seed --today $today >> "$work/numbers" || true
  "$minid" id generate --kind "$kind" --born 2000-02-29 --count 50 --seed $seed --today $today >> "$work/numbers" || true
done
python3 - "$work/numbers" >> "$work/numbers.more" <<'PY'
import random, sys
random.seed(2026)
numbers = [n.strip() for n in open(sys.argv[1]) if n.strip()]
for n in random.sample(numbers, 1000):
    i = random.randrange(11)
    d = str((int(n[i]) + random.randrange(1, 10)) % 10)
    print(n[:i] + d + n[i + 1:])
for _ in range(2000):
    print("".join(random.choice("0123456789") for _ in range(11)))
PY
cat "$work/numbers.more" >> "$work/numbers"
awk '!seen[$0]++' "$work/numbers" | python3 scripts/stdnum-corpus.py $today > Fixtures/identity-numbers/stdnum-corpus.tsv
wc -l Fixtures/identity-numbers/stdnum-corpus.tsv
