# shellcheck shell=bash
# The local RabbitMQ broker and its management API.
# Debian's wrapper scripts already switch to the rabbitmq user when called
# as root, so the commands below run as they are.
# Requires output.sh and poll.sh.

HMS_LOG_DIR="${HMS_LOG_DIR:-/var/log/hms}"
RABBITMQ_START_LOG="$HMS_LOG_DIR/rabbitmq-start.log"
RABBITMQ_START_SECONDS=60
RABBITMQ_MANAGEMENT_URL="http://127.0.0.1:15672/api/overview"

# `ping` answers as soon as the Erlang node is up, before the broker app
# has booted; a plugin enabled in that gap is taken as an "offline change"
# and only loads at the next restart. check_running waits for the app.
# The CLI's own timeout covers the connection; `timeout` covers the Erlang
# VM itself hanging, so one check can never stall bring-up.
rabbitmq_answers() {
  timeout 20 rabbitmq-diagnostics -q check_running -t 5 >/dev/null 2>&1
}

rabbitmq_version() {
  curl -fsS --max-time 5 -u guest:guest "$RABBITMQ_MANAGEMENT_URL" 2>/dev/null |
    sed -n 's/.*"rabbitmq_version":"\([^"]*\)".*/\1/p'
}

management_answers() {
  curl -fsS --max-time 5 -u guest:guest -o /dev/null \
    "$RABBITMQ_MANAGEMENT_URL" 2>/dev/null
}

show_rabbitmq_logs() {
  tail -n 20 "$RABBITMQ_START_LOG" /var/log/rabbitmq/*.log >&2 2>/dev/null ||
    true
}

# setsid keeps the broker out of the caller's session, so a Ctrl-C sent to
# start.sh never reaches it, whatever `-detached` does on its own.
ensure_rabbitmq() {
  if rabbitmq_answers; then
    say "rabbitmq: running"
    return 0
  fi

  say "rabbitmq: not running, starting it (log: $RABBITMQ_START_LOG)"
  mkdir -p "$HMS_LOG_DIR"
  setsid rabbitmq-server -detached >>"$RABBITMQ_START_LOG" 2>&1 </dev/null ||
    true

  if ! wait_until "$RABBITMQ_START_SECONDS" rabbitmq_answers; then
    show_rabbitmq_logs
    die "rabbitmq did not answer within ${RABBITMQ_START_SECONDS} s" \
      "read /var/log/rabbitmq/, then run 'rabbitmq-server -detached' yourself"
  fi

  say "rabbitmq: started"
}

# Enabling a plugin that is already enabled is harmless, but it costs a few
# seconds of Erlang start-up, so it only happens when the API is silent.
ensure_rabbitmq_management() {
  if management_answers; then
    say "rabbitmq management: answering (RabbitMQ $(rabbitmq_version))"
    return 0
  fi

  say "rabbitmq management: enabling plugin"
  rabbitmq-plugins -q enable rabbitmq_management >>"$RABBITMQ_START_LOG" 2>&1 ||
    die "could not enable rabbitmq_management (log: $RABBITMQ_START_LOG)" \
      "run 'rabbitmq-plugins enable rabbitmq_management' and read its output"

  if ! wait_until "$RABBITMQ_START_SECONDS" management_answers; then
    show_rabbitmq_logs
    die "$RABBITMQ_MANAGEMENT_URL silent for ${RABBITMQ_START_SECONDS} s" \
      "check 'rabbitmq-plugins list' and /var/log/rabbitmq/"
  fi

  say "rabbitmq management: enabled (RabbitMQ $(rabbitmq_version))"
}
