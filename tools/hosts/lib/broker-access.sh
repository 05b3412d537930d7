# shellcheck shell=bash
# RabbitMQ access for managers running inside the simulated hosts. The
# broker's guest user may only log in from loopback, and a host reaches the
# broker through the bridge address, so remote managers log in as their own
# user, `hms`, with a random password kept in a root-only file.
# The user is set through the management API on loopback with guest.
# Requires output.sh, layout.sh and network.sh.

BROKER_USER="hms"
BROKER_PORT=5672
BROKER_PASSWORD_FILE="$HOSTS_DATA_DIR/amqp-password"
BROKER_API="http://127.0.0.1:15672/api"

broker_api() {
  local method="$1" path="$2"
  shift 2

  curl -fsS --max-time 10 -u guest:guest -X "$method" \
    -H 'content-type: application/json' "$@" "$BROKER_API$path"
}

broker_api_answers() {
  broker_api GET /overview -o /dev/null 2>/dev/null
}

broker_password() {
  cat "$BROKER_PASSWORD_FILE" 2>/dev/null
}

# Prints the AMQP URL a manager inside a host uses, or nothing when the
# user has not been set up.
broker_url() {
  local password
  password="$(broker_password)" || return 0

  printf 'amqp://%s:%s@%s:%s' "$BROKER_USER" "$password" \
    "$HOSTS_BRIDGE_ADDRESS" "$BROKER_PORT"
}

ensure_broker_password() {
  if [[ -s "$BROKER_PASSWORD_FILE" ]]; then
    return 0
  fi

  mkdir -p "$(dirname "$BROKER_PASSWORD_FILE")"
  (
    umask 077
    od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$BROKER_PASSWORD_FILE"
  )
}

# PUT creates the user or resets its password to the file's: either way
# the user and the file agree afterwards. The JSON goes through stdin so
# the password never shows in a process list.
ensure_broker_user() {
  if ! broker_api_answers; then
    die "RabbitMQ's management API does not answer on $BROKER_API" \
      "run 'bash tools/bringup.sh', or pass --no-broker to skip the broker"
  fi

  ensure_broker_password
  printf '{"password":"%s","tags":""}' "$(broker_password)" |
    broker_api PUT "/users/$BROKER_USER" --data-binary @- ||
    die "could not create RabbitMQ user $BROKER_USER" \
      "run 'rabbitmqctl add_user $BROKER_USER <password>' and read its error"

  printf '{"configure":".*","write":".*","read":".*"}' |
    broker_api PUT "/permissions/%2F/$BROKER_USER" --data-binary @- ||
    die "could not grant $BROKER_USER access to vhost /" \
      "run \"rabbitmqctl set_permissions $BROKER_USER '.*' '.*' '.*'\""

  say "broker: user $BROKER_USER ready, managers use $(broker_url | sed 's/:[^:@]*@/:****@/')"
}

# RabbitMQ listens on every interface by default; a host that still cannot
# connect after a few tries means it was configured for loopback only.
check_broker_reachable() {
  local index="$1"

  if ! wait_until 15 host_reaches "$index" "$HOSTS_BRIDGE_ADDRESS" "$BROKER_PORT"; then
    die "$(host_name "$index") cannot reach RabbitMQ at $HOSTS_BRIDGE_ADDRESS:$BROKER_PORT" \
      "make RabbitMQ listen on all interfaces (listeners.tcp.default = 5672)"
  fi
}

remove_broker_user() {
  if broker_api_answers; then
    broker_api DELETE "/users/$BROKER_USER" -o /dev/null 2>/dev/null || true
  else
    warn "RabbitMQ's management API is silent: user $BROKER_USER was not removed"
  fi

  rm -f "$BROKER_PASSWORD_FILE"
}
