"""Builds a `Household` from the JSON shape of the 모의계산 contract (shared/contracts/simulation.md),
naming every bad field at once. The API validates the same shape with pydantic for its schema; this is
the one mapping both the API and the rule tests go through, so the rules never see unchecked input."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from domain.errors import InvalidInput
from domain.rules.household import (
    Assets,
    Childcare,
    CrisisReason,
    Disability,
    Household,
    Housing,
    Income,
    Member,
    Obligor,
    Relation,
    School,
    Tenure,
    Vehicle,
    VehicleUse,
)
from domain.rules.regions import Region

MAX_MEMBERS = 20
MAX_AMOUNT = 10**15  # a won amount beyond any real household; keeps arithmetic in range
INCOME_FIELDS = (
    "earned",
    "business",
    "property",
    "public_transfer",
    "private_transfer",
    "national_pension",
    "national_pension_a",
)
E = TypeVar("E", bound=StrEnum)


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, path: str, message: str) -> None:
        self.fields.setdefault(path, message)

    def amount(self, data: Mapping[str, Any], key: str, path: str) -> int:
        raw = data.get(key, 0)
        if raw is None:
            raw = 0
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.add(f"{path}.{key}", "정수(원)여야 합니다.")
            return 0
        if raw < 0:
            self.add(f"{path}.{key}", "0 이상이어야 합니다.")
            return 0
        if raw > MAX_AMOUNT:
            self.add(f"{path}.{key}", "금액이 너무 큽니다.")
            return 0
        return raw

    def choice(self, kind: type[E], data: Mapping[str, Any], key: str, path: str, default: E) -> E:
        raw = data.get(key, default.value)
        try:
            return kind(raw)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            self.add(f"{path}.{key}", f"다음 중 하나여야 합니다: {allowed}")
            return default

    def mapping(self, data: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
        raw = data.get(key) or {}
        if not isinstance(raw, Mapping):
            self.add(f"{path}.{key}" if path else key, "객체여야 합니다.")
            return {}
        return raw


def _date(raw: Any) -> date | None:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str) and len(raw) == 10:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None
    return None


def _member(errors: _Errors, raw: Any, index: int, as_of: date | None) -> Member | None:
    path = f"members.{index}"
    if not isinstance(raw, Mapping):
        errors.add(path, "객체여야 합니다.")
        return None
    member_id = raw.get("id")
    if not isinstance(member_id, str) or not 1 <= len(member_id) <= 40:
        errors.add(f"{path}.id", "1~40자의 문자열이어야 합니다.")
        member_id = f"#{index}"
    birth = _date(raw.get("birth_date"))
    if birth is None:
        errors.add(f"{path}.birth_date", "YYYY-MM-DD 형식의 날짜여야 합니다.")
        birth = as_of or date(2000, 1, 1)
    elif as_of is not None and birth > as_of:
        errors.add(f"{path}.birth_date", "기준일 이후일 수 없습니다.")
    income_raw = errors.mapping(raw, "income", path)
    income = Income(**{key: errors.amount(income_raw, key, f"{path}.income") for key in INCOME_FIELDS})
    if income.national_pension_a > income.national_pension:
        errors.add(f"{path}.income.national_pension_a", "국민연금 급여액보다 클 수 없습니다.")
    occupational = raw.get("occupational_pension", False)
    if not isinstance(occupational, bool):
        errors.add(f"{path}.occupational_pension", "true 또는 false여야 합니다.")
        occupational = False
    return Member(
        id=member_id,
        relation=errors.choice(Relation, raw, "relation", path, Relation.OTHER),
        birth_date=birth,
        disability=errors.choice(Disability, raw, "disability", path, Disability.NONE),
        school=errors.choice(School, raw, "school", path, School.NONE),
        childcare=errors.choice(Childcare, raw, "childcare", path, Childcare.NONE),
        occupational_pension=occupational,
        income=income,
    )


def _members(errors: _Errors, raw: Any, as_of: date | None) -> tuple[Member, ...]:
    if not isinstance(raw, list) or not raw:
        errors.add("members", "가구원이 1명 이상 있어야 합니다.")
        return ()
    if len(raw) > MAX_MEMBERS:
        errors.add("members", f"가구원은 {MAX_MEMBERS}명 이하여야 합니다.")
        return ()
    members = [m for i, item in enumerate(raw) if (m := _member(errors, item, i, as_of)) is not None]
    seen: set[str] = set()
    for index, member in enumerate(members):
        if member.id in seen:
            errors.add(f"members.{index}.id", "가구원 id가 중복됩니다.")
        seen.add(member.id)
    heads = sum(1 for m in members if m.relation is Relation.HEAD)
    if heads != 1:
        errors.add("members", "가구주(relation: head)가 정확히 한 명 있어야 합니다.")
    if sum(1 for m in members if m.relation is Relation.SPOUSE) > 1:
        errors.add("members", "가구주의 배우자(relation: spouse)는 한 명까지입니다.")
    return tuple(members)


def _assets(errors: _Errors, raw: Mapping[str, Any]) -> Assets:
    vehicles_raw = raw.get("vehicles") or []
    vehicles: list[Vehicle] = []
    if not isinstance(vehicles_raw, list):
        errors.add("assets.vehicles", "배열이어야 합니다.")
        vehicles_raw = []
    for index, car in enumerate(vehicles_raw):
        path = f"assets.vehicles.{index}"
        if not isinstance(car, Mapping):
            errors.add(path, "객체여야 합니다.")
            continue
        vehicles.append(
            Vehicle(
                value=errors.amount(car, "value", path),
                cc=errors.amount(car, "cc", path),
                age_years=errors.amount(car, "age_years", path),
                use=errors.choice(VehicleUse, car, "use", path, VehicleUse.ORDINARY),
            )
        )
    return Assets(
        housing=errors.amount(raw, "housing", "assets"),
        general=errors.amount(raw, "general", "assets"),
        financial=errors.amount(raw, "financial", "assets"),
        debts=errors.amount(raw, "debts", "assets"),
        vehicles=tuple(v for v in vehicles if v.value or v.cc or v.age_years),
    )


def _obligors(errors: _Errors, raw: Any) -> tuple[Obligor, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.add("obligors", "배열이어야 합니다.")
        return ()
    found = []
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping):
            errors.add(f"obligors.{index}", "객체여야 합니다.")
            continue
        path = f"obligors.{index}"
        found.append(
            Obligor(errors.amount(item, "annual_income", path), errors.amount(item, "general_property", path))
        )
    return tuple(found)


def _crisis(errors: _Errors, raw: Any) -> tuple[CrisisReason, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        errors.add("crisis_reasons", "배열이어야 합니다.")
        return ()
    reasons: list[CrisisReason] = []
    for index, code in enumerate(raw):
        try:
            reason = CrisisReason(code)
        except ValueError:
            errors.add(f"crisis_reasons.{index}", "알 수 없는 위기사유 코드입니다.")
            continue
        if reason not in reasons:
            reasons.append(reason)
    return tuple(reasons)


def household_from_mapping(data: Mapping[str, Any], region_of: Callable[[str], Region | None]) -> Household:
    """Raises InvalidInput whose `fields` name each bad field, by dotted path (`members.1.id`) as
    request validation names them."""
    errors = _Errors()
    as_of = _date(data.get("as_of"))
    if as_of is None:
        errors.add("as_of", "YYYY-MM-DD 형식의 날짜여야 합니다.")
    code = data.get("sigungu_code")
    region = region_of(code) if isinstance(code, str) and len(code) == 5 and code.isdigit() else None
    if region is None:
        errors.add("sigungu_code", "알 수 없는 시군구 코드입니다.")
    members = _members(errors, data.get("members"), as_of)
    assets = _assets(errors, errors.mapping(data, "assets", ""))
    housing_raw = errors.mapping(data, "housing", "")
    housing = Housing(
        tenure=errors.choice(Tenure, housing_raw, "tenure", "housing", Tenure.NONE),
        monthly_rent=errors.amount(housing_raw, "monthly_rent", "housing"),
        deposit=errors.amount(housing_raw, "deposit", "housing"),
    )
    obligors = _obligors(errors, data.get("obligors"))
    crisis = _crisis(errors, data.get("crisis_reasons"))
    if errors.fields or as_of is None or region is None:
        raise InvalidInput("입력값이 올바르지 않습니다: " + ", ".join(errors.fields), fields=errors.fields)
    return Household(as_of, region, members, assets, housing, obligors, crisis)
