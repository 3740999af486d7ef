#!/usr/bin/env bash
# Delete the project's local images with ONE rmi call for the whole list (the AIMLFW
# script calls `nerdctl rmi` once per image). Safe to re-run: images already gone are
# skipped, and nothing to delete is success.
#   scripts/remove-images.sh [image:tag ...]     (default: <repo>:latest and <repo>:<version>)
# Env: IMAGE_REPOSITORY (default modelmgmtservice), CONTAINER_ENGINE, NERDCTL_NAMESPACE, SUDO.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/engine.sh
source "$root/scripts/deploy/engine.sh"
pick_engine

repo="${IMAGE_REPOSITORY:-modelmgmtservice}"
if (($#)); then
  wanted=("$@")
else
  wanted=("$repo:latest")
  version="$(project_version "$root")"
  if [[ -n "$version" ]]; then wanted+=("$repo:$version"); fi
fi

# `<engine> image ls` prints short names as docker does (nerdctl too); a reference given
# as docker.io/library/x:t is matched in its short form.
present="$("${engine_cmd[@]}" image ls --format '{{.Repository}}:{{.Tag}}')"
short() { local r="${1#docker.io/}"; echo "${r#library/}"; }
targets=()
for image in "${wanted[@]}"; do
  if grep -qxF -- "$(short "$image")" <<<"$present"; then targets+=("$image"); fi
done

if ((${#targets[@]} == 0)); then
  echo "remove-images: none of ${wanted[*]} is present; nothing to do"
  exit 0
fi

echo "remove-images: removing ${targets[*]}"
if ! "${engine_cmd[@]}" rmi "${targets[@]}"; then
  # Someone may have removed them meanwhile: fail only if one is still there.
  present="$("${engine_cmd[@]}" image ls --format '{{.Repository}}:{{.Tag}}')"
  for image in "${targets[@]}"; do
    if grep -qxF -- "$(short "$image")" <<<"$present"; then
      echo "remove-images: $image could not be removed" >&2
      exit 1
    fi
  done
fi
