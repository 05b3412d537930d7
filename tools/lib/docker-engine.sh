# shellcheck shell=bash
# The local Docker engine: started in the background when it is not running.
# There is no systemd on our machines, so dockerd is launched directly.
# Requires output.sh and poll.sh.

HMS_LOG_DIR="${HMS_LOG_DIR:-/var/log/hms}"
DOCKERD_LOG="$HMS_LOG_DIR/dockerd.log"
DOCKERD_START_SECONDS=60

docker_answers() {
  docker info >/dev/null 2>&1
}

docker_server_version() {
  docker version --format '{{.Server.Version}}' 2>/dev/null
}

# True once the engine answers, or once the dockerd we launched has died:
# either way there is no point in waiting any longer.
docker_answers_or_died() {
  docker_answers || ! kill -0 "$1" 2>/dev/null
}

# setsid puts dockerd in its own session: it outlives this script and
# never receives the Ctrl-C that a user sends to start.sh.
# Sets DOCKERD_PID (setsid and nohup exec, so it is dockerd's own pid).
launch_dockerd() {
  mkdir -p "$HMS_LOG_DIR"
  printf '\n--- dockerd started by bringup.sh at %s ---\n' "$(date -Is)" \
    >>"$DOCKERD_LOG"
  setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  DOCKERD_PID=$!
}

ensure_docker_engine() {
  if docker_answers; then
    say "docker engine: running ($(docker_server_version))"
    return 0
  fi

  say "docker engine: not running, starting dockerd (log: $DOCKERD_LOG)"
  launch_dockerd

  wait_until "$DOCKERD_START_SECONDS" docker_answers_or_died "$DOCKERD_PID" ||
    true
  if ! docker_answers; then
    tail -n 20 "$DOCKERD_LOG" >&2
    die "docker engine did not answer within ${DOCKERD_START_SECONDS} s" \
      "read $DOCKERD_LOG, fix the cause, then run 'dockerd' yourself"
  fi

  say "docker engine: started ($(docker_server_version))"
}
