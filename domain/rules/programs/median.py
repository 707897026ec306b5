"""기준 중위소득 by household size, and the selection lines derived from it."""

from __future__ import annotations

from fractions import Fraction

from domain.rules.money import round_half_up
from domain.rules.parameter_book import ParameterUnavailable
from domain.rules.programs.common import Context, percent
from domain.rules.trace import Trace

REFERENCE_8_PLUS = "보건복지부 기준 중위소득 고시 (8인 이상: 7인 + (7인 − 6인) × (가구원수 − 7))"


def median_income(ctx: Context, size: int, trace: Trace | None = None) -> int:
    """기준 중위소득 for a household of `size` (국민기초생활 보장법 제2조제11호). 8인 이상 = 7인 +
    (7인 − 6인) × (가구원수 − 7) (basic-livelihood-emergency-2026.md §1.2)."""
    parameter = ctx.at("standard_median_income")
    table: dict[int, int] = parameter.value
    largest = max(table)
    if size <= largest:
        value = table[size]
    elif largest == 7:
        value = table[7] + (table[7] - table[6]) * (size - 7)
    else:
        raise ParameterUnavailable(
            f"{parameter.effective_from.year}년 {size}인 가구 기준 중위소득이 확보되지 않았습니다.",
            fields={"members": f"no {size}-person standard median income in force"},
        )
    if trace is not None:
        trace.parameter(f"기준 중위소득 ({size}인)", value, parameter)
        if size > 7:
            trace.step("8인 이상 가구 산정", value, REFERENCE_8_PLUS)
    return value


def selection_line(ctx: Context, rate_name: str, size: int, label: str, trace: Trace) -> int:
    """기준 중위소득 × rate, rounded half up to the won (basic-livelihood-emergency-2026.md §1.3: every
    published threshold matches half-up rounding)."""
    median = median_income(ctx, size, trace)
    rate_parameter = ctx.at(rate_name)
    rate: Fraction = rate_parameter.value
    trace.parameter(f"{label} 선정기준 비율", percent(rate), rate_parameter)
    line = round_half_up(median * rate)
    trace.step(f"{label} 선정기준액 (기준 중위소득 × {percent(rate)}, 원 단위 반올림)", line)
    return line
