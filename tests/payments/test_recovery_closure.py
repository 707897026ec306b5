"""상계 and the closures of a 환수: 결손처분 (장애인연금법 제17조④) and 반환 면제 (국민기초생활보장법
제47조), allowed where the law gives the power and refused with a Korean reason where it does not."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.payments.recovery import (
    ClosureKind,
    RecoveryCause,
    offset_allowed,
    offset_for_payment,
    validate_closure,
)
from domain.rules.programs.common import Program

P = Program
K = ClosureKind
C = RecoveryCause
ON = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("program", "kind", "cause"),
    [
        (P.DISABILITY_PENSION, K.WRITE_OFF, C.FRAUD),
        (P.DISABILITY_PENSION, K.WRITE_OFF, C.AGENCY_ERROR),
        (P.CHILD_ALLOWANCE, K.WRITE_OFF, C.RECIPIENT_ERROR),
        (P.LIVELIHOOD, K.WAIVER_SPENT, C.RECIPIENT_ERROR),
        (P.LIVELIHOOD, K.WAIVER_UNAVOIDABLE, C.AGENCY_ERROR),
        (P.HOUSING, K.WAIVER_SPENT, C.AGENCY_ERROR),
    ],
)
def test_closures_the_law_allows(program: Program, kind: ClosureKind, cause: RecoveryCause) -> None:
    basis = validate_closure(program, kind, cause, ON)
    assert (basis.program, basis.kind, basis.cause) == (program, kind, cause)
    assert "장애인연금법 제17조④" in basis.reference and "제47조" in basis.reference


@pytest.mark.parametrize(
    ("program", "kind", "cause", "message"),
    [
        # 기초연금법 has no 결손처분 article in the text read.
        (P.BASIC_PENSION, K.WRITE_OFF, C.AGENCY_ERROR, "기초연금 환수금은 법에 '결손처분' 근거가 없어"),
        (P.DISABILITY_PENSION, K.WAIVER_SPENT, C.AGENCY_ERROR, "반환 면제 (이미 소비)"),
        (P.LIVELIHOOD, K.WRITE_OFF, C.RECIPIENT_ERROR, "생계급여 환수금은 법에 '결손처분'"),
        (P.HOME_CARE_ALLOWANCE, K.WAIVER_UNAVOIDABLE, C.AGENCY_ERROR, "가정양육수당"),
        # 제47조's waiver is for 반환명령, not the 제46조 징수 of fraud.
        (P.LIVELIHOOD, K.WAIVER_SPENT, C.FRAUD, "반환 면제(제47조)의 대상이 아닙니다"),
    ],
)
def test_closures_the_law_does_not_allow(
    program: Program, kind: ClosureKind, cause: RecoveryCause, message: str
) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)) as caught:
        validate_closure(program, kind, cause, ON)
    assert "kind" in caught.value.fields


def test_closure_kinds_have_korean_labels() -> None:
    labels = [k.label for k in ClosureKind]
    assert labels == ["결손처분", "반환 면제 (이미 소비)", "반환 면제 (부득이한 사유)"]


@pytest.mark.parametrize(
    ("program", "allowed"),
    [
        (P.BASIC_PENSION, True),
        (P.DISABILITY_PENSION, True),
        (P.CHILD_ALLOWANCE, True),
        (P.PARENT_BENEFIT, True),
        (P.LIVELIHOOD, False),  # 압류금지 (국민기초생활보장법 제35조)
        (P.HOUSING, False),
        (P.EMERGENCY_LIVELIHOOD, False),  # 압류금지 (긴급복지지원법 제18조)
        (P.HOME_CARE_ALLOWANCE, False),
    ],
)
def test_which_programs_allow_offsets(program: Program, allowed: bool) -> None:
    assert offset_allowed(program, ON) is allowed


@pytest.mark.parametrize(
    ("program", "payment", "due", "offset"),
    [
        (P.BASIC_PENSION, 349_700, 50_003, 50_003),  # the instalment, from a larger payment
        (P.BASIC_PENSION, 30_000, 50_000, 30_000),  # never more than the payment
        (P.DISABILITY_PENSION, 349_700, 0, 0),  # nothing due
        (P.CHILD_ALLOWANCE, 0, 10_000, 0),  # nothing paid this month
        (P.LIVELIHOOD, 520_556, 50_000, 0),  # no 상계 against 생계급여
    ],
)
def test_offsets(program: Program, payment: int, due: int, offset: int) -> None:
    assert offset_for_payment(program, payment, due, on=ON) == offset


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(InvalidInput):
        offset_for_payment(P.BASIC_PENSION, -1, 10, on=ON)
    with pytest.raises(InvalidInput):
        offset_for_payment(P.BASIC_PENSION, 10, -1, on=ON)


@given(
    program=st.sampled_from(list(Program)),
    payment=st.integers(0, 5_000_000),
    due=st.integers(0, 5_000_000),
)
def test_an_offset_is_never_negative_nor_more_than_the_payment_or_the_instalment(
    program: Program, payment: int, due: int
) -> None:
    offset = offset_for_payment(program, payment, due, on=ON)
    assert 0 <= offset <= min(payment, due)
    if not offset_allowed(program, ON):
        assert offset == 0
