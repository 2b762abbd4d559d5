#!/usr/bin/env bash
# One entry point for the real stack: engine + buildx + registry, then the Python base image.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/engine.sh"
bash "$here/base-image.sh"
