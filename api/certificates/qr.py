"""QR code for a certificate's public verification page, drawn as PDF vector shapes.

`segno` (pure Python) builds the symbol; we draw it with fpdf2 rectangles rather than embedding a
bitmap, so the code stays sharp at any print or scan resolution and adds no image to the file.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import segno

if TYPE_CHECKING:
    from fpdf import FPDF

# Level M restores up to ~15% damaged modules, enough for a folded or stamped paper certificate,
# while a verification URL of up to 106 characters still fits version 6 (41 modules, 0.6 mm each at
# 25 mm). boost_error is off so that the printed level is always the one stated here.
ERROR_LEVEL = "m"

# Modules that must stay blank around the symbol (ISO/IEC 18004); readers use it to find the code.
QUIET_ZONE = 4

BLACK = (0, 0, 0)


@lru_cache(maxsize=16)
def _symbol(text: str) -> segno.QRCode:
    # Cached because a page asks for the same symbol twice (its quiet zone, then its modules); the
    # symbol is never mutated. make_qr, not make: segno.make may choose a Micro QR for short text,
    # which few phone readers know.
    return segno.make_qr(text, error=ERROR_LEVEL, boost_error=False)


def qr_modules(text: str) -> list[list[bool]]:
    """The symbol's module matrix without quiet zone, top row first; True is a dark module."""
    return [[bool(module) for module in row] for row in _symbol(text).matrix]


def quiet_zone_mm(size_mm: float, text: str) -> float:
    """Width in mm of the blank margin the caller must keep around a `size_mm` symbol for `text`."""
    return size_mm / len(_symbol(text).matrix) * QUIET_ZONE


def draw_qr(pdf: FPDF, x: float, y: float, size_mm: float, text: str) -> float:
    """Draws the QR symbol for `text` with its top-left corner at (x, y), `size_mm` wide.

    The quiet zone is not included: keep `quiet_zone_mm(size_mm, text)` blank around the square.
    Returns the module size in mm.

    Each horizontal run of dark modules is filled as one rectangle rather than one square per module:
    the same shapes with about half as many drawing operators, and no hairline seams between
    neighbours in a row in viewers that anti-alias every shape separately.
    """
    matrix = qr_modules(text)
    module = size_mm / len(matrix)
    with pdf.local_context(fill_color=BLACK):
        for row_index, row in enumerate(matrix):
            top = y + row_index * module
            start: int | None = None
            for column, dark in enumerate([*row, False]):  # the sentinel closes a run at the edge
                if dark and start is None:
                    start = column
                elif not dark and start is not None:
                    pdf.rect(x + start * module, top, (column - start) * module, module, style="F")
                    start = None
    return module
