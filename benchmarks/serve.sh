#!/usr/bin/env bash
# Benchmark: `minid serve` (release build, default --workers) side by side in one run with wrk (Debian
# `wrk`), on loopback:
#   1. discovery and JWKS requests a second against nginx (Debian `nginx`, serving the same bytes, taken from
#      the running minid serve, as static files) and against oidc-provider-mock (PyPI, pinned in
#      benchmarks/serve/requirements.txt, in .venv-serve-bench);
#   2. complete headless authorization code flows a second (TestID authorize -> token, PKCE, client_secret_basic,
#      each flow with its two audit entries, SQLite synchronous=FULL) on an ES256 and an RS256 store, and
#      oidc-provider-mock's equivalent (its authorize form posted with sub=<pid>, then its token endpoint);
#   3. JWKS p99 latency alone and while complete MinID page logins (password at the production scrypt cost,
#      ln=17, then the SMS code) run at the same time.
# Prints Markdown for docs/performance.md.
#
# Usage: benchmarks/serve.sh [SECONDS]      (default 10: each measurement's wrk duration)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
source scripts/lib/prerequisites.sh
minid_packages+=(wrk nginx)
minid_install_prerequisites
minid_python_venv .venv-serve-bench benchmarks/serve/requirements.txt
swift build -c release --product minid >&2
minid=$PWD/.build/release/minid
scripts=$PWD/benchmarks/serve

work=$(mktemp -d)
chmod 755 "$work" # nginx's workers run as nobody when started by root, and read the static files here
servers=()
cleanup() {
  local pid
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() {
  local url=$1 tries=0
  until curl -sf -o /dev/null "$url"; do
    tries=$((tries + 1))
    if ((tries > 200)); then
      echo "benchmarks/serve.sh: nothing answers $url" >&2
      exit 1
    fi
    sleep 0.1
  done
}

# A test store with the bench client at $1 (a directory), serving on a free port; sets $port and $secret.
# Further arguments go to `minid init`.
start_minid() {
  local directory=$1
  shift
  port=$(free_port)
  mkdir -p "$directory"
  MINID_DATABASE="$directory/minid.sqlite" "$minid" init --environment test \
    --issuer "http://127.0.0.1:$port" "$@" > /dev/null
  secret=$(MINID_DATABASE="$directory/minid.sqlite" "$minid" service add --client-id bench --name Bench \
    --level substantial --redirect-uri http://localhost:3000/callback --json |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["client_secret"])')
  MINID_DATABASE="$directory/minid.sqlite" "$minid" serve --listen "127.0.0.1:$port" 2> "$directory/serve.log" &
  servers+=($!)
  wait_for "http://127.0.0.1:$port/health"
}

# wrk's "Requests/sec" line.
rate() { awk '/^Requests\/sec:/ { printf "%d", $2 }' "$1"; }
# wrk --latency's 99th percentile, in milliseconds.
p99() {
  awk '$1 == "99%" {
    value = $2; unit = value; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", value)
    if (unit == "us") value /= 1000; else if (unit == "s") value *= 1000; else if (unit == "m") value *= 60000
    printf "%.2f", value }' "$1"
}
ratio() { python3 -c 'import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f"{a / b:.2f}" if b else "n/a")' "$1" "$2"; }

"$minid" id generate --kind tenor --count 1000 --age 30 --seed 3 > "$work/pids.txt"

# The servers for part 1: minid on the default (RS256) store, nginx with its bytes, oidc-provider-mock.
start_minid "$work/rs256"
rs_port=$port rs_secret=$secret
mkdir -p "$work/nginx/root/.well-known" "$work/nginx/tmp"
curl -sf "http://127.0.0.1:$rs_port/.well-known/openid-configuration" \
  > "$work/nginx/root/.well-known/openid-configuration"
curl -sf "http://127.0.0.1:$rs_port/jwks.json" > "$work/nginx/root/jwks.json"
chmod -R a+rX "$work/nginx/root"
nginx_port=$(free_port)
# The same headers as minid's answer (type, Cache-Control), two worker processes (one a core), and an access
# log line per request, as minid writes one.
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/root;
    default_type application/json;
    add_header Cache-Control "public, max-age=300";
  }
}
EOF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log" 2> "$work/nginx/stderr" &
servers+=($!)
wait_for "http://127.0.0.1:$nginx_port/jwks.json"
mock_port=$(free_port)
# oidc-provider-mock needs no network: it makes its RSA key at start and keeps everything in memory.
(cd "$work" && exec "$OLDPWD/.venv-serve-bench/bin/oidc-provider-mock" --host 127.0.0.1 --port "$mock_port") \
  > "$work/mock.log" 2>&1 &
servers+=($!)
wait_for "http://127.0.0.1:$mock_port/jwks"

