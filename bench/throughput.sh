#!/usr/bin/env bash
# Warm throughput of the trust center view: PublicApiFunction as deployed (the invoker serving the jar, backed
# by the Firestore emulator) against a minimal HttpFunction in the same invoker writing the same JSON bytes from
# memory (the framework's limit), nginx serving them from a file (the machine's limit), and the local server.
# Same connections, threads and duration for each, at the given connections and at 16; prints requests/s, p99 and
# the ratios to the minimal function (targets: >= 0.85 of its requests/s and <= 2x its p99 at 64 connections,
# no errors).
# Usage: bench/throughput.sh [connections, default 64] [seconds, default 15]
source "$(dirname "$0")/common.sh"
CONNS=${1:-64}
SECS=${2:-15}
command -v wrk >/dev/null && command -v nginx >/dev/null || {
  echo "needs wrk and nginx: apt-get install -y wrk nginx" >&2; exit 2; }
need_jar
hello_classes
start_emulator
seed_emulator
PATH_Q="/v1/trust-center?lang=en"

# One wrk run: prints "<req/s> <p99 ms> <errors>".
measure() {
  local url=$1 conns=$2
  wrk -t2 -c"$conns" -d"${SECS}s" --latency "$url" >"$WORK/wrk.txt" 2>&1 || true
  python3 - "$WORK/wrk.txt" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
m = re.search(r"99%\s+([\d.]+)(us|ms|s)", t)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
errs = 0
for k in ("connect", "read", "write", "timeout"):
    e = re.search(k + r" (\d+)", t)
    errs += int(e.group(1)) if e else 0
n = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
errs += int(n.group(1)) if n else 0
print(f"{rps:.0f} {p99:.2f} {errs}")
PY
}

start_invoker() { # classpath target port
  FIRESTORE_EMULATOR_HOST=$EMULATOR_HOST GOOGLE_CLOUD_PROJECT=demo-bench BYTES_FILE="$WORK/body.json" \
    env $FUNCTION_ENV java -jar "$INVOKER" --classpath "$1" --target "$2" --port "$3" >"$WORK/invoker-$3.log" 2>&1 &
  PIDS+=($!)
}

# The function as deployed.
api_port=$(free_port); start_invoker "$JAR" dev.trustcenter.app.PublicApiFunction "$api_port"
wait_200 "http://127.0.0.1:$api_port$PATH_Q" 120
curl -s "http://127.0.0.1:$api_port$PATH_Q" >"$WORK/body.json"
echo "body: $(wc -c <"$WORK/body.json") bytes"

# The framework's limit: the same bytes from memory.
min_port=$(free_port); start_invoker "$WORK/hello" BytesFunction "$min_port"
wait_200 "http://127.0.0.1:$min_port/" 60

# The machine's limit: nginx serving the file.
ngx_port=$(free_port)
mkdir -p "$WORK/nginx/www" "$WORK/nginx/tmp"; chmod -R a+rX "$WORK/nginx"
cp "$WORK/body.json" "$WORK/nginx/www/body.json"; chmod a+r "$WORK/nginx/www/body.json"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server { listen 127.0.0.1:$ngx_port; root $WORK/nginx/www; default_type application/json; }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -g "daemon off;" &
PIDS+=($!)
wait_200 "http://127.0.0.1:$ngx_port/body.json" 10

# The local server (embedded store), for reference.
loc_port=$(free_port)
PORT=$loc_port TRUST_CENTER_DATA_DIR="$WORK/local" java -jar "$JAR" >"$WORK/local.log" 2>&1 &
PIDS+=($!)
wait_200 "http://127.0.0.1:$loc_port/api$PATH_Q" 120

API="http://127.0.0.1:$api_port$PATH_Q"; MIN="http://127.0.0.1:$min_port/"
NGX="http://127.0.0.1:$ngx_port/body.json"; LOC="http://127.0.0.1:$loc_port/api$PATH_Q"
for url in "$API" "$MIN" "$LOC"; do wrk -t2 -c"$CONNS" -d5s "$url" >/dev/null; done  # warm-up (JIT)

COUNTS="$CONNS"; [ "$CONNS" = 16 ] || COUNTS="$CONNS 16"
for conns in $COUNTS; do
  # The function and the minimal one run alternately, twice each, and each keeps its run with more requests/s:
  # a burst of load from elsewhere on this shared machine then rarely lands on one of them only.
  a1=$(measure "$API" "$conns"); m1=$(measure "$MIN" "$conns"); a2=$(measure "$API" "$conns"); m2=$(measure "$MIN" "$conns")
  better() { if awk -v x="${1%% *}" -v y="${2%% *}" 'BEGIN { exit !(x >= y) }'; then echo "$1"; else echo "$2"; fi; }
  read -r api_rps api_p99 api_err <<<"$(better "$a1" "$a2")"
  read -r min_rps min_p99 min_err <<<"$(better "$m1" "$m2")"
  echo "$conns connections, each run (req/s p99 errors): function [$a1] [$a2], minimal [$m1] [$m2]"
  read -r ngx_rps ngx_p99 ngx_err <<<"$(measure "$NGX" "$conns")"
  read -r loc_rps loc_p99 loc_err <<<"$(measure "$LOC" "$conns")"
  echo
  printf '%-34s %10s %10s %8s\n' "server ($conns connections, ${SECS}s)" "req/s" "p99 ms" "errors"
  printf '%-34s %10s %10s %8s\n' "PublicApiFunction in the invoker" "$api_rps" "$api_p99" "$api_err"
  printf '%-34s %10s %10s %8s\n' "minimal function, same bytes" "$min_rps" "$min_p99" "$min_err"
  printf '%-34s %10s %10s %8s\n' "nginx, same file" "$ngx_rps" "$ngx_p99" "$ngx_err"
  printf '%-34s %10s %10s %8s\n' "local server (/api)" "$loc_rps" "$loc_p99" "$loc_err"
  awk -v a="$api_rps" -v m="$min_rps" -v n="$ngx_rps" -v ap="$api_p99" -v mp="$min_p99" -v c="$conns" 'BEGIN {
    printf "%d connections: ratio PublicApiFunction / minimal function: %.2f req/s (target >= 0.85), %.2f p99 (target <= 2)\n", c, a / m, ap / mp
    printf "%d connections: ratio minimal function / nginx: %.2f\n", c, m / n }'
done
