#!/usr/bin/env bash
# Installs the Debian 12 packages hvpat needs to build, test and benchmark; only those
# that are missing, so a second run costs nothing. Run as root (or with sudo).
# chromium and fonts-noto-cjk: the browser test of the report page (a bare machine has no
# CJK font, and Chromium would draw every Chinese character as an empty box).
set -euo pipefail

packages=(
  build-essential cmake pkg-config python3
  libboost-program-options-dev libboost-iostreams-dev
  libsimdjson-dev libtbb-dev librocksdb-dev libzstd-dev libisal-dev libunistring-dev
  libgtest-dev libbenchmark-dev
  gzip zstd bzip2 clang-format clang-tidy
  dpkg-dev file   # cpack -G DEB: dpkg-shlibdeps computes Depends, file finds the ELF files
  chromium fonts-noto-cjk
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
