# Sourced by the benchmark scripts that start servers on fixed loopback ports.
# require_free_ports PORT...: exits when one is taken, since a server left there (a node from an
# earlier run, say) would answer in place of the one the script starts and be measured instead.
require_free_ports() {
  local port
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is already in use on 127.0.0.1; stop what listens there first" >&2
      exit 1
    fi
  done
}
