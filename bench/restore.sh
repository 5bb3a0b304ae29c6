#!/usr/bin/env bash
# The restore benchmark: `silverback backup restore` of the 100k-entity bundle, natively from the
# builtin dump and from the pg_dump dump, and `--mode declarative`, side by side with
# `pg_restore -j 2` of a `pg_dump -F d -j 2` of the same database, each into a fresh database,
# interleaved (see bench/README.md).
#   bench/restore.sh [ROUNDS] [SCALE]    defaults: 3 rounds, scale 10 (the 100k-entity config);
#   SCALE 1m loads bench/million-rows.sql instead (500k consumers, 500k keyauth credentials)
# PostgreSQL from PGHOST/PGUSER (default 127.0.0.1, postgres, trust auth). Creates databases
# sb_bench_restore_<pid>_* and drops them. Every time is a whole process (JVM start included).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
scale=${2:-10}
host=${PGHOST:-127.0.0.1}
user=${PGUSER:-postgres}
# The runnable jar holds every library the config generator needs (no dependency plugin, which
# offline Maven cannot always resolve).
mvn -q -o -B -ntp -DskipTests -pl bench,silverback-cli -am package >/dev/null
cp="bench/target/classes:silverback-cli/target/silverback.jar"
out=bench/out
mkdir -p "$out"
file="$out/store-config-$scale.yaml"
[ "$scale" = 1m ] || [ -f "$file" ] || java -cp "$cp" io.silverback.bench.StoreBenchmark generate "$file" "$scale"
src="sb_bench_restore_$$"
work="$out/restore-$$"
psql_admin() { psql -h "$host" -U "$user" -d postgres -qc "$1"; }
cleanup() {
  for db in $(psql -h "$host" -U "$user" -d postgres -Atc \
      "SELECT datname FROM pg_database WHERE datname LIKE '${src}%'"); do
    psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  done
  rm -rf "$work"
}
trap cleanup EXIT
psql_admin "CREATE DATABASE $src"
# As an operator runs it: the launcher (C1, parallel GC, class-data sharing archive).
export SILVERBACK_JAVA_OPTS=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
silverback() {
  bin/silverback "$@"
}
mkdir -p "$work/prefix"
pg() { echo --pg-host "$host" --pg-user "$user" --pg-database "$1" -p "$work/prefix"; }
# shellcheck disable=SC2046
silverback migrations bootstrap $(pg "$src") -q
# The launcher makes the restore's class-data archive (its own, on G1) on the first restore after a
# build, a few seconds: made here, so that no measured round pays for it.
silverback backup restore --help >/dev/null
if [ "$scale" = 1m ]; then
  file=bench/million-rows.sql
  psql -h "$host" -U "$user" -d "$src" -q -v ON_ERROR_STOP=1 -f "$file"
else
  # shellcheck disable=SC2046
  silverback config db_import $(pg "$src") "$file" -q
fi
# shellcheck disable=SC2046
silverback backup create $(pg "$src") --native builtin --to "$work/builtin" -q
# shellcheck disable=SC2046
silverback backup create $(pg "$src") --native pg_dump --to "$work/pgdump" -q
pg_dump -h "$host" -U "$user" -F d -j 2 -f "$work/plain" "$src"
builtin=$(ls -d "$work"/builtin/silverback-backup-*)
pgdump=$(ls -d "$work"/pgdump/silverback-backup-*)
rows=$(psql -h "$host" -U "$user" -d "$src" -Atc "SELECT sum(n_live_tup) FROM pg_stat_user_tables")
echo "{\"database\":\"$src\",\"config\":\"$file\",\"rows\":$rows,\"pg_restore\":\"$(pg_restore --version)\"}"

# measure NAME COMMAND...: a fresh target database $target, then COMMAND's wall time.
n=0
measure() {
  local name=$1
  shift
  n=$((n + 1))
  target="${src}_$n"
  psql_admin "CREATE DATABASE $target"
  local cmd=("${@//@TARGET@/$target}")
  local start end s
  start=$(date +%s%N)
  "${cmd[@]}" >/dev/null
  end=$(date +%s%N)
  s=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  local restored
  restored=$(psql -h "$host" -U "$user" -d "$target" -Atc \
    "SELECT count(*) FROM consumers" 2>/dev/null || echo 0)
  echo "{\"scenario\":\"$name\",\"round\":$round,\"wall_s\":$s,\"consumers\":$restored}"
  echo "$name $s" >> "$work/results.txt"
  psql_admin "DROP DATABASE $target WITH (FORCE)"
}

for round in $(seq 1 "$rounds"); do
  measure pg_restore_j2 pg_restore -h "$host" -U "$user" -j 2 -d @TARGET@ "$work/plain"
  measure restore_native_builtin silverback backup restore "$builtin" --pg-host "$host" --pg-user "$user" \
    --pg-database @TARGET@ -p "$work/prefix" --yes -q
  measure restore_native_pg_dump silverback backup restore "$pgdump" --pg-host "$host" --pg-user "$user" \
    --pg-database @TARGET@ -p "$work/prefix" --yes -q
  measure restore_declarative silverback backup restore "$builtin" --mode declarative --pg-host "$host" \
    --pg-user "$user" --pg-database @TARGET@ -p "$work/prefix" --yes -q
done

# Summary: the median of each scenario and its ratio to pg_restore -j 2.
sort -k1,1 -k2,2n "$work/results.txt" | awk -v rounds="$rounds" '
  { n[$1]++; if (n[$1] == int((rounds + 1) / 2)) med[$1] = $2 }
  END {
    printf "{\"summary\":\"median of %d rounds\"", rounds
    for (k in med) printf ",\"%s\":{\"s\":%s,\"x_pg_restore\":%.2f}", k, med[k], med[k] / med["pg_restore_j2"]
    print "}"
  }'
