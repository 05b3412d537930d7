#!/usr/bin/env bash
# Smoke test of the manager image on this machine's engine, run the way a
# host runs it (host network, NET_RAW only, engine socket). It gets an AMQP
# namespace of its own and a scope label that no container carries, so it
# connects and announces itself but touches no container. Then `docker
# stop` must end it cleanly within STOP_LIMIT_SECONDS.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HMS_TOOL="check-manager"
# shellcheck source=tools/lib/output.sh
source "$REPO_ROOT/tools/lib/output.sh"
# shellcheck source=tools/lib/poll.sh
source "$REPO_ROOT/tools/lib/poll.sh"

IMAGE="${1:-hms/manager:latest}"
RUN_ID="check-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
CONTAINER="hms-$RUN_ID-manager"
START_LIMIT_SECONDS=60
STOP_LIMIT_SECONDS=10

BROKER_API="http://127.0.0.1:15672/api"

# Prints the broker's exchanges and queues of our namespace, as
# "exchanges/<name>" and "queues/<name>", one per line.
namespace_entities() {
  local kind

  for kind in exchanges queues; do
    curl -fsS --max-time 5 -u guest:guest "$BROKER_API/$kind/%2F?columns=name" 2>/dev/null |
      grep -o "\"name\":\"$RUN_ID\.[^\"]*\"" | cut -d'"' -f4 | sed "s|^|$kind/|" || true
  done
}

# The manager's exchanges outlive it (they are durable): ours go, by name.
clean_up() {
  local entity

  docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
  for entity in $(namespace_entities); do
    curl -fsS --max-time 5 -u guest:guest -X DELETE "$BROKER_API/${entity%%/*}/%2F/${entity#*/}" \
      >/dev/null 2>&1 || warn "could not delete $entity from the broker"
  done
}

start_manager() {
  docker run -d --name "$CONTAINER" --init --network host \
    --cap-drop ALL --cap-add NET_RAW --security-opt no-new-privileges \
    --read-only --tmpfs /tmp --label hms.ignore=true \
    -v /var/run/docker.sock:/var/run/docker.sock \
    -e HMS_AMQP_URL=amqp://guest:guest@127.0.0.1:5672 \
    -e HMS_NAMESPACE="$RUN_ID" \
    -e HMS_HOST_ADDRESS=127.0.0.1 \
    -e HMS_SCOPE_LABEL="hms.check=$RUN_ID" \
    "$IMAGE" >/dev/null || die "could not start $IMAGE" "build it: docker/build-images.sh --local manager"
}

# Running, by its own word, and its exchanges are on the broker.
manager_announced() {
  docker logs "$CONTAINER" 2>&1 | grep -q "namespace $RUN_ID" &&
    namespace_entities | grep -q "^exchanges/"
}

manager_exited() {
  [[ "$(docker inspect --format '{{.State.Running}}' "$CONTAINER")" == false ]]
}

main() {
  trap clean_up EXIT
  start_manager
  say "$CONTAINER: started from $IMAGE (namespace $RUN_ID)"

  if ! wait_until "$START_LIMIT_SECONDS" manager_announced; then
    docker logs "$CONTAINER" 2>&1 | tail -n 20 >&2
    die "the manager did not announce itself within ${START_LIMIT_SECONDS} s"
  fi
  say "$CONTAINER: $(docker logs "$CONTAINER" 2>&1 | grep -m1 "namespace $RUN_ID" | sed 's/.*\] //')"
  say "$CONTAINER: on the broker: $(namespace_entities | tr '\n' ' ')"

  local started=$SECONDS
  docker stop -t "$STOP_LIMIT_SECONDS" "$CONTAINER" >/dev/null
  local took=$((SECONDS - started)) status
  status="$(docker inspect --format '{{.State.ExitCode}}' "$CONTAINER")"

  # NestJS re-raises the signal after its shutdown hooks: 143 is a clean
  # SIGTERM exit; 137 would mean the engine had to kill it.
  if [[ "$status" != 0 && "$status" != 143 ]] || ((took >= STOP_LIMIT_SECONDS)); then
    docker logs "$CONTAINER" 2>&1 | tail -n 20 >&2
    die "docker stop took ${took} s and the manager exited with status $status"
  fi
  say "$CONTAINER: stopped cleanly by docker stop in ${took} s (exit status $status)"
}

main "$@"
