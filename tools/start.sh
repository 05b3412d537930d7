#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The first command of the README: brings the machine up, starts three demo
# containers, builds controller-api and manager, and runs both in the
# foreground with their output prefixed. Ctrl-C stops the two apps; the
# Docker engine, RabbitMQ and the demo containers keep running.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/output.sh
source "$REPO_ROOT/tools/lib/output.sh"

DEMO_IMAGE="hms/idle:latest"
DEMO_COUNT=3
HTTP_PORT="${HMS_HTTP_PORT:-3000}"
STOP_GRACE_SECONDS=10
HOSTS_TOOL="$REPO_ROOT/tools/hosts/hosts.sh"

# Simulated Docker hosts to bring up beside the local engine (--hosts K).
SIMULATED_HOSTS=0

# Filled by start_app: pid -> label, for the messages when one exits.
declare -A APP_LABELS=()

usage() {
  cat <<USAGE
Usage: tools/start.sh [--hosts K] [--help]

Runs tools/bringup.sh, starts the demo containers hms-demo-1..$DEMO_COUNT,
builds controller-api and manager and runs both in the foreground.
Ctrl-C stops the apps and leaves the engine and broker running.
Swagger UI: http://127.0.0.1:\${HMS_HTTP_PORT:-3000}/docs

  --hosts K   also bring up K simulated Docker hosts (1-20) on this machine,
              each with its own engine and idle containers, and have the
              controller deploy a manager container on each. They keep
              running after Ctrl-C; 'tools/hosts/hosts.sh down' removes them.
USAGE
}

parse_args() {
  while (($# > 0)); do
    case "$1" in
      -h | --help)
        usage
        exit 0
        ;;
      --hosts)
        SIMULATED_HOSTS="${2:-}"
        if [[ ! "$SIMULATED_HOSTS" =~ ^[0-9]+$ ]] ||
          ((SIMULATED_HOSTS < 1 || SIMULATED_HOSTS > 20)); then
          die "--hosts needs a number of hosts from 1 to 20, got '${2:-}'" \
            "for example: $0 --hosts 3"
        fi
        shift 2
        ;;
      *)
        die "unknown argument '$1'" "see '$0 --help'"
        ;;
    esac
  done
}

# Re-uses a container of that name if it is one of ours (label
# hms.demo=true); a stranger's container of the same name is left alone.
# Sets DEMO_OUTCOME to what it did: running, started or created.
ensure_demo_container() {
  local name="$1" state
  state="$(docker inspect \
    --format '{{.State.Running}} {{index .Config.Labels "hms.demo"}}' \
    "$name" 2>/dev/null || true)"

  case "$state" in
    "")
      if ! docker run -d --name "$name" --label hms.demo=true \
        "$DEMO_IMAGE" >/dev/null; then
        die "could not create $name from $DEMO_IMAGE (error above)" \
          "run 'tools/bringup.sh' and check 'docker images'"
      fi
      DEMO_OUTCOME=created
      ;;
    "true true")
      DEMO_OUTCOME=running
      ;;
    "false true")
      if ! docker start "$name" >/dev/null; then
        die "could not start $name (error above)" \
          "run 'docker start $name' and read its error"
      fi
      DEMO_OUTCOME=started
      ;;
    *)
      die "container '$name' exists but is not an HMS demo container" \
        "remove or rename it ('docker rm -f $name'), then start again"
      ;;
  esac
}

ensure_demo_containers() {
  local i name summary=""

  for ((i = 1; i <= DEMO_COUNT; i++)); do
    name="hms-demo-$i"
    ensure_demo_container "$name"
    summary+="${summary:+, }$name $DEMO_OUTCOME"
  done

  say "demo containers: $summary"
}

build_apps() {
  say "building controller-api and manager"
  if ! npx nx run-many -t build -p controller-api manager; then
    die "the build failed (output above)" \
      "run 'npx nx run-many -t build -p controller-api manager' and fix it"
  fi
}

# Brings up the simulated hosts and the manager image the controller will
# deploy on them; managers there reach the broker on the hosts' bridge.
prepare_simulated_hosts() {
  say "simulated hosts: bringing up $SIMULATED_HOSTS"
  bash "$HOSTS_TOOL" up --count "$SIMULATED_HOSTS"

  say "manager image: hms/manager:latest, rebuilt when the sources changed"
  if ! bash "$REPO_ROOT/docker/build-images.sh" --local --if-changed manager; then
    die "the manager image did not build (output above)" \
      "run 'docker/build-images.sh --local manager' and read its error"
  fi

  HMS_MANAGER_AMQP_URL="$(bash "$HOSTS_TOOL" env 1 | sed -n 's/^HMS_AMQP_URL=//p')"
  export HMS_MANAGER_AMQP_URL
}

