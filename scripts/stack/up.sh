#!/usr/bin/env bash
# One entry point for the real stack: engine + buildx + registry, the Python base image, then the
# stand-in builder image the docker-container driver's tests run on.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/engine.sh"
bash "$here/base-image.sh"
bash "$here/buildkit-standin.sh"
