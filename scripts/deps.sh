#!/usr/bin/env bash
# Installs the Debian packages svc needs, only those that are missing.
set -euo pipefail
pkgs=(cmake g++ make pkg-config libcli11-dev libyaml-cpp-dev libfmt-dev doctest-dev git libutf8proc-dev
      libsqlite3-dev sqlite3 libmimalloc-dev dpkg-dev
      python3-yaml libfyaml-utils libfyaml-dev help2man clang libclang-rt-14-dev chromium fonts-wqy-microhei
      libxlsxwriter-dev python3-openpyxl zsh fish bash-completion man-db hledger)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "svc: installing ${missing[*]}" >&2
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
