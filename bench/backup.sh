#!/usr/bin/env bash
# The backup benchmark: `silverback backup create` (builtin dump and pg_dump path, plain and
# encrypted, and without the declarative export) side by side with `pg_dump -F d -j 2`,
# `pg_dump | zstd`, and Kong's manual way (`pg_dump -F d -j 2` then `config db_export`) of the
# same database, interleaved, plus one `backup verify` and one `backup verify --deep`.
#   bench/backup.sh [ROUNDS] [SCALE]    defaults: 3 rounds, scale 10 (the 100k-entity config);
#   SCALE 1m loads bench/million-rows.sql instead (500k consumers, 500k keyauth credentials)
# PostgreSQL from PGHOST/PGUSER (default 127.0.0.1, postgres, trust auth). Creates the database
# sb_bench_backup_<pid> and drops it. Every time is a whole process (JVM start included), as an
# operator runs it; cpu_s is the client process's user+sys time (the server's is not counted).
# Prints one JSON line per measurement and a summary line with medians.
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
db="sb_bench_backup_$$"
work="$out/backup-$$"
psql -h "$host" -U "$user" -d postgres -qc "CREATE DATABASE $db"
trap 'psql -h "$host" -U "$user" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
# As bin/silverback runs one-shot commands.
export SILVERBACK_JAVA_OPTS=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
sb=(bin/silverback)
pg=(--pg-host "$host" --pg-user "$user" --pg-database "$db" -p "$work/prefix")
mkdir -p "$work/prefix"
"${sb[@]}" migrations bootstrap "${pg[@]}" >/dev/null
if [ "$scale" = 1m ]; then
  file=bench/million-rows.sql
  psql -h "$host" -U "$user" -d "$db" -q -v ON_ERROR_STOP=1 -f "$file"
else
  "${sb[@]}" config db_import "${pg[@]}" "$file" -q
fi
head -c 32 /dev/urandom > "$work/backup.key"
rows=$(psql -h "$host" -U "$user" -d "$db" -Atc \
  "SELECT sum(n_live_tup) FROM pg_stat_user_tables WHERE relname <> 'schema_migrations'")
echo "{\"database\":\"$db\",\"config\":\"$file\",\"rows\":$rows,\"pg_dump\":\"$(pg_dump --version)\"}"

# measure NAME TARGET COMMAND...: runs COMMAND, prints its wall time and the size of TARGET.
measure() {
  local name=$1 target=$2
  shift 2
  rm -rf "$target"
  mkdir -p "$(dirname "$target")"
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$work/cpu.txt" "$@" >/dev/null
  end=$(date +%s%N)
  local cpu
  cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$work/cpu.txt")
  local bytes
  bytes=$(du -sb "$target"* | awk '{ s += $1 } END { print s }')
  local s
  s=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  echo "{\"scenario\":\"$name\",\"round\":$round,\"wall_s\":$s,\"cpu_s\":$cpu,\"bytes\":$bytes}"
  echo "$name $s $bytes $cpu" >> "$work/results.txt"
}

for round in $(seq 1 "$rounds"); do
  measure pg_dump_dir_j2 "$work/r/pgdump" pg_dump -h "$host" -U "$user" -F d -j 2 -f "$work/r/pgdump" "$db"
  measure pg_dump_zstd "$work/r/dump.sql.zst" sh -c \
    "pg_dump -h '$host' -U '$user' '$db' | zstd -q -T2 -o '$work/r/dump.sql.zst'"
  measure kong_manual_pg_dump_and_db_export "$work/r/manual" sh -c "mkdir -p '$work/r/manual' && pg_dump -h '$host' -U '$user' -F d -j 2 \
    -f '$work/r/manual/pgdump' '$db' && bin/silverback config db_export ${pg[*]} '$work/r/manual/kong.json' -q"
  measure backup_builtin_no_declarative "$work/r/sb-nodecl" "${sb[@]}" backup create "${pg[@]}" --native builtin \
    --no-declarative --to "$work/r/sb-nodecl" -q
  measure backup_builtin "$work/r/sb-builtin" "${sb[@]}" backup create "${pg[@]}" --native builtin \
    --to "$work/r/sb-builtin" -q
  measure backup_pg_dump "$work/r/sb-pgdump" "${sb[@]}" backup create "${pg[@]}" --native pg_dump \
    --to "$work/r/sb-pgdump" -q
  measure backup_builtin_encrypted "$work/r/sb-enc" "${sb[@]}" backup create "${pg[@]}" --native builtin \
    --key-file "$work/backup.key" --to "$work/r/sb-enc" -q
done

bundle=$(ls -d "$work"/r/sb-builtin/silverback-backup-*)
for mode in verify verify_deep; do
  start=$(date +%s%N)
  if [ $mode = verify ]; then
    "${sb[@]}" backup verify "$bundle" -q
  else
    "${sb[@]}" backup verify "${pg[@]}" "$bundle" --deep -q
  fi
  end=$(date +%s%N)
  echo "{\"scenario\":\"$mode\",\"wall_s\":$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')}"
done

# Summary: the median time and size of each scenario, and each backup's ratio to pg_dump -F d -j 2.
sort -k1,1 -k2,2n "$work/results.txt" | awk -v rounds="$rounds" '
  { b[$1] = $3; n[$1]++; if (n[$1] == int((rounds + 1) / 2)) { med[$1] = $2; cpu[$1] = $4 } }
  END {
    printf "{\"summary\":\"median of %d rounds\"", rounds
    for (k in med) printf ",\"%s\":{\"s\":%s,\"cpu_s\":%s,\"mb\":%.1f,\"x_pg_dump_dir\":%.2f}", k, med[k], cpu[k], b[k] / 1048576, med[k] / med["pg_dump_dir_j2"]
    print "}"
  }'
