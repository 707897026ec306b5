#!/usr/bin/env bash
# Installs the browser the end-to-end tests drive (Debian's Chromium) and CJK fonts so that Korean
# text renders in screenshots, and the tools the PDF tests read documents with (poppler's pdftoppm
# renders a page, zbar's zbarimg decodes the QR code printed on it). Idempotent.
# Needs root (or sudo) and Debian's package repositories.
set -euo pipefail

if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'noto sans cjk' \
  && command -v pdftoppm >/dev/null && command -v zbarimg >/dev/null; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "Chromium 설치에는 root 권한이 필요합니다 (apt-get install chromium fonts-noto-cjk poppler-utils zbar-tools)." >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk poppler-utils zbar-tools >/dev/null
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo installed)"
