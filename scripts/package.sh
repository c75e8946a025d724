#!/usr/bin/env bash
# Builds the Debian package of svc with CPack: build-deb/svc_VERSION_ARCH.deb, installing under
# /usr the binary, svc(1), svc.yaml(5), the bash, zsh and fish completions where Debian's shells
# read them, and the examples under /usr/share/doc/svc. Install it with `dpkg -i`, remove it with
# `dpkg -r svc`.
# Usage: scripts/package.sh [BUILD_DIR]   (default build-deb; SVC_JOBS builds, default nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-deb}
bash scripts/deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DBUILD_TESTING=OFF > /dev/null
cmake --build "$build" -j"${SVC_JOBS:-$(nproc)}" > /dev/null
(cd "$build" && cpack -G DEB > /dev/null)
ls "$build"/svc_*.deb
