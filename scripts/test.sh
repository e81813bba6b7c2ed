#!/usr/bin/env bash
# The README's second command, and what CI runs: installs what is missing, checks formatting, and runs the
# whole test suite (library, command line, and the built binary end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
minid_install_prerequisites
swift format lint --strict -r Sources Tests Benchmarks Package.swift Fuzz/Package.swift Fuzz/Sources/Fuzz*
swift build --build-tests
swift test --skip-build
# The reliability harness in its short mode: 8 minid processes at once on one store, then kill -9 and
# disk-full runs, each followed by the store's checks (scripts/reliability.py --help; --full for the long run).
python3 scripts/reliability.py all --minid .build/debug/minid
