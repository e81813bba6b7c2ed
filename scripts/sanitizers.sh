#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and then ThreadSanitizer, each in a build folder of its
# own (.build-asan, .build-tsan) so the normal build is untouched. TSan's detection varies between runs;
# MINID_TSAN_RUNS repeats it (default 1). Not part of every CI run: a sanitized build takes minutes.
#
# Usage: scripts/sanitizers.sh [address|thread]…     (default both)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
minid_install_prerequisites
# Leaks are checked too, with the suppressions file naming the few that are not minid's.
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0"
kinds=("$@")
((${#kinds[@]})) || kinds=(address thread)
for kind in "${kinds[@]}"; do
  scratch=.build-asan
  [ "$kind" = thread ] && scratch=.build-tsan
  swift build --build-tests --sanitize="$kind" --scratch-path "$scratch"
  runs=1
  [ "$kind" = thread ] && runs=${MINID_TSAN_RUNS:-1}
  export MINID_SANITIZER=$kind
  for ((run = 1; run <= runs; run++)); do
    # The end-to-end tests run the sanitized binary from the same build folder.
    MINID_BINARY="$PWD/$scratch/debug/minid" swift test --skip-build --sanitize="$kind" --scratch-path "$scratch"
    echo "sanitizer $kind: run $run of $runs passed" >&2
  done
done
