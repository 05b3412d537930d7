# shellcheck shell=bash
# Names, addresses and paths of the simulated hosts: the one place that
# says where host i lives. Everything here is created by hosts.sh itself,
# so every address below belongs to this project (see the network rule).
#
#   bridge   hmsbr0, 10.213.0.1/24, in the root namespace
#   host i   namespace hms-vm<i>, eth0 = 10.213.0.(10+i)/24, no default
#            route: its only network is the bridge
#   engine   dockerd inside hms-vm<i>, socket /run/hms/docker-vm<i>.sock,
#            its default bridge on 10.214.<i>.0/24, networks that compose
#            creates there on /28s of 10.215.<i>.0/24; with `up --tcp`
#            also on tcp://10.213.0.(10+i):2375, with `up --tls` on
#            tcp://10.213.0.(10+i):2376 with --tlsverify, the client's
#            certificates in /run/hms/hosts/vm<i>/tls/client
#
# The hms- prefix keeps us from touching a stranger's namespace or link.

HOSTS_MAX_COUNT=20
HOSTS_DEFAULT_COUNT=3
HOSTS_DEFAULT_IDLE=3

HOSTS_BRIDGE="hmsbr0"
HOSTS_BRIDGE_ADDRESS="10.213.0.1"
HOSTS_BRIDGE_PREFIX=24
HOSTS_BRIDGE_SUBNET="10.213.0.0/$HOSTS_BRIDGE_PREFIX"
# A bridge without a MAC of its own takes the lowest of its ports', and so
# changes it when a host's veth comes or goes: the other hosts' ARP entries
# for the bridge address would then point nowhere for half a minute.
HOSTS_BRIDGE_MAC="02:68:6d:73:00:01"

# Every engine's container subnets sit inside this range. The root
# namespace gets an `unreachable` route for it, so that a ping from outside
# a host fails here instead of leaving through the default gateway.
HOSTS_CONTAINER_RANGE="10.214.0.0/15"

HOSTS_RUN_DIR="/run/hms/hosts"
HOSTS_DATA_DIR="/var/lib/hms/hosts"
HOSTS_LOG_DIR="/var/log/hms/hosts"
HOSTS_LOCK_FILE="/run/hms/hosts.lock"

HOSTS_ENGINE_TCP_PORT=2375
HOSTS_ENGINE_TLS_PORT=2376
HOSTS_IDLE_IMAGE="hms/idle:latest"
HOSTS_DEMO_LABEL="hms.demo=true"
HOSTS_HOST_LABEL="hms.host"

host_name() { printf 'vm%s' "$1"; }
host_netns() { printf 'hms-vm%s' "$1"; }
host_netns_path() { printf '/run/netns/hms-vm%s' "$1"; }

# The veth end that stays in the root namespace, on the bridge. Inside the
# host, its peer is called eth0, as on a VM.
host_veth() { printf 'hms-vm%s' "$1"; }

host_address() { printf '10.213.0.%s' "$((10 + $1))"; }
host_container_gateway() { printf '10.214.%s.1' "$1"; }
host_container_subnet() { printf '10.214.%s.0/24' "$1"; }
host_network_pool() { printf 'base=10.215.%s.0/24,size=28' "$1"; }

host_run_dir() { printf '%s/vm%s' "$HOSTS_RUN_DIR" "$1"; }
host_data_dir() { printf '%s/vm%s' "$HOSTS_DATA_DIR" "$1"; }
host_engine_log() { printf '%s/vm%s-dockerd.log' "$HOSTS_LOG_DIR" "$1"; }
host_engine_pidfile() { printf '%s/dockerd.pid' "$(host_run_dir "$1")"; }
host_containerd_pidfile() { printf '%s/exec/containerd/containerd.pid' "$(host_run_dir "$1")"; }
host_engine_args_file() { printf '%s/dockerd.args' "$(host_run_dir "$1")"; }
host_engine_socket() { printf '/run/hms/docker-vm%s.sock' "$1"; }
host_engine_endpoint() { printf 'unix://%s' "$(host_engine_socket "$1")"; }
host_engine_tcp_endpoint() {
  printf 'tcp://%s:%s' "$(host_address "$1")" "$HOSTS_ENGINE_TCP_PORT"
}

host_engine_tls_endpoint() {
  printf 'tcp://%s:%s' "$(host_address "$1")" "$HOSTS_ENGINE_TLS_PORT"
}
host_tls_dir() { printf '%s/tls' "$(host_run_dir "$1")"; }
host_tls_client_dir() { printf '%s/tls/client' "$(host_run_dir "$1")"; }

host_idle_name() { printf 'hms-vm%s-idle-%s' "$1" "$2"; }

# Prints the indexes of the hosts that exist in any form (namespace, veth or
# run directory), ascending, one per line: what `down` has to remove.
existing_host_indexes() {
  {
    ip netns list 2>/dev/null | sed -n 's/^hms-vm\([0-9]\+\)\b.*/\1/p'
    ip -o link show 2>/dev/null | sed -n 's/^[0-9]\+: hms-vm\([0-9]\+\)[@:].*/\1/p'
    if [[ -d "$HOSTS_RUN_DIR" ]]; then
      find "$HOSTS_RUN_DIR" -maxdepth 1 -name 'vm*' -printf '%f\n' |
        sed -n 's/^vm\([0-9]\+\)$/\1/p'
    fi
  } | sort -nu
}
