#!/usr/bin/env bash
# The evidence log over a year of hourly checks (8760 runs x 7 checks = 61,320 entries), each run appending in one
# transaction and publishing the log to a folder: time per append, objects written per publish, the published log's
# size, and the time to verify all of it. See EvidenceLogBenchmark.
# Usage: bash bench/evidence-log.sh [memory|file] [hours, default 8760]
#   memory (default): the log's own cost, in-memory store; file: the local server's file store (forces each write).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never test-compile dependency:build-classpath -pl functions \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd functions
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  -Djava.util.logging.config.file=src/test/resources/logging.properties \
  dev.trustcenter.evidence.EvidenceLogBenchmark "$@"
