# shellcheck shell=bash
# One Docker engine per simulated host: a dockerd started inside the host's
# namespace, with its own data, exec root, socket and container subnet.
# It runs there, so the iptables rules it writes stay in that namespace.
# Requires output.sh, poll.sh, layout.sh and network.sh.

ENGINE_START_SECONDS=60
ENGINE_STOP_SECONDS=40

# The arguments an engine should run with. They are recorded at launch;
# an engine running with other arguments (say --tcp was added) is
# restarted by `up`, so the engine always matches the last `up`.
# LISTEN is `socket` (the unix socket only), `tcp` (also plain TCP on the
# bridge) or `tls` (also TCP with TLS, client certificates required).
engine_args() {
  local index="$1" listen="$2" run_dir tls_dir
  run_dir="$(host_run_dir "$index")"
  tls_dir="$(host_tls_dir "$index")"

  local -a args=(
    --config-file "$run_dir/daemon.json"
    --data-root "$(host_data_dir "$index")/docker"
    --exec-root "$run_dir/exec"
    --pidfile "$(host_engine_pidfile "$index")"
    -H "$(host_engine_endpoint "$index")"
    --bip "$(host_container_gateway "$index")/24"
    --default-address-pool "$(host_network_pool "$index")"
  )
  case "$listen" in
    tcp) args+=(-H "$(host_engine_tcp_endpoint "$index")") ;;
    tls)
      args+=(
        -H "$(host_engine_tls_endpoint "$index")"
        --tlsverify
        --tlscacert "$tls_dir/ca.pem"
        --tlscert "$tls_dir/server-cert.pem"
        --tlskey "$tls_dir/server-key.pem"
      )
      ;;
  esac

  printf '%s\n' "${args[@]}"
}

# Prints the pid of the host's dockerd if it runs, and fails otherwise.
# The pid counts only if its command line names our pidfile: a recycled
# pid is never mistaken for our engine.
engine_pid() {
  local pidfile pid
  pidfile="$(host_engine_pidfile "$1")"
  pid="$(cat "$pidfile" 2>/dev/null)" || return 1

  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline" | grep -qxF "$pidfile" || return 1
  printf '%s\n' "$pid"
}

engine_answers() {
  timeout 10 docker -H "$(host_engine_endpoint "$1")" version \
    --format '{{.Server.Version}}' 2>/dev/null
}

# host_docker INDEX ARGS...: the docker client, talking to that host.
host_docker() {
  local index="$1"
  shift

  docker -H "$(host_engine_endpoint "$index")" "$@"
}

# The daemon.json of its own keeps /etc/docker/daemon.json, which belongs
# to the machine's main engine, out of the simulated hosts.
launch_engine() {
  local index="$1" listen="$2" run_dir log
  run_dir="$(host_run_dir "$index")"
  log="$(host_engine_log "$index")"

  mkdir -p "$run_dir" "$(host_data_dir "$index")" "$HOSTS_LOG_DIR"
  printf '{}\n' >"$run_dir/daemon.json"
  engine_args "$index" "$listen" >"$(host_engine_args_file "$index")"
  printf '\n--- dockerd started by hosts.sh at %s ---\n' "$(date -Is)" >>"$log"

  local -a args
  mapfile -t args <"$(host_engine_args_file "$index")"
  # The engine outlives this script: it must not inherit the lock (fd 9) or
  # the JSON output (fd 3), or the next `up` would wait for it forever.
  setsid nohup nsenter --net="$(host_netns_path "$index")" -- dockerd "${args[@]}" \
    >>"$log" 2>&1 </dev/null 3>&- 9>&- &
}

engine_args_match() {
  local index="$1" listen="$2"

  diff -q <(engine_args "$index" "$listen") "$(host_engine_args_file "$index")" \
    >/dev/null 2>&1
}

# dockerd logs "Processing signal 'terminated'" (or 'interrupt', 'quit')
# as soon as a stop signal arrives; only lines since our last launch count.
engine_is_stopping() {
  awk '/^--- dockerd started by hosts.sh/ { stopping = 0 }
       /msg="Processing signal / { stopping = 1 }
       END { exit !stopping }' "$(host_engine_log "$1")" 2>/dev/null
}

# Starts the host's engine unless it already runs with the wanted
# arguments; does not wait for it (wait_for_engine does), so that several
# engines boot side by side. An engine that is shutting down still has its
# process, but it has stopped answering and will be gone in a moment: it
# is waited for and started again, not taken for a running one.
start_engine() {
  local index="$1" listen="$2" name
  name="$(host_name "$index")"

  if engine_pid "$index" >/dev/null; then
    if engine_is_stopping "$index"; then
      say "$name: engine is shutting down, waiting for it to end before starting it again"
      finish_stopping_engine "$index"
    elif engine_args_match "$index" "$listen"; then
      return 0
    else
      say "$name: engine runs with other options, restarting it"
      stop_engine "$index"
    fi
  fi

  clear_engine_leftovers "$index"
  launch_engine "$index" "$listen"
  say "$name: starting engine (log: $(host_engine_log "$index"))"
}

