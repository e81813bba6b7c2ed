#!/usr/bin/env bash
# Regenerates the files derived from the command table: docs/minid.1 and docs/cli.md.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q --product minid
.build/debug/minid --generate-manpage > docs/minid.1
.build/debug/minid --generate-cli-reference > docs/cli.md
