#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests: initdb into a temporary directory as a non-root user, a Unix
# socket in that directory and no TCP port, trust authentication for the cluster's own superuser.
#
#   eval "$(scripts/postgres-cluster.sh start)"   # starts one; exports MINID_TEST_POSTGRES (a libpq URI)
#                                                 # and MINID_TEST_POSTGRES_DIR
#   scripts/postgres-cluster.sh stop DIR          # stops it and removes the directory
#
# Installs the postgresql package when its binaries are missing (Debian/Ubuntu). When run as root, the
# server runs as the 'postgres' user the package creates, since PostgreSQL refuses to run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

case "${1:-}" in
start)
  minid_packages=(postgresql)
  find_bin >/dev/null || minid_install_prerequisites
  bin=$(find_bin) || { echo "initdb not found after installing postgresql" >&2; exit 1; }
  dir=$(mktemp -d /tmp/minid-pg.XXXXXX)
  chmod 0755 "$dir"
  as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U minid --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=200 -c fsync=on" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  echo "export MINID_TEST_POSTGRES='postgresql://minid@/postgres?host=$dir'"
  echo "export MINID_TEST_POSTGRES_DIR='$dir'"
  ;;
stop)
  dir=${2:?usage: postgres-cluster.sh stop DIR}
  bin=$(find_bin)
  as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start | stop DIR" >&2
  exit 64
  ;;
esac
