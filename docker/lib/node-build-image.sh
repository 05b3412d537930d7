# shellcheck shell=bash
# hms/node-build:20, the stand-in for node:20-bookworm: Debian with the
# compilers (made once with debootstrap) and a Node layer on top.
# Requires output.sh and root-filesystem.sh; uses the caller's settings.

ensure_debootstrap() {
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
      die "could not install debootstrap" \
        "run 'apt-get update && apt-get install -y debootstrap'"
  fi
}

# npm in the image builds native addons from source (build-from-source
# stops prebuild-install from fetching binaries off GitHub, which is no
# registry), against the headers of the nodejs package it carries
# (nodedir), since node-gyp cannot download them either; and it trusts
# the same CAs as this machine.
write_npm_settings() {
  local root="$1"

  mkdir -p "$root/usr/etc"
  printf '%s\n' 'nodedir=/usr' 'build-from-source=true' \
    'cafile=/etc/ssl/certs/ca-certificates.crt' \
    'fund=false' 'audit=false' 'update-notifier=false' >"$root/usr/etc/npmrc"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
}

# This machine's nodejs package (node, headers), so the addons built here
# load in the runtime image, which carries the same node binary. npm is the
# one the Node 20 images ship, not this machine's (possibly upgraded) one:
# the build must behave as it does on node:20-bookworm.
copy_nodejs_package() {
  local root="$1" file npm_dir
  npm_dir="$(npm root -g)/npm"

  while read -r file; do
    if [[ -L "$file" ]]; then
      mkdir -p "$root$(dirname "$file")"
      cp -P "$file" "$root$file"
    elif [[ -f "$file" && "$file" != "$npm_dir"/* ]]; then
      copy_with_parents "$root" "$file"
    fi
  done < <(dpkg -L nodejs)

  install_bundled_npm "$root$npm_dir"
}

# npm's own package carries its dependencies, so unpacking it is installing it.
install_bundled_npm() {
  local target="$1" tarball
  tarball="$(cd "$WORK_DIR" && npm pack -q "npm@$NODE20_NPM_VERSION" 2>/dev/null)" ||
    die "could not fetch npm@$NODE20_NPM_VERSION from the npm registry" \
      "run 'npm pack npm@$NODE20_NPM_VERSION' and read its error"

  mkdir -p "$target"
  tar -xzf "$WORK_DIR/$tarball" -C "$target" --strip-components=1
}

# Debian with the compilers, made once: debootstrap takes minutes, and the
# Node layer on top of it is rebuilt in seconds when Node changes.
build_toolchain_image() {
  local root log="$WORK_DIR/debootstrap.log"
  root="$(new_root)"
  ensure_debootstrap

  say "$TOOLCHAIN_IMAGE: debootstrap bookworm with $BUILD_PACKAGES (a few minutes)"
  if ! debootstrap --variant=minbase --include="$BUILD_PACKAGES" bookworm "$root" \
    "$DEBIAN_MIRROR" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "debootstrap failed" "read the lines above; the mirror is $DEBIAN_MIRROR"
  fi
  rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*

  tar -C "$root" --numeric-owner -cf - . |
    docker import --change "LABEL hms.base.packages=$BUILD_PACKAGES" - "$TOOLCHAIN_IMAGE" \
      >/dev/null
}

build_build_image() {
  local context
  context="$(new_root)"

  if ! docker image inspect "$TOOLCHAIN_IMAGE" >/dev/null 2>&1; then
    build_toolchain_image
  fi

  mkdir -p "$context/files/etc/ssl/certs"
  copy_nodejs_package "$context/files"
  write_npm_settings "$context/files"
  cat >"$context/Dockerfile" <<DOCKERFILE
FROM $TOOLCHAIN_IMAGE
COPY files/ /
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node
LABEL hms.base.recipe=$RECIPE hms.base.node=$(node_version)
ENV NODE_VERSION=$(node_version) \\
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["node"]
DOCKERFILE

  tar -C "$context" -cf - . | DOCKER_BUILDKIT=0 docker build -q -t "$BUILD_IMAGE" - >/dev/null ||
    die "could not build $BUILD_IMAGE on $TOOLCHAIN_IMAGE" \
      "remove $TOOLCHAIN_IMAGE ('docker rmi $TOOLCHAIN_IMAGE') and run this again"
}
