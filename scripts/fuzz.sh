#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (AddressSanitizer on) and runs each for a while on its seed corpus
# in Fixtures/fuzz/<target>; replays Fixtures/fuzz/crashes/<target> first, so an old crash stays fixed.
# Prints executions and coverage per target as a Markdown table for docs/reliability.md.
#
# Usage: scripts/fuzz.sh [seconds-per-target] [target…]     (default 60 s, every target)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
minid_install_prerequisites
seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(FuzzIdentityNumber FuzzContact FuzzCSVImport FuzzJSONLinesImport FuzzToken FuzzPasswordHash FuzzCommandLine)
fi
for target in "${targets[@]}"; do
  swift build --package-path Fuzz --sanitize=fuzzer --sanitize=address -Xswiftc -parse-as-library \
    --product "$target" >&2
done
bin=$(swift build --package-path Fuzz --sanitize=fuzzer --sanitize=address --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| Target | Seconds | Executions | Executions/s | Coverage (edges) | Features | Crashes |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for target in "${targets[@]}"; do
  corpus="$work/$target"
  mkdir -p "$corpus"
  cp Fixtures/fuzz/"$target"/* "$corpus"/ 2>/dev/null || true
  if compgen -G "Fixtures/fuzz/crashes/$target/*" >/dev/null; then
    "$bin/$target" Fixtures/fuzz/crashes/"$target"/* >"$work/$target.replay" 2>&1 ||
      { echo "replaying an old crash of $target failed: $work/$target.replay" >&2; cat "$work/$target.replay" >&2; exit 1; }
  fi
  status=0
  "$bin/$target" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/$target-" >"$work/$target.log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" | grep -o '[0-9]*$' || echo 0)
  line=$(grep -E '#[0-9]+.*cov:' "$work/$target.log" | tail -1)
  cov=$(echo "$line" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo 0)
  ft=$(echo "$line" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || echo 0)
  crashes=$(find "$work" -maxdepth 1 -name "$target-*" | wc -l)
  echo "| $target | $seconds | $runs | $((runs / seconds)) | $cov | $ft | $crashes |"
  if ((status != 0 || crashes > 0)); then
    mkdir -p "Fixtures/fuzz/crashes/$target"
    cp "$work/$target-"* "Fixtures/fuzz/crashes/$target/" 2>/dev/null || true
    echo "$target found a crash; the input is in Fixtures/fuzz/crashes/$target; log:" >&2
    tail -40 "$work/$target.log" >&2
    exit 1
  fi
done
