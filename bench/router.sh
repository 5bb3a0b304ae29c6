#!/usr/bin/env bash
# The router benchmark (JMH): one match at 10, 1k and 10k routes for a plain hit, a regex hit,
# a hit on the lowest-priority route and a miss (see RouterBenchmark's javadoc).
#   bench/router.sh [JMH options]    default: -wi 3 -i 5 -f 1 (about 5 minutes)
# Then the same matches in thread CPU time (one JSON line each), which a busy machine inflates
# much less than JMH's wall time.
# Builds offline (-o) from this tree's modules, not from ~/.m2's silverback jars.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -B -ntp -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
if [ "$#" -eq 0 ]; then
  set -- -wi 3 -w 1s -i 5 -r 1s -f 1
fi
java -cp "$cp" org.openjdk.jmh.Main RouterBenchmark "$@"
java -cp "$cp" io.silverback.bench.RouterBenchmark
