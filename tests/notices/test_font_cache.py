"""The per-process font cache (api/notices/font_cache.py): a document rendered with the cached faces
looks exactly like one rendered with fpdf2 loading the font files itself, embeds only its own glyphs,
and documents rendered at once on several threads neither mix nor disturb the shared master."""

from __future__ import annotations

import io
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from fpdf import FPDF
from pypdf import PdfReader

from api.certificates import render_certificate
from api.notices import font_cache, render_decision_notice
from tests.certificates_pdf.test_certificate_pdf import _doc
from tests.notices.test_notice_pdf import BASIC_PENSION_REJECTED, LIVELIHOOD, _notice

# A name with rare syllables and a composite-heavy run of punctuation and symbols.
ODD_NAME = "똠햏뷁"


def _native_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Makes `register_fonts` use fpdf2's own `add_font`, as before the cache."""

    def add_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
        pdf.add_font(family, style, path)

    monkeypatch.setattr(font_cache, "add_cached_font", add_font)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _embedded_glyph_counts(pdf: bytes) -> list[int]:
    reader = PdfReader(io.BytesIO(pdf))
    counts = []
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        data = descriptor["/FontFile2"].get_object().get_data()
        counts.append(TTFont(io.BytesIO(data))["maxp"].numGlyphs)
    return counts


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs pdftoppm (scripts/install-browser.sh)")
@pytest.mark.parametrize("kind", ["certificate", "notice"])
def test_cached_fonts_render_the_same_page_as_fpdf2_alone(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def render() -> bytes:
        if kind == "certificate":
            return render_certificate(_doc(holder_name=ODD_NAME))
        return render_decision_notice(_notice(LIVELIHOOD, BASIC_PENSION_REJECTED))

    cached = render()
    with monkeypatch.context() as patch:
        _native_fonts(patch)
        native = render()
    assert _text(cached) == _text(native)
    pages = []
    for name, pdf in (("cached", cached), ("native", native)):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
            check=True,
            capture_output=True,
        )
        pages.append(sorted(tmp_path.glob(f"{name}*.png")))
    assert len(pages[0]) == len(pages[1]) >= 1
    for mine, theirs in zip(*pages, strict=True):
        assert mine.read_bytes() == theirs.read_bytes(), (mine.name, theirs.name)


def test_a_document_embeds_only_its_own_glyphs() -> None:
    pdf = render_certificate(_doc())
    counts = _embedded_glyph_counts(pdf)
    assert len(counts) >= 3
    # A few hundred glyphs at most per face, of the 20,138 a Nanum face holds.
    assert all(0 < count < 400 for count in counts), counts


def test_documents_rendered_at_once_on_threads_do_not_mix() -> None:
    names = [f"{family}{given}" for family in "김이박최정강" for given in ("가람", "누리")]
    master_sizes = {key: len(m.order) for key, m in font_cache._MASTERS.items()}

    def render(name: str) -> str:
        return _text(render_certificate(replace(_doc(), holder_name=name, members=())))

    with ThreadPoolExecutor(max_workers=6) as pool:
        texts = list(pool.map(render, names * 2))
    for name, text in zip(names * 2, texts, strict=True):
        assert name in text
        assert not [other for other in names if other != name and other in text], name
    # The masters were not subset in place by any of them: each still holds every glyph of its file.
    assert font_cache._MASTERS
    for key, master in font_cache._MASTERS.items():
        assert len(master.order) == master_sizes.get(key, len(master.order)) > 20_000
        assert master.template.ttfont["maxp"].numGlyphs == len(master.order)
