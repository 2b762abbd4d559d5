#!/usr/bin/env bash
# Puts a Python base image with a C compiler into the local registry, for the benchmark's
# compile-heavy fixture: the slim base plus gcc and the Python headers, from Debian's mirror
# (the only network these machines reach). About 25 s when built; nothing when the tag exists.
set -euo pipefail

BASE=127.0.0.1:5000/python:3.11-slim
IMAGE=127.0.0.1:5000/python:3.11-gcc
log() { printf '[stack] %s\n' "$*" >&2; }

if curl -fs -o /dev/null -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
  "http://127.0.0.1:5000/v2/python/manifests/${IMAGE##*:}"; then
  exit 0
fi

log "building $IMAGE (gcc, libc6-dev, python3-dev from deb.debian.org)"
started=$SECONDS
# Host network: the build's apt reaches the mirror directly, as on a runner.
docker buildx build --builder default --network host --tag "$IMAGE" --push --quiet - >/dev/null <<DOCKERFILE
FROM $BASE
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\
      gcc libc6-dev python3-dev python3-setuptools python3-wheel \\
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
DOCKERFILE
log "pushed $IMAGE in $((SECONDS - started)) s"
