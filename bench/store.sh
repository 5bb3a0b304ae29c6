#!/usr/bin/env bash
# The store benchmark: db_import, re-import and db_export against pg_dump and a naive
# row-per-statement loader (see bench/README.md).
#   bench/store.sh [ROUNDS] [SCALE]    defaults: 3 rounds, scale 10 (100k entities)
# PostgreSQL from PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres, trust auth); every
# scenario creates its own database (sb_bench_<pid>_<n>) and drops it. Prints one JSON line per
# measurement. Builds offline (-o) from this tree's modules, not from ~/.m2's silverback jars.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
scale=${2:-10}
mvn -q -o -B -ntp -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
quiet=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
seconds() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }
out=bench/out
mkdir -p "$out"
file="$out/store-config-$scale.yaml"
[ -f "$file" ] || java -cp "$cp" io.silverback.bench.StoreBenchmark generate "$file" "$scale"
ls -l "$file"
# The interleaved rounds and the summary line. The naive load writes every entity (about 1 ms a
# row here); NAIVE_EVERY=10 writes a 1-in-10 sample instead and extrapolates.
java -Xmx2g -XX:+UseParallelGC "$quiet" -cp "$cp" io.silverback.bench.StoreBenchmark run "$file" "$rounds" "${NAIVE_EVERY:-1}"
# Cold: one import and one export in a fresh JVM with the launcher's flags for one-shot commands.
for i in 1 2; do
  start=$(date +%s%N)
  java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 "$quiet" -cp "$cp" io.silverback.bench.StoreBenchmark oneshot "$file"
  end=$(date +%s%N)
  echo "{\"mode\":\"oneshot_process\",\"run\":$i,\"wall_s\":$(seconds $((end - start)))}"
done
# End to end through the launcher, when the tree has the commands.
mvn -q -o -B -ntp -DskipTests -pl silverback-cli -am package >/dev/null
if bin/silverback config --help 2>/dev/null | grep -q db_import; then
  db="sb_bench_cli_$$"
  pg=(--pg-host "${PGHOST:-127.0.0.1}" --pg-user "${PGUSER:-postgres}" --pg-database "$db")
  psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -qc "CREATE DATABASE $db"
  trap 'psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
  bin/silverback migrations bootstrap "${pg[@]}" >/dev/null
  for step in import reimport export; do
    start=$(date +%s%N)
    case $step in
      export) bin/silverback config db_export "${pg[@]}" --force "$out/cli-export.yaml" >/dev/null ;;
      *) bin/silverback config db_import "${pg[@]}" "$file" >/dev/null ;;
    esac
    end=$(date +%s%N)
    echo "{\"mode\":\"cli\",\"step\":\"$step\",\"wall_s\":$(seconds $((end - start)))}"
  done
  rm -f "$out/cli-export.yaml"
else
  echo '{"mode":"cli","skipped":"bin/silverback config has no db_import/db_export in this tree"}'
fi
