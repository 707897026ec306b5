"""증명서 PDF: every certified item reaches the page as text, nothing more identifying than the caller
gave, the verification QR decodes to the exact URL, and a long household flows onto a second page."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from api.certificates import CertificateDocument, CertificateLine, MemberLine, render_certificate
from api.certificates.qr import qr_modules

URL = "https://ieum.example.go.kr/verify?number=2026-11110-00000123&code=7K3M-9QXT-2HZP-4W8C"
FULL_RRN = re.compile(r"\d{6}-\d{7}")

FACTS = (
    CertificateLine("수급(보장) 구분", "생계급여 · 의료급여(1종) · 주거급여"),
    CertificateLine("책정일", "2026. 3. 5."),
)
MEMBERS = (
    MemberLine("본인", "홍길동", "600101-1******"),
    MemberLine("배우자", "김영희", "620505-2******"),
)


def _doc(**changes: object) -> CertificateDocument:
    doc = CertificateDocument(
        title="수급자 증명서",
        legal_basis="국민기초생활보장법 시행규칙 제40조 (별지 제3호서식)",
        document_number="2026-11110-00000123",
        verification_code="7K3M-9QXT-2HZP-4W8C",
        verification_url=URL,
        holder_name="홍길동",
        holder_rrn="600101-1******",
        holder_address="서울특별시 종로구 자하문로 1",
        facts=FACTS,
        members=MEMBERS,
        purpose="금융기관 제출용",
        issued_on=date(2026, 11, 25),
        issuer="서울특별시 종로구청장",
        channel_note="인터넷 발급(복지로)",
    )
    return replace(doc, **changes)  # type: ignore[arg-type]


def _read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_certificate(_doc())


def test_certificate_carries_every_item(sample_pdf: bytes) -> None:
    assert sample_pdf.startswith(b"%PDF-")
    reader, text = _read(sample_pdf)
    assert len(reader.pages) == 1
    for expected in (
        "수급자 증명서",
        "2026-11110-00000123",
        "발급일",
        "2026. 11. 25.",
        "홍길동",
        "600101-1******",
        "서울특별시 종로구 자하문로 1",
        "용도: 금융기관 제출용",
        "인터넷 발급(복지로)",
        "위의 사실을 증명합니다",
        "2026년 11월 25일",
        "서울특별시 종로구청장",
        "직인",
        "국민기초생활보장법 시행규칙 제40조",
        "문서확인번호",
        "7K3M-9QXT-2HZP-4W8C",
        f"진위확인: {URL}",
        "누구나",
    ):
        assert expected in text, expected
    for fact in FACTS:
        assert fact.label in text, fact.label
        assert fact.value in text, fact.value
    for member in MEMBERS:
        assert member.name in text, member.name
        assert member.rrn_masked in text, member.rrn_masked
    assert "관계" in text


def test_masked_numbers_stay_masked(sample_pdf: bytes) -> None:
    _, text = _read(sample_pdf)
    assert not FULL_RRN.search(text)


def test_only_the_items_given_are_printed() -> None:
    _, text = _read(render_certificate(_doc(members=(), holder_address=None, channel_note=None)))
    assert "가구원" not in text
    assert "관계" not in text
    assert "김영희" not in text
    assert not re.search(r"^주소 ", text, re.MULTILINE)  # the label row (the word also occurs below)
    assert "자하문로" not in text
    assert "인터넷 발급" not in text
    assert "홍길동" in text


def test_a_member_number_cannot_be_unmasked() -> None:
    with pytest.raises(ValueError, match="masked"):
        MemberLine("자녀", "홍하늘", "150303-3123456")


def test_member_birth_dates_add_a_column() -> None:
    members = (replace(MEMBERS[0], birth_date=date(1960, 1, 1)), MEMBERS[1])
    _, text = _read(render_certificate(_doc(members=members)))
    assert "생년월일" in text
    assert "1960. 1. 1." in text


def test_korean_font_is_embedded(sample_pdf: bytes) -> None:
    reader, _ = _read(sample_pdf)
    embedded = []
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        assert isinstance(font, DictionaryObject)
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        if "/FontFile2" in descriptor:
            embedded.append(str(font["/BaseFont"]))
    assert any(re.fullmatch(r"/[A-Z]{6}\+Nanum\w+", name) for name in embedded), embedded


def test_preview_is_marked(sample_pdf: bytes) -> None:
    _, text = _read(render_certificate(_doc(preview=True)))
    assert "미리보기" in text
    assert "효력 없음" in text
    _, final_text = _read(sample_pdf)
    assert "미리보기" not in final_text


def test_thirty_members_flow_to_a_second_page_with_verification_last() -> None:
    members = tuple(MemberLine("자녀", f"홍가{i:02d}", f"1{i:05d}-3******") for i in range(30))
    reader, _ = _read(render_certificate(_doc(members=members)))
    assert len(reader.pages) == 2
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    for member in members:
        assert member.name in text, member.name
    # The second page names its certificate, and repeats the column names above the rest of the table.
    assert "수급자 증명서 · 문서번호 2026-11110-00000123 (계속)" in pages[1]
    assert "주민등록번호" in pages[1]
    for closing in ("위의 사실을 증명합니다", "서울특별시 종로구청장", "7K3M-9QXT-2HZP-4W8C", URL):
        assert closing in pages[1], closing
        assert closing not in pages[0], closing


def test_qr_matrix_is_segnos_level_m_symbol() -> None:
    symbol = segno.make_qr(URL, error="m", boost_error=False)
    assert symbol.error == "M"
    assert qr_modules(URL) == [[bool(module) for module in row] for row in symbol.matrix]
    # Version 6: 41 modules, which keep 0.6 mm each at the printed 25 mm.
    assert len(qr_modules(URL)) == 41


def test_qr_is_vector_not_an_image(sample_pdf: bytes) -> None:
    reader, _ = _read(sample_pdf)
    resources = reader.pages[0]["/Resources"]
    assert "/XObject" not in resources or not resources["/XObject"]


# scripts/test.sh installs both, so in CI this never skips; a bare `pytest` elsewhere may lack them.
@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")) and not os.environ.get("CI"),
    reason="needs pdftoppm (poppler-utils) and zbarimg (zbar-tools): scripts/install-browser.sh",
)
@pytest.mark.parametrize("dpi", [150, 300])
def test_printed_qr_decodes_to_the_verification_url(sample_pdf: bytes, tmp_path: Path, dpi: int) -> None:
    pdf_path = tmp_path / "certificate.pdf"
    pdf_path.write_bytes(sample_pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf_path), str(tmp_path / "page")],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(tmp_path / "page.png")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert decoded.strip().splitlines() == [URL]
