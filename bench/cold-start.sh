#!/usr/bin/env bash
# Cold start: process start to first 200 of PublicApiFunction in the Functions Framework invoker (serving the
# deployable jar, backed by the Firestore emulator), against a minimal hello-world HttpFunction in the same
# invoker. Alternating runs after one discarded round of each (the emulator's and the disk cache's first
# answers are slower); prints both medians and the ratio (target: <= 1.2 in every run, aim 1.1).
# Usage: bench/cold-start.sh [runs, default 7]
source "$(dirname "$0")/common.sh"
RUNS=${1:-7}
need_jar
hello_classes
start_emulator
seed_emulator

run_once() { # classpath target path -> milliseconds to first 200
  local cp=$1 target=$2 path=$3 port; port=$(free_port)
  local start; start=$(now_ns)
  FIRESTORE_EMULATOR_HOST=$EMULATOR_HOST GOOGLE_CLOUD_PROJECT=demo-bench env $FUNCTION_ENV \
    java -jar "$INVOKER" --classpath "$cp" --target "$target" --port "$port" >"$WORK/run.log" 2>&1 &
  local pid=$!
  wait_200 "http://127.0.0.1:$port$path" 60
  local end; end=$(now_ns)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

: >"$WORK/api.ms"; : >"$WORK/hello.ms"
run_once "$WORK/hello" HelloFunction / >/dev/null
run_once "$JAR" dev.trustcenter.app.PublicApiFunction "/v1/trust-center?lang=en" >/dev/null
for i in $(seq 1 "$RUNS"); do
  run_once "$WORK/hello" HelloFunction / >>"$WORK/hello.ms"
  run_once "$JAR" dev.trustcenter.app.PublicApiFunction "/v1/trust-center?lang=en" >>"$WORK/api.ms"
done
hello=$(median <"$WORK/hello.ms"); api=$(median <"$WORK/api.ms")
echo "cold start, $RUNS alternating runs each after one discarded (ms): hello-world $(tr '\n' ' ' <"$WORK/hello.ms")| PublicApiFunction $(tr '\n' ' ' <"$WORK/api.ms")"
echo "median hello-world: ${hello} ms"
echo "median PublicApiFunction: ${api} ms"
awk -v a="$api" -v h="$hello" 'BEGIN { printf "ratio PublicApiFunction / hello-world: %.2f (target <= 1.2)\n", a / h }'
