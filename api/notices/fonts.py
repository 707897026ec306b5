"""Korean TrueType fonts for the generated PDFs (decision notices, certificates).

The files come from Debian's `fonts-nanum` (SIL Open Font License), installed by
`scripts/install-fonts.sh`. Nanum is used rather than Noto CJK because Debian ships Noto CJK only as
.ttc collections with CFF outlines, which fpdf2 cannot subset and embed; Nanum is plain glyf TrueType.

`IEUM_FONT_DIR` overrides the directory (a machine without root can copy the four .ttf files anywhere).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_DIR_ENV = "IEUM_FONT_DIR"
DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/nanum")
INSTALL_SCRIPT = "scripts/install-fonts.sh"

# Characters that Nanum lacks (checked against all four faces), mapped to look-alikes it has, so
# that caller text such as "선정기준액 − 소득인정액" never prints as a blank or a tofu box.
GLYPH_SUBSTITUTES = str.maketrans({"\u2212": "-", "\u2027": "·", "\u2713": "V"})

# Nanum carries TrueType hinting-source tables (TSI*) that fontTools drops while subsetting, with a
# warning per font per document: noise in the application log that says nothing about the output.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


class FontStyle(StrEnum):
    SANS = "sans"  # 고딕 (NanumGothic)
    SERIF = "serif"  # 명조 (NanumMyeongjo)


_FILES: dict[FontStyle, tuple[str, str]] = {
    FontStyle.SANS: ("NanumGothic.ttf", "NanumGothicBold.ttf"),
    FontStyle.SERIF: ("NanumMyeongjo.ttf", "NanumMyeongjoBold.ttf"),
}


class FontsMissingError(RuntimeError):
    """The Korean fonts are not installed where we look for them."""


@dataclass(frozen=True, slots=True)
class FontFaces:
    """One family's regular and bold files, and the name it is registered under in a PDF."""

    family: str
    regular: Path
    bold: Path


def font_dir() -> Path:
    override = os.environ.get(FONT_DIR_ENV, "").strip()
    return Path(override) if override else DEFAULT_FONT_DIR


def find_faces(style: FontStyle) -> FontFaces:
    directory = font_dir()
    regular_name, bold_name = _FILES[style]
    regular, bold = directory / regular_name, directory / bold_name
    missing = [p.name for p in (regular, bold) if not p.is_file()]
    if missing:
        raise FontsMissingError(
            f"한글 글꼴 파일이 없습니다: {', '.join(missing)} ({directory}). "
            f"`bash {INSTALL_SCRIPT}` 로 설치하거나 {FONT_DIR_ENV} 에 글꼴 폴더를 지정하세요."
        )
    return FontFaces(family=f"ieum-{style.value}", regular=regular, bold=bold)


def register_fonts(pdf: FPDF, *styles: FontStyle) -> dict[FontStyle, str]:
    """Adds each style's regular and bold faces to `pdf`; returns the family names for `set_font`.

    fpdf2 embeds only the glyphs actually used, so registering both families costs nothing in the
    output when one of them goes unused. Each face is parsed once per process (`font_cache`); the
    document must then be written with `font_cache.attach_document_fonts` before `output()`, as
    `OfficialDocument.output` does.
    """
    from api.notices.font_cache import add_cached_font  # imports fpdf2 and fontTools: only when used

    families: dict[FontStyle, str] = {}
    for style in styles or tuple(FontStyle):
        faces = find_faces(style)
        add_cached_font(pdf, faces.family, "", faces.regular)
        add_cached_font(pdf, faces.family, "B", faces.bold)
        families[style] = faces.family
    return families
