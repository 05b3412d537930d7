# shellcheck shell=bash
# What runs on each simulated host: the images it needs, copied from the
# machine's main engine (no registry is reachable), and a few idle
# containers for HMS to supervise.
# Requires output.sh, layout.sh and engine.sh.

# Filled by save_images: image name -> tar file in WORKLOAD_TMP_DIR.
declare -A SAVED_IMAGES=()
WORKLOAD_TMP_DIR=""

image_id() {
  docker image inspect --format '{{.Id}}' "$1" 2>/dev/null
}

host_image_id() {
  host_docker "$1" image inspect --format '{{.Id}}' "$2" 2>/dev/null
}

# Each image is saved once per run, however many hosts load it.
save_image() {
  local image="$1" file

  if [[ -n "${SAVED_IMAGES[$image]:-}" ]]; then
    return 0
  fi

  if [[ -z "$WORKLOAD_TMP_DIR" ]]; then
    WORKLOAD_TMP_DIR="$(mktemp -d /tmp/hms-hosts-images.XXXXXX)"
  fi
  file="$WORKLOAD_TMP_DIR/${#SAVED_IMAGES[@]}.tar"

  docker save -o "$file" "$image" ||
    die "could not save $image from the main engine" "run 'docker save $image'"
  SAVED_IMAGES[$image]="$file"
}

discard_saved_images() {
  if [[ -n "$WORKLOAD_TMP_DIR" ]]; then
    rm -rf "$WORKLOAD_TMP_DIR"
  fi
}

check_source_images() {
  local image

  for image in "$@"; do
    if ! image_id "$image" >/dev/null; then
      die "image $image is not on the main engine" \
        "build it first (hms/idle:latest comes from tools/bringup.sh)"
    fi
  done
}

# Image ids survive docker save/load, so equal ids mean the host already
# has this very build; a rebuilt image is loaded again.
ensure_host_image() {
  local index="$1" image="$2" wanted

  wanted="$(image_id "$image")"
  if [[ "$(host_image_id "$index" "$image")" == "$wanted" ]]; then
    return 0
  fi

  save_image "$image"
  host_docker "$index" load -q -i "${SAVED_IMAGES[$image]}" >/dev/null ||
    die "$(host_name "$index"): could not load $image" \
      "read $(host_engine_log "$index")"
  say "$(host_name "$index"): loaded $image"
}

# Prints "<running> <demo label>" for a container, nothing if it is absent.
idle_container_state() {
  host_docker "$1" inspect \
    --format '{{.State.Running}} {{index .Config.Labels "hms.demo"}}' "$2" 2>/dev/null
}

# No restart policy on purpose: bringing a stopped container back is
# HMS's job, and the engine must not do it behind HMS's back.
ensure_idle_container() {
  local index="$1" name="$2" state
  state="$(idle_container_state "$index" "$name" || true)"

  case "$state" in
    "")
      host_docker "$index" run -d --name "$name" --label "$HOSTS_DEMO_LABEL" \
        --label "$HOSTS_HOST_LABEL=$(host_name "$index")" "$HOSTS_IDLE_IMAGE" \
        >/dev/null || die "$(host_name "$index"): could not create $name" \
        "run 'tools/hosts/hosts.sh exec $index -- docker run $HOSTS_IDLE_IMAGE'"
      IDLE_SUMMARY+="${IDLE_SUMMARY:+, }$name created"
      ;;
    "true true") ;;
    "false true")
      host_docker "$index" start "$name" >/dev/null ||
        die "$(host_name "$index"): could not start $name" \
          "run 'tools/hosts/hosts.sh exec $index -- docker start $name'"
      IDLE_SUMMARY+="${IDLE_SUMMARY:+, }$name started"
      ;;
    *)
      die "$(host_name "$index"): container $name is not an idle container of ours" \
        "remove it: 'tools/hosts/hosts.sh exec $index -- docker rm -f $name'"
      ;;
  esac
}

# Idle containers numbered above the wanted count go: `up --idle 2` after
# `up --idle 4` leaves two. Only our own demo containers are matched.
remove_surplus_idle_containers() {
  local index="$1" count="$2" name number

  while read -r name; do
    number="${name##*-idle-}"
    if [[ "$number" =~ ^[0-9]+$ ]] && ((number > count)); then
      host_docker "$index" rm -f "$name" >/dev/null
      IDLE_SUMMARY+="${IDLE_SUMMARY:+, }$name removed"
    fi
  done < <(host_docker "$index" ps -a --filter "label=$HOSTS_DEMO_LABEL" \
    --filter "name=^hms-vm$index-idle-" --format '{{.Names}}')
}

ensure_idle_containers() {
  local index="$1" count="$2" number
  IDLE_SUMMARY=""

  for ((number = 1; number <= count; number++)); do
    ensure_idle_container "$index" "$(host_idle_name "$index" "$number")"
  done
  remove_surplus_idle_containers "$index" "$count"

  say "$(host_name "$index"): ${IDLE_SUMMARY:-$count idle containers running}"
}
