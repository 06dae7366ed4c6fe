#!/usr/bin/env bash
# Prepares the images docker-compose.yml and the Docker tests use, with no registry but Debian's package
# mirror (Docker Hub unreachable, a proxy that re-signs TLS, or no network at build time but the mirror):
#   debian:bookworm-slim  pulled where a registry answers, else made with debootstrap (minbase) + docker import
#   callq/redis:bookworm  Debian's redis-server (redis/Dockerfile), the default of CALLQ_REDIS_IMAGE
#   target/callq-bench.jar built on the host by ./callq (Maven runs here, with the host's trust and proxy)
#   callq-bench:local, callq/kamailio:bookworm   docker-compose.yml's own images (the jar copied in)
# Idempotent: what exists is kept, except the project's images, rebuilt from Docker's layer cache.
#   scripts/docker-base-images.sh            everything above
#   scripts/docker-base-images.sh --base     only debian:bookworm-slim and callq/redis:bookworm
# Environment: CALLQ_DEBIAN_MIRROR (default http://deb.debian.org/debian) and CALLQ_DEBIAN_SECURITY_MIRROR
# (http://deb.debian.org/debian-security), written into the base image's apt sources, so that the image
# builds use them too; http_proxy and https_proxy reach debootstrap and the image builds (apt-get).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base=debian:bookworm-slim
redis_image=callq/redis:bookworm
mirror=${CALLQ_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${CALLQ_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

say() { echo "docker-base-images: $*" >&2; }

has_image() { docker image inspect "$1" >/dev/null 2>&1; }

docker info >/dev/null 2>&1 || { say "no Docker engine answers (start dockerd, or check DOCKER_HOST)"; exit 2; }

if has_image "$base"; then
  say "$base is there"
elif timeout 120 docker pull -q "$base" >/dev/null 2>&1; then
  say "$base pulled"
else
  command -v debootstrap >/dev/null 2>&1 || { say "$base cannot be pulled and debootstrap is missing (apt-get install debootstrap)"; exit 2; }
  [[ $(id -u) -eq 0 ]] || { say "$base cannot be pulled; making it with debootstrap needs root"; exit 2; }
  root=$(mktemp -d /tmp/callq-bookworm.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  say "$base cannot be pulled: making it with debootstrap from $mirror (a minute or more)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 \
    || { say "debootstrap failed; its log: $root.log"; exit 2; }
  # As the official image: the release's updates and security fixes, and what a slim image leaves out
  # (package lists, caches, and the documentation of the packages installed later).
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
    >"$root/etc/dpkg/dpkg.cfg.d/slim"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
  tar -C "$root" -c . | docker import -c 'CMD ["bash"]' - "$base" >/dev/null
  rm -rf "$root" "$root.log"
  trap - EXIT
  say "$base made"
fi

build() {
  local tag=$1 dir=$2 log
  log=$(mktemp /tmp/callq-docker-build.XXXXXX)
  if ! docker build --build-arg http_proxy --build-arg https_proxy -t "$tag" "$dir" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    say "building $tag from $dir failed; its log: $log"
    exit 2
  fi
  rm -f "$log"
  local relative=${dir#"$here"}
  say "$tag built from ./${relative#/}"
}

has_image "$redis_image" && say "$redis_image is there" || build "$redis_image" "$here/redis"
if [[ "${1:-}" == "--base" ]]; then say "base images ready in $SECONDS s"; exit 0; fi

# --version builds the jar when it is missing or older than the sources, and needs nothing else installed.
"$here/callq" --version >/dev/null
build callq-bench:local "$here"
build callq/kamailio:bookworm "$here/kamailio"
# The images a rebuild replaced (a new jar), and nothing else of the engine's: they carry the project's label.
docker image prune -f --filter label=dev.callq.bench >/dev/null
say "images ready in $SECONDS s"