wait_for_controller() {
  local deadline=$((SECONDS + 60))
  until curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null; do
    if ((SECONDS >= deadline)); then
      die "the controller did not answer on port $HTTP_PORT within 60 s" \
        "read its output above"
    fi
    sleep 0.5
  done
}

# Asks the controller to deploy a manager on each simulated host, through
# the host's own engine, as an operator would with PUT /containers/{address}.
deploy_simulated_managers() {
  local i address socket status
  wait_for_controller

  for ((i = 1; i <= SIMULATED_HOSTS; i++)); do
    address="$(bash "$HOSTS_TOOL" env "$i" | sed -n 's/^HMS_HOST_ADDRESS=//p')"
    socket="$(bash "$HOSTS_TOOL" env "$i" | sed -n 's/^HMS_DOCKER_SOCKET=//p')"
    status="$(curl -s -o /dev/null -w '%{http_code}' -X PUT \
      -H 'content-type: application/json' \
      -d "{\"engine\":\"unix://$socket\"}" \
      "http://127.0.0.1:$HTTP_PORT/containers/$address")"

    if [[ "$status" == 2* ]]; then
      say "host $address: manager deployed (HTTP $status)"
    else
      warn "host $address: deployment answered HTTP $status;" \
        "see GET /hosts/$address and the controller's output"
    fi
  done
}

# Reads lines from stdin and writes them with LABEL in front. It ignores
# INT and TERM so that an app's last words on shutdown still get through;
# it ends by itself when the app closes the pipe.
prefix_lines() {
  trap '' INT TERM
  exec sed -u "s/^/[$1] /"
}

# start_app LABEL MAIN_JS: runs one app in the background, output prefixed.
# In a session of its own, so that Ctrl-C reaches this script alone, which
# then stops each app with one TERM: an app that got the terminal's INT and
# then our TERM would take the second signal for "exit without cleaning up".
start_app() {
  local label="$1" main="$2"

  if [[ ! -f "$main" ]]; then
    die "$main does not exist after the build" \
      "check the build target of $label in its project.json"
  fi

  setsid node "$main" > >(prefix_lines "$label") 2>&1 &
  APP_LABELS[$!]="$label"
}

# Another controller (an earlier start.sh still running?) would take the
# demo's requests and leave a second local manager running beside it.
require_free_port() {
  if ss -Hltn "sport = :$HTTP_PORT" | grep -q .; then
    die "port $HTTP_PORT is already in use: is tools/start.sh or a controller running?" \
      "stop it first (Ctrl-C in its terminal), or set HMS_HTTP_PORT to another port"
  fi
}

app_running() {
  local pid
  for pid in "${!APP_LABELS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      return 0
    fi
  done
  return 1
}

# TERM lets NestJS close its connections; whatever is still running after
# the grace period gets KILL, so stopping never hangs.
stop_apps() {
  local pid
  for pid in "${!APP_LABELS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done

  local deadline=$((SECONDS + STOP_GRACE_SECONDS))
  while app_running && ((SECONDS < deadline)); do
    sleep 0.2
  done

  for pid in "${!APP_LABELS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      warn "${APP_LABELS[$pid]} ignored TERM for ${STOP_GRACE_SECONDS} s," \
        "killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}

# shellcheck disable=SC2317 # called by the INT and TERM traps
on_signal() {
  say "$1 received: stopping the apps; engine, broker and demo containers" \
    "keep running"
  stop_apps
  exit 0
}

# Waits until the first app exits, stops the other and fails: both apps
# are meant to run until the operator stops them.
supervise_apps() {
  local finished="" status=0
  wait -n -p finished "${!APP_LABELS[@]}" || status=$?

  local label="${APP_LABELS[$finished]:-an app}"
  warn "$label exited with status $status, stopping the other app"
  stop_apps
  exit $((status == 0 ? 1 : status))
}

main() {
  parse_args "$@"
  cd "$REPO_ROOT"
  export NX_DAEMON="${NX_DAEMON:-false}" NX_NO_CLOUD=true

  bash "$REPO_ROOT/tools/bringup.sh"
  require_free_port
  ensure_demo_containers
  build_apps
  if ((SIMULATED_HOSTS > 0)); then
    prepare_simulated_hosts
  fi

  trap 'on_signal SIGINT' INT
  trap 'on_signal SIGTERM' TERM
  start_app controller dist/apps/controller-api/main.js
  start_app manager dist/apps/manager/main.js
  if ((SIMULATED_HOSTS > 0)); then
    deploy_simulated_managers
  fi

  say "swagger: http://127.0.0.1:$HTTP_PORT/docs"
  say "try: docker stop hms-demo-1 and watch it heal (Ctrl-C stops HMS)"
  supervise_apps
}

main "$@"
