# shellcheck shell=bash
# hms/idle:latest: the tiny local image that demo and test containers run.
# No registry is reachable from our machines, so the image is made from
# Debian's static busybox: one binary plus applet links, imported as a tar.
# Requires output.sh.

IDLE_IMAGE="hms/idle:latest"
IDLE_APPLETS=(sh sleep ping httpd nc ip cat ls true)

# Bump when the recipe below changes: an image with another recipe label is
# rebuilt, so every machine converges on the same image.
IDLE_RECIPE=1

# PID 1 gets no default signal handlers, so a bare `sleep` would ignore
# `docker stop` and be killed (exit 137) after the 10 s grace period. The
# shell traps TERM and exits 0 at once, so a stop looks like a stop.
IDLE_CMD='["/bin/sh","-c","trap \"exit 0\" TERM INT; sleep infinity & wait"]'

idle_image_recipe() {
  docker image inspect \
    --format '{{index .Config.Labels "hms.idle.recipe"}}' \
    "$IDLE_IMAGE" 2>/dev/null
}

# Fills DIR with the image's root filesystem.
make_idle_rootfs() {
  local root="$1" applet

  if [[ ! -x /bin/busybox ]]; then
    die "/bin/busybox is missing" "run 'apt-get install -y busybox-static'"
  fi
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/var/www"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in "${IDLE_APPLETS[@]}"; do
    ln -s busybox "$root/bin/$applet"
  done
}

build_idle_image() {
  local root
  root="$(mktemp -d /tmp/hms-idle.XXXXXX)"
  make_idle_rootfs "$root"

  tar -C "$root" --owner=0 --group=0 --numeric-owner -cf - . |
    docker import \
      --change "CMD $IDLE_CMD" \
      --change "LABEL hms.idle.recipe=$IDLE_RECIPE" \
      - "$IDLE_IMAGE" >/dev/null
  local status=$?

  rm -rf "$root"
  return "$status"
}

# A check container that a killed run left behind carries this label.
remove_idle_checks() {
  docker ps -aq --filter label=hms.idle-check=true |
    xargs -r docker rm -f >/dev/null
}

# Runs one container from the image and pings its bridge address from the
# host: proves the image starts and that the host reaches its containers.
# The address comes from the engine we started, never from outside.
verify_idle_image() {
  local name="hms-idle-check-$$" address="" answered=0

  remove_idle_checks
  if ! docker run -d --name "$name" --label hms.idle-check=true \
    "$IDLE_IMAGE" >/dev/null; then
    die "a container from $IDLE_IMAGE did not start" \
      "run 'docker run --rm $IDLE_IMAGE' and read its error"
  fi

  address="$(docker inspect \
    --format '{{.NetworkSettings.IPAddress}}' "$name")"
  if [[ -n "$address" ]] &&
    /bin/busybox ping -c 2 -W 2 "$address" >/dev/null 2>&1; then
    answered=1
  fi
  docker rm -f "$name" >/dev/null

  if ((!answered)); then
    die "a container of $IDLE_IMAGE at '$address' did not answer ping" \
      "check iptables and the docker0 bridge ('ip addr show docker0')"
  fi

  say "idle image: verified (container at $address answered ping)"
}

ensure_idle_image() {
  local recipe
  recipe="$(idle_image_recipe || true)"

  if [[ "$recipe" == "$IDLE_RECIPE" ]]; then
    say "idle image: present ($IDLE_IMAGE, recipe $IDLE_RECIPE)"
    return 0
  fi

  local outdated=""
  if [[ -n "$recipe" ]]; then
    outdated="$(docker image inspect --format '{{.Id}}' "$IDLE_IMAGE")"
    say "idle image: recipe $recipe is outdated, rebuilding $IDLE_IMAGE"
  else
    say "idle image: missing, building $IDLE_IMAGE from busybox-static"
  fi

  if ! build_idle_image; then
    die "docker import of $IDLE_IMAGE failed (error above)" \
      "check the engine with 'docker info' and $DOCKERD_LOG"
  fi
  say "idle image: built ($IDLE_IMAGE, recipe $IDLE_RECIPE)"

  # The old image lost its tag; the engine refuses to remove it while
  # containers still use it, and then it stays until they are gone.
  if [[ -n "$outdated" ]]; then
    docker rmi "$outdated" >/dev/null 2>&1 || true
  fi

  verify_idle_image
}
