#!/usr/bin/env bash
# Benchmark: `minid id validate --only-invalid` against python-stdnum on the same 1,000,000 numbers, a tenth
# of them corrupted (last digit changed). Prints a Markdown table for docs/performance.md.
#
# Usage: benchmarks/id-validate.sh [COUNT] [RUNS]     (defaults: 1000000 numbers, 5 runs each)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
runs=${2:-5}
source scripts/lib/prerequisites.sh
minid_packages+=(time bc)
minid_install_prerequisites
python3 -c 'import stdnum' 2>/dev/null || pip install --quiet python-stdnum
swift build -c release --product minid >&2
minid=.build/release/minid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$minid" id generate --count "$count" --seed 1 --today 2026-11-25 > "$work/valid.txt"
awk 'NR % 10 == 0 { $0 = substr($0, 1, 10) (substr($0, 11, 1) + 1) % 10 } { print }' "$work/valid.txt" \
  > "$work/input.txt"

cat > "$work/stdnum_only_invalid.py" <<'PY'
import sys
from stdnum.no import fodselsnummer
out = sys.stdout
for line in sys.stdin:
    number = line.rstrip("\n")
    if not fodselsnummer.is_valid(number):
        out.write(number + "\n")
PY

# Runs a command RUNS times on the input; prints "median_seconds peak_kib output_lines". Wall time is the
# whole process, start-up included.
measure() {
  local times=() peak=0 lines=0 i
  for ((i = 0; i < $1; i++)); do
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/time" "${@:2}" < "$work/input.txt" > "$work/out" 2>/dev/null || true
    end=$(date +%s.%N)
    kib=$(tail -n 1 "$work/time")
    times+=("$(echo "$end - $start" | bc -l)")
    ((kib > peak)) && peak=$kib
    lines=$(wc -l < "$work/out")
  done
  printf '%s %s %s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( ($1 + 1) / 2 ))p")" "$peak" "$lines"
}

read -r minid_s minid_kib minid_lines < <(measure "$runs" "$minid" id validate --only-invalid --today 2026-11-25)
stdnum_runs=$(( runs < 3 ? runs : 3 ))
read -r stdnum_s stdnum_kib stdnum_lines < <(measure "$stdnum_runs" python3 "$work/stdnum_only_invalid.py")

python3 - "$count" "$minid_s" "$minid_kib" "$minid_lines" "$stdnum_s" "$stdnum_kib" "$stdnum_lines" <<'PY'
import sys, platform, subprocess
count, ms, mk, ml, ss, sk, sl = sys.argv[1:]
count, ms, ss = int(count), float(ms), float(ss)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Input: {count:,} numbers, every tenth corrupted; machine: {cpu}, {subprocess.getoutput('nproc')} cores.\n")
print("| Tool | Median wall time | Numbers per second | Peak memory | Invalid lines printed |")
print("| --- | ---: | ---: | ---: | ---: |")
print(f"| minid id validate --only-invalid | {ms:.3f} s | {count / ms / 1e6:.1f} million | {int(mk) / 1024:.1f} MiB | {int(ml):,} |")
print(f"| python-stdnum is_valid loop | {ss:.3f} s | {count / ss / 1e6:.2f} million | {int(sk) / 1024:.1f} MiB | {int(sl):,} |")
print(f"\nminid is {ss / ms:.0f} times as fast as python-stdnum on this input.")
if ml != sl:
    print(f"\nNote: the two tools disagree on {abs(int(ml) - int(sl))} lines (minid accepts kinds python-stdnum lacks).")
PY
