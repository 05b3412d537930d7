#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Prepares a Debian 12 machine, as root, to build, run and test HMS:
# packages, the Docker engine, RabbitMQ with its management API, the local
# idle image and the node dependencies.
#
# Idempotent: each step checks first and only acts on what is missing, so a
# second run changes nothing and takes a few seconds. Writes only to
# /var/log/hms, /var/lib/hms (a lock file), /tmp, the repo's node_modules
# and what the packages and services own themselves (apt's files,
# /var/lib/docker, /var/lib/rabbitmq, /etc/rabbitmq/enabled_plugins).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIB="$REPO_ROOT/tools/lib"
HMS_STATE_DIR=/var/lib/hms
# shellcheck source=lib/output.sh
source "$LIB/output.sh"
# shellcheck source=lib/poll.sh
source "$LIB/poll.sh"
# shellcheck source=lib/packages.sh
source "$LIB/packages.sh"
# shellcheck source=lib/docker-engine.sh
source "$LIB/docker-engine.sh"
# shellcheck source=lib/rabbitmq.sh
source "$LIB/rabbitmq.sh"
# shellcheck source=lib/idle-image.sh
source "$LIB/idle-image.sh"

usage() {
  cat <<'USAGE'
Usage: tools/bringup.sh [--help]

Prepares this Debian 12 machine (run as root) for HMS: installs missing
packages, starts the Docker engine and RabbitMQ when they are not running,
builds the hms/idle:latest image and installs node dependencies.
Safe to run again: it only does what is missing.
Logs: /var/log/hms/
USAGE
}

parse_args() {
  while (($# > 0)); do
    case "$1" in
      -h | --help)
        usage
        exit 0
        ;;
      *)
        die "unknown argument '$1'" "see '$0 --help'"
        ;;
    esac
  done
}

check_root() {
  if ((EUID != 0)); then
    die "bringup.sh must run as root: it installs packages, starts daemons" \
      "run it again as root: 'sudo tools/bringup.sh'"
  fi
}

check_debian() {
  local id version
  id="$(. /etc/os-release 2>/dev/null && printf '%s' "${ID:-}")"
  version="$(. /etc/os-release 2>/dev/null && printf '%s' "${VERSION_ID:-}")"

  if [[ "$id" != "debian" ]]; then
    die "this is '${id:-an unknown system}', not Debian" \
      "install docker.io, iptables, iproute2, busybox-static, curl, openssl and" \
      "rabbitmq-server with your package manager, start dockerd and" \
      "rabbitmq-server, then run npm ci"
  fi

  if [[ "$version" != "12" ]]; then
    warn "Debian $version: only Debian 12 is tested, carrying on"
  fi
  say "system: Debian $version"
}

check_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    die "node and npm are not on PATH" "install Node.js 20 and npm"
  fi
  say "node: $(node --version), npm $(npm --version)"
}

# After each install the digest of package-lock.json is kept in node_modules:
# the dependencies changed when it differs. A file time alone would not do:
# a fresh clone's lockfile is newer than any node_modules copied beside it.
# An install from before the digest (npm's own .package-lock.json is newer
# than the lockfile) counts as current and gets its digest written.
ensure_node_dependencies() {
  local lock="$REPO_ROOT/package-lock.json"
  local installed="$REPO_ROOT/node_modules/.package-lock.json"
  local stamp="$REPO_ROOT/node_modules/.hms-package-lock.sha256"
  local wanted

  if [[ ! -f "$lock" ]]; then
    say "node dependencies: no package-lock.json yet, skipped"
    return 0
  fi
  wanted="$(sha256sum "$lock" | cut -d' ' -f1)"

  if [[ ! -f "$stamp" && -f "$installed" && ! "$lock" -nt "$installed" ]]; then
    printf '%s\n' "$wanted" >"$stamp"
  fi
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    say "node dependencies: up to date"
    return 0
  fi

  say "node dependencies: installing with npm ci"
  # Native addons are compiled here: their prebuilt-binary download would
  # reach for a host outside the npm registry, which these machines lack.
  if ! (cd "$REPO_ROOT" && npm_config_build_from_source=true \
    npm ci --no-audit --no-fund </dev/null); then
    die "npm ci failed" "run 'npm ci' in $REPO_ROOT and read its error"
  fi
  printf '%s\n' "$wanted" >"$stamp"
  say "node dependencies: installed"
}

# Two bring-ups at once (two test runs on one machine) would race to start
# dockerd and to replace the idle image, so the script runs again under
# flock and a second run waits for the first. `flock -o` keeps the lock in
# flock itself: the daemons started below must not inherit it, or the lock
# would outlive the run.
run_locked() {
  local lock="$HMS_STATE_DIR/bringup.lock" status=0

  mkdir -p "$HMS_STATE_DIR"
  if ! flock -n "$lock" true; then
    say "another bring-up is running, waiting for it (at most 300 s)"
  fi

  HMS_BRINGUP_LOCKED=1 flock -o -w 300 -E 75 "$lock" \
    bash "${BASH_SOURCE[0]}" "$@" || status=$?
  if ((status == 75)); then
    die "another bring-up held $lock for 300 s" \
      "find it with 'ps aux | grep bringup' and stop it"
  fi
  exit "$status"
}

main() {
  parse_args "$@"
  check_root
  if [[ "${HMS_BRINGUP_LOCKED:-}" != 1 ]]; then
    run_locked "$@"
  fi

  check_debian
  ensure_packages
  check_node
  ensure_docker_engine
  ensure_rabbitmq
  ensure_rabbitmq_management
  ensure_idle_image
  ensure_node_dependencies
  say "done in ${SECONDS} s"
}

main "$@"
