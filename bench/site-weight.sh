#!/usr/bin/env bash
# Prints the weight of the published site and the cost of publishing it: the gzip size of /en/ (and /es/) with
# everything the page loads, and how many objects a first publish and a publish with no changes upload and how
# many URLs they purge. Figures only, no pass/fail; the README quotes the latest run.
# Usage: bash bench/site-weight.sh   (from anywhere; builds the test classes first)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never test-compile dependency:build-classpath -pl functions \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd functions
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  -Djava.util.logging.config.file=src/test/resources/logging.properties \
  dev.trustcenter.site.SiteWeightBenchmark
