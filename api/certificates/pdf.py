"""증명서 PDF: lays out a `CertificateDocument` as an A4 Korean certificate with a verification QR code.

Top to bottom: document number and issue date, the spaced-out title, the holder, the certified facts,
the household members (when the form lists them), 용도, the certifying sentence, date and issuer with
the seal box, and, anchored to the foot of the last page, the verification block and the legal basis.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from fpdf.enums import Align, TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace

from api.certificates.document import CertificateDocument, MemberLine
from api.certificates.qr import draw_qr, quiet_zone_mm
from api.notices.layout import (
    LABEL_FILL,
    MARGIN,
    MUTED,
    PREVIEW_RED,
    PREVIEW_TEXT,
    SEAL_RED,
    OfficialDocument,
    format_date,
)

CERTIFYING_SENTENCE = "위의 사실을 증명합니다."
VERIFY_SENTENCE = (
    "이 증명서를 받은 사람은 누구나 위 주소에 접속하거나 QR 코드를 촬영하여 문서번호와 "
    "문서확인번호로 발급 사실과 내용의 위·변조 여부를 확인할 수 있습니다."
)

LABEL_WIDTH = 36.0  # mm: the label column, the same in every table so that their borders line up
ROW_LINE = 5.6
ROW_PAD = (1.8, 2.5)  # vertical, horizontal

QR_SIZE = 25.0  # mm, the symbol without its quiet zone
BOX_PAD = 3.5  # mm between the QR and the box border: more than the 4-module quiet zone (~2.4 mm)
BOX_HEIGHT = QR_SIZE + 2 * BOX_PAD
LEGAL_LINE = 4.5
# The verification box sits this far above the bottom margin, leaving a line for the legal basis.
BOX_GAP_BELOW = LEGAL_LINE + 1.5
# The closing block (see _closing): the certifying sentence, the date and the issuer with the seal,
# whose square reaches below the issuer's line. It is never split from the verification box.
SENTENCE_LINE, DATE_LINE, ISSUER_LINE, SEAL_SIZE = 8.0, 7.0, 12.0, 17.0
SENTENCE_TO_DATE, DATE_TO_ISSUER = 8.0, 10.0
SEAL_OVERHANG = (SEAL_SIZE - ISSUER_LINE) / 2  # the seal is centred on the issuer's line
CLOSING_HEIGHT = SENTENCE_LINE + SENTENCE_TO_DATE + DATE_LINE + DATE_TO_ISSUER + ISSUER_LINE + SEAL_OVERHANG
CLOSING_GAP = 6.0  # at least this much air between the seal and the verification box
# Space above the certifying sentence, when the page has room for it: forms keep it clear of the tables.
CLOSING_AIR = (8.0, 24.0)  # least, most


class CertificatePage(OfficialDocument):
    """The notices' A4 page, with a preview banner worded for a certificate, not a decision, and the
    document number at the head of every continuation page."""

    def __init__(self, doc: CertificateDocument) -> None:
        super().__init__(title=f"{doc.title} ({doc.document_number})", author=doc.issuer, preview=doc.preview)
        # A continuation page handed over on its own must still say which certificate it belongs to.
        self.running_head = f"{doc.title} · 문서번호 {doc.document_number} (계속)"

    def header(self) -> None:
        with self.local_context():
            if self.preview:
                self.set_font(self.sans, "B", 9)
                self.set_text_color(*PREVIEW_RED)
                self.set_xy(MARGIN, 8)
                banner = f"{PREVIEW_TEXT} — 발급 전 미리보기로, 증명서로서 효력이 없습니다."
                self.cell(0, 5, banner, align=Align.C)
            if self.page_no() > 1:
                self.set_font(self.sans, "", 8)
                self.set_text_color(*MUTED)
                self.set_xy(MARGIN, 14)
                self.cell(0, 4, self.running_head, align=Align.L)
        self.set_xy(MARGIN, MARGIN)

    @property
    def box_top(self) -> float:
        """Where the verification box starts: anchored to the foot of the page, whatever precedes it."""
        return self.page_break_trigger - BOX_GAP_BELOW - BOX_HEIGHT


def render_certificate(doc: CertificateDocument) -> bytes:
    pdf = CertificatePage(doc)
    pdf.set_subject(f"문서확인번호 {doc.verification_code}")
    pdf.add_page()
    _masthead(pdf, doc)
    _holder(pdf, doc)
    if doc.facts:
        _caption(pdf, "증명 내용", keep_with=_rows_height(pdf, [f.value for f in doc.facts]))
        pdf.key_value_table([(f.label, f.value) for f in doc.facts], label_width=LABEL_WIDTH)
        pdf.ln(3)
    if doc.members:
        _members(pdf, doc.members)
    _purpose(pdf, doc)
    _closing(pdf, doc)
    _verification(pdf, doc)
    return bytes(pdf.output())


def long_date(d: date) -> str:
    """The date under the certifying sentence: 2026년 11월 25일."""
    return f"{d.year}년 {d.month}월 {d.day}일"


def _masthead(pdf: CertificatePage, doc: CertificateDocument) -> None:
    half = pdf.content_width / 2
    pdf.set_font(pdf.sans, "", 9)
    pdf.cell(half, 5, f"문서번호  {doc.document_number}", align=Align.L)
    pdf.cell(half, 5, f"발급일  {format_date(doc.issued_on)}", align=Align.R)
    pdf.ln(7)
    pdf.rule(width=0.6, gap=0.9)
    pdf.ln(7)
    _spaced_title(pdf, doc.title)
    pdf.ln(7)


def _spaced_title(pdf: CertificatePage, title: str) -> None:
    """The title centred with wide letter spacing, as printed forms do ("수 급 자 증 명 서").

    The spacing is the text's character spacing (Tc), not inserted blanks, so that the title still
    reads and searches as "수급자 증명서" in the PDF's text.
    """
    size, spacing = 24.0, 10.0  # pt; the spacing is about 0.4 em, as on printed forms
    with pdf.local_context():
        pdf.set_font(pdf.serif, "B", size)
        pdf.set_char_spacing(spacing)
        # get_string_width counts the spacing after every character, the last one included: leave
        # that one out when centring, or the title sits half a gap left of centre.
        width = pdf.get_string_width(title) - spacing / pdf.k
        pdf.set_x((pdf.w - width) / 2)
        pdf.cell(width, 12, title, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_char_spacing(0)


def _caption(pdf: CertificatePage, text: str, *, keep_with: float) -> None:
    """Small bold heading above a table; moves to a new page with the table if they do not fit."""
    pdf.keep_together(7 + keep_with)
    pdf.set_font(pdf.sans, "B", 10.5)
    pdf.cell(0, 7, f"■ {text}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _rows_height(pdf: CertificatePage, values: Sequence[str]) -> float:
    pdf.set_font(pdf.sans, "", 10)
    width = pdf.content_width - LABEL_WIDTH - 2 * ROW_PAD[1]
    lines = sum(pdf.lines_needed(value, width) for value in values)
    return lines * ROW_LINE + len(values) * 2 * ROW_PAD[0]


def _holder(pdf: CertificatePage, doc: CertificateDocument) -> None:
    _caption(pdf, "대상자", keep_with=30)
    label = pdf.label_style()
    value_width = (pdf.content_width - 2 * LABEL_WIDTH) / 2
    pdf.set_font(pdf.sans, "", 10)
    with pdf.table(
        col_widths=(LABEL_WIDTH, value_width, LABEL_WIDTH, value_width),
        width=pdf.content_width,
        first_row_as_headings=False,
        text_align=Align.C,
        v_align=VAlign.M,
        line_height=ROW_LINE,
        padding=ROW_PAD,
        borders_layout=TableBordersLayout.ALL,
        outer_border_width=0.45,
    ) as table:
        first = table.row()
        first.cell("성명", style=label)
        if doc.holder_rrn is None:
            first.cell(doc.holder_name, colspan=3)
        else:
            first.cell(doc.holder_name)
            first.cell("주민등록번호", style=label)
            first.cell(doc.holder_rrn)
        if doc.holder_address is not None:
            second = table.row()
            second.cell("주소", style=label)
            second.cell(doc.holder_address, colspan=3, align=Align.L)
    pdf.ln(5)


def _members(pdf: CertificatePage, members: Sequence[MemberLine]) -> None:
    with_birth = any(m.birth_date is not None for m in members)
    headings = ["관계", "성명", "주민등록번호"]
    rest = pdf.content_width - 2 * LABEL_WIDTH
    widths = [LABEL_WIDTH, LABEL_WIDTH, rest]
    if with_birth:
        headings.append("생년월일")
        widths[2:] = [rest / 2, rest / 2]
    # Keep the caption with the heading row and the first two members.
    _caption(pdf, f"가구원 ({len(members)}명)", keep_with=3 * (ROW_LINE + 2 * 1.3))
    heading_style = FontFace(family=pdf.sans, emphasis="B", fill_color=LABEL_FILL)
    pdf.set_font(pdf.sans, "", 10)
    with pdf.table(
        col_widths=tuple(widths),
        width=pdf.content_width,
        headings_style=heading_style,
        text_align=Align.C,
        v_align=VAlign.M,
        line_height=ROW_LINE,
        padding=(1.3, 2.5),
        borders_layout=TableBordersLayout.ALL,
        outer_border_width=0.45,
        repeat_headings=1,  # a long household flows onto the next page under its column names
    ) as table:
        head = table.row()
        for text in headings:
            head.cell(text)
        for member in members:
            row = table.row()
            row.cell(member.relation)
            row.cell(member.name)
            row.cell(member.rrn_masked)
            if with_birth:
                row.cell(format_date(member.birth_date) if member.birth_date else "-")
    pdf.ln(2)


def _purpose(pdf: CertificatePage, doc: CertificateDocument) -> None:
    pdf.keep_together(9)
    pdf.ln(3)
    y = pdf.get_y()
    pdf.set_font(pdf.serif, "", 11)
    pdf.cell(0, 6, f"용도: {doc.purpose}", align=Align.L)
    if doc.channel_note:
        with pdf.local_context(text_color=MUTED):
            pdf.set_font(pdf.sans, "", 9)
            pdf.set_xy(pdf.l_margin, y)
            pdf.cell(0, 6, doc.channel_note, align=Align.R)
    pdf.set_xy(pdf.l_margin, y + 6)


def _closing(pdf: CertificatePage, doc: CertificateDocument) -> None:
    """Certifying sentence, date, issuer and seal: on the same page as the verification box below."""
    if pdf.get_y() + CLOSING_AIR[0] + CLOSING_HEIGHT + CLOSING_GAP > pdf.box_top:
        pdf.add_page()
    else:
        # Share out the page's spare room so that a short certificate does not bunch up at the top.
        spare = pdf.box_top - CLOSING_GAP - CLOSING_HEIGHT - pdf.get_y()
        pdf.ln(min(max(spare / 2, CLOSING_AIR[0]), CLOSING_AIR[1]))
    pdf.set_font(pdf.serif, "", 14)
    pdf.cell(0, SENTENCE_LINE, CERTIFYING_SENTENCE, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(SENTENCE_TO_DATE)
    pdf.set_font(pdf.serif, "", 12)
    pdf.cell(0, DATE_LINE, long_date(doc.issued_on), align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(DATE_TO_ISSUER)
    _issuer_with_seal(pdf, doc.issuer)


def _issuer_with_seal(pdf: CertificatePage, issuer: str) -> None:
    """Issuer name large and centred, and beside it an empty square where the seal is stamped or
    printed by the issuing system: the PDF draws no seal image of its own."""
    line_h = ISSUER_LINE
    pdf.set_font(pdf.serif, "B", 21)
    name_w = pdf.get_string_width(issuer)
    y = pdf.get_y()
    pdf.set_x((pdf.w - name_w) / 2)
    pdf.cell(name_w, line_h, issuer, align=Align.C)

    seal = SEAL_SIZE
    seal_x = (pdf.w + name_w) / 2 + 4
    seal_y = y - SEAL_OVERHANG
    with pdf.local_context(draw_color=SEAL_RED, text_color=SEAL_RED, line_width=0.5):
        pdf.rect(seal_x, seal_y, seal, seal)
        pdf.set_font(pdf.serif, "", 9)
        pdf.set_xy(seal_x, seal_y + (seal - 5) / 2)
        pdf.cell(seal, 5, "(직인)", align=Align.C)
    pdf.set_xy(pdf.l_margin, y + line_h)


def _verification(pdf: CertificatePage, doc: CertificateDocument) -> None:
    """QR code and 문서확인번호 in a box at the foot of the page, the legal basis under it."""
    x, y = pdf.l_margin, pdf.box_top
    assert pdf.get_y() <= y, "the closing block must leave room for the verification box"
    with pdf.local_context(line_width=0.3):
        pdf.rect(x, y, pdf.content_width, BOX_HEIGHT)
    draw_qr(pdf, x + BOX_PAD, y + BOX_PAD, QR_SIZE, doc.verification_url)

    # Text starts past the QR's quiet zone, so that no glyph is read as part of the symbol.
    text_x = x + BOX_PAD + QR_SIZE + max(BOX_PAD, quiet_zone_mm(QR_SIZE, doc.verification_url)) + 2
    text_w = pdf.l_margin + pdf.content_width - 3 - text_x
    pdf.set_xy(text_x, y + 2.5)
    pdf.set_font(pdf.sans, "", 9)
    pdf.cell(text_w, 5, f"문서번호  {doc.document_number}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(pdf.sans, "B", 11)
    pdf.cell(text_w, 6.5, f"문서확인번호  {doc.verification_code}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    _url_line(pdf, f"진위확인: {doc.verification_url}", text_w)
    pdf.set_xy(text_x, pdf.get_y() + 1)  # not ln(): that would return to the left margin, over the QR
    pdf.set_font(pdf.serif, "", 8.5)
    pdf.multi_cell(text_w, 4.3, VERIFY_SENTENCE, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)

    # The legal basis goes right down to the bottom margin, so page breaks are off while it is drawn.
    pdf.set_auto_page_break(False)
    with pdf.local_context(text_color=MUTED):
        pdf.set_font(pdf.sans, "", 8)
        pdf.set_xy(pdf.l_margin, y + BOX_HEIGHT + 1.5)
        pdf.cell(0, LEGAL_LINE, doc.legal_basis, align=Align.L)
    pdf.set_auto_page_break(True, margin=MARGIN)


def _url_line(pdf: CertificatePage, text: str, width: float) -> None:
    """The URL on one line if it fits down to 6.5 pt, since a wrapped URL is hard to type in."""
    size = 8.5
    pdf.set_font(pdf.sans, "", size)
    while size > 6.5 and pdf.get_string_width(text) > width:
        size -= 0.5
        pdf.set_font(pdf.sans, "", size)
    pdf.multi_cell(width, 4.5, text, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
