# shellcheck shell=bash
# The simulated hosts' network: one bridge in the root namespace and, per
# host, a namespace joined to it by a veth pair. Each step checks before it
# acts, so running it again repairs what is missing and duplicates nothing.
# Requires output.sh and layout.sh.

link_exists() {
  ip link show "$1" >/dev/null 2>&1
}

netns_exists() {
  [[ -e "$(host_netns_path "$1")" ]]
}

# The `unreachable` route keeps traffic for the hosts' container subnets on
# this machine: without it, a ping from the root namespace would go out
# through the default gateway to an address that is not ours.
ensure_bridge() {
  if ! link_exists "$HOSTS_BRIDGE"; then
    ip link add "$HOSTS_BRIDGE" type bridge ||
      die "could not create bridge $HOSTS_BRIDGE" \
        "run 'ip link add $HOSTS_BRIDGE type bridge' and read its error"
    say "bridge: created $HOSTS_BRIDGE"
  fi

  ip link set "$HOSTS_BRIDGE" address "$HOSTS_BRIDGE_MAC"
  ip addr replace "$HOSTS_BRIDGE_ADDRESS/$HOSTS_BRIDGE_PREFIX" dev "$HOSTS_BRIDGE"
  ip link set "$HOSTS_BRIDGE" up
  ip route replace unreachable "$HOSTS_CONTAINER_RANGE"
}

remove_bridge() {
  if ip route show type unreachable | grep -q "^unreachable $HOSTS_CONTAINER_RANGE"; then
    ip route del unreachable "$HOSTS_CONTAINER_RANGE"
  fi

  if link_exists "$HOSTS_BRIDGE"; then
    ip link del "$HOSTS_BRIDGE"
    say "bridge: removed $HOSTS_BRIDGE"
  fi
}

# A veth pair dies as a whole, so a missing root end means the eth0 inside
# is gone too: recreating the pair repairs both.
ensure_host_veth() {
  local index="$1" netns veth
  netns="$(host_netns "$index")"
  veth="$(host_veth "$index")"

  if ! link_exists "$veth"; then
    ip link add "$veth" type veth peer name eth0 netns "$netns" ||
      die "could not create the veth pair $veth <-> $netns/eth0" \
        "check 'ip -n $netns link' for a stray eth0 and delete it"
    say "$(host_name "$index"): created veth $veth"
  fi

  ip link set "$veth" master "$HOSTS_BRIDGE" up
}

# No default route on purpose: the bridge is the host's only network, so
# nothing that runs inside can reach an address this project did not make.
ensure_host_network() {
  local index="$1" netns
  netns="$(host_netns "$index")"

  if ! netns_exists "$index"; then
    ip netns add "$netns" ||
      die "could not create network namespace $netns" "run 'ip netns add $netns'"
    say "$(host_name "$index"): created namespace $netns"
  fi

  ip -n "$netns" link set lo up
  ensure_host_veth "$index"
  ip -n "$netns" addr replace "$(host_address "$index")/$HOSTS_BRIDGE_PREFIX" dev eth0
  ip -n "$netns" link set eth0 up
}

remove_host_network() {
  local index="$1" netns veth
  netns="$(host_netns "$index")"
  veth="$(host_veth "$index")"

  if link_exists "$veth"; then
    ip link del "$veth"
  fi

  if netns_exists "$index"; then
    ip netns del "$netns"
  fi
}

# `ip netns add` bind-mounts /run/netns onto itself the first time; once
# the last namespace in it is gone, that mount goes too.
release_netns_dir() {
  if [[ -d /run/netns && -z "$(ls -A /run/netns)" ]]; then
    if mountpoint -q /run/netns; then
      umount /run/netns
    fi
    rmdir /run/netns
  fi
}

# run_in_host INDEX COMMAND...: runs COMMAND in the host's network
# namespace only. nsenter, not `ip netns exec`: the latter remounts /sys,
# and a dockerd started that way fails on the missing devices cgroup.
run_in_host() {
  local index="$1"
  shift

  nsenter --net="$(host_netns_path "$index")" -- "$@"
}

# Bash's /dev/tcp opens one connection, from inside the host, to an
# address on our bridge: proof that the host reaches that port.
host_reaches() {
  local index="$1" address="$2" port="$3"

  run_in_host "$index" timeout 5 bash -c "exec 3<>/dev/tcp/$address/$port" \
    2>/dev/null
}
