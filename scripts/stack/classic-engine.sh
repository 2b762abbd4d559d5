#!/usr/bin/env bash
# A second engine as GitHub-hosted runners have it: Docker 28 with the classic image store (no
# containerd snapshotter), so `driver: auto` picks docker-container there as it does on a runner.
# Its own data root, exec root, pidfile and socket; no bridge and no iptables rules of its own, so it
# cannot disturb the main engine (builders on it run with network=host). Prints its DOCKER_HOST.
# Idempotent: a second run only prints the socket of the engine already running.
set -euo pipefail

STACK_HOME=${DFB_STACK_HOME:-/var/lib/dfb-stack}
ROOT=$STACK_HOME/classic
RUN_DIR=/run/dfb-classic
SOCKET=$RUN_DIR/docker.sock
log() { printf '[stack] %s\n' "$*" >&2; }

if ! DOCKER_HOST=unix://$SOCKET docker info >/dev/null 2>&1; then
  mkdir -p "$ROOT" "$RUN_DIR"
  cat >"$ROOT/daemon.json" <<JSON
{"insecure-registries":["127.0.0.1:5000"],"bridge":"none","iptables":false,"ip6tables":false}
JSON
  log "starting a classic-store engine on $SOCKET"
  setsid nohup dockerd --config-file "$ROOT/daemon.json" --data-root "$ROOT/data" --exec-root "$RUN_DIR/exec" \
    --pidfile "$RUN_DIR/docker.pid" --host "unix://$SOCKET" >"$ROOT/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do DOCKER_HOST=unix://$SOCKET docker info >/dev/null 2>&1 && break; sleep 1; done
  if ! DOCKER_HOST=unix://$SOCKET docker info >/dev/null 2>&1; then
    log "the classic-store engine did not come up; its log:"; tail -n 40 "$ROOT/dockerd.log" >&2
    exit 1
  fi
fi
store=$(DOCKER_HOST=unix://$SOCKET docker info --format '{{.Driver}}')
log "classic-store engine up (storage driver $store)"
echo "unix://$SOCKET"
