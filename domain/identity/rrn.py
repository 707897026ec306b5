"""주민등록번호 (resident registration number) and 외국인등록번호: parsing, validation and masking.

The 13 digits are YYMMDD-SBBBBBC. The 7th digit (S) gives the century and sex: 1–4 for citizens
(1/2 born 1900–1999, 3/4 born 2000–2099), 9/0 for citizens born 1800–1899, and 5–8 for foreign
residents (5/6 born 1900–1999, 7/8 born 2000–2099) — 주민등록법 시행규칙 제2조 and 출입국관리법
시행규칙 제19조 (외국인등록번호 체계).

The old weighted check digit is not enforced: numbers issued since 2020-10-05 carry a random
number in place of the region code and check digit (행정안전부 주민등록번호 부여체계 개편), so a
valid modern number can fail the old formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.errors import InvalidInput

# ASCII digits only: `\d` alone also matches other scripts' digits (full-width ９), which int() accepts,
# so the same number could be stored — and blind-indexed — under a second spelling.
_PATTERN = re.compile(r"^(\d{6})-?(\d{7})$", re.ASCII)

# 7th digit → (century base, sex, foreign resident)
_SEVENTH_DIGIT: dict[str, tuple[int, str, bool]] = {
    "9": (1800, "M", False),
    "0": (1800, "F", False),
    "1": (1900, "M", False),
    "2": (1900, "F", False),
    "3": (2000, "M", False),
    "4": (2000, "F", False),
    "5": (1900, "M", True),
    "6": (1900, "F", True),
    "7": (2000, "M", True),
    "8": (2000, "F", True),
}


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


@dataclass(frozen=True, slots=True)
class ResidentNumber:
    """A validated 주민등록번호 or 외국인등록번호. `digits` is the 13-digit canonical form."""

    digits: str
    birth_date: date
    sex: Sex
    foreign_resident: bool

    @property
    def masked(self) -> str:
        """The form every screen and document shows: `900101-1******`."""
        return mask_digits(self.digits)

    @property
    def formatted(self) -> str:
        return f"{self.digits[:6]}-{self.digits[6:]}"

    def __repr__(self) -> str:  # never leak the number through a repr in a traceback or log
        return f"ResidentNumber({self.masked})"

    __str__ = __repr__


def mask_digits(digits: str) -> str:
    """Masks a canonical 13-digit number, keeping birth date and the century/sex digit."""
    return f"{digits[:6]}-{digits[6]}******"


def parse_resident_number(raw: str, *, today: date | None = None) -> ResidentNumber:
    """Validates format, a real birth date and the century/sex digit; raises InvalidInput otherwise.

    A birth date after `today` is rejected: no one is registered before they are born.
    """
    match = _PATTERN.match(raw.strip())
    if match is None:
        raise InvalidInput(
            "주민등록번호는 13자리 숫자여야 합니다 (예: 900101-1234567).", fields={"rrn": "format"}
        )
    front, back = match.groups()
    century_sex = _SEVENTH_DIGIT.get(back[0])
    if century_sex is None:  # pragma: no cover - every digit 0–9 is mapped; kept for safety
        raise InvalidInput("주민등록번호 뒷자리 첫 숫자가 올바르지 않습니다.", fields={"rrn": "sex_digit"})
    century, sex, foreign = century_sex
    try:
        born = date(century + int(front[:2]), int(front[2:4]), int(front[4:6]))
    except ValueError:
        raise InvalidInput(
            "주민등록번호의 생년월일이 실제 날짜가 아닙니다.", fields={"rrn": "birth_date"}
        ) from None
    if today is not None and born > today:
        raise InvalidInput("주민등록번호의 생년월일이 미래입니다.", fields={"rrn": "birth_date"})
    return ResidentNumber(front + back, born, Sex(sex), foreign)


# Matches anything shaped like a 주민등록번호 inside free text (logs, messages), with or without the
# hyphen, not glued to other digits. Used to scrub text, not to validate.
RESIDENT_NUMBER_IN_TEXT = re.compile(r"(?<!\d)(\d{6})[-\s]?([0-9])(\d{6})(?!\d)")


def scrub_resident_numbers(text: str) -> str:
    """Replaces every 주민등록번호-shaped run in `text` with its masked form."""
    return RESIDENT_NUMBER_IN_TEXT.sub(lambda m: f"{m.group(1)}-{m.group(2)}******", text)


def seventh_digit(birth_date: date, sex: Sex, foreign_resident: bool) -> str:
    """The century/sex digit, recovered from what it encodes (so a masked number needs no decryption)."""
    for digit, (century, digit_sex, foreign) in _SEVENTH_DIGIT.items():
        if (
            century <= birth_date.year < century + 100
            and digit_sex == sex.value
            and foreign == foreign_resident
        ):
            return digit
    raise InvalidInput("생년월일·성별 조합으로 주민등록번호를 만들 수 없습니다.")


def masked_from_parts(birth_date: date, sex: Sex, foreign_resident: bool) -> str:
    return f"{birth_date:%y%m%d}-{seventh_digit(birth_date, sex, foreign_resident)}******"
