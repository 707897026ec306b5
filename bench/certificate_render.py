"""Benchmark: rendering a 증명서 PDF against fpdf2 writing the same text with no layout at all.

- certificate: `render_certificate` — the notices' page chrome, bordered tables, the spaced title,
  the seal box, the verification box and the vector QR code (one rectangle per run of dark modules),
  with the Nanum faces parsed once per process (api/notices/font_cache.py);
- baseline: a bare `FPDF` with the same four Nanum faces, one page, and the same strings in the same
  faces and sizes as plain `cell` calls — no tables, no QR, no header or footer — loading the font
  files itself, as fpdf2 does on its own.

Both include serialising the PDF and subsetting the fonts. The baseline also pays what fpdf2 pays on
every document, parsing four 4 MB font files; ours pays it once per process. The two alternate, one of
each per iteration after a warm-up, so that both see the same machine conditions; each iteration
gets its own document number and verification code, hence its own QR symbol.

    .venv/bin/python bench/certificate_render.py            # 300 of each
    .venv/bin/python bench/certificate_render.py -n 50      # quick look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fpdf import FPDF  # noqa: E402  (after the path set-up, so it runs without an install)

from api.certificates import (  # noqa: E402
    CertificateDocument,
    CertificateLine,
    MemberLine,
    render_certificate,
)
from api.certificates.pdf import CERTIFYING_SENTENCE, VERIFY_SENTENCE, long_date  # noqa: E402
from api.notices.fonts import FontStyle, find_faces  # noqa: E402
from api.notices.layout import format_date  # noqa: E402

RESULTS = ROOT / "bench" / "results"

SAMPLE = CertificateDocument(
    title="수급자 증명서",
    legal_basis="「국민기초생활 보장법 시행규칙」 제40조 (별지 제3호서식)",
    document_number="2026-11110-00000000",
    verification_code="7K3M-9QXT-2HZP-4W8C",
    verification_url="https://ieum.example.go.kr/verify",  # replaced per iteration (nth_document)
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

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def nth_document(i: int) -> CertificateDocument:
    number = f"2026-11110-{i:08d}"
    digits = [CODE_ALPHABET[(i * 7919 + k * 104729) % len(CODE_ALPHABET)] for k in range(16)]
    code = "-".join("".join(digits[k : k + 4]) for k in range(0, 16, 4))
    return replace(
        SAMPLE,
        document_number=number,
        verification_code=code,
        verification_url=f"https://ieum.example.go.kr/verify?number={number}&code={code}",
    )


# (serif?, bold?, size pt, text): what render_certificate prints, in the face and size it uses.
Run = tuple[bool, bool, float, str]


def printed_text(doc: CertificateDocument) -> list[Run]:
    runs: list[Run] = [
        (False, False, 9, f"문서번호  {doc.document_number}"),
        (False, False, 9, f"발급일  {format_date(doc.issued_on)}"),
        (True, True, 24, doc.title),
        (False, True, 10.5, "■ 대상자"),
        (False, True, 10, "성명"),
        (False, False, 10, doc.holder_name),
        (False, True, 10, "주민등록번호"),
        (False, False, 10, doc.holder_rrn or ""),
    ]
    if doc.holder_address is not None:
        runs += [(False, True, 10, "주소"), (False, False, 10, doc.holder_address)]
    runs.append((False, True, 10.5, "■ 증명 내용"))
    for fact in doc.facts:
        runs += [(False, True, 10, fact.label), (False, False, 10, fact.value)]
    if doc.members:
        runs.append((False, True, 10.5, f"■ 가구원 ({len(doc.members)}명)"))
        runs += [(False, True, 10, heading) for heading in ("관계", "성명", "주민등록번호")]
        for member in doc.members:
            runs += [(False, False, 10, text) for text in (member.relation, member.name, member.rrn_masked)]
    runs += [
        (True, False, 11, f"용도: {doc.purpose}"),
        (False, False, 9, doc.channel_note or ""),
        (True, False, 14, CERTIFYING_SENTENCE),
        (True, False, 12, long_date(doc.issued_on)),
        (True, True, 21, doc.issuer),
        (True, False, 9, "(직인)"),
        (False, False, 9, f"문서번호  {doc.document_number}"),
        (False, True, 11, f"문서확인번호  {doc.verification_code}"),
        (False, False, 7, f"진위확인: {doc.verification_url}"),
        (True, False, 8.5, VERIFY_SENTENCE),  # one cell: the baseline does not wrap
        (False, False, 8, doc.legal_basis),
        (False, False, 8, "- 1 / 1 -"),
    ]
    return runs


def render_baseline(doc: CertificateDocument) -> bytes:
    """fpdf2 alone: the same fonts and strings, one `cell` per string, top to bottom."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    families: dict[FontStyle, str] = {}
    for style in (FontStyle.SERIF, FontStyle.SANS):
        faces = find_faces(style)
        pdf.add_font(faces.family, "", faces.regular)
        pdf.add_font(faces.family, "B", faces.bold)
        families[style] = faces.family
    pdf.add_page()
    for serif, bold, size, text in printed_text(doc):
        pdf.set_font(families[FontStyle.SERIF if serif else FontStyle.SANS], "B" if bold else "", size)
        pdf.cell(0, size * 0.45, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def measure(kinds: dict[str, Callable[[CertificateDocument], bytes]], n: int, warmup: int) -> dict[str, Any]:
    for i in range(warmup):
        for render in kinds.values():
            render(nth_document(i))
    times: dict[str, list[float]] = {name: [] for name in kinds}
    sizes: dict[str, int] = {}
    for i in range(n):
        doc = nth_document(warmup + i)
        for name, render in kinds.items():
            started = time.perf_counter()
            output = render(doc)
            times[name].append((time.perf_counter() - started) * 1000)
            sizes[name] = len(output)
    return {
        name: {
            "p50_ms": statistics.median(samples),
            "p95_ms": statistics.quantiles(samples, n=20)[18],
            "mean_ms": statistics.fmean(samples),
            "renders": len(samples),
            "pdf_bytes": sizes[name],
        }
        for name, samples in times.items()
    }


def _table(summaries: dict[str, dict[str, Any]]) -> str:
    base = summaries["baseline"]
    lines = [
        f"{'render':<12} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}   {'× p50':>6} {'× p95':>6} {'× mean':>6}"
        f" {'PDF KiB':>8}"
    ]
    for name, s in summaries.items():
        lines.append(
            f"{name:<12} {s['p50_ms']:>8.2f} {s['p95_ms']:>8.2f} {s['mean_ms']:>8.2f}   "
            f"{s['p50_ms'] / base['p50_ms']:>6.2f} {s['p95_ms'] / base['p95_ms']:>6.2f} "
            f"{s['mean_ms'] / base['mean_ms']:>6.2f} {s['pdf_bytes'] / 1024:>8.1f}"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    print(f"{args.n} certificates and {args.n} baseline pages, alternating, after {args.warmup} of each …")
    summaries = measure({"certificate": render_certificate, "baseline": render_baseline}, args.n, args.warmup)
    print()
    print(_table(summaries))
    ratio = summaries["certificate"]["mean_ms"] / summaries["baseline"]["mean_ms"]
    print(
        f"our page (layout, QR, faces parsed once per process) takes {ratio:.2f}× the time of fpdf2 "
        "writing the same text with the fonts it loads itself (mean)"
    )

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "benchmark": "certificate_render",
        "at": stamp,
        "config": {"n": args.n, "warmup": args.warmup},
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "ratio_p50": summaries["certificate"]["p50_ms"] / summaries["baseline"]["p50_ms"],
        "ratio_mean": summaries["certificate"]["mean_ms"] / summaries["baseline"]["mean_ms"],
        "summaries": summaries,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"certificate_render-{stamp}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("-n", type=int, default=300, help="renders of each kind (300)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed renders of each kind first (10)")
    args = parser.parse_args()
    if args.n < 2 or args.warmup < 0:
        parser.error("-n must be at least 2 and --warmup not negative")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
