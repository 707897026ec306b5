#!/usr/bin/env bash
# Installs the browser the end-to-end tests drive (Debian's Chromium) and CJK fonts so that Korean
# text renders in screenshots. Idempotent: does nothing when /usr/bin/chromium already exists.
# Needs root (or sudo) and Debian's package repositories.
set -euo pipefail

if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'noto sans cjk'; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "Chromium 설치에는 root 권한이 필요합니다 (apt-get install chromium fonts-noto-cjk)." >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo installed)"
