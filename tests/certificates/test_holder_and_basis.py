"""How certificates name people (masked names, 관계), the printed legal basis, and how a row of
`certificate_basis` becomes what the rules see — a cancellation voiding the days from its date on."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from api.certificates.issuing import held
from api.certificates.repository import BasisRow
from domain.certificates import CERTIFICATE_TYPES, CertificateCode, full_address, mask_name, member_relation
from domain.errors import InvalidInput

HOLDER, SPOUSE, CHILD = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("홍길동", "홍*동"),
        ("남궁민수", "남**수"),
        ("이수", "이*"),
        ("김", "*"),
        ("응우옌 티 마이", "응****이"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_name_refuses_an_empty_name() -> None:
    with pytest.raises(InvalidInput):
        mask_name("  ")


@pytest.mark.parametrize(
    ("relation", "is_holder", "label"),
    [
        ("head", True, "본인(세대주)"),
        ("spouse", True, "본인(배우자)"),
        ("head", False, "세대주"),
        ("child", False, "자녀"),
        (None, False, "가구원"),
        ("unknown", True, "본인(가구원)"),
    ],
)
def test_member_relation(relation: str | None, is_holder: bool, label: str) -> None:
    assert member_relation(relation, is_holder=is_holder) == label


def test_the_printed_basis_leaves_unconfirmed_caveats_off_paper() -> None:
    livelihood = CERTIFICATE_TYPES[CertificateCode.BASIC_LIVELIHOOD]
    assert livelihood.printed_basis == livelihood.legal_basis  # confirmed: printed in full
    pension = CERTIFICATE_TYPES[CertificateCode.BASIC_PENSION]
    assert pension.uncertain and pension.printed_basis == "기초연금법"


def _member(person: uuid.UUID, relation: str, born: str = "1970-01-01", sex: str = "M") -> dict[str, object]:
    return {
        "person_id": str(person),
        "name": f"n{relation}",
        "birth_date": born,
        "sex": sex,
        "foreign_resident": False,
        "relation": relation,
    }


def _row(**changes: object) -> BasisRow:
    fields: dict[str, object] = {
        "entitlement_id": uuid.uuid4(),
        "program": "livelihood",
        "state": "active",
        "start_date": date(2026, 3, 1),
        "end_date": None,
        "cancelled_from": None,
        "sigungu_code": "11110",
        "emd_code": "1111010100",
        "beneficiary_id": HOLDER,
        "members": [_member(HOLDER, "head"), _member(SPOUSE, "spouse", "1972-02-02", "F")],
    }
    return BasisRow(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_household_right_lists_its_members_with_the_holder_marked() -> None:
    right = held(_row(), SPOUSE)
    assert [(m.relation, m.masked_rrn) for m in right.members] == [
        ("세대주", "700101-1******"),
        ("본인(배우자)", "720202-2******"),
    ]
    assert right.beneficiary is None and right.covers(date(2026, 6, 1))


@pytest.mark.parametrize(
    ("end_date", "cancelled_from", "last_day"),
    [
        (None, None, None),
        (date(2026, 8, 31), None, date(2026, 8, 31)),
        (None, date(2026, 5, 1), date(2026, 4, 30)),
        (date(2026, 8, 31), date(2026, 5, 1), date(2026, 4, 30)),
        (date(2026, 4, 10), date(2026, 5, 1), date(2026, 4, 10)),
        (None, date(2026, 3, 1), date(2026, 2, 28)),  # voided from the start: never held
    ],
)
def test_a_cancellation_ends_the_right_the_day_before(
    end_date: date | None, cancelled_from: date | None, last_day: date | None
) -> None:
    state = "cancelled" if cancelled_from else ("stopped" if end_date else "active")
    right = held(_row(state=state, end_date=end_date, cancelled_from=cancelled_from), HOLDER)
    assert right.end_date == last_day
    if last_day is not None:
        assert right.covers(last_day) is (last_day >= right.start_date)
        assert not right.covers(date(2026, 12, 1))


def test_a_childs_benefit_names_the_child() -> None:
    row = _row(
        program="child_allowance", beneficiary_id=CHILD, members=[_member(CHILD, "child", "2025-03-01")]
    )
    right = held(row, HOLDER)
    assert right.members == ()  # the holder is not a member of the child's personal right
    assert right.beneficiary is not None
    assert (right.beneficiary.name, right.beneficiary.masked_rrn) == ("nchild", "250301-3******")


@pytest.mark.parametrize(
    ("parts", "printed"),
    [
        (("서울특별시", "종로구", "창의문로 7", "청운동"), "서울특별시 종로구 창의문로 7 (청운동)"),
        (("서울특별시", "종로구", "창의문로 7", None), "서울특별시 종로구 창의문로 7"),
        (("세종특별자치시", "", "한누리대로 2130", "보람동"), "세종특별자치시 한누리대로 2130 (보람동)"),
        (("세종특별자치시", "세종특별자치시", "한누리대로 2130", None), "세종특별자치시 한누리대로 2130"),
        (
            ("서울특별시", "종로구", "종로구 자하문로  1 (청운동)", "청운동"),
            "서울특별시 종로구 자하문로 1 (청운동)",
        ),
    ],
)
def test_full_address(parts: tuple[str, str, str, str | None], printed: str) -> None:
    assert full_address(*parts) == printed
