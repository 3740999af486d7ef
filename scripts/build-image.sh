#!/usr/bin/env bash
# Build the production image for the AIMLFW nodes (linux/amd64), tagged
# <IMAGE_REPOSITORY>:latest (what the AIMLFW recipe selects) and :<package.json version>.
#   scripts/build-image.sh [extra build args...]
# Env: IMAGE_REPOSITORY (default modelmgmtservice), IMAGE_TAG (default latest),
#      PLATFORM (default linux/amd64), CONTAINER_ENGINE, NERDCTL_NAMESPACE, SUDO.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/engine.sh
source "$root/scripts/deploy/engine.sh"
pick_engine

repo="${IMAGE_REPOSITORY:-modelmgmtservice}"
tag="${IMAGE_TAG:-latest}"
version="$(project_version "$root")"
tags=(-t "$repo:$tag")
if [[ -n "$version" && "$version" != "$tag" ]]; then tags+=(-t "$repo:$version"); fi

set -x
"${engine_cmd[@]}" build \
  --platform "${PLATFORM:-linux/amd64}" \
  --build-arg "VERSION=${version:-0.0.0}" \
  "${tags[@]}" \
  -f "$root/Dockerfile" \
  "$@" \
  "$root"
