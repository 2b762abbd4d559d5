#!/bin/bash
# Stands in front of the real docker CLI in e2e tests that need to see or break one kind of call:
# it records every call's arguments (one line each, shell-quoted) in $DFB_DOCKER_LOG, the modes of
# every --secret file and its directory in $DFB_DOCKER_LOG.secrets, and fails the calls whose
# arguments match the extended regex $DFB_DOCKER_FAIL. With $DFB_DOCKER_BREAK_LAYOUT set, a build
# that writes an OCI layout directory runs, but writes it where the action does not look. Every
# other call is the real docker's.
log="${DFB_DOCKER_LOG:?}"
printf '%q ' "$@" >>"$log"
printf '\n' >>"$log"
previous=''
for arg in "$@"; do
  if [[ "$previous" == --secret && "$arg" == *src=* ]]; then
    file="${arg##*src=}"
    stat -c '%a' "$file" "$(dirname "$file")" | tr '\n' ' ' >>"$log.secrets"
    printf '\n' >>"$log.secrets"
  fi
  previous="$arg"
done
if [[ -n "${DFB_DOCKER_FAIL:-}" && "$*" =~ $DFB_DOCKER_FAIL ]]; then
  echo "docker-wrapper: failing this call on purpose" >&2
  exit 1
fi
if [[ -n "${DFB_DOCKER_BREAK_LAYOUT:-}" && "$*" =~ type=oci,tar=false,dest=([^ ]+) ]]; then
  # The build writes its layout elsewhere: the directory the action reads, during the build and
  # after it, never gets a manifest.
  layout="${BASH_REMATCH[1]}"
  args=()
  for arg in "$@"; do args+=("${arg/dest=$layout/dest=$layout.elsewhere}"); done
  "${DFB_REAL_DOCKER:?}" "${args[@]}"
  status=$?
  rm -rf "$layout.elsewhere"
  exit $status
fi
exec "${DFB_REAL_DOCKER:?}" "$@"