static() { wrk -t2 -c32 -d"${seconds}s" "$1" > "$2"; }
for round in 1 2; do
  static "http://127.0.0.1:$rs_port/.well-known/openid-configuration" "$work/discovery-minid-$round.txt"
  static "http://127.0.0.1:$nginx_port/.well-known/openid-configuration" "$work/discovery-nginx-$round.txt"
  static "http://127.0.0.1:$mock_port/.well-known/openid-configuration" "$work/discovery-mock-$round.txt"
  static "http://127.0.0.1:$rs_port/jwks.json" "$work/jwks-minid-$round.txt"
  static "http://127.0.0.1:$nginx_port/jwks.json" "$work/jwks-nginx-$round.txt"
  static "http://127.0.0.1:$mock_port/jwks" "$work/jwks-mock-$round.txt"
done

# Part 2: code flows. The ES256 store gets its own server; the RS256 one is part 1's.
start_minid "$work/es256" --key-alg ES256
es_port=$port es_secret=$secret
flows() { # url style client-secret database-or-empty output
  local before=0
  [ -n "$4" ] && before=$(sqlite3 "$4" 'SELECT coalesce(max(seq), 0) FROM audit')
  FLOW_STYLE=$2 FLOW_CLIENT=bench FLOW_BASIC=$(printf 'bench:%s' "$3" | base64 -w0) FLOW_PIDS="$work/pids.txt" \
    wrk -t8 -c8 -d"${seconds}s" --latency -s "$scripts/code-flow.lua" "$1" > "$5"
  if [ -n "$4" ]; then
    echo "audit $(($(sqlite3 "$4" 'SELECT max(seq) FROM audit') - before))" >> "$5"
  fi
}
flows "http://127.0.0.1:$es_port" minid "$es_secret" "$work/es256/minid.sqlite" "$work/flows-es256.txt"
flows "http://127.0.0.1:$rs_port" minid "$rs_secret" "$work/rs256/minid.sqlite" "$work/flows-rs256.txt"
flows "http://127.0.0.1:$mock_port" mock any-secret "" "$work/flows-mock.txt"
flow_rate() { awk '$1 == "flows" { printf "%d", $2 / $6 }' "$1"; }
flow_failures() { awk '$1 == "flows" { print $4 }' "$1"; }
flow_audit() { awk '$1 == "audit" { print $2 }' "$1"; }

# Part 3: JWKS latency with production-cost logins running. A test store (for the SMS code 12345) with the
# production scrypt cost; four users, one per login connection.
start_minid "$work/ln17" --scrypt-cost 17
ln17_port=$port
MINID_DATABASE="$work/ln17/minid.sqlite" "$minid" testuser create --count 4 --json |
  python3 -c 'import json, sys; [print(u["pid"], u["password"]) for u in json.load(sys.stdin)]' > "$work/users.txt"
latency() { wrk -t1 -c4 -d"${seconds}s" --latency "http://127.0.0.1:$ln17_port/jwks.json" > "$1"; }
latency "$work/latency-alone.txt"
LOGIN_CLIENT=bench LOGIN_USERS="$work/users.txt" wrk -t4 -c4 -d"$((seconds + 2))s" --timeout 10s \
  -s "$scripts/minid-login.lua" "http://127.0.0.1:$ln17_port" > "$work/logins.txt" &
logins=$!
sleep 1
latency "$work/latency-logins.txt"
wait "$logins"

# The report.
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Result ($(date -u +%Y-%m-%d), $(nproc) cores, load average at the end $load; wrk ${seconds} s a measurement):"
echo
echo "| Document | Round | minid serve | nginx (static) | oidc-provider-mock | minid ÷ nginx | minid ÷ mock |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for document in discovery jwks; do
  for round in 1 2; do
    m=$(rate "$work/$document-minid-$round.txt")
    n=$(rate "$work/$document-nginx-$round.txt")
    o=$(rate "$work/$document-mock-$round.txt")
    echo "| $document | $round | $m/s | $n/s | $o/s | $(ratio "$m" "$n") | $(ratio "$m" "$o") |"
  done
done
echo
echo "| Code flows (authorize + token), 8 connections | Flows a second | Failed | Request p50 | Request p99 | Audit entries |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for run in es256 rs256 mock; do
  file="$work/flows-$run.txt"
  p50=$(awk '$1 == "50%" { print $2 }' "$file")
  case $run in
  es256) name="minid serve, ES256 store" ;;
  rs256) name="minid serve, RS256 store" ;;
  mock) name="oidc-provider-mock (RS256, in memory)" ;;
  esac
  echo "| $name | $(flow_rate "$file") | $(flow_failures "$file") | $p50 | $(p99 "$file") ms | $(flow_audit "$file") |"
done
echo
completed=$(awk '$1 == "logins" { printf "%.1f", $2 / $6 }' "$work/logins.txt")
failed=$(awk '$1 == "logins" { print $4 }' "$work/logins.txt")
echo "| JWKS, 4 connections, scrypt ln=17 store | Requests a second | p99 |"
echo "| --- | ---: | ---: |"
echo "| alone | $(rate "$work/latency-alone.txt")/s | $(p99 "$work/latency-alone.txt") ms |"
echo "| with MinID logins on 4 connections ($completed complete logins a second, $failed failed) | $(rate "$work/latency-logins.txt")/s | $(p99 "$work/latency-logins.txt") ms |"
