#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The second command of the README, and what CI runs: every test.
# Brings the machine up (engine, broker, idle image, node dependencies),
# then lint, unit tests and builds of every project, then the integration
# targets one at a time, since they share the real engine and broker.
# Stops at the first failure. Needs no terminal: CI runs it without stdin.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/output.sh
source "$REPO_ROOT/tools/lib/output.sh"

usage() {
  cat <<'USAGE'
Usage: tools/test-all.sh [--help]

Runs tools/bringup.sh, then every project's lint, test and build targets,
then every integration target one after another (real Docker engine and
RabbitMQ). Exits non-zero at the first failure.
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

# Nx runs each task in a pseudo-terminal, so jest writes colour codes even
# when our output goes to a file. A log (CI's) gets plain text, with jest's
# "Tests: N passed" summary readable as it is.
run_command() {
  if [[ -t 1 ]]; then
    "$@" </dev/null 2>&1 | tee -a "$TEST_LOG"
  else
    "$@" </dev/null 2>&1 | sed -u 's/\x1b\[[0-9;?]*[A-Za-z]//g' | tee -a "$TEST_LOG"
  fi
}

# sum_counts WORD: adds up the N of every "N WORD" on stdin; 0 when none
# (a run without failures has no "failed" at all).
sum_counts() {
  awk -v word="$1" '{
    for (i = 2; i <= NF; i++) {
      if ($i ~ "^" word ",?$" && $(i - 1) ~ /^[0-9]+$/) { sum += $(i - 1) }
    }
  } END { print sum + 0 }'
}

# Each project's jest prints its own "Tests: ..." line; the last line of the
# run adds them up, so a reader (or CI) sees the whole result in one place.
print_test_total() {
  local lines passed failed
  lines="$(sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$TEST_LOG" | grep -E 'Tests: +[0-9]' || true)"
  passed="$(sum_counts passed <<<"$lines")"
  failed="$(sum_counts failed <<<"$lines")"

  printf 'total: %d passed, %d failed\n' "$passed" "$failed"
}

# run_step NAME COMMAND...: runs one stage with a header line and its
# duration, so a CI log shows at a glance which stage failed.
run_step() {
  local name="$1" started=$SECONDS
  shift

  say "=== $name: $*"
  if ! run_command "$@"; then
    die "$name failed after $((SECONDS - started)) s (output above)"
  fi
  say "=== $name: passed in $((SECONDS - started)) s"
}

main() {
  parse_args "$@"
  cd "$REPO_ROOT"

  # No prompts, no background Nx daemon left behind, no Nx Cloud calls.
  export CI=true NX_DAEMON=false NX_NO_CLOUD=true

  TEST_LOG="$(mktemp -t hms-tests.XXXXXX)"
  trap 'print_test_total; rm -f "$TEST_LOG"' EXIT

  run_step bring-up bash tools/bringup.sh
  run_step "lint, test, build" \
    npx nx run-many -t lint test build --output-style=stream
  run_step integration \
    npx nx run-many -t integration --parallel=1 --output-style=stream
  say "all tests passed in ${SECONDS} s"
}

main "$@"
