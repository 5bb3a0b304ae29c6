#!/usr/bin/env bash
# The node issue's Admin API benchmark (see bench/README.md).
#   bench/admin.sh [ROUNDS]    default 5 (the first two rounds of creates warm the JIT up)
# Needs PostgreSQL at 127.0.0.1:5432 (trust auth, user postgres); every scenario creates its own
# database and drops it. Prints one JSON line per measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
mvn -q -o -B -ntp -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
quiet=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Djava.util.logging.config.file=/dev/null)
out=bench/out
mkdir -p "$out"
file="$out/store-config-10.yaml"
[ -f "$file" ] || java -cp "$cp" io.silverback.bench.StoreBenchmark generate "$file" 10
# 10k POST /services, 8 clients, into PostgreSQL.
java -Xmx1g -XX:+UseParallelGC "${quiet[@]}" -cp "$cp" io.silverback.bench.AdminBenchmark create 10000 "$rounds"
# GET /services?size=1000 through 100k services.
java -Xmx1g -XX:+UseParallelGC "${quiet[@]}" -cp "$cp" io.silverback.bench.AdminBenchmark paging 100000 "$rounds"
# POST /config of the 100k-entity file on a DB-less node, in a 2 GiB heap (the target's bound).
java -Xmx2g -XX:+UseParallelGC "${quiet[@]}" -cp "$cp" io.silverback.bench.AdminBenchmark post_config "$file" "$rounds"
