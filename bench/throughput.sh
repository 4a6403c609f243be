#!/usr/bin/env bash
# Warm throughput of the trust center view: PublicApiFunction as deployed (the invoker serving the jar, backed
# by the Firestore emulator) against a minimal HttpFunction in the same invoker writing the same JSON bytes from
# memory (the framework's limit), nginx serving them from a file (the machine's limit), and the local server.
# Same connections, threads and duration for each; prints requests/s, p99 and the ratios (target: >= 0.8 of the
# minimal function, no errors).
# Usage: bench/throughput.sh [connections, default 16] [seconds, default 15]
source "$(dirname "$0")/common.sh"
CONNS=${1:-16}
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
  local url=$1
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$url" >"$WORK/wrk.txt" 2>&1 || true
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
wrk -t2 -c"$CONNS" -d5s "http://127.0.0.1:$api_port$PATH_Q" >/dev/null  # warm-up (JIT)
read -r api_rps api_p99 api_err <<<"$(measure "http://127.0.0.1:$api_port$PATH_Q")"

# The framework's limit: the same bytes from memory.
min_port=$(free_port); start_invoker "$WORK/hello" BytesFunction "$min_port"
wait_200 "http://127.0.0.1:$min_port/" 60
wrk -t2 -c"$CONNS" -d5s "http://127.0.0.1:$min_port/" >/dev/null
read -r min_rps min_p99 min_err <<<"$(measure "http://127.0.0.1:$min_port/")"

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
read -r ngx_rps ngx_p99 ngx_err <<<"$(measure "http://127.0.0.1:$ngx_port/body.json")"

# The local server (embedded store), for reference.
loc_port=$(free_port)
PORT=$loc_port TRUST_CENTER_DATA_DIR="$WORK/local" java -jar "$JAR" >"$WORK/local.log" 2>&1 &
PIDS+=($!)
wait_200 "http://127.0.0.1:$loc_port/api$PATH_Q" 120
wrk -t2 -c"$CONNS" -d5s "http://127.0.0.1:$loc_port/api$PATH_Q" >/dev/null
read -r loc_rps loc_p99 loc_err <<<"$(measure "http://127.0.0.1:$loc_port/api$PATH_Q")"

printf '%-34s %10s %10s %8s\n' "server ($CONNS connections, ${SECS}s)" "req/s" "p99 ms" "errors"
printf '%-34s %10s %10s %8s\n' "PublicApiFunction in the invoker" "$api_rps" "$api_p99" "$api_err"
printf '%-34s %10s %10s %8s\n' "minimal function, same bytes" "$min_rps" "$min_p99" "$min_err"
printf '%-34s %10s %10s %8s\n' "nginx, same file" "$ngx_rps" "$ngx_p99" "$ngx_err"
printf '%-34s %10s %10s %8s\n' "local server (/api)" "$loc_rps" "$loc_p99" "$loc_err"
awk -v a="$api_rps" -v m="$min_rps" -v n="$ngx_rps" 'BEGIN {
  printf "ratio PublicApiFunction / minimal function: %.2f (target >= 0.8)\n", a / m
  printf "ratio minimal function / nginx: %.2f\n", m / n }'
