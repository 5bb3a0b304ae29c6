#!/usr/bin/env bash
# Stream (TCP) proxy benchmark (issue 5, stream routes; see bench/README.md).
#   bench/stream.sh [ROUNDS] [SECONDS] [CONNECTIONS]     defaults 3 rounds of 10 s, 16 connections
# An echo upstream and a DB-less node with one tcp route in one JVM (StreamBenchmark), nginx's
# stream proxy_pass to the same echo with one worker per core, then interleaved rounds of bulk
# throughput (MiB/s) and connection rate (connections/s) against: the echo directly, nginx,
# Silverback. Compare only numbers of the same run. Run it under `flock /tmp/bench.lock`.
# Needs: apt-get install -y nginx-light libnginx-mod-stream
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
secs=${2:-10}
conns=${3:-16}
echo_port=19080 ngx=19081
. bench/lib/ports.sh
require_free_ports $echo_port $ngx
module=/usr/lib/nginx/modules/ngx_stream_module.so
mvn -q -o -B -ntp -DskipTests -pl silverback-cli,bench -am package >/dev/null
cp="bench/target/classes:silverback-cli/target/silverback.jar"
work=$(mktemp -d /tmp/silverback-stream-bench.XXXXXX)
nginx_arg=()
if command -v nginx >/dev/null && [ -f "$module" ]; then
  cat > "$work/nginx.conf" <<NGINX
load_module $module;
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
stream {
  server {
    listen 127.0.0.1:$ngx;
    proxy_pass 127.0.0.1:$echo_port;
  }
}
NGINX
  nginx -c "$work/nginx.conf" -p "$work"
  trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT
  nginx_arg=("$ngx")
else
  echo "# no nginx stream module ($module): apt-get install -y nginx-light libnginx-mod-stream; nginx left out" >&2
fi
java -Xms512m -Xmx512m -cp "$cp" io.silverback.bench.StreamBenchmark "$rounds" "$secs" "$conns" "$echo_port" \
  "${nginx_arg[@]}"
