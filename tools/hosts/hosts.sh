#!/usr/bin/env bash
# Simulated Docker hosts on this machine: each one a network namespace on a
# shared bridge, with its own address, its own Docker engine and a few idle
# containers, whose addresses answer only from inside that host, as on a VM.
# `up` converges on the wanted hosts (creates, repairs, removes extras);
# `down` removes everything it made. Needs root and tools/bringup.sh's
# engine, broker and hms/idle:latest image.
set -euo pipefail

HOSTS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HOSTS_ROOT/../.." && pwd)"
HMS_TOOL="hosts"
# shellcheck source=tools/lib/output.sh
source "$REPO_ROOT/tools/lib/output.sh"
# shellcheck source=tools/lib/poll.sh
source "$REPO_ROOT/tools/lib/poll.sh"
# shellcheck source=tools/hosts/lib/layout.sh
source "$HOSTS_ROOT/lib/layout.sh"
# shellcheck source=tools/hosts/lib/network.sh
source "$HOSTS_ROOT/lib/network.sh"
# shellcheck source=tools/hosts/lib/engine.sh
source "$HOSTS_ROOT/lib/engine.sh"
# shellcheck source=tools/hosts/lib/tls.sh
source "$HOSTS_ROOT/lib/tls.sh"
# shellcheck source=tools/hosts/lib/workload.sh
source "$HOSTS_ROOT/lib/workload.sh"
# shellcheck source=tools/hosts/lib/broker-access.sh
source "$HOSTS_ROOT/lib/broker-access.sh"
# shellcheck source=tools/hosts/lib/report.sh
source "$HOSTS_ROOT/lib/report.sh"
# shellcheck source=tools/hosts/lib/commands.sh
source "$HOSTS_ROOT/lib/commands.sh"

usage() {
  cat <<USAGE
Usage: tools/hosts/hosts.sh COMMAND [OPTIONS]

Commands:
  up [--count K] [--idle N] [--image NAME]... [--tcp | --tls | --socket-only] [--no-broker] [--json]
      Makes hosts vm1..vmK exist and work, each with N idle containers
      (defaults: K=$HOSTS_DEFAULT_COUNT, N=$HOSTS_DEFAULT_IDLE, K at most $HOSTS_MAX_COUNT).
      Repairs what is missing, removes hosts above K. --image copies an image
      of the main engine into every host (again when it was rebuilt).
      --tcp makes each engine listen on tcp://<host address>:$HOSTS_ENGINE_TCP_PORT
      too (no TLS, on the bridge only). --tls makes it listen on
      tcp://<host address>:$HOSTS_ENGINE_TLS_PORT with --tlsverify instead, with a
      throwaway CA per host; the client's ca.pem, cert.pem and key.pem are in
      $HOSTS_RUN_DIR/vm<i>/tls/client ('env' prints it). dockerd puts TLS on
      every TCP listener, so --tcp and --tls exclude each other. --socket-only
      closes the TCP listeners. Without any of the three, a host keeps the
      listeners it was last started with (new hosts: the socket only).
      --no-broker skips the RabbitMQ user.
  down [--purge] [--json]
      Stops and removes every host, the bridge and the RabbitMQ user.
      --purge also deletes the engines' data and logs.
  status [--json]
      What exists now. --json prints one document on stdout.
  env INDEX [--json]
      The variables a manager on host INDEX uses, as KEY=VALUE lines.
  exec INDEX [--] COMMAND [ARGS...]
      Runs COMMAND inside host INDEX's network namespace, with those
      variables (and DOCKER_HOST) set unless already set.

With --json, progress lines go to stderr and the JSON document
(the same as 'status --json') to stdout.
USAGE
}

OPTION_COUNT="$HOSTS_DEFAULT_COUNT"
OPTION_IDLE="$HOSTS_DEFAULT_IDLE"
OPTION_IMAGES=()
# Empty: each host keeps the listeners it was last started with.
OPTION_LISTEN=""
OPTION_BROKER=1
OPTION_JSON=0
OPTION_PURGE=0

# require_number NAME VALUE MIN MAX: a CLI value, checked before anything
# changes on the machine.
require_number() {
  local name="$1" value="$2" min="$3" max="$4"

  if ! [[ "$value" =~ ^[0-9]+$ ]] || ((value < min || value > max)); then
    die "$name must be a whole number from $min to $max, got '$value'"
  fi
}

# require_value OPTION [VALUE...]: an option that takes a value has one.
require_value() {
  if (($# < 2)) || [[ "$2" == --* ]]; then
    die "$1 needs a value" "see 'tools/hosts/hosts.sh --help'"
  fi
}

# --tcp, --tls, --socket-only: one each, since dockerd has one TLS setting
# for all its TCP listeners.
choose_listen() {
  if [[ -n "$OPTION_LISTEN" && "$OPTION_LISTEN" != "$1" ]]; then
    die "--tcp, --tls and --socket-only exclude each other: dockerd puts TLS on every TCP listener" \
      "choose one of them"
  fi
  OPTION_LISTEN="$1"
}

parse_options() {
  local command="$1"
  shift

  while (($# > 0)); do
    case "$command:$1" in
      up:--count) require_value "$@" && OPTION_COUNT="$2" && shift ;;
      up:--idle) require_value "$@" && OPTION_IDLE="$2" && shift ;;
      up:--image) require_value "$@" && OPTION_IMAGES+=("$2") && shift ;;
      up:--tcp) choose_listen tcp ;;
      up:--tls) choose_listen tls ;;
      up:--socket-only) choose_listen socket ;;
      up:--no-broker) OPTION_BROKER=0 ;;
      down:--purge) OPTION_PURGE=1 ;;
      up:--json | down:--json | status:--json | env:--json) OPTION_JSON=1 ;;
      *) die "unknown option '$1' for '$command'" "see 'tools/hosts/hosts.sh --help'" ;;
    esac
    shift
  done

  require_number --count "$OPTION_COUNT" 1 "$HOSTS_MAX_COUNT"
  require_number --idle "$OPTION_IDLE" 0 20
}

check_root() {
  if ((EUID != 0)); then
    die "hosts.sh must run as root: it creates namespaces and starts engines" \
      "run it again as root"
  fi
}

check_tools() {
  local tool

  for tool in ip nsenter dockerd docker curl setsid flock; do
    command -v "$tool" >/dev/null ||
      die "$tool is not installed" "run 'bash tools/bringup.sh'"
  done

  if [[ "$OPTION_LISTEN" == tls ]] && ! command -v openssl >/dev/null; then
    die "openssl is not installed; --tls needs it to make certificates" \
      "run 'bash tools/bringup.sh' or 'apt-get install -y openssl'"
  fi
}

main() {
  local command="${1:-}"
  shift || true

  case "$command" in
    -h | --help | help)
      usage
      ;;
    up | down | status)
      parse_options "$command" "$@"
      check_root
      check_tools
      start_json_output
      "command_$command"
      ;;
    env)
      (($# > 0)) || die "env needs a host index" "e.g. 'tools/hosts/hosts.sh env 1'"
      local index="$1"
      shift
      parse_options env "$@"
      check_root
      start_json_output
      command_env "$index"
      ;;
    exec)
      (($# > 0)) || die "exec needs a host index" "e.g. 'tools/hosts/hosts.sh exec 1 -- docker ps'"
      check_root
      command_exec "$@"
      ;;
    *)
      usage >&2
      die "unknown command '${command}'"
      ;;
  esac
}

main "$@"
