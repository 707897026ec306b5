"""Page chrome and building blocks shared by the official-document PDFs (A4, Korean, fpdf2).

Body sentences use 명조 (serif) and tables use 고딕 (sans), as Korean administrative forms do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.output import OutputProducer

from api.notices.font_cache import attach_document_fonts
from api.notices.fonts import GLYPH_SUBSTITUTES, FontStyle, register_fonts

MARGIN = 20.0  # mm, on all four sides
PAGE_FOOTER_Y = -13.0  # mm from the bottom edge: inside the bottom margin, below the page break line

INK = (25, 25, 25)
RULE = (70, 70, 70)
MUTED = (110, 110, 110)
LABEL_FILL = (236, 239, 243)
SEAL_RED = (200, 35, 35)
PREVIEW_RED = (205, 30, 30)

PREVIEW_TEXT = "미리보기 (효력 없음)"


def format_date(d: date) -> str:
    """Korean official style: 2026. 3. 5. (no zero padding, trailing period)."""
    return f"{d.year}. {d.month}. {d.day}."


def format_won(amount: int) -> str:
    return f"{amount:,}원"


class DocumentFontsProducer(OutputProducer):
    """Writes the PDF once its last glyph is known: fpdf2 draws the final page's footer inside
    `output()`, so the cached faces get their document fonts here, just before serialisation."""

    def bufferize(self) -> bytearray:
        attach_document_fonts(self.fpdf)
        return super().bufferize()


class OfficialDocument(FPDF):
    """A4 portrait page with Korean fonts, page numbers and an optional preview watermark."""

    def __init__(self, *, title: str, author: str, preview: bool = False) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        families = register_fonts(self, FontStyle.SERIF, FontStyle.SANS)
        self.serif = families[FontStyle.SERIF]
        self.sans = families[FontStyle.SANS]
        self.preview = preview
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.set_title(title)
        self.set_author(author)
        self.set_creator("ieum")
        self.set_lang("ko-KR")
        self.set_text_color(*INK)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.alias_nb_pages()

    def output(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("output_producer_class", DocumentFontsProducer)
        return super().output(*args, **kwargs)

    def normalize_text(self, text: str) -> str:
        return super().normalize_text(text.translate(GLYPH_SUBSTITUTES))

    # fpdf2 calls header() on each new page before its content and footer() after it, so the
    # preview watermark goes in footer(): drawn last, it stays visible over the shaded table cells.
    def header(self) -> None:
        if not self.preview:
            return
        with self.local_context():
            self.set_font(self.sans, "B", 9)
            self.set_text_color(*PREVIEW_RED)
            self.set_xy(MARGIN, 9)
            self.cell(
                0,
                5,
                f"{PREVIEW_TEXT} — 확정 전 미리보기로, 행정처분의 효력이 없습니다.",
                align=Align.C,
            )
        self.set_xy(MARGIN, MARGIN)

    def footer(self) -> None:
        with self.local_context():
            self.set_y(PAGE_FOOTER_Y)
            self.set_font(self.sans, "", 8)
            self.set_text_color(*MUTED)
            self.cell(0, 5, f"- {self.page_no()} / {{nb}} -", align=Align.C)
        if self.preview:
            self._watermark()

    def _watermark(self) -> None:
        cx, cy = self.w / 2, self.h / 2
        with self.local_context(fill_opacity=0.18):
            self.set_font(self.sans, "B", 54)
            self.set_text_color(*PREVIEW_RED)
            width = self.get_string_width(PREVIEW_TEXT)
            with self.rotation(35, cx, cy):
                self.set_xy(cx - width / 2, cy - 10)
                self.cell(width, 20, PREVIEW_TEXT, align=Align.C)

    # -- building blocks -------------------------------------------------------------------------

    @property
    def content_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def keep_together(self, height: float) -> None:
        """Starts a new page unless `height` mm still fit: keeps a heading with what follows it.

        Never from the top of a page: a block taller than a page would only leave a blank one behind.
        """
        if self.get_y() > self.t_margin + 1 and self.will_page_break(height):
            self.add_page()

    def lines_needed(self, text: str, width: float) -> int:
        """How many lines `text` wraps to in `width` mm with the current font."""
        lines = self.multi_cell(width, 5, text, dry_run=True, output=MethodReturnValue.LINES)
        assert isinstance(lines, list)  # output=LINES alone returns just the list
        return max(1, len(lines))

    def rule(self, *, width: float = 0.2, gap: float = 0.0) -> None:
        with self.local_context(line_width=width):
            y = self.get_y()
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            if gap:
                self.line(self.l_margin, y + gap, self.w - self.r_margin, y + gap)
        self.set_y(self.get_y() + gap)

    def heading(self, text: str, *, size: float = 12, space_before: float = 6, keep_with: float = 30) -> None:
        """Section heading; moves to a new page unless `keep_with` mm of what follows fit under it."""
        self.keep_together(space_before + size * 0.5 + 1.5 + keep_with)
        if self.get_y() > self.t_margin + 1:
            self.ln(space_before)
        self.set_font(self.sans, "B", size)
        self.multi_cell(0, size * 0.5, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def paragraph(self, text: str, *, size: float = 11, align: Align = Align.J) -> None:
        self.set_font(self.serif, "", size)
        self.multi_cell(0, size * 0.62, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def label_style(self) -> FontFace:
        return FontFace(family=self.sans, emphasis="B", fill_color=LABEL_FILL)

    _KV_LINE = 5.6
    _KV_PAD = (1.6, 2.5)  # vertical, horizontal

    def key_value_height(self, rows: Sequence[tuple[str, str]], *, label_width: float = 34) -> float:
        """Height `key_value_table` will take, so that callers can keep it on one page."""
        self.set_font(self.sans, "B", 10)
        text_width = self.content_width - label_width - 2 * self._KV_PAD[1]
        lines = sum(self.lines_needed(value, text_width) for _, value in rows)
        return lines * self._KV_LINE + len(rows) * 2 * self._KV_PAD[0]

    def key_value_table(
        self,
        rows: Sequence[tuple[str, str]],
        *,
        label_width: float = 34,
        strong: Sequence[str] = (),
    ) -> None:
        """Two-column bordered table, shaded labels on the left; values wrap and may hold newlines."""
        label = self.label_style()
        bold_value = FontFace(family=self.sans, emphasis="B")
        self.set_font(self.sans, "", 10)
        with self.table(
            col_widths=(label_width, self.content_width - label_width),
            width=self.content_width,
            first_row_as_headings=False,
            text_align=(Align.C, Align.L),
            v_align=VAlign.M,
            line_height=self._KV_LINE,
            padding=self._KV_PAD,
            borders_layout=TableBordersLayout.ALL,
            outer_border_width=0.45,
        ) as table:
            for key, value in rows:
                row = table.row()
                row.cell(key, style=label)
                row.cell(value, style=bold_value if key in strong else None)
        self.ln(2)

    def list_table(
        self,
        headings: tuple[str, str],
        rows: Sequence[tuple[str, str]],
        *,
        label_width: float,
        value_align: Align = Align.R,
    ) -> None:
        """Bordered table with a heading row repeated on every page it spans (long 산정 근거 lists)."""
        heading_style = FontFace(family=self.sans, emphasis="B", fill_color=LABEL_FILL)
        self.set_font(self.sans, "", 9.5)
        with self.table(
            col_widths=(label_width, self.content_width - label_width),
            width=self.content_width,
            headings_style=heading_style,
            text_align=(Align.L, value_align),
            v_align=VAlign.M,
            line_height=5.2,
            padding=(1.3, 2.5),
            borders_layout=TableBordersLayout.ALL,
            outer_border_width=0.45,
            repeat_headings=1,
        ) as table:
            head = table.row()
            for text in headings:
                head.cell(text, align=Align.C)
            for label, value in rows:
                row = table.row()
                row.cell(label)
                row.cell(value)
        self.ln(2)
