#!/usr/bin/env bash
# The TLS issue's benchmark (see HELPER-NOTES.md of the tls helper).
#   bench/tls.sh [ROUNDS] [SECONDS]     defaults 3 rounds of 15 s per case
# One small upstream (nginx, fixed 200 body, plain and TLS) on loopback, then interleaved rounds of
# `wrk -t1 -c50 -d${SECONDS}s --latency` against: nginx as a TLS proxy (reference), Silverback's
# plain listener, its `ssl` listener, its `ssl` listener to an https service (tls_verify on, CA
# given), and both TLS proxies with `Connection: close` (a full handshake per request). The JVM is
# warmed up for 45 s first. Everything shares this machine's cores: compare only numbers of one run.
# Needs: apt-get install -y nginx-light wrk (and openssl)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
secs=${2:-15}
command -v nginx >/dev/null && command -v wrk >/dev/null && command -v openssl >/dev/null \
  || { echo "needs nginx, wrk and openssl: apt-get install -y nginx-light wrk openssl" >&2; exit 1; }
mvn -q -o -B -ntp -DskipTests -pl silverback-cli -am package >/dev/null
jar=silverback-cli/target/silverback.jar
work=$(mktemp -d /tmp/silverback-tls-bench.XXXXXX)
up=18680 upssl=18682 ngx=18644 sb=18600 sbssl=18643 sbadm=18601
. bench/lib/ports.sh
require_free_ports $up $upssl $ngx $sb $sbssl $sbadm
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for f in "$work"/upstream.pid "$work"/proxy.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# A CA and a certificate for "localhost" (the upstream's and the proxies' server certificate).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=bench CA" \
  -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
  -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost\n' > "$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile "$work/san.ext" -out "$work/server.crt" 2>/dev/null

cat > "$work/upstream.conf" <<NGINX
worker_processes 1;
pid $work/upstream.pid;
error_log $work/upstream-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$up;
    listen 127.0.0.1:$upssl ssl;
    ssl_certificate $work/server.crt;
    ssl_certificate_key $work/server.key;
    location / { return 200 '{"hello":"world","from":"a small upstream behind the proxy under test"}'; }
  }
}
NGINX
cat > "$work/proxy.conf" <<NGINX
worker_processes auto;
pid $work/proxy.pid;
error_log $work/proxy-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream origin { server 127.0.0.1:$up; keepalive 64; }
  server {
    listen 127.0.0.1:$ngx ssl;
    ssl_certificate $work/server.crt;
    ssl_certificate_key $work/server.key;
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

indent() { sed 's/^/    /' "$1"; }
cat > "$work/routes.yml" <<YAML
_format_version: '3.0'
certificates:
- cert: |
$(indent "$work/server.crt")
  key: |
$(indent "$work/server.key")
  snis:
  - name: localhost
ca_certificates:
- id: 0b5f3a8e-8a38-4a6f-9c3c-7d2a1b0c0001
  cert: |
$(indent "$work/ca.crt")
services:
- name: origin
  url: http://127.0.0.1:$up
  routes:
  - name: plain
    paths: [/]
- name: tls-origin
  url: https://localhost:$upssl
  tls_verify: true
  ca_certificates: [0b5f3a8e-8a38-4a6f-9c3c-7d2a1b0c0001]
  routes:
  - name: to-tls
    paths: [/tls-upstream]
    strip_path: true
YAML

SILVERBACK_DATABASE=off SILVERBACK_DECLARATIVE_CONFIG="$work/routes.yml" \
SILVERBACK_PROXY_LISTEN="127.0.0.1:$sb, 127.0.0.1:$sbssl http2 ssl" SILVERBACK_ADMIN_LISTEN="127.0.0.1:$sbadm" \
  java -Xms512m -Xmx512m ${SILVERBACK_JAVA_OPTS:-} -jar "$jar" start --foreground -p "$work/node" \
  >"$work/node.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$sb/" 2>/dev/null && break
  sleep 0.5
done
curl -fsS -o /dev/null -w 'silverback check: %{http_code}\n' "http://127.0.0.1:$sb/"
curl -fsSk -o /dev/null -w 'silverback tls check: %{http_code}\n' "https://localhost:$sbssl/"
curl -fsSk -o /dev/null -w 'silverback tls upstream check: %{http_code}\n' "https://localhost:$sbssl/tls-upstream"

cases=(nginx-tls silverback-plain silverback-tls silverback-tls-to-tls nginx-tls-close silverback-tls-close)
urls=("https://localhost:$ngx/" "http://127.0.0.1:$sb/" "https://localhost:$sbssl/" "https://localhost:$sbssl/tls-upstream"
      "https://localhost:$ngx/" "https://localhost:$sbssl/")

run() { # url name seconds -> "name rps p99ms errors"
  local extra=()
  [[ $2 == *-close ]] && extra=(-H "Connection: close")
  wrk -t1 -c50 -d"$3"s --latency "${extra[@]}" "$1" > "$work/wrk.out" 2>&1
  local rps p99 errs
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$work/wrk.out")
  errs=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.out" | tr '\n' ' ')
  echo "$2 $rps $p99 $errs"
}

echo "# warm-up: 45 s on Silverback, 10 s on nginx"
wrk -t1 -c50 -d15s "http://127.0.0.1:$sb/" >/dev/null
wrk -t1 -c50 -d15s "https://localhost:$sbssl/" >/dev/null
wrk -t1 -c50 -d15s "https://localhost:$sbssl/tls-upstream" >/dev/null
wrk -t1 -c50 -d10s "https://localhost:$ngx/" >/dev/null

declare -A sum_rps sum_p99
for r in $(seq 1 "$rounds"); do
  for i in "${!cases[@]}"; do
    read -r name rps p99 errs < <(run "${urls[$i]}" "${cases[$i]}" "$secs")
    printf 'round %d %-24s %10s rps  p99 %8s ms %s\n' "$r" "$name" "$rps" "$p99" "$errs"
    sum_rps[$name]=$(awk -v a="${sum_rps[$name]:-0}" -v b="$rps" 'BEGIN {print a+b}')
    sum_p99[$name]=$(awk -v a="${sum_p99[$name]:-0}" -v b="$p99" 'BEGIN {print a+b}')
  done
done
echo "# mean of $rounds rounds"
for name in "${cases[@]}"; do
  awk -v n="$name" -v r="${sum_rps[$name]}" -v p="${sum_p99[$name]}" -v k="$rounds" \
    'BEGIN {printf "%-24s %10.0f rps  p99 %6.2f ms\n", n, r/k, p/k}'
done
