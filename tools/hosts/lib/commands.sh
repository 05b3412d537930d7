# shellcheck shell=bash
# The commands of hosts.sh, once its options are parsed into OPTION_*.
# Requires every other part of tools/hosts/lib and tools/lib/output.sh.

# One `up` or `down` at a time: two of them interleaved would tear down
# what the other is building.
take_lock() {
  mkdir -p "$(dirname "$HOSTS_LOCK_FILE")"
  exec 9>"$HOSTS_LOCK_FILE"
  flock -w 600 9 || die "another hosts.sh up/down held the lock for 10 minutes"
}

# --json keeps stdout for the document: progress moves to stderr.
start_json_output() {
  if ((OPTION_JSON)); then
    exec 3>&1 1>&2
  fi
}

finish_json_output() {
  if ((OPTION_JSON)); then
    status_json >&3
  fi
}

remove_host() {
  local index="$1"

  stop_engine "$index"
  remove_host_network "$index"
  rm -rf "$(host_run_dir "$index")"
  if ((OPTION_PURGE)); then
    rm -rf "$(host_data_dir "$index")" "$(host_engine_log "$index")"
  fi
  say "$(host_name "$index"): removed"
}

remove_hosts_above() {
  local count="$1" index

  for index in $(existing_host_indexes); do
    if ((index > count)); then
      remove_host "$index"
    fi
  done
}

# The listeners host INDEX's engine gets: those asked for, else those it was
# last started with, so that a plain `up` repairs a host without changing it.
wanted_listen() {
  local index="$1" mode

  if [[ -n "$OPTION_LISTEN" ]]; then
    echo "$OPTION_LISTEN"
    return 0
  fi
  for mode in tls tcp; do
    if engine_args_match "$index" "$mode"; then
      echo "$mode"
      return 0
    fi
  done
  echo socket
}

command_up() {
  local index listen image images=("$HOSTS_IDLE_IMAGE" "${OPTION_IMAGES[@]}")

  docker info >/dev/null 2>&1 ||
    die "the main Docker engine does not answer" "run 'bash tools/bringup.sh'"
  check_source_images "${images[@]}"
  take_lock
  trap discard_saved_images EXIT

  remove_hosts_above "$OPTION_COUNT"
  ensure_bridge
  for ((index = 1; index <= OPTION_COUNT; index++)); do
    listen="$(wanted_listen "$index")"
    ensure_host_network "$index"
    if [[ "$listen" == tls ]]; then
      ensure_tls_material "$index"
    fi
    start_engine "$index" "$listen"
    if [[ "$listen" != tls ]]; then
      remove_tls_material "$index"
    fi
  done

  for ((index = 1; index <= OPTION_COUNT; index++)); do
    wait_for_engine "$index"
    for image in "${images[@]}"; do
      ensure_host_image "$index" "$image"
    done
    ensure_idle_containers "$index" "$OPTION_IDLE"
  done

  if ((OPTION_BROKER)); then
    ensure_broker_user
    for ((index = 1; index <= OPTION_COUNT; index++)); do
      check_broker_reachable "$index"
    done
  fi

  say "up: $OPTION_COUNT hosts ready in ${SECONDS} s"
  finish_json_output
}

command_down() {
  local index
  take_lock

  for index in $(existing_host_indexes); do
    signal_engine "$index"
  done
  for index in $(existing_host_indexes); do
    remove_host "$index"
  done
  remove_bridge
  release_netns_dir
  rmdir "$HOSTS_RUN_DIR" 2>/dev/null || true
  remove_broker_user
  if ((OPTION_PURGE)); then
    rm -rf "$HOSTS_DATA_DIR" "$HOSTS_LOG_DIR"
  fi

  say "down: done in ${SECONDS} s"
  finish_json_output
}

command_status() {
  if ((OPTION_JSON)); then
    status_json >&3
  else
    status_text
  fi
}

# require_host INDEX: the host must exist before env or exec use it.
require_host() {
  require_number "host index" "$1" 1 "$HOSTS_MAX_COUNT"
  netns_exists "$1" ||
    die "host $1 does not exist" "run 'tools/hosts/hosts.sh up --count $1'"
}

# Prints KEY=VALUE lines: what a manager inside the host needs.
host_environment() {
  local index="$1"

  printf 'HMS_HOST_ADDRESS=%s\n' "$(host_address "$index")"
  printf 'HMS_DOCKER_SOCKET=%s\n' "$(host_engine_socket "$index")"
  printf 'DOCKER_HOST=%s\n' "$(host_engine_endpoint "$index")"
  if [[ -n "$(host_tls_endpoint "$index")" ]]; then
    printf 'HMS_ENGINE_TLS_ENDPOINT=%s\n' "$(host_tls_endpoint "$index")"
    printf 'HMS_ENGINE_TLS_CERT_PATH=%s\n' "$(host_tls_client_dir "$index")"
  fi
  if [[ -n "$(broker_url)" ]]; then
    printf 'HMS_AMQP_URL=%s\n' "$(broker_url)"
  fi
}

command_env() {
  local index="$1" key value separator=""
  require_host "$index"

  if ((!OPTION_JSON)); then
    host_environment "$index"
    return 0
  fi

  printf '{' >&3
  while IFS='=' read -r key value; do
    printf '%s%s:%s' "$separator" "$(json_string "$key")" "$(json_string "$value")" >&3
    separator=","
  done < <(host_environment "$index")
  printf '}\n' >&3
}

# The caller's own values win: `HMS_AMQP_URL=... hosts.sh exec 2 -- ...`.
command_exec() {
  local index="$1" key value
  shift
  require_host "$index"
  if [[ "${1:-}" == "--" ]]; then
    shift
  fi
  (($# > 0)) || die "exec needs a command" "e.g. 'tools/hosts/hosts.sh exec $index -- docker ps'"

  while IFS='=' read -r key value; do
    if [[ -z "${!key:-}" ]]; then
      export "$key=$value"
    fi
  done < <(host_environment "$index")

  exec nsenter --net="$(host_netns_path "$index")" -- "$@"
}
