#!/usr/bin/env bash
# The proxy issue's throughput benchmark (see bench/README.md and HELPER-NOTES.md).
#   bench/proxy.sh [ROUNDS] [SECONDS]     defaults 3 rounds of 15 s per case
#   WORKERS=1 bench/proxy.sh ...          nginx's worker_processes and Silverback's
#                                         nginx_worker_processes (default auto: one per core)
# One small upstream (nginx, fixed 200 body) on loopback, then interleaved rounds of
# `wrk -t1 -c50 -d${SECONDS}s --latency` against: the upstream directly, nginx proxy_pass with an
# upstream keepalive pool, Silverback with one route (DB-less file), and, when the key-auth and
# rate-limiting plugins exist in this tree, Silverback with both. The JVM is warmed up for 45 s
# first. Everything shares this machine's cores: compare only numbers of the same run.
# Needs: apt-get install -y nginx-light wrk
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
secs=${2:-15}
workers=${WORKERS:-auto}
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk: apt-get install -y nginx-light wrk" >&2; exit 1; }
mvn -q -o -B -ntp -DskipTests -pl silverback-cli -am package >/dev/null
jar=silverback-cli/target/silverback.jar
work=$(mktemp -d /tmp/silverback-proxy-bench.XXXXXX)
up=18080 ngx=18081 sb=18000 sbadm=18001 sbp=18010 sbpadm=18011
. bench/lib/ports.sh
require_free_ports $up $ngx $sb $sbadm $sbp $sbpadm
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for f in "$work"/upstream.pid "$work"/proxy.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# Two nginx instances: the upstream with one worker, the reference proxy with one worker per core
# (as Kong runs nginx, and as Silverback runs one event loop per core), or WORKERS of each.
cat > "$work/upstream.conf" <<NGINX
worker_processes 1;
pid $work/upstream.pid;
error_log $work/upstream-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$up;
    location / { return 200 '{"hello":"world","from":"a small upstream behind the proxy under test"}'; }
  }
}
NGINX
cat > "$work/proxy.conf" <<NGINX
worker_processes $workers;
pid $work/proxy.pid;
error_log $work/proxy-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream origin { server 127.0.0.1:$up; keepalive 64; }
  server {
    listen 127.0.0.1:$ngx;
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX
nginx -c "$work/upstream.conf" -p "$work"
nginx -c "$work/proxy.conf" -p "$work"

cat > "$work/one-route.yml" <<YAML
_format_version: '3.0'
services:
- name: origin
  url: http://127.0.0.1:$up
  routes:
  - name: bench
    paths: [/]
YAML
cat > "$work/plugins.yml" <<YAML
_format_version: '3.0'
services:
- name: origin
  url: http://127.0.0.1:$up
  routes:
  - name: bench
    paths: [/]
    plugins:
    - name: key-auth
    - name: rate-limiting
      config: {second: 1000000, policy: local}
consumers:
- username: bench
  keyauth_credentials:
  - key: bench-key
YAML

start_node() { # name proxy admin file
  SILVERBACK_DATABASE=off SILVERBACK_DECLARATIVE_CONFIG="$work/$4" SILVERBACK_NGINX_WORKER_PROCESSES="$workers" \
  SILVERBACK_PROXY_LISTEN="127.0.0.1:$2" SILVERBACK_ADMIN_LISTEN="127.0.0.1:$3" \
    java -Xms512m -Xmx512m ${SILVERBACK_JAVA_OPTS:-} -jar "$jar" start --foreground -p "$work/$1" \
    >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$3/status" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "node $1 did not start; see $work/$1.log" >&2
  exit 1
}

start_node plain $sb $sbadm one-route.yml
cases=(direct nginx silverback)
urls=("http://127.0.0.1:$up/" "http://127.0.0.1:$ngx/" "http://127.0.0.1:$sb/")
if [ -d silverback-gateway/src/main/java/io/silverback/gateway/plugins/keyauth ] \
   && [ -d silverback-gateway/src/main/java/io/silverback/gateway/plugins/ratelimiting ]; then
  start_node plugins $sbp $sbpadm plugins.yml
  cases+=(silverback-keyauth-ratelimit)
  urls+=("http://127.0.0.1:$sbp/")
else
  echo "# slot: silverback-keyauth-ratelimit (key-auth and rate-limiting are not in this tree yet)"
fi
curl -fsS -o /dev/null -w 'silverback check: %{http_code}\n' "http://127.0.0.1:$sb/"

run() { # url -> "rps p99ms"
  local extra=()
  [[ $1 == *":$sbp/"* ]] && extra=(-H "apikey: bench-key")
  wrk -t1 -c50 -d"$3"s --latency "${extra[@]}" "$1" > "$work/wrk.out" 2>&1
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$work/wrk.out")
  local errs
  errs=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.out" | tr '\n' ' ')
  echo "$2 $rps $p99 $errs"
}

echo "# warm-up: 45 s on each Silverback node, 10 s on nginx"
for i in "${!cases[@]}"; do
  case ${cases[$i]} in silverback*) wrk -t1 -c50 -d45s -H "apikey: bench-key" "${urls[$i]}" >/dev/null ;; nginx) wrk -t1 -c50 -d10s "${urls[$i]}" >/dev/null ;; esac
done

declare -A sum_rps sum_p99
: > "$work/rounds.txt"
for r in $(seq 1 "$rounds"); do
  for i in "${!cases[@]}"; do
    read -r name rps p99 errs < <(run "${urls[$i]}" "${cases[$i]}" "$secs")
    printf 'round %d %-30s %10s rps  p99 %8s ms %s\n' "$r" "$name" "$rps" "$p99" "$errs"
    echo "$r $name $rps $p99" >> "$work/rounds.txt"
    sum_rps[$name]=$(awk -v a="${sum_rps[$name]:-0}" -v b="$rps" 'BEGIN {print a+b}')
    sum_p99[$name]=$(awk -v a="${sum_p99[$name]:-0}" -v b="$p99" 'BEGIN {print a+b}')
  done
done
ng_rps=$(awk -v s="${sum_rps[nginx]}" -v n="$rounds" 'BEGIN {print s/n}')
ng_p99=$(awk -v s="${sum_p99[nginx]}" -v n="$rounds" 'BEGIN {print s/n}')
echo "# mean of $rounds rounds; ratios against nginx proxy_pass in this run"
for name in "${cases[@]}"; do
  awk -v n="$name" -v r="${sum_rps[$name]}" -v p="${sum_p99[$name]}" -v k="$rounds" -v nr="$ng_rps" -v np="$ng_p99" \
    'BEGIN {printf "%-30s %10.0f rps (%.2fx nginx)  p99 %6.2f ms (%.2fx nginx)\n", n, r/k, (r/k)/nr, p/k, (p/k)/np}'
done
# The machine's speed drifts between rounds (nginx itself moves by ±10 %): each round's ratio
# pairs cases measured a minute apart, so their median is the steadier figure.
echo "# median of the per-round ratios to nginx (rps, p99)"
median() { sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); printf "%.2f", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }
for name in "${cases[@]}"; do
  ratios() { # column (3 rps, 4 p99) -> one ratio per round
    awk -v n="$name" -v c="$1" '$2 == "nginx" { ng[$1] = $c } $2 == n { v[$1] = $c } END { for (r in v) print v[r] / ng[r] }' \
      "$work/rounds.txt"
  }
  printf '%-30s %sx nginx rps, p99 %sx nginx (%d rounds)\n' "$name" "$(ratios 3 | median)" "$(ratios 4 | median)" "$rounds"
done
