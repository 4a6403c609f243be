#!/usr/bin/env bash
# The trust center at scale against the seed-sized one, both built and measured in the same run: 300 controls, a
# year of hourly results of six automated checks and monthly attestations of the others, 2,000 upstream entries
# with 500 change events, 20,000 subscribers and 1,000 access requests. Prints a publish after one control changes
# (objects written, URLs purged, seconds), the public API's latency and document reads per request, the largest
# page's gzip size, one upstream change noticed to every subscriber through the delivery outbox, and each job's heap
# peak. The two sizes' publishes after one change alternate (seed, large, seed, ...), so both see the same disk.
# Limits: <= 6 objects and <= 2x the seed's seconds per publish, one document read per cache period, no page
# over 30 KB gzip, every job within 512 MiB (the JVM runs with -Xmx512m, so a job over it fails the run).
# See ScaleBenchmark.
# Usage: bash bench/scale.sh [file|firestore]   (file: the local server's store, default; firestore: the emulator)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never test-compile dependency:build-classpath -pl functions \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cd functions
java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  -Djava.util.logging.config.file=src/test/resources/logging.properties \
  dev.trustcenter.site.ScaleBenchmark "$@"
