#!/usr/bin/env bash
# First contentful paint of /en/ in headless Chromium (Debian's chromium and chromium-driver), served by the local
# server, against a minimal page served from memory in the same run; prints both medians and the ratio.
# Usage: bash bench/first-paint.sh   (from anywhere; builds the test classes first)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null && command -v chromedriver >/dev/null || {
  echo "needs Chromium: apt-get install -y chromium chromium-driver" >&2; exit 2; }
mvn -q -B -Dstyle.color=never test-compile dependency:build-classpath -pl functions \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd functions
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  -Djava.util.logging.config.file=src/test/resources/logging.properties \
  dev.trustcenter.site.FirstPaintBenchmark
