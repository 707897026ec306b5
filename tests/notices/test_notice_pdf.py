"""결정통지서 PDF: content reaches the page as text, Korean fonts are embedded, long lists paginate."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from api.notices import DecisionNotice, NoticeLine, ProgramNotice, render_decision_notice
from api.notices.fonts import FONT_DIR_ENV, INSTALL_SCRIPT, FontsMissingError, FontStyle, find_faces

APPEAL_LIVELIHOOD = (
    "이 처분에 이의가 있는 경우 결정 통지를 받은 날부터 90일 이내에 서면 또는 구두로 종로구청 "
    "복지정책과에 이의신청할 수 있습니다(「국민기초생활 보장법」 제38조). 이의신청과 별도로 "
    "「행정심판법」에 따른 행정심판 또는 「행정소송법」에 따른 행정소송을 제기할 수 있습니다."
)

LIVELIHOOD = ProgramNotice(
    program_label="생계급여",
    outcome_label="선정(지급)",
    approved=True,
    monthly_amount=512_340,
    start_date=date(2026, 3, 5),
    reasons=(
        "소득인정액이 생계급여 선정기준(기준 중위소득의 32%) 이하로 확인되어 선정되었습니다.",
        "주거급여와 중복하여 지원되며, 부양의무자 기준은 적용되지 않습니다.",
    ),
    basis=(
        NoticeLine("가구원 수", "2인"),
        NoticeLine("생계급여 선정기준액", "1,253,172원"),
        NoticeLine("소득평가액", "312,000원"),
        NoticeLine("재산의 소득환산액", "428,832원"),
        NoticeLine("소득인정액", "740,832원"),
        NoticeLine("월 급여액 (선정기준액 − 소득인정액)", "512,340원"),
    ),
    appeal=APPEAL_LIVELIHOOD,
)

BASIC_PENSION_REJECTED = ProgramNotice(
    program_label="기초연금",
    outcome_label="부적합(기각)",
    approved=False,
    monthly_amount=None,
    start_date=None,
    reasons=("소득인정액(2,480,000원)이 선정기준액(2,280,000원)을 초과합니다.",),
    basis=(NoticeLine("선정기준액 (단독가구)", "2,280,000원"), NoticeLine("소득인정액", "2,480,000원")),
    appeal=(
        "결정 통지를 받은 날부터 90일 이내에 관할 주민센터에 이의신청할 수 있습니다(「기초연금법」 제22조)."
    ),
)


def _notice(*programs: ProgramNotice, preview: bool = False) -> DecisionNotice:
    return DecisionNotice(
        document_number="종로구-2026-결정-000123",
        issuer="서울특별시 종로구청장",
        department="복지정책과 통합조사팀",
        contact="02-2148-0000",
        recipient_name="홍길동",
        recipient_address="서울특별시 종로구 자하문로 123, 4층 401호 (청운동, 청운빌라)",
        rrn_masked="580302-1******",
        applied_on=date(2026, 2, 20),
        decided_on=date(2026, 3, 10),
        programs=programs,
        preview=preview,
    )


def _read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def approved_pdf() -> bytes:
    return render_decision_notice(_notice(LIVELIHOOD))


@pytest.fixture(scope="module")
def rejected_pdf() -> bytes:
    return render_decision_notice(_notice(BASIC_PENSION_REJECTED))


def test_approved_notice_carries_the_decision(approved_pdf: bytes) -> None:
    assert approved_pdf.startswith(b"%PDF-")
    _, text = _read(approved_pdf)
    for expected in (
        "보장결정 통지서",
        "종로구-2026-결정-000123",
        "홍길동",
        "580302-1******",
        "신청일: 2026. 2. 20.",
        "결정하였음을 알려드립니다",
        "생계급여",
        "선정(지급)",
        "512,340원",
        "2026. 3. 5.",
        "산정 근거",
        "1,253,172원",
        "이의신청",
        "90일",
        "서울특별시 종로구청장",
        "직인",
        "복지정책과 통합조사팀",
        "02-2148-0000",
    ):
        assert expected in text, expected
    # U+2212 is missing from Nanum: it must print as a hyphen, not as a blank or a tofu box.
    assert "선정기준액 - 소득인정액" in text


def test_rejected_notice_shows_reason_and_no_amount(rejected_pdf: bytes) -> None:
    _, text = _read(rejected_pdf)
    for expected in (
        "보장결정 통지서",
        "홍길동",
        "기초연금",
        "부적합(기각)",
        "초과합니다",
        "이의신청",
        "90일",
    ):
        assert expected in text, expected
    assert "서울특별시 종로구청장" in text
    assert "원" not in text.split("월 급여액", 1)[1].split("급여 개시일", 1)[0]


def test_no_full_resident_number_is_printed(approved_pdf: bytes, rejected_pdf: bytes) -> None:
    for pdf in (approved_pdf, rejected_pdf):
        _, text = _read(pdf)
        assert "580302-1******" in text
        assert not re.search(r"\d{6}-\d{7}", text)


def test_unmasked_resident_number_is_refused() -> None:
    with pytest.raises(ValueError, match="masked"):
        replace(_notice(LIVELIHOOD), rrn_masked="580302-1234567")


def test_korean_font_is_embedded_as_a_subset(approved_pdf: bytes) -> None:
    reader, _ = _read(approved_pdf)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        assert isinstance(font, DictionaryObject)
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        if "/FontFile2" in descriptor:
            embedded.append(str(font["/BaseFont"]))
    assert embedded, "no TrueType font program embedded"
    assert any(re.fullmatch(r"/[A-Z]{6}\+Nanum\w+", name) for name in embedded), embedded


def test_forty_basis_lines_flow_onto_further_pages() -> None:
    lines = tuple(NoticeLine(f"산정항목{i:02d} 공제 내역", f"{i * 1000:,}원") for i in range(1, 41))
    reader, text = _read(render_decision_notice(_notice(replace(LIVELIHOOD, basis=lines))))
    assert len(reader.pages) >= 2
    for line in lines:
        assert line.label in text, line.label
        assert line.value in text, line.value
    # The closing block is never cut off by the long table.
    assert "서울특별시 종로구청장" in reader.pages[-1].extract_text()


def test_several_programs_each_get_their_appeal_text() -> None:
    _, text = _read(render_decision_notice(_notice(LIVELIHOOD, BASIC_PENSION_REJECTED)))
    assert "1. 생계급여" in text
    assert "2. 기초연금" in text
    assert "국민기초생활 보장법" in text
    assert "기초연금법" in text


def test_preview_is_marked(approved_pdf: bytes) -> None:
    _, text = _read(render_decision_notice(_notice(LIVELIHOOD, preview=True)))
    assert "미리보기" in text
    assert "효력 없음" in text
    _, final_text = _read(approved_pdf)
    assert "미리보기" not in final_text


def test_missing_fonts_name_the_install_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FONT_DIR_ENV, str(tmp_path))
    with pytest.raises(FontsMissingError, match=re.escape(INSTALL_SCRIPT)):
        find_faces(FontStyle.SANS)
    with pytest.raises(FontsMissingError):
        render_decision_notice(_notice(LIVELIHOOD))


def test_font_dir_override_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = find_faces(FontStyle.SERIF)
    for source in (installed.regular, installed.bold):
        (tmp_path / source.name).symlink_to(source)
    monkeypatch.setenv(FONT_DIR_ENV, str(tmp_path))
    faces = find_faces(FontStyle.SERIF)
    assert faces.regular.parent == tmp_path
    assert faces.bold.parent == tmp_path
