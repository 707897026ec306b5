#!/usr/bin/env bash
# Installs the Korean TrueType fonts (Debian's fonts-nanum: NanumGothic and NanumMyeongjo, regular and
# bold) that the notice and certificate PDFs embed. api/notices/fonts.py looks for them under
# /usr/share/fonts/truetype/nanum unless IEUM_FONT_DIR points elsewhere. Idempotent: does nothing when
# the files are already there. Needs root (or sudo) and Debian's package repositories.
#
# Why not fonts-noto-cjk (already pulled in by install-browser.sh): it ships .ttc collections with CFF
# outlines, which fpdf2 cannot embed; Nanum is plain glyf-based TrueType under the SIL OFL.
set -euo pipefail

FONT_DIR=/usr/share/fonts/truetype/nanum
required=(NanumGothic.ttf NanumGothicBold.ttf NanumMyeongjo.ttf NanumMyeongjoBold.ttf)

missing=0
for f in "${required[@]}"; do
  [ -f "$FONT_DIR/$f" ] || missing=1
done
if [ "$missing" -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "한글 글꼴 설치에는 root 권한이 필요합니다 (apt-get install fonts-nanum)." >&2
    echo "설치할 수 없다면 NanumGothic/NanumMyeongjo .ttf 가 있는 폴더를 IEUM_FONT_DIR 로 지정하세요." >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends fonts-nanum >/dev/null

for f in "${required[@]}"; do
  if [ ! -f "$FONT_DIR/$f" ]; then
    echo "fonts-nanum 을 설치했지만 $FONT_DIR/$f 가 없습니다." >&2
    exit 1
  fi
done
echo "fonts-nanum: installed ($FONT_DIR)"