engine_ready_or_died() {
  engine_answers "$1" || ! engine_pid "$1"
}

wait_for_engine() {
  local index="$1" name log
  name="$(host_name "$index")"
  log="$(host_engine_log "$index")"

  # The pidfile appears a moment after launch; until then engine_pid fails
  # and would be read as a dead engine.
  wait_until 10 engine_pid "$index" || true
  wait_until "$ENGINE_START_SECONDS" engine_ready_or_died "$index" || true

  if ! engine_answers "$index" >/dev/null; then
    tail -n 15 "$log" >&2
    die "$name: engine did not answer on $(host_engine_socket "$index")" \
      "read $log; 'tools/hosts/hosts.sh down' clears a broken host"
  fi
}

# A zombie has exited already; only its parent has not collected it yet.
process_gone() {
  ! kill -0 "$1" 2>/dev/null || [[ "$(ps -o stat= -p "$1")" == Z* ]]
}

# Our containerd and shims carry the host's exec root in their command
# lines; only they are matched, by pid, never by a process name.
engine_leftover_pids() {
  local run_dir entry
  run_dir="$(host_run_dir "$1")"

  for entry in /proc/[0-9]*; do
    if tr '\0' '\n' 2>/dev/null <"$entry/cmdline" | grep -qF "$run_dir/"; then
      printf '%s\n' "${entry#/proc/}"
    fi
  done
}

# A dockerd that was killed leaves containerd, the shims and the container
# processes behind; they all go, children first.
kill_engine_leftovers() {
  local index="$1" pid child

  for pid in $(engine_leftover_pids "$index"); do
    for child in $(pgrep -P "$pid"); do
      kill -KILL "$child" 2>/dev/null || true
    done
    kill -KILL "$pid" 2>/dev/null || true
  done

  # KILL only asks: a containerd still dying holds the engine's database
  # lock, and the next one then times out waiting for it.
  if ! wait_until 10 no_engine_leftovers "$index"; then
    warn "$(host_name "$index"): processes of the old engine outlived SIGKILL:" \
      "$(engine_leftover_pids "$index" | tr '\n' ' ')"
  fi
}

no_engine_leftovers() {
  [[ -z "$(engine_leftover_pids "$1")" ]]
}

# Deepest first, so a mount inside another one goes before its parent.
unmount_under() {
  local prefix="$1" target

  awk -v prefix="$prefix/" 'index($5, prefix) == 1 { print $5 }' /proc/self/mountinfo |
    sort -r |
    while read -r target; do
      umount "$target" 2>/dev/null || umount -l "$target"
    done
}

# What an engine that was killed leaves behind: its containerd (which holds
# the engine's database, so a new engine cannot start beside it), shims,
# mounts, socket and pidfiles.
# Both pidfiles must go. A killed dockerd's containerd dies with it, but
# stays a zombie until PID 1 reaps it, which here takes seconds. A zombie
# still has an entry in /proc, so dockerd takes the pid in containerd's
# old pidfile for a running containerd, waits for its socket and fails
# with "timeout waiting for containerd to start"; a recycled pid would do
# the same. dockerd refuses its own stale pidfile likewise.
clear_engine_leftovers() {
  local index="$1"

  kill_engine_leftovers "$index"
  unmount_under "$(host_run_dir "$index")"
  unmount_under "$(host_data_dir "$index")"
  rm -f "$(host_engine_socket "$index")" "$(host_engine_pidfile "$index")" \
    "$(host_containerd_pidfile "$index")"
}

# Sends TERM without waiting, so that several engines shut down together.
signal_engine() {
  local pid

  if pid="$(engine_pid "$1")"; then
    kill -TERM "$pid"
  fi
}

# dockerd stops its containers on TERM (the idle image exits at once);
# KILL comes only after ENGINE_STOP_SECONDS.
stop_engine() {
  local index="$1" pid

  if pid="$(engine_pid "$index")"; then
    kill -TERM "$pid"
    await_engine_exit "$index" "$pid"
  fi

  clear_engine_leftovers "$index"
}

# An engine that got its stop signal from someone else is only waited for:
# a third signal would make dockerd quit without stopping its containers.
finish_stopping_engine() {
  local index="$1" pid

  if pid="$(engine_pid "$index")"; then
    await_engine_exit "$index" "$pid"
  fi

  clear_engine_leftovers "$index"
}

await_engine_exit() {
  local index="$1" pid="$2" name
  name="$(host_name "$index")"

  if ! wait_until "$ENGINE_STOP_SECONDS" process_gone "$pid"; then
    warn "$name: engine did not end within ${ENGINE_STOP_SECONDS} s of TERM, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 10 process_gone "$pid" || true
  fi
  say "$name: engine stopped"
}
