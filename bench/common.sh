# Shared helpers of the benchmark scripts (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/functions/target/trust-center.jar"
API_JAR="$ROOT/functions/target/lib/functions-framework-api.jar"
INVOKER_VERSION=1.4.1
INVOKER="$HOME/.m2/repository/com/google/cloud/functions/invoker/java-function-invoker/$INVOKER_VERSION/java-function-invoker-$INVOKER_VERSION.jar"
EMULATOR_JAR="${FIRESTORE_EMULATOR_JAR:-/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar}"
WORK="$(mktemp -d /tmp/trust-center-bench.XXXXXX)"
chmod 755 "$WORK"  # nginx workers run as another user
PIDS=()
# What trust-api requires besides its project (DeployedFunction.TRUST_API); no I/O happens on these here.
FUNCTION_ENV="DOCUMENTS_BUCKET=bench-documents SITE_BASE_URL=https://trust.example.com"

cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ns() { date +%s%N; }

need_jar() {
  if [ ! -f "$JAR" ]; then (cd "$ROOT" && mvn -q -B package -DskipTests); fi
  if [ ! -f "$INVOKER" ]; then
    mvn -q -B dependency:get -Dartifact=com.google.cloud.functions.invoker:java-function-invoker:$INVOKER_VERSION >/dev/null
  fi
}

# wait_200 URL [timeout_s]: polls until the URL answers 200.
wait_200() {
  local url=$1 deadline=$(( $(date +%s) + ${2:-60} ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = "200" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timeout waiting for $url" >&2; return 1; }
    sleep 0.01
  done
}

# start_emulator: starts Google's Firestore emulator, sets EMULATOR_HOST.
start_emulator() {
  local port; port=$(free_port)
  java -Duser.language=en -cp "$EMULATOR_JAR" com.google.cloud.datastore.emulator.firestore.CloudFirestore start \
    --host=127.0.0.1 --port="$port" >"$WORK/emulator.log" 2>&1 &
  PIDS+=($!)
  EMULATOR_HOST="127.0.0.1:$port"
  wait_200 "http://$EMULATOR_HOST/" 60
}

# seed_emulator: fills the emulator with the default content through the local server.
seed_emulator() {
  local port; port=$(free_port)
  PORT=$port FIRESTORE_EMULATOR_HOST=$EMULATOR_HOST GOOGLE_CLOUD_PROJECT=demo-bench TRUST_CENTER_DATA_DIR="$WORK/seed" \
    java -jar "$JAR" >"$WORK/seed.log" 2>&1 &
  local pid=$!
  wait_200 "http://127.0.0.1:$port/api/v1/trust-center?lang=en" 120
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# hello_classes: compiles minimal HttpFunctions into $WORK/hello (HelloFunction, and BytesFunction serving a file's bytes).
hello_classes() {
  mkdir -p "$WORK/hello-src" "$WORK/hello"
  cat >"$WORK/hello-src/HelloFunction.java" <<'JAVA'
import com.google.cloud.functions.*;
public class HelloFunction implements HttpFunction {
  public void service(HttpRequest req, HttpResponse res) throws Exception {
    res.setContentType("text/plain; charset=utf-8");
    res.getWriter().write("hello");
  }
}
JAVA
  cat >"$WORK/hello-src/BytesFunction.java" <<'JAVA'
import com.google.cloud.functions.*;
import java.nio.file.*;
public class BytesFunction implements HttpFunction {
  private static final byte[] BODY;
  static {
    try { BODY = Files.readAllBytes(Path.of(System.getenv("BYTES_FILE"))); } catch (Exception e) { throw new RuntimeException(e); }
  }
  public void service(HttpRequest req, HttpResponse res) throws Exception {
    res.setContentType("application/json; charset=utf-8");
    res.getOutputStream().write(BODY);
  }
}
JAVA
  javac -d "$WORK/hello" -cp "$API_JAR" "$WORK/hello-src/"*.java
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
