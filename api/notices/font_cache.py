"""Parsed Korean fonts kept for the life of the process, and a small font file per document.

fpdf2 reads and parses a TrueType file on every `add_font` and subsets the whole parsed font when the
PDF is written, in place. For a Nanum face (20,138 glyphs, 4 MB) that is about 200 ms of parsing and
150 ms of subsetting per face, four faces per document: nearly all of a notice's or certificate's
render time (bench/certificate_render.py measured 790 ms a document against 18 ms for our layout).

Here each face is parsed once per process into a `FaceMaster`: fpdf2's own `TTFFont` (character map,
widths, descriptor: what layout reads) and every glyph's raw outline bytes. A document gets a shallow
copy of the `TTFFont` with its own subset map, so layout costs what it costs with a fresh font; just
before the PDF is written, `attach_document_fonts` gives each copy a new in-memory font holding only
the glyphs that document used (and the components they are built from). fpdf2 then subsets that tiny
font as usual. The master is never handed to fpdf2's subsetter, so it is never mutated and documents
rendered at the same time on several threads share it safely.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import cmap_format_4
from fontTools.ttLib.tables._g_l_y_f import Glyph
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

if TYPE_CHECKING:
    from fontTools.ttLib.tables._g_l_y_f import table__g_l_y_f

# Tables copied as they are into each document's font; glyf, loca, hmtx and cmap are rebuilt.
# The hinting programs (fpgm, prep, cvt) stay because the glyphs' instructions call into them.
_COPIED_TABLES = ("head", "hhea", "maxp", "OS/2", "name", "post", "cvt ", "fpgm", "prep", "gasp")


class _MasterGlyphNames:
    """What `Glyph.expand` needs of a glyf table to name a composite's components: the master's
    glyph order (component ids in the raw bytes are the master's)."""

    extended = False  # 24-bit glyph ids (the VARC/boring-expansion extension): not in these fonts

    def __init__(self, order: list[str]) -> None:
        self._order = order

    def getGlyphName(self, glyph_id: int) -> str:  # fontTools' spelling
        return self._order[glyph_id]


@dataclass(frozen=True, slots=True)
class FaceMaster:
    template: TTFFont  # fpdf2's parsed face; copied per document, never written out
    order: list[str]
    index: dict[str, int]
    glyph_data: dict[str, bytes]
    metrics: dict[str, tuple[int, int]]
    tables: dict[str, bytes]

    @classmethod
    def load(cls, path: Path, fontkey: str, style: str) -> FaceMaster:
        template = TTFFont(FPDF(), path, fontkey, style)
        font = template.ttfont
        order = list(font.getGlyphOrder())
        offsets = font["loca"]
        raw = font.reader["glyf"]
        glyph_data = {name: bytes(raw[offsets[i] : offsets[i + 1]]) for i, name in enumerate(order)}
        tables = {tag: bytes(font.reader[tag]) for tag in _COPIED_TABLES if tag in font.reader}
        if "post" in tables:
            tables["post"] = _post_without_names(tables["post"])
        metrics = {name: tuple(value) for name, value in font["hmtx"].metrics.items()}
        return cls(
            template,
            order,
            {name: i for i, name in enumerate(order)},
            glyph_data,
            metrics,
            tables,
        )

    def document_font(self, used: dict[str, tuple[int, ...]]) -> TTFont:
        """A new font with `.notdef`, the glyphs named in `used` (name → the code points it shows)
        and every component they are built from, in the master's glyph order (so ids stay sorted)."""
        names = _MasterGlyphNames(self.order)
        glyphs: dict[str, Glyph] = {}
        pending = [".notdef", *used]
        while pending:
            name = pending.pop()
            if name in glyphs:
                continue
            glyph = Glyph(self.glyph_data[name])
            if glyph.isComposite():
                # Decoded with the master's names; compiled later against the new order.
                glyph.expand(names)
                pending.extend(component.glyphName for component in glyph.components)
            glyphs[name] = glyph
        order = sorted(glyphs, key=self.index.__getitem__)

        # recalcBBoxes off: the master's bounds and maxp limits are a valid superset, and raw glyph
        # bytes are then written out without being decoded.
        font = TTFont(recalcBBoxes=False, recalcTimestamp=False)
        font.setGlyphOrder(order)
        for tag, data in self.tables.items():
            table = newTable(tag)
            table.decompile(data, font)
            font[tag] = table
        glyf: table__g_l_y_f = newTable("glyf")
        glyf.glyphOrder = order
        glyf.glyphs = glyphs
        font["glyf"] = glyf
        font["loca"] = newTable("loca")
        hmtx = newTable("hmtx")
        hmtx.metrics = {name: self.metrics[name] for name in order}
        font["hmtx"] = hmtx
        font["cmap"] = _cmap({cp: name for name, cps in used.items() for cp in cps})
        return font


def _post_without_names(data: bytes) -> bytes:
    """The post table as format 3: the same header (italic angle, underline, fixed pitch) without
    the glyph names, which format 2 spells out for all 20,138 glyphs and a PDF never reads. The
    in-memory font still knows its glyphs by name (its glyph order)."""
    return b"\x00\x03\x00\x00" + data[4:32]


def _cmap(mapping: dict[int, str]) -> object:
    table = newTable("cmap")
    table.tableVersion = 0
    subtable = cmap_format_4(4)
    subtable.platformID, subtable.platEncID, subtable.language = 3, 1, 0
    subtable.cmap = {cp: name for cp, name in mapping.items() if cp <= 0xFFFF}
    table.tables = [subtable]
    return table


_MASTERS: dict[tuple[Path, str, str], FaceMaster] = {}
_LOCK = threading.Lock()


def master(path: Path, fontkey: str, style: str) -> FaceMaster:
    key = (path, fontkey, style)
    found = _MASTERS.get(key)
    if found is None:
        with _LOCK:  # two first documents at once parse the face once
            found = _MASTERS.get(key)
            if found is None:
                found = _MASTERS[key] = FaceMaster.load(path, fontkey, style)
    return found


class DocumentFont(TTFFont):
    """A document's copy of a master face: shares the parsed metrics, has its own subset map."""

    __slots__ = ("master",)
    master: FaceMaster

    def __deepcopy__(self, memo: dict[int, object]) -> DocumentFont:
        # fpdf2's recorder (unbreakable blocks, offset rendering) deep-copies the document, and
        # TTFFont's own __deepcopy__ would return a plain TTFFont without the master.
        clone = _copy_slots(self, DocumentFont.__new__(DocumentFont))
        clone.master = self.master
        clone.cw = copy.deepcopy(self.cw, memo)
        clone.missing_glyphs = list(self.missing_glyphs)
        clone.subset = copy.deepcopy(self.subset, memo)
        return clone


def _copy_slots(source: TTFFont, target: DocumentFont) -> DocumentFont:
    for slot in TTFFont.__slots__:
        if hasattr(source, slot):
            setattr(target, slot, getattr(source, slot))
    return target


def add_cached_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """`pdf.add_font(family, style, path)`, with the face parsed once per process."""
    style = "".join(sorted(style.upper()))
    fontkey = f"{family.lower()}{style}"
    face = master(path, fontkey, style)
    font = _copy_slots(face.template, DocumentFont.__new__(DocumentFont))
    font.master = face
    font.i = len(pdf.fonts) + 1
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    # A defaultdict: reading a missing code point inserts the default width; a document's copy
    # keeps those writes to itself.
    font.cw = copy.copy(face.template.cw)
    font.subset = SubsetMap(font)
    pdf.fonts[fontkey] = font


def attach_document_fonts(pdf: FPDF) -> None:
    """Before `pdf.output()`: gives every cached face the small font of the glyphs this document
    used, which fpdf2 then subsets and embeds (and closes) instead of the master."""
    for font in pdf.fonts.values():
        if isinstance(font, DocumentFont):
            used = _used_glyphs(glyph for glyph, _ in font.subset.items())
            font.ttfont = font.master.document_font(used)


def _used_glyphs(glyphs: Iterable[object]) -> dict[str, tuple[int, ...]]:
    used: dict[str, tuple[int, ...]] = {}
    for glyph in glyphs:
        if glyph is None:
            continue
        name: str = glyph.glyph_name  # type: ignore[attr-defined]
        unicode = glyph.unicode  # type: ignore[attr-defined]
        used[name] = tuple(unicode) if isinstance(unicode, tuple) else ()
    return used
