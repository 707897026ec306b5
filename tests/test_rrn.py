"""domain.identity.rrn: parsing, validation, masking and scrubbing of 주민등록번호 / 외국인등록번호."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.identity.rrn import (
    ResidentNumber,
    Sex,
    mask_digits,
    masked_from_parts,
    parse_resident_number,
    scrub_resident_numbers,
    seventh_digit,
)

M, F = Sex.MALE, Sex.FEMALE


@pytest.mark.parametrize(
    ("raw", "born", "sex", "foreign"),
    [
        ("900101-1234567", date(1990, 1, 1), M, False),
        ("851231-2234567", date(1985, 12, 31), F, False),
        ("050505-3234567", date(2005, 5, 5), M, False),
        ("200229-4234567", date(2020, 2, 29), F, False),
        ("991231-9234567", date(1899, 12, 31), M, False),
        ("850101-0234567", date(1885, 1, 1), F, False),
        ("900101-5234567", date(1990, 1, 1), M, True),
        ("750615-6234567", date(1975, 6, 15), F, True),
        ("100101-7234567", date(2010, 1, 1), M, True),
        ("000229-8234567", date(2000, 2, 29), F, True),
    ],
)
def test_valid_numbers(raw: str, born: date, sex: Sex, foreign: bool) -> None:
    number = parse_resident_number(raw)
    assert number.digits == raw.replace("-", "")
    assert (number.birth_date, number.sex, number.foreign_resident) == (born, sex, foreign)
    assert number.formatted == raw


@pytest.mark.parametrize("raw", ["9001011234567", " 900101-1234567 ", "900101-1234567\n"])
def test_accepts_no_hyphen_and_surrounding_space(raw: str) -> None:
    assert parse_resident_number(raw).digits == "9001011234567"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "900101-123456",
        "900101-12345678",
        "90010-11234567",
        "900101--1234567",
        "900101_1234567",
        "900101 1234567",
        "9001-01-1234567",
        "abcdef-ghijklm",
        "900101-123456a",
        "900101-1234567-",
        "９００１０１-１２３４５６７",  # full-width digits
        "９００１０１-1２３４５６７",  # mixed: int() would read ９０ as 90
        "٩٠٠١٠١-١٢٣٤٥٦٧",  # Arabic-Indic digits
    ],
)
def test_invalid_format(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_resident_number(raw)
    assert caught.value.fields == {"rrn": "format"}


@pytest.mark.parametrize(
    "raw",
    [
        "900230-1234567",  # 30 February
        "990229-1234567",  # 1999 is not a leap year
        "000229-1234567",  # nor was 1900 (7th digit 1 → 1900s)
        "010229-3234567",  # nor 2001
        "901301-1234567",  # month 13
        "900001-1234567",  # month 0
        "900100-1234567",  # day 0
        "900431-2234567",  # 31 April
        "990230-7234567",  # foreign resident, 30 February
    ],
)
def test_impossible_birth_dates(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_resident_number(raw)
    assert caught.value.fields == {"rrn": "birth_date"}


def test_leap_days_that_exist() -> None:
    assert parse_resident_number("000229-3234567").birth_date == date(2000, 2, 29)
    assert parse_resident_number("960229-1234567").birth_date == date(1996, 2, 29)


def test_future_birth_date_is_rejected_only_with_today() -> None:
    raw = "250101-3234567"
    with pytest.raises(InvalidInput) as caught:
        parse_resident_number(raw, today=date(2024, 12, 31))
    assert caught.value.fields == {"rrn": "birth_date"}
    assert parse_resident_number(raw, today=date(2025, 1, 1)).birth_date == date(2025, 1, 1)
    assert parse_resident_number(raw).birth_date == date(2025, 1, 1)


def test_error_messages_do_not_repeat_the_number() -> None:
    for raw in ("900230-1918273", "900101-191827", "991231-3918273"):
        with pytest.raises(InvalidInput) as caught:
            parse_resident_number(raw, today=date(2026, 1, 1))
        assert "918273" not in str(caught.value) and "91827" not in caught.value.detail


def test_masking() -> None:
    number = parse_resident_number("900101-1234567")
    assert number.masked == "900101-1******"
    assert mask_digits("0002298234567") == "000229-8******"


def test_repr_and_str_never_show_the_digits() -> None:
    number = parse_resident_number("900101-2987654")
    for shown in (repr(number), str(number), f"{number}", repr([number]), repr({"n": number})):
        assert "987654" not in shown
        assert "900101-2******" in shown


def test_is_frozen() -> None:
    number = parse_resident_number("900101-1234567")
    with pytest.raises(AttributeError):
        number.digits = "0"  # type: ignore[misc]
    assert not hasattr(number, "__dict__")


# --- scrubbing free text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("주민번호 900101-1234567 입니다", "주민번호 900101-1****** 입니다"),
        ("rrn=9001011234567;", "rrn=900101-1******;"),
        ("900101 1234567", "900101-1******"),
        ("a900101-1234567b", "a900101-1******b"),
        ("두 사람: 900101-1234567, 851231-2000000.", "두 사람: 900101-1******, 851231-2******."),
        ('{"rrn": "9912319234567"}', '{"rrn": "991231-9******"}'),
        # Not a resident number: leave alone.
        ("12345678901234567890", "12345678901234567890"),  # 20 digits
        ("12345678901234", "12345678901234"),  # 14 digits
        ("1900101-1234567", "1900101-1234567"),  # glued to a digit in front
        ("900101-12345678", "900101-12345678"),  # and behind
        ("010-1234-5678", "010-1234-5678"),
        ("110-123-456789", "110-123-456789"),
        ("4111-1111-1111-1111", "4111-1111-1111-1111"),
        ("900101-1******", "900101-1******"),  # already masked
        ("", ""),
    ],
)
def test_scrub_resident_numbers(text: str, expected: str) -> None:
    assert scrub_resident_numbers(text) == expected


def test_scrub_is_idempotent() -> None:
    once = scrub_resident_numbers("x 900101-1234567 y 8501012000000")
    assert scrub_resident_numbers(once) == once


# --- the masked form rebuilt from what is stored -------------------------------------------------

SEVENTH = {
    (1800, M, False): "9",
    (1800, F, False): "0",
    (1900, M, False): "1",
    (1900, F, False): "2",
    (2000, M, False): "3",
    (2000, F, False): "4",
    (1900, M, True): "5",
    (1900, F, True): "6",
    (2000, M, True): "7",
    (2000, F, True): "8",
}


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from(list(Sex)),
    foreign=st.booleans(),
    serial=st.integers(min_value=0, max_value=999_999),
)
def test_masked_from_parts_agrees_with_masked(born: date, sex: Sex, foreign: bool, serial: int) -> None:
    digit = SEVENTH[(born.year // 100 * 100, sex, foreign)]
    number = parse_resident_number(f"{born:%y%m%d}-{digit}{serial:06d}")
    assert (number.birth_date, number.sex, number.foreign_resident) == (born, sex, foreign)
    assert masked_from_parts(born, sex, foreign) == number.masked
    assert seventh_digit(born, sex, foreign) == digit


def test_masked_from_parts_for_the_1800s() -> None:
    assert masked_from_parts(date(1899, 3, 1), F, False) == "990301-0******"


@pytest.mark.parametrize(
    ("born", "foreign"),
    [(date(1899, 12, 31), True), (date(2100, 1, 1), False), (date(1799, 12, 31), False)],
)
def test_masked_from_parts_outside_the_scheme(born: date, foreign: bool) -> None:
    with pytest.raises(InvalidInput):
        masked_from_parts(born, M, foreign)


def test_resident_number_type() -> None:
    number = parse_resident_number("900101-1234567")
    assert isinstance(number, ResidentNumber)
    assert number == ResidentNumber("9001011234567", date(1990, 1, 1), M, False)
