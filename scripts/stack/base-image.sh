#!/usr/bin/env bash
# Puts a Python base image into the local registry without Docker Hub:
# a debootstrapped Debian with python3 + pip, imported as 127.0.0.1:5000/python:3.11-slim.
# Idempotent: does nothing when the registry already has the tag; keeps the
# rootfs tarball so a wiped registry is refilled in seconds.
set -euo pipefail

STACK_HOME=${DFB_STACK_HOME:-/var/lib/dfb-stack}
IMAGE=127.0.0.1:5000/python:3.11-slim
ROOTFS_TAR="$STACK_HOME/python-3.11-rootfs.tar"
log() { printf '[stack] %s\n' "$*" >&2; }

has_tag() {
  curl -fs -o /dev/null -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
    "http://127.0.0.1:5000/v2/python/manifests/$1"
}
if has_tag 3.11-slim && has_tag 3.11; then
  # Tests read the base image from the engine too (docker save of it): a pruned engine gets it back.
  docker image inspect "$IMAGE" >/dev/null 2>&1 || docker pull -q "$IMAGE" >/dev/null
  exit 0
fi

if [ ! -s "$ROOTFS_TAR" ]; then
  rootfs=$(mktemp -d "$STACK_HOME/rootfs.XXXXXX")
  log "debootstrap of a python3 rootfs (about a minute)"
  debootstrap --variant=minbase --include=python3,python3-pip,python3-venv,ca-certificates \
    bookworm "$rootfs" http://deb.debian.org/debian >"$STACK_HOME/debootstrap.log" 2>&1
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  # Behave like the official python images: pip may install into the system Python.
  rm -f "$rootfs"/usr/lib/python3*/EXTERNALLY-MANAGED
  tar -C "$rootfs" -cf "$ROOTFS_TAR.partial" .
  mv "$ROOTFS_TAR.partial" "$ROOTFS_TAR"
  rm -rf "$rootfs"
fi

log "importing $IMAGE"
docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["python3"]' \
  "$ROOTFS_TAR" "$IMAGE" >/dev/null
docker push -q "$IMAGE" >/dev/null
# The same image also as the full-size tag name, so examples can show the heavy-base-image advice.
docker tag "$IMAGE" "${IMAGE%-slim}"
docker push -q "${IMAGE%-slim}" >/dev/null
log "pushed $IMAGE and ${IMAGE%-slim}"
