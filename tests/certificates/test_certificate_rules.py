"""Pure rules of certificates: item minimisation (안전성 확보조치 기준 제12조), numbers and codes,
what a certificate states, revocation and the issuing authority's title."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cases.entitlement import EntitlementState
from domain.certificates import (
    ALWAYS_PRINTED,
    CERTIFICATE_TYPES,
    PURPOSES,
    CertificateCode,
    DocumentNumber,
    HeldEntitlement,
    HouseholdMember,
    Item,
    NotEligibleForCertificate,
    Purpose,
    ReceiptPeriod,
    certificate_facts,
    certificate_type,
    code_checks,
    document_number,
    format_code,
    is_revoked,
    issuer_title,
    new_code,
    normalise_code,
    parse_document_number,
    parse_purpose,
    printed_items,
)
from domain.certificates.numbers import ALPHABET, CODE_RANDOM_BYTES, check_symbol
from domain.errors import Conflict, InvalidInput
from domain.rules.programs.common import Program

BASIC = CERTIFICATE_TYPES[CertificateCode.BASIC_LIVELIHOOD]
HISTORY = CERTIFICATE_TYPES[CertificateCode.RECEIPT_HISTORY]
PENSION = CERTIFICATE_TYPES[CertificateCode.BASIC_PENSION]
ISSUED = date(2026, 3, 10)
SELF = HouseholdMember("김하나", "본인", "560101-2******")
SPOUSE = HouseholdMember("박둘", "배우자", "550505-1******")
CHILD = HouseholdMember("김셋", "자녀", "100303-3******")

random_bytes = st.binary(min_size=CODE_RANDOM_BYTES, max_size=CODE_RANDOM_BYTES)


def held(
    program: Program = Program.LIVELIHOOD,
    state: EntitlementState = EntitlementState.ACTIVE,
    start: date = date(2024, 5, 1),
    end: date | None = None,
    members: tuple[HouseholdMember, ...] = (),
) -> HeldEntitlement:
    return HeldEntitlement(program, state, start, end, "11110", members)


# --- types ---------------------------------------------------------------------------------------


def test_registry_keys_match_codes_and_uncertain_types_are_flagged() -> None:
    assert all(code is t.code for code, t in CERTIFICATE_TYPES.items())
    assert set(CERTIFICATE_TYPES) == set(CertificateCode)
    assert BASIC.uncertain is None
    assert "제40조" in BASIC.legal_basis and "별지 제3호서식" in BASIC.legal_basis
    for code in (CertificateCode.BASIC_PENSION, CertificateCode.DISABILITY_PENSION, CertificateCode.CHILD):
        assert "not verified" in (CERTIFICATE_TYPES[code].uncertain or "")
    assert BASIC.programs == {Program.LIVELIHOOD, Program.MEDICAL, Program.HOUSING, Program.EDUCATION}


def test_only_the_basic_livelihood_form_has_members_and_a_full_number_field() -> None:
    for t in CERTIFICATE_TYPES.values():
        assert (Item.MEMBERS in t.form_items) is t.shows_members
        assert (Item.RRN_FULL in t.form_items) is t.full_rrn_allowed
    assert [t.code for t in CERTIFICATE_TYPES.values() if t.full_rrn_allowed] == [
        CertificateCode.BASIC_LIVELIHOOD
    ]
    assert [t.code for t in CERTIFICATE_TYPES.values() if t.past_receipt_allowed] == [
        CertificateCode.RECEIPT_HISTORY
    ]


def test_unknown_codes_are_invalid_input_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as type_error:
        certificate_type("passport")
    assert type_error.value.fields == {"certificate_type": "unknown"}
    with pytest.raises(InvalidInput) as purpose_error:
        parse_purpose("gossip")
    assert purpose_error.value.fields == {"purpose": "unknown"}
    assert parse_purpose("school") is Purpose.SCHOOL
    assert Purpose.UTILITY_DISCOUNT.label == "전기·가스요금 감면"


# --- item minimisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("purpose", "expected"),
    [
        (Purpose.FINANCIAL_INSTITUTION, {Item.NAME, Item.RRN_MASKED, Item.PROGRAMS, Item.START_DATE}),
        (Purpose.SCHOOL, {Item.NAME, Item.PROGRAMS, Item.START_DATE, Item.MEMBERS}),
        (
            Purpose.PUBLIC_OFFICE,
            {Item.NAME, Item.RRN_MASKED, Item.ADDRESS, Item.PROGRAMS, Item.START_DATE, Item.MEMBERS},
        ),
        (Purpose.TELECOM_DISCOUNT, {Item.NAME, Item.RRN_MASKED, Item.PROGRAMS}),
        (Purpose.UTILITY_DISCOUNT, {Item.NAME, Item.ADDRESS, Item.PROGRAMS}),
        (Purpose.HOUSING_LEASE, {Item.NAME, Item.ADDRESS, Item.PROGRAMS, Item.START_DATE, Item.MEMBERS}),
        (Purpose.OTHER, {Item.NAME, Item.PROGRAMS}),
    ],
)
def test_basic_livelihood_prints_only_what_the_purpose_needs(purpose: Purpose, expected: set[Item]) -> None:
    assert printed_items(BASIC, purpose, full_rrn_requested=False) == expected | ALWAYS_PRINTED


def test_a_form_without_members_never_prints_them() -> None:
    assert Item.MEMBERS not in printed_items(PENSION, Purpose.SCHOOL, full_rrn_requested=False)


def test_the_past_receipt_type_always_prints_its_period_and_no_start_date() -> None:
    for purpose in Purpose:
        items = printed_items(HISTORY, purpose, full_rrn_requested=True)
        assert Item.RECEIPT_PERIOD in items
        assert Item.START_DATE not in items
        assert Item.RRN_FULL not in items  # its form has no full-number field


@pytest.mark.parametrize("cert_code", list(CertificateCode))
@pytest.mark.parametrize("purpose", list(Purpose))
@pytest.mark.parametrize("requested", [True, False])
def test_the_full_number_is_printed_only_when_all_three_conditions_hold(
    cert_code: CertificateCode, purpose: Purpose, requested: bool
) -> None:
    cert = CERTIFICATE_TYPES[cert_code]
    items = printed_items(cert, purpose, full_rrn_requested=requested)
    full = cert.full_rrn_allowed and requested and PURPOSES[purpose].needs_identity
    assert (Item.RRN_FULL in items) is full
    # Never both forms, and never the full number where the purpose needs no number at all.
    assert not {Item.RRN_FULL, Item.RRN_MASKED} <= items
    if Item.RRN_MASKED not in purpose.needs:
        assert not items & {Item.RRN_FULL, Item.RRN_MASKED}
    assert items <= cert.form_items


def test_full_number_for_a_bank_on_request() -> None:
    items = printed_items(BASIC, Purpose.FINANCIAL_INSTITUTION, full_rrn_requested=True)
    assert Item.RRN_FULL in items and Item.RRN_MASKED not in items
    # Asked for, but the purpose (a telecom discount) does not need identity: still masked.
    telecom = printed_items(BASIC, Purpose.TELECOM_DISCOUNT, full_rrn_requested=True)
    assert Item.RRN_MASKED in telecom and Item.RRN_FULL not in telecom


# --- document numbers ----------------------------------------------------------------------------


def test_document_number_round_trip() -> None:
    text = document_number(2026, "11110", 42)
    assert text == "2026-11110-00000042"
    assert parse_document_number(f"  {text} ") == DocumentNumber(2026, "11110", 42)


@pytest.mark.parametrize(
    ("year", "sigungu", "serial", "field"),
    [
        (26, "11110", 1, "year"),
        (2026, "1111", 1, "sigungu"),
        (2026, "1111O", 1, "sigungu"),
        (2026, "11110", 0, "serial"),
        (2026, "11110", 100_000_000, "serial"),
    ],
)
def test_document_number_parts_are_checked(year: int, sigungu: str, serial: int, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        document_number(year, sigungu, serial)
    assert error.value.fields == {"document_number": field}


@pytest.mark.parametrize("raw", ["2026-11110-42", "2026/11110/00000042", "２０２６-11110-00000042", ""])
def test_malformed_document_numbers_are_rejected(raw: str) -> None:
    with pytest.raises(InvalidInput):
        parse_document_number(raw)


# --- verification codes --------------------------------------------------------------------------


@given(random_bytes)
def test_a_new_code_is_grouped_in_the_alphabet_and_passes_its_check(raw: bytes) -> None:
    code = new_code(raw)
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4]
    assert set("".join(groups)) <= set(ALPHABET)
    assert code_checks(code)
    assert format_code(normalise_code(code)) == code


def test_different_bytes_give_different_codes_and_the_length_is_enforced() -> None:
    assert new_code(bytes(10)) != new_code(bytes(9) + b"\x80")
    with pytest.raises(ValueError):
        new_code(bytes(9))


@given(random_bytes, st.integers(0, 15), st.integers(1, 31))
def test_any_single_symbol_substitution_is_caught(raw: bytes, position: int, shift: int) -> None:
    compact = normalise_code(new_code(raw))
    wrong = ALPHABET[(ALPHABET.index(compact[position]) + shift) % 32]
    typo = compact[:position] + wrong + compact[position + 1 :]
    assert typo != compact
    assert not code_checks(typo)


@given(random_bytes, st.integers(0, 14))
def test_any_adjacent_transposition_is_caught(raw: bytes, position: int) -> None:
    compact = normalise_code(new_code(raw))
    a, b = compact[position], compact[position + 1]
    swapped = compact[:position] + b + a + compact[position + 2 :]
    assert code_checks(swapped) is (a == b)


def test_the_check_catches_the_pair_a_plain_luhn_mod_32_misses() -> None:
    # Luhn mod N cannot see the first and last symbols (0 and Z) swapped; the GF(32) weights can.
    payload = "0Z" + "0" * 13
    code = payload + check_symbol(payload)
    assert code_checks(code)
    assert not code_checks("Z0" + code[2:])


def test_normalisation_of_case_separators_and_look_alikes() -> None:
    code = normalise_code(new_code(bytes(range(10))))
    typed = "-".join(code[i : i + 4] for i in range(0, 16, 4)).lower().replace("-", " - ")
    assert normalise_code(typed) == code
    assert normalise_code("oooo iiii llll 0000") == "0000111111110000"
    assert normalise_code("abcd-efgh-jkmn-pqrs") == "ABCDEFGHJKMNPQRS"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("ABCD-EFGH-JKMN-PQR", "length"),
        ("ABCD-EFGH-JKMN-PQRST", "length"),
        ("ABCD-EFGH-JKMN-PQRU", "alphabet"),  # U is not in Crockford's alphabet
        ("ABCD-EFGH-JKMN-PQR*", "alphabet"),
        ("ABCD_EFGH_JKMN_PQRS", "length"),
    ],
)
def test_bad_codes_are_invalid_input(raw: str, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        normalise_code(raw)
    assert error.value.fields == {"code": field}
    assert code_checks(raw) is False


# --- facts and eligibility -----------------------------------------------------------------------


def test_no_entitlement_is_a_conflict_with_a_korean_message() -> None:
    with pytest.raises(NotEligibleForCertificate) as error:
        certificate_facts(BASIC, [held(Program.BASIC_PENSION)], ISSUED)
    assert isinstance(error.value, Conflict)
    assert error.value.detail == (
        "2026-03-10 현재 생계급여·의료급여·주거급여·교육급여 수급자가 아니므로 "
        "수급자증명서을(를) 발급할 수 없습니다."
    )


@pytest.mark.parametrize(
    "entitlement",
    [
        held(state=EntitlementState.STOPPED, end=date(2026, 2, 28)),
        held(state=EntitlementState.LOST, end=None),  # ended, end unknown: never certified
        held(start=date(2026, 4, 1)),  # approved, not started yet
        held(end=date(2026, 3, 9)),  # ends the day before
    ],
)
def test_entitlements_that_do_not_cover_the_issue_date_are_not_certified(
    entitlement: HeldEntitlement,
) -> None:
    with pytest.raises(NotEligibleForCertificate):
        certificate_facts(BASIC, [entitlement], ISSUED)


def test_current_certificate_states_active_and_suspended_entitlements_and_the_members_once() -> None:
    household = (SELF, SPOUSE, CHILD)
    facts = certificate_facts(
        BASIC,
        [
            held(Program.HOUSING, members=household),
            held(Program.LIVELIHOOD, EntitlementState.SUSPENDED, members=household),
            held(Program.BASIC_PENSION),  # not a program of this certificate
            held(Program.EDUCATION, EntitlementState.STOPPED, end=date(2026, 2, 28), members=(CHILD,)),
        ],
        ISSUED,
    )
    assert [(e.program, e.state) for e in facts.entitlements] == [
        (Program.LIVELIHOOD, EntitlementState.SUSPENDED),
        (Program.HOUSING, EntitlementState.ACTIVE),
    ]
    assert [e.label for e in facts.entitlements] == ["생계급여", "주거급여"]
    assert all(e.certified_through == ISSUED for e in facts.entitlements)
    assert facts.members == household
    assert facts.region_codes == ("11110",)


def test_a_stop_taking_effect_later_still_certifies_today() -> None:
    facts = certificate_facts(BASIC, [held(state=EntitlementState.STOPPED, end=date(2026, 3, 31))], ISSUED)
    assert facts.entitlements[0].state is EntitlementState.STOPPED


def test_a_form_without_members_carries_none() -> None:
    facts = certificate_facts(PENSION, [held(Program.BASIC_PENSION, members=(SELF,))], ISSUED)
    assert facts.members == ()


def test_a_current_certificate_takes_no_period() -> None:
    with pytest.raises(InvalidInput) as error:
        certificate_facts(BASIC, [held()], ISSUED, ReceiptPeriod(date(2025, 1, 1), date(2025, 12, 31)))
    assert error.value.fields == {"period": "not_allowed"}


def test_past_receipt_states_overlapping_entitlements_clipped_to_the_period() -> None:
    entitlements = [
        held(Program.LIVELIHOOD, EntitlementState.LOST, date(2020, 3, 1), date(2022, 6, 30)),
        held(Program.EDUCATION, EntitlementState.ACTIVE, date(2024, 1, 1)),
        held(Program.HOUSING, EntitlementState.STOPPED, date(2015, 1, 1), date(2018, 12, 31)),
    ]
    facts = certificate_facts(
        HISTORY, entitlements, ISSUED, ReceiptPeriod(date(2021, 1, 1), date(2025, 6, 30))
    )
    assert [(e.program, e.certified_from, e.certified_through) for e in facts.entitlements] == [
        (Program.LIVELIHOOD, date(2021, 1, 1), date(2022, 6, 30)),
        (Program.EDUCATION, date(2024, 1, 1), date(2025, 6, 30)),
    ]
    assert facts.members == ()
    assert facts.period == ReceiptPeriod(date(2021, 1, 1), date(2025, 6, 30))


def test_past_receipt_needs_a_period_not_in_the_future_with_some_receipt() -> None:
    with pytest.raises(InvalidInput) as missing:
        certificate_facts(HISTORY, [held()], ISSUED)
    assert missing.value.fields == {"period": "required"}
    with pytest.raises(InvalidInput) as future:
        certificate_facts(HISTORY, [held()], ISSUED, ReceiptPeriod(date(2026, 1, 1), date(2026, 12, 31)))
    assert future.value.fields == {"period": "future"}
    with pytest.raises(NotEligibleForCertificate) as none:
        certificate_facts(HISTORY, [held()], ISSUED, ReceiptPeriod(date(2019, 1, 1), date(2019, 12, 31)))
    assert "2019-01-01부터 2019-12-31까지" in none.value.detail
    with pytest.raises(InvalidInput):
        ReceiptPeriod(date(2020, 2, 1), date(2020, 1, 1))


# --- revocation ----------------------------------------------------------------------------------


def test_cancelled_back_before_issue_revokes() -> None:
    assert is_revoked(ISSUED, None, date(2026, 1, 1))
    assert is_revoked(ISSUED, None, ISSUED)  # void from the issue day: that day was not covered


def test_later_stops_and_cancellations_do_not_revoke() -> None:
    assert not is_revoked(ISSUED, date(2026, 4, 30), None)  # ordinary stop after issue
    assert not is_revoked(ISSUED, ISSUED, None)  # last day of receipt was the issue day
    assert not is_revoked(ISSUED, None, date(2026, 3, 11))  # cancelled back only to after issue
    assert not is_revoked(ISSUED, None, None)


def test_a_backdated_end_revokes_and_past_certificates_use_their_last_certified_day() -> None:
    assert is_revoked(ISSUED, date(2026, 2, 28), None)
    through = date(2022, 6, 30)
    assert is_revoked(ISSUED, None, date(2022, 1, 1), certified_through=through)
    assert not is_revoked(ISSUED, None, date(2023, 1, 1), certified_through=through)


# --- issuer titles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sido", "sigungu", "emd", "title"),
    [
        ("서울특별시", "종로구", None, "서울특별시 종로구청장"),
        ("경기도", "수원시", None, "경기도 수원시장"),
        ("충청북도", "괴산군", None, "충청북도 괴산군수"),
        ("경기도", "수원시 장안구", None, "경기도 수원시 장안구청장"),
        ("서울특별시", "종로구", "청운효자동", "서울특별시 종로구 청운효자동장"),
        ("경기도", "양평군", "양평읍", "경기도 양평군 양평읍장"),
        ("충청북도", "괴산군", "청천면", "충청북도 괴산군 청천면장"),
        ("세종특별자치시", "", None, "세종특별자치시장"),
        ("세종특별자치시", "세종특별자치시", "조치원읍", "세종특별자치시 조치원읍장"),
        (" 부산광역시 ", " 해운대구 ", "  ", "부산광역시 해운대구청장"),
    ],
)
def test_issuer_titles(sido: str, sigungu: str, emd: str | None, title: str) -> None:
    assert issuer_title(sido, sigungu, emd) == title


@pytest.mark.parametrize(
    ("sido", "sigungu", "emd", "field"),
    [
        ("", "종로구", None, "sido_name"),
        ("경기도", "", None, "sigungu_name"),
        ("서울특별시", "종로구", "청운효자", "emd_name"),
    ],
)
def test_issuer_title_rejects_names_without_an_office(
    sido: str, sigungu: str, emd: str | None, field: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        issuer_title(sido, sigungu, emd)
    assert field in error.value.fields
