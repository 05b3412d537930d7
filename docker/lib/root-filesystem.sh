# shellcheck shell=bash
# Making an image out of a folder: the root filesystem pieces that
# make-local-base-images.sh puts together, and the import itself.
# Requires output.sh; uses WORK_DIR and RECIPE of the caller.

node_version() {
  node --version | sed 's/^v//'
}

new_root() {
  local root
  root="$(mktemp -d "$WORK_DIR/root.XXXXXX")"
  printf '%s' "$root"
}

# copy_with_parents ROOT FILE...: each FILE lands at the same path in ROOT,
# symlinks resolved (a library is usually reached through one).
copy_with_parents() {
  local root="$1" file
  shift

  for file in "$@"; do
    mkdir -p "$root$(dirname "$file")"
    cp -L "$file" "$root$file"
  done
}

node_libraries() {
  ldd "$(command -v node)" | awk '/=> \// { print $3 } /^[ \t]*\/.*ld-linux/ { print $1 }'
}

write_users() {
  local root="$1"

  mkdir -p "$root/etc" "$root/root" "$root/home/node" "$root/tmp"
  chmod 1777 "$root/tmp"
  chown 1000:1000 "$root/home/node"
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'node:x:1000:1000::/home/node:/bin/sh' \
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' 'node:x:1000:' 'nogroup:x:65534:' >"$root/etc/group"
}

# import_root ROOT IMAGE CHANGES...: the folder becomes the image.
import_root() {
  local root="$1" image="$2"
  shift 2

  local -a changes=(
    --change "LABEL hms.base.recipe=$RECIPE hms.base.node=$(node_version)"
    --change "ENV NODE_VERSION=$(node_version)"
    --change 'CMD ["node"]'
  )
  for change in "$@"; do
    changes+=(--change "$change")
  done

  tar -C "$root" --numeric-owner -cf - . | docker import "${changes[@]}" - "$image" >/dev/null
}
