#!/usr/bin/env bash
# The README's second command, and what CI runs: installs what is missing, checks formatting, runs the
# whole test suite (library, command line, and the built binary end to end) on SQLite, then the
# store-level and end-to-end tests again on a throw-away PostgreSQL cluster, then the reliability
# harness's short mode on both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
minid_install_prerequisites
swift format lint --strict -r Sources Tests benchmarks Plugins Package.swift Fuzz/Package.swift Fuzz/Sources
swift build --build-tests
swift test --skip-build

# minid serve driven by a real relying-party library (Authlib), pinned in Tests/oidc/requirements.txt and
# installed into .venv-oidc (never the PyPI package named "pyoidc").
minid_python_venv .venv-oidc Tests/oidc/requirements.txt
.venv-oidc/bin/python -m pytest -q -p no:cacheprovider Tests/oidc

# The login pages in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium with
# SE_OFFLINE=true), a sample Authlib relying party, axe-core on every page; the run rewrites the screenshots
# in docs/images/pages (review the diff before committing them).
minid_apt_install_missing "${minid_browser_packages[@]}"
minid_python_venv .venv-browser Tests/browser/requirements.txt
.venv-browser/bin/python -m pytest -q -p no:cacheprovider Tests/browser

# PostgreSQL: the same tests against a cluster in a temporary directory (scripts/postgres-cluster.sh).
eval "$(scripts/postgres-cluster.sh start)"
trap 'scripts/postgres-cluster.sh stop "$MINID_TEST_POSTGRES_DIR"' EXIT
swift test --skip-build --filter 'MinIDKitTests|EndToEndTests'
MINID_TEST_POSTGRES="$MINID_TEST_POSTGRES" .venv-oidc/bin/python -m pytest -q -p no:cacheprovider Tests/oidc
MINID_TEST_POSTGRES="$MINID_TEST_POSTGRES" MINID_SCREENSHOTS="$MINID_TEST_POSTGRES_DIR/screenshots" \
  .venv-browser/bin/python -m pytest -q -p no:cacheprovider Tests/browser

# The reliability harness in its short mode: 8 minid processes at once on one store, then kill -9 and
# disk-full runs, each followed by the store's checks (scripts/reliability.py --help; --full for the long
# run); then the concurrency part on PostgreSQL.
python3 scripts/reliability.py all --minid .build/debug/minid
python3 scripts/reliability.py stress --postgres "$MINID_TEST_POSTGRES" --minid .build/debug/minid
