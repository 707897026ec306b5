"""결정통지서 PDF: lays out a `DecisionNotice` as an A4 Korean administrative notice."""

from __future__ import annotations

from fpdf.enums import Align, TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace

from api.notices.layout import (
    LABEL_FILL,
    SEAL_RED,
    OfficialDocument,
    format_date,
    format_won,
)
from api.notices.model import DecisionNotice, ProgramNotice

TITLE = "보장결정 통지서"
# Height of the issuer block (date, name with seal, contact table): never split across pages.
_CLOSING_HEIGHT = 58.0


def render_decision_notice(notice: DecisionNotice) -> bytes:
    pdf = OfficialDocument(
        title=f"{TITLE} ({notice.document_number})", author=notice.issuer, preview=notice.preview
    )
    pdf.add_page()
    _masthead(pdf, notice)
    _recipient(pdf, notice)
    pdf.ln(4)
    pdf.paragraph(
        f"귀하의 신청(신청일: {format_date(notice.applied_on)})에 대하여 "
        "다음과 같이 결정하였음을 알려드립니다."
    )
    for number, program in enumerate(notice.programs, start=1):
        _program(pdf, number, program)
    _appeal(pdf, notice)
    _closing(pdf, notice)
    return bytes(pdf.output())


def _masthead(pdf: OfficialDocument, notice: DecisionNotice) -> None:
    half = pdf.content_width / 2
    pdf.set_font(pdf.sans, "", 9)
    pdf.cell(half, 5, f"문서번호  {notice.document_number}", align=Align.L)
    pdf.cell(half, 5, f"통지일  {format_date(notice.decided_on)}", align=Align.R)
    pdf.ln(7)
    pdf.rule(width=0.6, gap=0.9)
    pdf.ln(7)
    pdf.set_font(pdf.serif, "B", 24)
    pdf.cell(0, 12, TITLE, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)
    pdf.rule(width=0.2)
    pdf.ln(6)


def _recipient(pdf: OfficialDocument, notice: DecisionNotice) -> None:
    label = pdf.label_style()
    pdf.set_font(pdf.sans, "", 10)
    side = 20.0
    with pdf.table(
        col_widths=(side, 24, 50, 28, pdf.content_width - side - 24 - 50 - 28),
        width=pdf.content_width,
        first_row_as_headings=False,
        text_align=Align.C,
        v_align=VAlign.M,
        line_height=5.6,
        padding=(1.8, 2.5),
        borders_layout=TableBordersLayout.ALL,
        outer_border_width=0.45,
    ) as table:
        first = table.row()
        first.cell("수신자", style=label, rowspan=2)
        first.cell("성명", style=label)
        first.cell(notice.recipient_name)
        first.cell("주민등록번호", style=label)
        first.cell(notice.rrn_masked)
        second = table.row()
        second.cell("주소", style=label)
        second.cell(notice.recipient_address, colspan=3, align=Align.L)


def _program(pdf: OfficialDocument, number: int, program: ProgramNotice) -> None:
    amount = format_won(program.monthly_amount) if program.monthly_amount is not None else "-"
    start = format_date(program.start_date) if program.start_date is not None else "-"
    reasons = "\n".join(f"· {reason}" for reason in program.reasons) if program.reasons else "-"
    rows = [
        ("급여 종류", program.program_label),
        ("결정 내용", program.outcome_label),
        ("월 급여액", amount),
        ("급여 개시일", start),
        ("사유", reasons),
    ]
    # The decision table reads as one statement: never split it from its heading or across pages.
    pdf.heading(f"{number}. {program.program_label}", keep_with=pdf.key_value_height(rows) + 2)
    pdf.key_value_table(rows, strong=("결정 내용", "월 급여액"))
    if program.basis:
        pdf.keep_together(22)
        pdf.ln(1)
        pdf.set_font(pdf.sans, "B", 10)
        pdf.cell(0, 6, "산정 근거", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.list_table(
            ("항목", "내용"),
            [(line.label, line.value) for line in program.basis],
            label_width=pdf.content_width * 0.55,
        )


def _appeal(pdf: OfficialDocument, notice: DecisionNotice) -> None:
    appeals = [(p.program_label, p.appeal) for p in notice.programs if p.appeal.strip()]
    if not appeals:
        return
    pdf.keep_together(40)
    pdf.ln(6)
    box_title = FontFace(family=pdf.sans, emphasis="B", size_pt=11, fill_color=LABEL_FILL)
    label = FontFace(family=pdf.sans, emphasis="B")
    pdf.set_font(pdf.serif, "", 10)
    with pdf.table(
        col_widths=(28, pdf.content_width - 28),
        width=pdf.content_width,
        headings_style=box_title,
        text_align=(Align.C, Align.L),
        v_align=VAlign.M,
        line_height=5.8,
        padding=(2.2, 3),
        borders_layout=TableBordersLayout.ALL,
        outer_border_width=0.6,
        repeat_headings=1,
    ) as table:
        table.row().cell("이의신청 안내", colspan=2, align=Align.C)
        for program_label, appeal in appeals:
            row = table.row()
            row.cell(program_label, style=label)
            row.cell(appeal)


def _closing(pdf: OfficialDocument, notice: DecisionNotice) -> None:
    pdf.keep_together(_CLOSING_HEIGHT)
    pdf.ln(12)
    pdf.set_font(pdf.serif, "", 12)
    pdf.cell(0, 7, format_date(notice.decided_on), align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    _issuer_with_seal(pdf, notice.issuer)
    pdf.ln(10)
    label = pdf.label_style()
    pdf.set_font(pdf.sans, "", 9.5)
    with pdf.table(
        col_widths=(24, 61, 24, 61),
        width=pdf.content_width,
        first_row_as_headings=False,
        text_align=Align.C,
        line_height=5.2,
        padding=(1.4, 2),
        borders_layout=TableBordersLayout.ALL,
    ) as table:
        row = table.row()
        row.cell("담당 부서", style=label)
        row.cell(notice.department)
        row.cell("연락처", style=label)
        row.cell(notice.contact)


def _issuer_with_seal(pdf: OfficialDocument, issuer: str) -> None:
    """Issuer name large and centred, with a red square standing in for the official seal."""
    line_h = 12.0
    pdf.set_font(pdf.serif, "B", 21)
    name_w = pdf.get_string_width(issuer)
    y = pdf.get_y()
    pdf.set_x((pdf.w - name_w) / 2)
    pdf.cell(name_w, line_h, issuer, align=Align.C)

    seal = 17.0
    seal_x = (pdf.w + name_w) / 2 + 4
    seal_y = y + (line_h - seal) / 2
    with pdf.local_context(draw_color=SEAL_RED, text_color=SEAL_RED, line_width=0.6):
        pdf.rect(seal_x, seal_y, seal, seal)
        pdf.set_font(pdf.serif, "", 8.5)
        pdf.set_xy(seal_x, seal_y + 3.9)
        pdf.multi_cell(seal, 5.2, "(직인\n생략)", align=Align.C)
    pdf.set_xy(pdf.l_margin, y + line_h)
