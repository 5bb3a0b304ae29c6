#!/usr/bin/env bash
# The parse benchmark of the foundation issue (see bench/README.md).
#   bench/parse.sh [ROUNDS] [SCALE]    defaults: 5 rounds, scale 10 (100k entities)
# Runs full parse+validate+flatten and plain Jackson parsing of the same files in fresh JVMs
# with -Xmx1g, interleaved, for JSON and YAML, and prints one JSON line per run.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
scale=${2:-10}
mvn -q -B -ntp -DskipTests -pl bench -am install >/dev/null
cp=$(mvn -q -B -ntp -pl bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null || true)
if [ -z "$cp" ]; then
  cp=$(find ~/.m2/repository -name 'jackson-*2.23.0.jar' -o -name 'snakeyaml-2.5.jar' | tr '\n' ':')
fi
cp="bench/target/classes:silverback-core/target/classes:$cp"
out=bench/out
mkdir -p "$out"
for ext in json yaml; do
  [ -f "$out/config-$scale.$ext" ] || java -cp "$cp" io.silverback.bench.ParseBenchmark generate "$out/config-$scale.$ext" "$scale"
done
ls -l "$out"/config-"$scale".*
for round in 1 2; do
  for ext in json yaml; do
    for mode in jackson full; do
      java -Xmx1g -XX:+UseParallelGC -cp "$cp" io.silverback.bench.ParseBenchmark run "$mode" "$out/config-$scale.$ext" "$rounds"
    done
  done
done
# The smallest heap in which a full parse of each file completes (one round).
for ext in json yaml; do
  for mb in 256 384 512 640 768 1024; do
    if java -Xmx${mb}m -cp "$cp" io.silverback.bench.ParseBenchmark run full "$out/config-$scale.$ext" 1 >/dev/null 2>&1; then
      echo "{\"mode\":\"min_heap\",\"file\":\"config-$scale.$ext\",\"smallest_xmx_mb\":$mb}"
      break
    fi
  done
done
# End to end, as a user runs it: bin/silverback config parse (JVM start included), 3 runs each.
for ext in json yaml; do
  times=""
  for i in 1 2 3; do
    start=$(date +%s%N)
    bin/silverback config parse "$out/config-$scale.$ext" >/dev/null
    end=$(date +%s%N)
    times="$times,$(( (end - start) / 1000000 ))"
  done
  echo "{\"mode\":\"cli\",\"file\":\"config-$scale.$ext\",\"wall_ms\":[${times#,}]}"
done
