#!/usr/bin/env bash
# The sync's cost: parse time per vendor page (both fixtures; median after warm-up, as a ratio to a jsoup parse
# of the same bytes in the same run) and the store writes of a sync whose pages did not change (a real sync
# against a local MockWebServer, run twice; the second run's writes are printed by collection).
# Usage: bash bench/sync.sh   (from anywhere; builds the test classes first)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never test-compile dependency:build-classpath -pl functions \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd functions
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  -Djava.util.logging.config.file=src/test/resources/logging.properties \
  dev.trustcenter.subprocessors.SyncBenchmark
