#!/usr/bin/env bash
# Makes the two Node base images that docker/*.Dockerfile need, locally,
# for machines that reach no image registry (ours reach npm and Debian's
# archive only). Real users skip this and build on the public node images.
#
#   hms/node-base:20   runtime, stands in for node:20-bookworm-slim: this
#                      machine's node binary, the libraries `ldd` lists, a
#                      CA bundle, users root and node (1000), busybox as sh
#   hms/node-build:20  build stage, stands in for node:20-bookworm: Debian
#                      bookworm with python3, make and g++ for native addons
#                      (hms/bookworm-build:12, made once with debootstrap),
#                      plus this machine's nodejs package and Node 20's npm
#
# Idempotent: an image whose recipe and Node version match is kept.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HMS_TOOL="node-images"
# shellcheck source=tools/lib/output.sh
source "$REPO_ROOT/tools/lib/output.sh"
# shellcheck source=docker/lib/root-filesystem.sh
source "$REPO_ROOT/docker/lib/root-filesystem.sh"
# shellcheck source=docker/lib/node-build-image.sh
source "$REPO_ROOT/docker/lib/node-build-image.sh"

RUNTIME_IMAGE="hms/node-base:20"
BUILD_IMAGE="hms/node-build:20"
TOOLCHAIN_IMAGE="hms/bookworm-build:12"
# The npm that Node 20 bundles, as in the public node:20 images.
NODE20_NPM_VERSION="10.8.2"
DEBIAN_MIRROR="http://deb.debian.org/debian"
BUILD_PACKAGES="python3,make,g++,ca-certificates"

# Bump when a recipe below changes, so every machine rebuilds.
RECIPE=5

# The applets of busybox that the runtime image offers, for RUN steps and
# for a look inside a running container.
RUNTIME_APPLETS=(sh cat chmod chown cp env id ln ls mkdir mv ps rm sleep)

OPTION_FORCE=0
OPTION_WHICH="all"
WORK_DIR=""

usage() {
  cat <<USAGE
Usage: docker/make-local-base-images.sh [--runtime-only] [--force]

Builds $RUNTIME_IMAGE and $BUILD_IMAGE from this machine's Node.js
(must be 20.x) and Debian's archive. The build image takes a few minutes
the first time (debootstrap into $TOOLCHAIN_IMAGE, kept for next time).
--runtime-only skips it; --force rebuilds the two Node images (remove
$TOOLCHAIN_IMAGE to redo the debootstrap).
Prints the image names, one per line, on stdout.
USAGE
}

parse_args() {
  while (($# > 0)); do
    case "$1" in
      --runtime-only) OPTION_WHICH="runtime" ;;
      --force) OPTION_FORCE=1 ;;
      -h | --help)
        usage
        exit 0
        ;;
      *)
        usage >&2
        die "unknown argument '$1'"
        ;;
    esac
    shift
  done
}

check_machine() {
  ((EUID == 0)) || die "run as root: it installs debootstrap and builds images"
  docker info >/dev/null 2>&1 || die "the Docker engine does not answer" \
    "run 'bash tools/bringup.sh'"
  [[ "$(node_version)" == 20.* ]] || die "node $(node_version) is not Node 20" \
    "install Node.js 20: the images are tagged :20"
}

# "<recipe> <node version>" of an existing image, empty when it is absent.
image_stamp() {
  docker image inspect --format \
    '{{index .Config.Labels "hms.base.recipe"}} {{index .Config.Labels "hms.base.node"}}' \
    "$1" 2>/dev/null || true
}

image_is_current() {
  ((!OPTION_FORCE)) && [[ "$(image_stamp "$1")" == "$RECIPE $(node_version)" ]]
}

build_runtime_image() {
  local root
  root="$(new_root)"

  copy_with_parents "$root" "$(command -v node)" /etc/ssl/certs/ca-certificates.crt
  mapfile -t libraries < <(node_libraries)
  copy_with_parents "$root" "${libraries[@]}"
  mkdir -p "$root/usr/local/bin" "$root/bin"
  mv "$root$(command -v node)" "$root/usr/local/bin/node"
  cp /bin/busybox "$root/bin/busybox"
  for applet in "${RUNTIME_APPLETS[@]}"; do
    ln -s busybox "$root/bin/$applet"
  done
  write_users "$root"

  import_root "$root" "$RUNTIME_IMAGE" \
    'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin'
}

# A broken image is removed, or its labels would pass it as current.
verify_image() {
  local image="$1" version

  if ! version="$(docker run --rm "$image" node -e 'process.stdout.write(process.version)')"; then
    docker rmi "$image" >/dev/null 2>&1 || true
    die "a container of $image could not run node, image removed" \
      "rebuild with --force and read the error above"
  fi

  say "$image: ready (node $version)"
}

# ensure_image IMAGE BUILDER: builds unless a current one is there.
ensure_image() {
  local image="$1" builder="$2"

  if image_is_current "$image"; then
    say "$image: present (recipe $RECIPE, node $(node_version))"
  else
    say "$image: building"
    "$builder"
    verify_image "$image"
  fi
  printf '%s\n' "$image" >&3
}

main() {
  parse_args "$@"
  check_machine
  WORK_DIR="$(mktemp -d /tmp/hms-node-images.XXXXXX)"
  trap 'rm -rf "$WORK_DIR"' EXIT
  exec 3>&1 1>&2

  ensure_image "$RUNTIME_IMAGE" build_runtime_image
  if [[ "$OPTION_WHICH" == all ]]; then
    ensure_image "$BUILD_IMAGE" build_build_image
  fi
}

main "$@"
