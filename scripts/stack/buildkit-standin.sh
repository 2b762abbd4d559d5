#!/usr/bin/env bash
# Builds a stand-in for the moby/buildkit image, which cannot be fetched here (no Docker Hub), so
# that the docker-container driver (the action's default) runs for real: the local Python base with
# this engine's own binaries, an entrypoint named buildkitd that starts an inner engine on buildx's
# /var/lib/buildkit volume, and a buildctl answering the two commands buildx runs in the builder.
# It is an engine's embedded BuildKit, not buildkitd: say so wherever results from it are reported.
# Use: docker buildx create --driver docker-container --driver-opt image=$IMAGE,network=host
# Idempotent: does nothing when the registry already has the image built from the same inputs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
STACK_HOME=${DFB_STACK_HOME:-/var/lib/dfb-stack}
REPOSITORY=127.0.0.1:5000/dfb/buildkit-standin
IMAGE=$REPOSITORY:local
BASE=127.0.0.1:5000/python:3.11-slim
log() { printf '[stack] %s\n' "$*" >&2; }

binaries=()
for bin in dockerd containerd containerd-shim-runc-v2 docker-proxy runc docker-init; do
  path=$(command -v "$bin") || { log "buildkit stand-in: $bin is not installed (run engine.sh first)"; exit 1; }
  binaries+=("$(readlink -f "$path")")
done

# The inputs' hash names the build, so a changed binary or script rebuilds and nothing else does.
inputs=$({ sha256sum "${binaries[@]}" | awk '{print $1}'; cat "$here/buildkit-standin/buildkitd" \
  "$here/buildkit-standin/buildctl" "$0"; } | sha256sum | cut -c1-16)
if curl -fs -o /dev/null -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
  "http://127.0.0.1:5000/v2/dfb/buildkit-standin/manifests/inputs-$inputs"; then
  exit 0
fi

started=$(date +%s.%N)
context=$(mktemp -d "$STACK_HOME/buildkit-standin.XXXXXX")
trap 'rm -rf "$context"' EXIT
mkdir "$context/bin"
i=0
for bin in dockerd containerd containerd-shim-runc-v2 docker-proxy runc docker-init; do
  install -m 0755 "${binaries[$i]}" "$context/bin/$bin"
  i=$((i + 1))
done
install -m 0755 "$here/buildkit-standin/buildkitd" "$here/buildkit-standin/buildctl" "$context/bin/"
cat >"$context/Dockerfile" <<DOCKERFILE
FROM $BASE
COPY bin/ /usr/local/bin/
VOLUME /var/lib/buildkit
ENTRYPOINT ["buildkitd"]
DOCKERFILE
docker buildx build --builder default --quiet --label "dfb.standin.inputs=$inputs" \
  --tag "$IMAGE" --tag "$REPOSITORY:inputs-$inputs" "$context" >/dev/null
docker push -q "$IMAGE" >/dev/null
docker push -q "$REPOSITORY:inputs-$inputs" >/dev/null
log "built and pushed $IMAGE in $(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $started}") s"
