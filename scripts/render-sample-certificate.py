"""Renders the sample 수급자 증명서 in docs/certificates/ (PDF, and a 150-dpi PNG for reviewers).

The person is made up. The PNG needs `pdftoppm` (Debian: poppler-utils).

    .venv/bin/python scripts/render-sample-certificate.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.certificates import (  # noqa: E402  (after the path set-up, so it runs without an install)
    CertificateDocument,
    CertificateLine,
    MemberLine,
    render_certificate,
)

OUT = ROOT / "docs" / "certificates"
STEM = "sample-basic-livelihood"

SAMPLE = CertificateDocument(
    title="수급자 증명서",
    legal_basis="「국민기초생활 보장법 시행규칙」 제40조 (별지 제3호서식)",
    document_number="2026-11110-00000123",
    verification_code="7K3M-9QXT-2HZP-4W8C",
    verification_url=(
        "https://ieum.example.go.kr/verify?number=2026-11110-00000123&code=7K3M-9QXT-2HZP-4W8C"
    ),
    holder_name="홍길동",
    holder_rrn="600101-1******",
    holder_address="서울특별시 종로구 자하문로 1",
    facts=(
        CertificateLine("수급(보장) 구분", "생계급여 · 의료급여(1종) · 주거급여"),
        CertificateLine("책정일", "2026. 3. 5."),
    ),
    members=(
        MemberLine("본인", "홍길동", "600101-1******"),
        MemberLine("배우자", "김영희", "620505-2******"),
    ),
    purpose="금융기관 제출용",
    issued_on=date(2026, 11, 25),
    issuer="서울특별시 종로구청장",
    channel_note="인터넷 발급(복지로)",
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pdf_path = OUT / f"{STEM}.pdf"
    pdf_path.write_bytes(render_certificate(SAMPLE))
    print(pdf_path.relative_to(ROOT))
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        sys.exit("pdftoppm not found: install poppler-utils for the PNG")
    subprocess.run(  # noqa: S603  (fixed arguments, no shell)
        [pdftoppm, "-png", "-r", "150", "-singlefile", str(pdf_path), str(OUT / STEM)], check=True
    )
    print((OUT / f"{STEM}.png").relative_to(ROOT))


if __name__ == "__main__":
    main()
