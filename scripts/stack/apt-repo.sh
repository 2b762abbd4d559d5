#!/usr/bin/env bash
# Makes a flat apt repository of real Debian packages for the benchmark's apt fixture, so that its
# builds install from 127.0.0.1 (throttled, scripts/harness/services/apt-repository.ts) and need no mirror.
# Usage: apt-repo.sh DIR PACKAGE...
# The packages and every dependency the base image lacks are resolved inside that image and
# fetched once with `apt-get download`; nothing to do when DIR already holds a repository of the
# same package names. Its index is the mirror's whole bookworm main index (50 MB, 60,000 packages)
# with these packages' entries pointing here: what `apt-get update` fetches and parses, and a cached
# /var/lib/apt spares, should cost what it costs against a real mirror, not a 17 kB index's worth.
# About a minute (mostly xz of the index).
set -euo pipefail

STACK_HOME=${DFB_STACK_HOME:-/var/lib/dfb-stack}
BASE=127.0.0.1:5000/python:3.11-slim
dir=$1
shift
log() { printf '[stack] %s\n' "$*" >&2; }

requested=$(printf 'index: mirror\n'; printf '%s\n' "$@" | sort)
if [ -s "$dir/Packages.xz" ] && [ "$(cat "$dir/requested" 2>/dev/null)" = "$requested" ]; then
  exit 0
fi

if ! command -v dpkg-scanpackages >/dev/null; then
  log "apt-get install dpkg-dev"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null
fi

started=$SECONDS
mkdir -p "$STACK_HOME"
work=$(mktemp -d "$STACK_HOME/apt-repo.XXXXXX")
trap 'rm -rf "$work"' EXIT
# apt downloads as its _apt user inside the container.
chmod 0777 "$work"
log "downloading $* and their dependencies into an apt repository"
# Resolved in the base image itself: exactly what it lacks, at the versions its apt would pick.
docker run --rm -i --network host -v "$work:/out" "$BASE" bash -s -- "$@" >/dev/null <<'SCRIPT'
set -euo pipefail
apt-get update -qq
mapfile -t pinned < <(apt-get install -s --no-install-recommends "$@" |
  awk '/^Inst / { version = $3; sub(/^\(/, "", version); print $2 "=" version }')
cd /out
apt-get download -qq "${pinned[@]}"
chmod 0644 ./*.deb
# apt-get download keeps an epoch's colon as %3a in the name, which apt would escape once more in
# the URL; the name of a file in a repository is free, so drop the epoch from it.
shopt -s nullglob
for deb in ./*%3a*.deb; do mv "$deb" "$(printf '%s' "$deb" | sed 's/_[0-9]*%3a/_/')"; done
for list in /var/lib/apt/lists/*_Packages*; do /usr/lib/apt/apt-helper cat-file "$list"; done >mirror-index
SCRIPT

(
  cd "$work"
  chmod 0755 .
  dpkg-scanpackages --multiversion . /dev/null >local-index 2>/dev/null
  # The mirror's stanzas of the packages served here give way to the local ones (Filename ./…).
  awk 'BEGIN { RS = ""; ORS = "\n\n" } NR == FNR { here[$2] = 1; next } !($2 in here)' \
    local-index mirror-index | cat local-index - >Packages
  rm local-index mirror-index
  gzip -9nk Packages
  xz -T0 -6k Packages
  # A Release file, so apt treats it as a repository of its own instead of warning about a missing one.
  {
    echo 'Origin: docker-fast-build bench'
    echo 'Label: docker-fast-build bench'
    echo "Date: $(LC_ALL=C date -u -d @0 '+%a, %d %b %Y %H:%M:%S UTC')"
    echo 'SHA256:'
    for f in Packages Packages.gz Packages.xz; do
      printf ' %s %s %s\n' "$(sha256sum "$f" | cut -d' ' -f1)" "$(stat -c %s "$f")" "$f"
    done
  } >Release
)
printf '%s\n' "$requested" >"$work/requested"
rm -rf "$dir"
mv "$work" "$dir"
trap - EXIT
log "apt repository in $dir: $(ls "$dir"/*.deb | wc -l) packages ($(cat "$dir"/*.deb | wc -c | awk '{printf "%.0f", $1 / 1e6}') MB), $(grep -c '^Package:' "$dir/Packages") in its index, $((SECONDS - started)) s"
