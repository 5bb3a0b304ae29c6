#!/usr/bin/env bash
# The gRPC proxy benchmark (issue 5): unary calls over h2c, the upstream directly and through
# Silverback, interleaved (see GrpcBenchmark's javadoc).
#   bench/grpc.sh [ROUNDS] [SECONDS] [STREAMS]     defaults 3 rounds of 10 s, 50 calls in flight
# Builds offline (-o) from this tree's modules; the runtime classpath is the CLI's runnable jar
# (the dependency plugin is not needed).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -B -ntp -DskipTests -pl silverback-cli,bench -am package >/dev/null
cp="bench/target/classes:silverback-cli/target/silverback.jar"
java -Xmx1g -cp "$cp" io.silverback.bench.GrpcBenchmark "$@"
