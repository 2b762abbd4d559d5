#!/usr/bin/env bash
# Installs and starts the real stack the end-to-end tests and the demo run on:
# Docker 28 + buildx (containerd image store) and a registry on 127.0.0.1:5000.
# Idempotent: a second run only starts what is not running.
# Why sid binaries: bookworm's docker.io (20.10) cannot export a registry cache.
set -euo pipefail

STACK_HOME=${DFB_STACK_HOME:-/var/lib/dfb-stack}
REGISTRY_ADDR=127.0.0.1:5000
mkdir -p "$STACK_HOME"
log() { printf '[stack] %s\n' "$*" >&2; }

need_apt_update=1
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $need_apt_update -eq 1 ]; then apt-get update -qq; need_apt_update=0; fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_engine() {
  if command -v dockerd >/dev/null && command -v ctr >/dev/null && [ -x /usr/libexec/docker/cli-plugins/docker-buildx ] &&
    dockerd --version | grep -q 'version 2[89]'; then
    return 0
  fi
  local sid="$STACK_HOME/sid"
  mkdir -p "$sid/lists/partial" "$sid/debs" "$sid/root"
  echo 'deb http://deb.debian.org/debian sid main' >"$sid/sources.list"
  local apt_sid=(-o "Dir::Etc::SourceList=$sid/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$sid/lists" -o Debug::NoLocking=1)
  log "fetching docker.io, containerd and docker-buildx from sid"
  apt-get "${apt_sid[@]}" update -qq
  chmod 0777 "$sid/debs"
  (cd "$sid/debs" && apt-get "${apt_sid[@]}" download docker.io containerd docker-buildx >/dev/null)
  for deb in "$sid"/debs/*.deb; do dpkg -x "$deb" "$sid/root"; done
  local bin
  # ctr: the tests collect the engine's garbage with it (scripts/harness/engine.ts).
  for bin in dockerd docker-proxy containerd containerd-shim-runc-v2 ctr; do
    install -m 0755 "$(ls "$sid/root/usr/bin/$bin" "$sid/root/usr/sbin/$bin" 2>/dev/null | head -n1)" "/usr/local/bin/$bin"
  done
  mkdir -p /usr/libexec/docker/cli-plugins
  install -m 0755 "$sid/root/usr/libexec/docker/cli-plugins/docker-buildx" /usr/libexec/docker/cli-plugins/docker-buildx
  rm -rf "$sid/root" "$sid/debs"
}

start_engine() {
  if docker info >/dev/null 2>&1; then return 0; fi
  mkdir -p /etc/docker
  cat >/etc/docker/daemon.json <<JSON
{"features":{"containerd-snapshotter":true},"insecure-registries":["$REGISTRY_ADDR"]}
JSON
  log "starting dockerd"
  # A session of its own: the engine outlives the shell that started it (a killed terminal, a test run).
  setsid nohup dockerd >"$STACK_HOME/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  log "dockerd did not come up; its log:"; tail -n 40 "$STACK_HOME/dockerd.log" >&2
  return 1
}

# Tests and benches push a repository per run, named by these prefixes; on a machine that outlives
# many runs they fill the disk. Before the registry starts, repositories of finished runs (a day old)
# go and their blobs are collected. A fresh CI machine has none, so this costs it nothing.
TEST_REPOSITORY_PREFIXES=(e2e bench dfb-demo myapp dying)

collect_registry_garbage() {
  local repositories="$STACK_HOME/registry/docker/registry/v2/repositories"
  [ -d "$repositories" ] || return 0
  local names=() prefix
  for prefix in "${TEST_REPOSITORY_PREFIXES[@]}"; do names+=(-o -name "$prefix-*"); done
  local stale=()
  mapfile -t stale < <(find "$repositories" -mindepth 1 -maxdepth 1 -type d \( "${names[@]:1}" \) -mmin +1440)
  [ "${#stale[@]}" -gt 0 ] || return 0
  log "removing ${#stale[@]} test repositories older than a day from the registry"
  rm -rf "${stale[@]}"
  docker-registry garbage-collect "$STACK_HOME/registry.yml" >/dev/null 2>&1 || log "registry garbage-collect failed; carrying on"
}

start_registry() {
  if curl -fsS "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1; then return 0; fi
  mkdir -p "$STACK_HOME/registry"
  cat >"$STACK_HOME/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STACK_HOME/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
YAML
  collect_registry_garbage
  log "starting registry on $REGISTRY_ADDR"
  nohup docker-registry serve "$STACK_HOME/registry.yml" >"$STACK_HOME/registry.log" 2>&1 &
  for _ in $(seq 1 30); do curl -fsS "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1 && return 0; sleep 1; done
  log "registry did not come up"; tail -n 20 "$STACK_HOME/registry.log" >&2
  return 1
}

apt_install runc iptables tini docker-registry debootstrap curl ca-certificates zstd
# docker looks for docker-init on PATH; Debian's tini ships it as tini-static.
if ! command -v docker-init >/dev/null; then ln -sf "$(command -v tini-static || command -v tini)" /usr/local/bin/docker-init; fi
install_engine
start_engine
start_registry
log "engine $(docker version --format '{{.Server.Version}}'), buildx $(docker buildx version | awk '{print $2}'), registry $REGISTRY_ADDR"
