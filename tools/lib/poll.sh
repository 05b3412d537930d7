# shellcheck shell=bash
# Bounded waiting: every wait in the HMS tools has a deadline, so a service
# that never comes up fails the script instead of hanging it (and CI).

# wait_until SECONDS COMMAND [ARGS...]
# Runs COMMAND (output discarded) every half second until it succeeds.
# Returns 0 as soon as it does, 1 once SECONDS have passed without success.
wait_until() {
  local seconds="$1"
  shift
  local deadline=$((SECONDS + seconds))

  while ((SECONDS < deadline)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done

  return 1
}
