# Sourced by build-image.sh and remove-images.sh: picks the container CLI.
# CONTAINER_ENGINE=docker|nerdctl forces one; otherwise nerdctl is preferred when present
# because AIMLFW nodes run containerd (images must land in its k8s.io namespace).
# NERDCTL_NAMESPACE (default k8s.io) and SUDO (e.g. SUDO=sudo, as the AIMLFW scripts do) apply.

engine_cmd=()
pick_engine() {
  local engine="${CONTAINER_ENGINE:-}"
  if [[ -z "$engine" ]]; then
    if command -v nerdctl >/dev/null 2>&1; then engine=nerdctl
    elif command -v docker >/dev/null 2>&1; then engine=docker
    else
      echo "error: neither nerdctl nor docker is installed (set CONTAINER_ENGINE)" >&2
      return 1
    fi
  fi
  case "$engine" in
    nerdctl) engine_cmd=(nerdctl --namespace "${NERDCTL_NAMESPACE:-k8s.io}") ;;
    docker) engine_cmd=(docker) ;;
    *) echo "error: CONTAINER_ENGINE must be docker or nerdctl, not '$engine'" >&2; return 1 ;;
  esac
  if [[ -n "${SUDO:-}" ]]; then engine_cmd=("$SUDO" "${engine_cmd[@]}"); fi
}

# Version from package.json without needing node on the build host.
project_version() {
  sed -n 's/^[[:space:]]*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$1/package.json" | head -n 1
}
