# shellcheck shell=bash
# `status`: what exists right now, read from the system itself (namespaces,
# links, engines), as lines for people or as one JSON document for scripts.
# Requires layout.sh, network.sh, engine.sh and broker-access.sh.

# Every string we print is made by us or by Docker (names, ids, addresses),
# so escaping backslashes and quotes is enough.
json_string() {
  local text="${1//\\/\\\\}"

  printf '"%s"' "${text//\"/\\\"}"
}

json_or_null() {
  if [[ -n "$1" ]]; then
    json_string "$1"
  else
    printf 'null'
  fi
}

# Prints one line per container of the host's engine:
# name, id, running, IPv4 on the default bridge, demo label.
host_containers() {
  local index="$1" ids
  ids="$(host_docker "$index" ps -aq 2>/dev/null)" || return 0

  if [[ -n "$ids" ]]; then
    # shellcheck disable=SC2086 # one argument per container id
    host_docker "$index" inspect --format \
      '{{slice .Name 1}} {{.Id}} {{.State.Running}} {{.NetworkSettings.IPAddress}} {{index .Config.Labels "hms.demo"}}' \
      $ids 2>/dev/null
  fi
}

containers_json() {
  local index="$1" name id running address demo separator=""

  printf '['
  while read -r name id running address demo; do
    printf '%s{"name":%s,"id":%s,"running":%s,"address":%s,"demo":%s}' \
      "$separator" "$(json_string "$name")" "$(json_string "$id")" "$running" \
      "$(json_or_null "$address")" "$([[ "$demo" == true ]] && echo true || echo false)"
    separator=","
  done < <(host_containers "$index")
  printf ']'
}

# ready: namespace, veth and engine all there; degraded: some of it is
# missing, and `up` repairs it.
host_state() {
  local index="$1"

  if netns_exists "$index" && link_exists "$(host_veth "$index")" &&
    engine_answers "$index" >/dev/null; then
    printf 'ready'
  else
    printf 'degraded'
  fi
}

host_tcp_endpoint() {
  if grep -qxF "$(host_engine_tcp_endpoint "$1")" "$(host_engine_args_file "$1")" \
    2>/dev/null; then
    host_engine_tcp_endpoint "$1"
  fi
}

# The TLS endpoint when the engine was launched with it.
host_tls_endpoint() {
  if grep -qxF -- --tlsverify "$(host_engine_args_file "$1")" 2>/dev/null; then
    host_engine_tls_endpoint "$1"
  fi
}

host_tls_json() {
  local index="$1"

  if [[ -z "$(host_tls_endpoint "$index")" ]]; then
    printf 'null'
    return 0
  fi

  printf '{"endpoint":%s,"certPath":%s}' \
    "$(json_string "$(host_tls_endpoint "$index")")" \
    "$(json_string "$(host_tls_client_dir "$index")")"
}

host_json() {
  local index="$1" pid version
  pid="$(engine_pid "$index" || true)"
  version="$(engine_answers "$index" || true)"

  printf '{"index":%s,"name":%s,"state":%s,"netns":%s,"netnsPath":%s,' \
    "$index" "$(json_string "$(host_name "$index")")" \
    "$(json_string "$(host_state "$index")")" \
    "$(json_string "$(host_netns "$index")")" \
    "$(json_string "$(host_netns_path "$index")")"
  printf '"address":%s,"containerSubnet":%s,' \
    "$(json_string "$(host_address "$index")")" \
    "$(json_string "$(host_container_subnet "$index")")"
  printf '"engine":{"socket":%s,"endpoint":%s,"tcpEndpoint":%s,"tls":%s,"pid":%s,"version":%s},' \
    "$(json_string "$(host_engine_socket "$index")")" \
    "$(json_string "$(host_engine_endpoint "$index")")" \
    "$(json_or_null "$(host_tcp_endpoint "$index")")" \
    "$(host_tls_json "$index")" \
    "${pid:-null}" "$(json_or_null "$version")"
  printf '"containers":%s}' "$(containers_json "$index")"
}

status_json() {
  local index separator=""

  printf '{"bridge":{"name":%s,"address":%s,"subnet":%s,"present":%s},' \
    "$(json_string "$HOSTS_BRIDGE")" "$(json_string "$HOSTS_BRIDGE_ADDRESS")" \
    "$(json_string "$HOSTS_BRIDGE_SUBNET")" \
    "$(link_exists "$HOSTS_BRIDGE" && echo true || echo false)"
  printf '"broker":{"address":%s,"port":%s,"user":%s,"amqpUrl":%s},' \
    "$(json_string "$HOSTS_BRIDGE_ADDRESS")" "$BROKER_PORT" \
    "$(json_string "$BROKER_USER")" "$(json_or_null "$(broker_url)")"

  printf '"hosts":['
  for index in $(existing_host_indexes); do
    printf '%s' "$separator"
    host_json "$index"
    separator=","
  done
  printf ']}\n'
}

host_summary_line() {
  local index="$1" version running total endpoints
  version="$(engine_answers "$index" || true)"
  total="$(host_containers "$index" | wc -l)"
  running="$(host_containers "$index" | awk '$3 == "true"' | wc -l)"
  endpoints="$(host_engine_endpoint "$index")"
  endpoints+="$(host_tcp_endpoint "$index" | sed 's/^/ /')"
  endpoints+="$(host_tls_endpoint "$index" | sed 's/^/ /; s/$/ (TLS)/')"

  printf '%-5s %-12s %-9s engine %-16s %s, %s/%s containers running\n' \
    "$(host_name "$index")" "$(host_address "$index")" "$(host_state "$index")" \
    "${version:-down}" "$endpoints" "$running" "$total"
}

status_text() {
  local indexes url
  indexes="$(existing_host_indexes)"

  if [[ -z "$indexes" ]] && ! link_exists "$HOSTS_BRIDGE"; then
    printf 'no simulated hosts (tools/hosts/hosts.sh up creates them)\n'
    return 0
  fi

  printf 'bridge %s %s/%s: %s\n' "$HOSTS_BRIDGE" "$HOSTS_BRIDGE_ADDRESS" \
    "$HOSTS_BRIDGE_PREFIX" "$(link_exists "$HOSTS_BRIDGE" && echo present || echo missing)"
  url="$(broker_url | sed 's/:[^:@]*@/:****@/')"
  printf 'broker for managers: %s\n' "${url:-not set up (up without --no-broker sets it)}"
  for index in $indexes; do
    host_summary_line "$index"
  done
}
