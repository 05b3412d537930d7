#!/usr/bin/env bash
# Builds the HMS app images (hms/manager, hms/controller-api, hms/antagonist)
# from this working tree with the classic builder. The build context is a
# tar of only what the Dockerfiles copy, so node_modules, dist and .git
# never reach the engine.
#
# --local builds on hms/node-base:20 and hms/node-build:20, made by
# docker/make-local-base-images.sh, for machines that reach no registry;
# without it the public node:20 images are used.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HMS_TOOL="images"
# shellcheck source=tools/lib/output.sh
source "$REPO_ROOT/tools/lib/output.sh"

ALL_APPS=(manager controller-api antagonist)
CONTEXT_FILES=(package.json package-lock.json nx.json tsconfig.base.json jest.preset.js
  eslint.config.mjs apps libs docker)
CONTEXT_EXCLUDES=(node_modules dist coverage .nx tmp '*.log')

OPTION_LOCAL=0
OPTION_IF_CHANGED=0
OPTION_TAG="latest"
OPTION_APPS=()

usage() {
  cat <<'USAGE'
Usage: docker/build-images.sh [--local] [--if-changed] [--tag TAG] [APP...]

APP is manager, controller-api or antagonist (default: all three).
Builds hms/<app>:TAG (default latest) and prints each image name on stdout.
--local       builds on the local base images (made first when missing), for
              machines without an image registry, like ours.
--if-changed  skips an image already built from exactly these sources (its
              hms.source-digest label matches), e.g. before a test.
USAGE
}

parse_args() {
  while (($# > 0)); do
    case "$1" in
      --local) OPTION_LOCAL=1 ;;
      --if-changed) OPTION_IF_CHANGED=1 ;;
      --tag)
        (($# > 1)) || die "--tag needs a value"
        [[ "$2" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "'$2' is not a valid image tag"
        OPTION_TAG="$2"
        shift
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      manager | controller-api | antagonist) OPTION_APPS+=("$1") ;;
      *)
        usage >&2
        die "unknown argument '$1'"
        ;;
    esac
    shift
  done

  if ((${#OPTION_APPS[@]} == 0)); then
    OPTION_APPS=("${ALL_APPS[@]}")
  fi
}

# The antagonist's runtime stage installs iptables with apt, which the
# minimal local runtime base does not have: it runs on the build base.
base_image_args() {
  local app="$1"

  if ((!OPTION_LOCAL)); then
    return 0
  fi

  printf '%s\n' --build-arg BUILD_IMAGE=hms/node-build:20
  if [[ "$app" == antagonist ]]; then
    printf '%s\n' --build-arg NODE_IMAGE=hms/node-build:20
  else
    printf '%s\n' --build-arg NODE_IMAGE=hms/node-base:20
  fi
}

build_context() {
  local -a excludes=()
  local pattern

  for pattern in "${CONTEXT_EXCLUDES[@]}"; do
    excludes+=(--exclude="$pattern")
  done
  tar -C "$REPO_ROOT" "${excludes[@]}" -cf - "${CONTEXT_FILES[@]}"
}

# A digest of the build context's paths and contents (not their times) and of
# the base images chosen, so an image tells whether it was built from the
# sources as they are now.
source_digest() {
  local app="$1"
  local -a prune=() args
  local pattern

  for pattern in "${CONTEXT_EXCLUDES[@]}"; do
    prune+=(-name "$pattern" -prune -o)
  done
  mapfile -t args < <(base_image_args "$app")
  {
    printf '%s\n' "$app" "${args[@]}"
    (cd "$REPO_ROOT" && find "${CONTEXT_FILES[@]}" "${prune[@]}" -type f -print0 |
      sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -d' ' -f1
}

built_digest() {
  docker image inspect --format '{{index .Config.Labels "hms.source-digest"}}' "$1" \
    2>/dev/null || true
}

build_app() {
  local app="$1" image="hms/$1:$OPTION_TAG" started=$SECONDS digest
  local -a args
  mapfile -t args < <(base_image_args "$app")
  digest="$(source_digest "$app")"

  if ((OPTION_IF_CHANGED)) && [[ "$(built_digest "$image")" == "$digest" ]]; then
    say "$image: up to date with these sources, not rebuilt"
    printf '%s\n' "$image" >&3
    return 0
  fi

  say "$image: building from docker/$app.Dockerfile"
  if ! build_context | DOCKER_BUILDKIT=0 docker build -f "docker/$app.Dockerfile" \
    "${args[@]}" --label "hms.source-digest=$digest" -t "$image" -; then
    die "the build of $image failed (output above)"
  fi

  say "$image: built in $((SECONDS - started)) s"
  printf '%s\n' "$image" >&3
}

main() {
  parse_args "$@"
  exec 3>&1 1>&2
  docker info >/dev/null 2>&1 || die "the Docker engine does not answer" \
    "run 'bash tools/bringup.sh'"

  if ((OPTION_LOCAL)); then
    bash "$REPO_ROOT/docker/make-local-base-images.sh" >/dev/null
  fi

  local app
  for app in "${OPTION_APPS[@]}"; do
    build_app "$app"
  done
}

main "$@"
