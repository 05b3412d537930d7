# shellcheck shell=bash
# Short, greppable step lines for the HMS shell tools.
# Every line names the tool that printed it, so interleaved output from
# start.sh and bringup.sh stays readable.

HMS_TOOL="${HMS_TOOL:-$(basename "${BASH_SOURCE[-1]}" .sh)}"

# say "docker engine: running (20.10.24)"
say() {
  printf '[%s] %s\n' "$HMS_TOOL" "$*"
}

warn() {
  printf '[%s] warning: %s\n' "$HMS_TOOL" "$*" >&2
}

# die "what went wrong" ["what to do by hand" ...]
# The words after the first argument are joined into one hint line.
die() {
  printf '[%s] error: %s\n' "$HMS_TOOL" "$1" >&2
  if (($# > 1)); then
    printf '[%s] to fix by hand: %s\n' "$HMS_TOOL" "${*:2}" >&2
  fi
  exit 1
}
