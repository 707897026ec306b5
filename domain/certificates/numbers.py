"""문서번호 and 문서확인번호 of a certificate.

A certificate is verified with its document number and its verification code together (진위확인, as
정부24 does with its 문서확인번호 — research note F.1). The number says which document; the code, drawn
from random bytes, proves the holder saw the real one.

Document number: ``{YYYY}-{sigungu}-{serial:08d}``, e.g. ``2026-11110-00000042``.
- ``YYYY``: the issue year, so numbering restarts yearly and a reader sees the document's age.
- ``sigungu``: the 5-digit 시군구 code (행정표준코드) of the issuing 보장기관. Each 시군구 counts its own
  serials, so no global counter is needed and the numbers partition by 시군구 like the rest of the data.
- ``serial``: 1–99,999,999 within (year, 시군구), zero-padded to a fixed width so numbers sort and read
  alike; far above any 시군구's yearly volume.
The number is not a secret: it is printed in the clear and proves nothing without the code.

Verification code: 16 symbols of Crockford's base32 alphabet (digits and letters without I, L, O, U,
so nothing reads as another symbol), shown as ``XXXX-XXXX-XXXX-XXXX``. The first 15 carry 75 random
bits; the 16th is a check symbol so that a mistyped code is rejected before any lookup.

Check symbol: the 16 symbol values v₀…v₁₅ are read as elements of GF(32) = GF(2)[x]/(x⁵+x²+1), and
the code is valid when Σᵢ vᵢ·α¹⁵⁻ⁱ = 0 with α = x, a primitive element (computed by Horner's rule
s ← α·s ⊕ vᵢ). This is Damm's algorithm with the totally anti-symmetric
quasigroup a∘b = α·a ⊕ b. Because each position's weight α¹⁵⁻ⁱ is non-zero, every single-symbol
substitution changes the sum; because the weights of any two positions differ (α has order 31 > 16),
every transposition of two different symbols — adjacent or not — changes it too. Crockford's own
mod-37 check symbol was not used: it needs five symbols (*~$=U) outside the alphabet, which would
make the check character the one hard-to-read character of the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import InvalidInput

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
# Crockford's decoding aliases: what a reader types for a symbol that looks alike.
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})

CODE_LENGTH = 16
CODE_GROUP = 4
CODE_RANDOM_BYTES = 10  # 80 bits in, the first 75 used (15 symbols × 5 bits)
_PAYLOAD_SYMBOLS = CODE_LENGTH - 1

_GF32_MODULUS = 0b100101  # x⁵ + x² + 1, primitive over GF(2)
_ALPHA = 0b00010  # x

SERIAL_MAX = 99_999_999
_DOCUMENT_NUMBER = re.compile(r"^(\d{4})-(\d{5})-(\d{8})$", re.ASCII)
_SIGUNGU_CODE = re.compile(r"^\d{5}$", re.ASCII)


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    year: int
    sigungu_code: str
    serial: int

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 9999:
            raise InvalidInput("문서번호의 연도는 네 자리여야 합니다.", fields={"document_number": "year"})
        if _SIGUNGU_CODE.match(self.sigungu_code) is None:
            raise InvalidInput(
                "문서번호의 시군구 코드는 다섯 자리 숫자여야 합니다.", fields={"document_number": "sigungu"}
            )
        if not 1 <= self.serial <= SERIAL_MAX:
            raise InvalidInput(
                f"문서번호의 일련번호는 1부터 {SERIAL_MAX:,}까지입니다.", fields={"document_number": "serial"}
            )

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.sigungu_code}-{self.serial:08d}"


def document_number(year: int, sigungu_code: str, serial: int) -> str:
    """The printed 문서번호 from its parts, e.g. ``2026-11110-00000042``."""
    return str(DocumentNumber(year, sigungu_code, serial))


def parse_document_number(raw: str) -> DocumentNumber:
    """Parses a printed 문서번호 (surrounding spaces ignored); InvalidInput when malformed."""
    match = _DOCUMENT_NUMBER.match(raw.strip())
    if match is None:
        raise InvalidInput(
            "문서번호 형식이 올바르지 않습니다 (예: 2026-11110-00000042).",
            fields={"document_number": "format"},
        )
    year, sigungu, serial = match.groups()
    return DocumentNumber(int(year), sigungu, int(serial))


def _gf32_times_alpha(value: int) -> int:
    value <<= 1
    return value ^ _GF32_MODULUS if value & 0b100000 else value


def _syndrome(values: list[int]) -> int:
    """Horner's rule over GF(32): Σ vᵢ·α^(n−1−i). Zero for a valid code."""
    s = 0
    for v in values:
        s = _gf32_times_alpha(s) ^ v
    return s


def check_symbol(payload: str) -> str:
    """The 16th symbol for a 15-symbol payload: the c with α·s ⊕ c = 0, i.e. c = α·s (⊕ is its own
    inverse in characteristic 2)."""
    if len(payload) != _PAYLOAD_SYMBOLS or any(c not in _VALUE for c in payload):
        raise InvalidInput("문서확인번호 본문은 알파벳 안의 15자리여야 합니다.", fields={"code": "format"})
    return ALPHABET[_gf32_times_alpha(_syndrome([_VALUE[c] for c in payload]))]


def format_code(code: str) -> str:
    """``XXXXXXXXXXXXXXXX`` → ``XXXX-XXXX-XXXX-XXXX`` (any accepted spelling in, grouped form out)."""
    compact = normalise_code(code)
    return "-".join(compact[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def new_code(random_bytes: bytes) -> str:
    """A fresh verification code in grouped form from exactly `CODE_RANDOM_BYTES` random bytes.

    The caller supplies the randomness (``os.urandom`` / ``secrets.token_bytes``) because the domain
    does no I/O. A wrong length is a programming error, not a user's, hence ValueError.
    """
    if len(random_bytes) != CODE_RANDOM_BYTES:
        raise ValueError(f"new_code needs exactly {CODE_RANDOM_BYTES} random bytes, got {len(random_bytes)}")
    bits = int.from_bytes(random_bytes, "big") >> (8 * CODE_RANDOM_BYTES - 5 * _PAYLOAD_SYMBOLS)
    payload = "".join(
        ALPHABET[(bits >> (5 * (_PAYLOAD_SYMBOLS - 1 - i))) & 0b11111] for i in range(_PAYLOAD_SYMBOLS)
    )
    return format_code(payload + check_symbol(payload))


def normalise_code(raw: str) -> str:
    """The canonical 16-symbol form of a typed code: upper-cased, spaces and hyphens removed, O read
    as 0 and I/L as 1 (Crockford's decoding rule). InvalidInput on a wrong length or a symbol outside
    the alphabet (U included: Crockford excludes it). The check symbol is not tested here — see
    `code_checks` — so a caller can tell "malformed" from "mistyped"."""
    compact = re.sub(r"[\s\-]", "", raw).upper().translate(_ALIASES)
    if len(compact) != CODE_LENGTH:
        raise InvalidInput(
            f"문서확인번호는 {CODE_LENGTH}자리여야 합니다 (예: XXXX-XXXX-XXXX-XXXX).",
            fields={"code": "length"},
        )
    if any(c not in _VALUE for c in compact):
        raise InvalidInput("문서확인번호에 쓸 수 없는 문자가 있습니다.", fields={"code": "alphabet"})
    return compact


def code_checks(code: str) -> bool:
    """Whether `code` (in any accepted spelling) is well formed and its check symbol matches."""
    try:
        compact = normalise_code(code)
    except InvalidInput:
        return False
    return _syndrome([_VALUE[c] for c in compact]) == 0
