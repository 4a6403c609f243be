#!/usr/bin/env bash
# Load: wrk at 64 connections for 30 s against the local server's public API (loopback only), printing
# requests/s, p50/p99 latency and errors (socket errors and non-2xx answers); exits 1 if there was any error.
# Not part of mvn verify. Usage: bash bench/load.sh [connections, default 64] [seconds, default 30]
source "$(dirname "$0")/common.sh"
CONNS=${1:-64}
SECS=${2:-30}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 2; }
need_jar
port=$(free_port)
PORT=$port TRUST_CENTER_DATA_DIR="$WORK/data" TRUST_CENTER_DEV_TOKEN="bench-load-token-0123456789abcdef" \
  java -jar "$JAR" >"$WORK/server.log" 2>&1 &
PIDS+=($!)
URL="http://127.0.0.1:$port/api/v1/trust-center?lang=en"
wait_200 "$URL" 120
wrk -t2 -c"$CONNS" -d5s "$URL" >/dev/null  # warm-up (JIT)
timeout $((SECS + 30)) wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 5s --latency "$URL" >"$WORK/wrk.txt" 2>&1 || true
python3 - "$WORK/wrk.txt" "$CONNS" "$SECS" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def ms(label):
    m = re.search(label + r"\s+([\d.]+)(us|ms|s)\b", t)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
m = re.search(r"Requests/sec:\s+([\d.]+)", t)
if not m:
    print(t); sys.exit(1)
total = re.search(r"(\d+) requests in", t)
errs = sum(int(e.group(1)) for k in ("connect", "read", "write", "timeout") for e in [re.search(k + r" (\d+)", t)] if e)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
errs += int(non2xx.group(1)) if non2xx else 0
print(f"local server /api/v1/trust-center?lang=en, wrk -t2 -c{sys.argv[2]} -d{sys.argv[3]}s")
print(f"requests: {total.group(1) if total else '?'}  req/s: {float(m.group(1)):.0f}  p50: {ms('50%'):.2f} ms  p99: {ms('99%'):.2f} ms  errors: {errs}")
sys.exit(1 if errs else 0)
PY
