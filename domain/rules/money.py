"""Rounding of won amounts. Every rule names which one it uses and why; rates are exact fractions, so
the only rounding is the one a rule asks for."""

from __future__ import annotations

from fractions import Fraction

Amount = int | Fraction


def floor_won(x: Amount) -> int:
    """원 미만 버림: public calculators floor each 환산 product to the won (the official rule was not
    found; basic-livelihood-emergency-2026.md §13 item 10)."""
    return int(x // 1)


def round_half_up(x: Amount) -> int:
    """원 단위 반올림: the percentage thresholds of 기준 중위소득
    (basic-livelihood-emergency-2026.md §1.3)."""
    return int((Fraction(x) + Fraction(1, 2)) // 1)


def truncate_to_10(x: Amount) -> int:
    """10원 미만 절사 (기초연금법 제24조, 장애인연금법 제17조)."""
    return int(x // 10) * 10


def ceil_to_10(x: Amount) -> int:
    """10원 단위 올림 (주거급여: cited as 고시 제7조④ by one source)."""
    return -int(-x // 10) * 10


def positive(x: Amount) -> Amount:
    return x if x > 0 else 0
