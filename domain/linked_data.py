"""Records drawn from linked public data for a 조사 (국민기초생활 보장법 제22조①: 금융·국세·지방세·토지·
건물·자동차·건강보험·국민연금 systems), the query that asks for them, the 금융정보 consent rule (법 제21조③,
제23조의2) and the mapping of one person's records onto the rules engine's `Income` and `Assets`.

Every record names the agency it came from, the date its data is as of and the agency's record id, so
a decision can say where each figure came from. Money is `int` won.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import ClassVar

from domain.errors import Conflict, InvalidInput
from domain.rules.household import Assets, Income, Obligor, Vehicle, VehicleUse

ART_FINANCIAL_CONSENT = "국민기초생활 보장법 제21조③, 제23조의2"


class Agency(StrEnum):
    NTS = "nts"  # 국세청: 근로·사업소득 (지급명세서)
    NPS = "nps"  # 국민연금공단
    GEPS = "geps"  # 공무원연금공단 (직역연금)
    TP = "tp"  # 사립학교교직원연금공단 (직역연금)
    MND = "mnd"  # 국방부 군인연금 (직역연금)
    NHIS = "nhis"  # 국민건강보험공단: 자격
    MOLIT = "molit"  # 국토교통부: 토지·건물·임대차 신고, 자동차 등록
    FINANCIAL = "financial"  # 금융회사등, through the 보건복지부 금융정보 일괄조회 (법 제23조의2)


OCCUPATIONAL_AGENCIES = frozenset({Agency.GEPS, Agency.TP, Agency.MND})


class RecordKind(StrEnum):
    INCOME = "income"
    PENSION = "pension"
    HEALTH_INSURANCE = "health_insurance"
    PROPERTY = "property"
    VEHICLE = "vehicle"
    FINANCIAL = "financial"


AGENCIES: dict[RecordKind, frozenset[Agency]] = {
    RecordKind.INCOME: frozenset({Agency.NTS}),
    RecordKind.PENSION: frozenset({Agency.NPS}) | OCCUPATIONAL_AGENCIES,
    RecordKind.HEALTH_INSURANCE: frozenset({Agency.NHIS}),
    RecordKind.PROPERTY: frozenset({Agency.MOLIT}),
    RecordKind.VEHICLE: frozenset({Agency.MOLIT}),
    RecordKind.FINANCIAL: frozenset({Agency.FINANCIAL}),
}


class IncomeType(StrEnum):
    EARNED = "earned"  # 근로소득
    BUSINESS = "business"  # 사업소득


class CoverageStatus(StrEnum):
    """건강보험 자격 (국민건강보험법 제6조)."""

    EMPLOYEE = "employee"  # 직장가입자
    REGIONAL = "regional"  # 지역가입자
    DEPENDENT = "dependent"  # 피부양자


class PropertyType(StrEnum):
    LAND = "land"  # 토지
    BUILDING = "building"  # 건축물 (주택 외)
    HOUSE = "house"  # 주택
    LEASE_DEPOSIT = "lease_deposit"  # 임차보증금 (전세금 포함), at the contract amount (시행령 제5조의3)


class FinancialProduct(StrEnum):
    DEPOSIT = "deposit"  # 예금·적금: 평균잔액
    INSURANCE = "insurance"  # 보험: 해약환급금
    SECURITIES = "securities"  # 주식·채권: 평가액
    LOAN = "loan"  # 대출: 잔액, a 부채 (고시 제2025-204호 제5조)


class InvalidRecord(InvalidInput):
    """A record breaks its shape: a negative amount, a month not on its 1st, a wrong agency."""

    title = "연계 자료가 올바르지 않습니다"


class ConsentRequired(Conflict):
    """금융정보 was asked for without the person's written consent in force (법 제21조③)."""

    title = "금융정보 제공 동의가 필요합니다"


def _check(ok: bool, record_id: str, message: str) -> None:
    if not ok:
        raise InvalidRecord(f"연계 자료 {record_id}: {message}", fields={"record_id": record_id})


@dataclass(frozen=True, slots=True)
class _Record:
    record_id: str
    agency: Agency
    reference_date: date  # the date the agency's data is as of

    # Set by every record type: the kind (which agencies may hold it) and its won fields.
    kind: ClassVar[RecordKind] = RecordKind.INCOME
    amounts: ClassVar[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        _check(bool(self.record_id.strip()), "?", "record id가 비어 있습니다")
        rid = self.record_id
        _check(self.agency in AGENCIES[self.kind], rid, f"{self.agency}는 {self.kind} 자료 기관이 아님")
        for name in self.amounts:
            value = getattr(self, name)
            # bool is an int subclass; a True balance is a bug upstream, not one won.
            _check(
                isinstance(value, int) and not isinstance(value, bool) and value >= 0, rid, f"{name} ≥ 0원"
            )
        month = getattr(self, "month", None)
        _check(month is None or month.day == 1, rid, "귀속월은 그 달 1일로 표기합니다")
        self.validate()

    def validate(self) -> None:
        """Rules of one record type beyond the shared ones."""


@dataclass(frozen=True, slots=True)
class IncomeRecord(_Record):
    """국세청 근로·사업소득 for one month from one payer (간이·지급명세서)."""

    month: date
    income_type: IncomeType
    amount: int
    payer: str

    kind = RecordKind.INCOME
    amounts = ("amount",)


@dataclass(frozen=True, slots=True)
class PensionRecord(_Record):
    """연금 급여액 for one month: 국민연금 (with its A급여 part, 기초연금법 제5조) or a 직역연금
    (공무원·사학·군인), which excludes 기초연금 for most and is flagged on the member."""

    month: date
    amount: int
    a_portion: int = 0
    occupational: bool = False

    kind = RecordKind.PENSION
    amounts = ("amount", "a_portion")

    def validate(self) -> None:
        rid = self.record_id
        _check(self.a_portion <= self.amount, rid, "A급여는 급여액의 일부입니다")
        _check(self.occupational == (self.agency in OCCUPATIONAL_AGENCIES), rid, "직역연금 기관 불일치")
        _check(not (self.occupational and self.a_portion), rid, "직역연금에는 A급여가 없습니다")


@dataclass(frozen=True, slots=True)
class HealthInsuranceRecord(_Record):
    """국민건강보험 자격 (직장·지역·피부양자) with the monthly 보험료 (0 for a 피부양자)."""

    status: CoverageStatus
    acquired_on: date
    monthly_premium: int = 0

    kind = RecordKind.HEALTH_INSURANCE
    amounts = ("monthly_premium",)

    def validate(self) -> None:
        _check(self.acquired_on <= self.reference_date, self.record_id, "자격취득일이 기준일 뒤입니다")
        dependent = self.status is CoverageStatus.DEPENDENT
        _check(not (dependent and self.monthly_premium), self.record_id, "피부양자는 보험료가 없습니다")


@dataclass(frozen=True, slots=True)
class PropertyRecord(_Record):
    """국토부 토지·건물 (the person's share at 시가표준액) or a 주택 임대차 보증금 (신고된 계약금액).
    `deposit_received` is the 임대보증금 a lessor holds: a 부채 (고시 제2025-204호 제5조)."""

    property_type: PropertyType
    value: int
    address: str
    is_residence: bool = False  # the dwelling the person lives in: 주거용재산
    deposit_received: int = 0

    kind = RecordKind.PROPERTY
    amounts = ("value", "deposit_received")

    def validate(self) -> None:
        dwelling = self.property_type in (PropertyType.HOUSE, PropertyType.LEASE_DEPOSIT)
        _check(dwelling or not self.is_residence, self.record_id, "주거용재산은 주택 또는 임차보증금입니다")


@dataclass(frozen=True, slots=True)
class VehicleRecord(_Record):
    """국토부 자동차 등록: 차량가액 (보건복지부 고시 기준가액), 배기량, 연식, 용도."""

    value: int
    cc: int
    model_year: int
    use: VehicleUse = VehicleUse.ORDINARY

    kind = RecordKind.VEHICLE
    amounts = ("value", "cc")

    def validate(self) -> None:
        ok = 1950 <= self.model_year <= self.reference_date.year + 1
        _check(ok, self.record_id, "연식이 범위 밖입니다")


@dataclass(frozen=True, slots=True)
class FinancialRecord(_Record):
    """금융정보 (법 제23조의2): one account's 평균잔액 (예금), value (보험·증권) or 대출 잔액."""

    institution: str
    product: FinancialProduct
    amount: int

    kind = RecordKind.FINANCIAL
    amounts = ("amount",)


# A resident number standing on its own. Not a run of digits inside a hex key: the hex of a blind
# index holds 13 decimal digits in a row about once in eight keys, and is exactly the key to use.
_RRN_LIKE = re.compile(r"(?<![0-9a-fA-F])\d{6}-?\d{7}(?![0-9a-fA-F])", re.ASCII)


@dataclass(frozen=True, slots=True)
class LinkedDataQuery:
    """What a 조사 asks of the connectors about one person. `subject` is a stable opaque key (the
    person id, or the hex of the 주민등록번호 blind index): the number itself never travels in a query,
    logs or fixtures. `birth_date` is what the registry holds; a simulator uses it for age bands."""

    subject: str
    as_of: date
    kinds: frozenset[RecordKind] = field(default_factory=lambda: frozenset(RecordKind))
    birth_date: date | None = None

    def __post_init__(self) -> None:
        if not self.subject.strip():
            raise InvalidInput("조회 대상이 비어 있습니다.", fields={"subject": "required"})
        if _RRN_LIKE.search(self.subject):
            raise InvalidInput("주민등록번호를 조회 키로 쓸 수 없습니다.", fields={"subject": "opaque key"})
        if not self.kinds:
            raise InvalidInput("조회할 자료를 하나 이상 고르세요.", fields={"kinds": "required"})


@dataclass(frozen=True, slots=True)
class FinancialConsent:
    """A recorded written 금융정보 제공 동의 (법 제21조③) of one person, until withdrawn."""

    subject: str
    given_on: date
    document_id: str
    withdrawn_on: date | None = None

    def in_force(self, on: date) -> bool:
        return self.given_on <= on and (self.withdrawn_on is None or on < self.withdrawn_on)


def require_financial_consent(query: LinkedDataQuery, consent: FinancialConsent | None) -> None:
    """Refuse a query that asks for 금융정보 unless that same person's consent is in force on `as_of`.
    Both the 수급권자 and each 부양의무자 consent for themselves; one person's consent never covers
    another's accounts."""
    if RecordKind.FINANCIAL not in query.kinds:
        return
    if consent is None or consent.subject != query.subject or not consent.in_force(query.as_of):
        raise ConsentRequired(
            f"금융정보는 본인의 서면 동의가 있어야 조회할 수 있습니다 ({ART_FINANCIAL_CONSENT}).",
            fields={"consent": "missing"},
        )


@dataclass(frozen=True, slots=True)
class PersonRecords:
    """Everything the connectors returned for one person (a kind not obtained stays empty)."""

    incomes: tuple[IncomeRecord, ...] = ()
    pensions: tuple[PensionRecord, ...] = ()
    health_insurance: tuple[HealthInsuranceRecord, ...] = ()
    properties: tuple[PropertyRecord, ...] = ()
    vehicles: tuple[VehicleRecord, ...] = ()
    financial: tuple[FinancialRecord, ...] = ()


def reference_month(as_of: date) -> date:
    """The income month an investigation on `as_of` uses: the last month completed before it. The
    current month is never complete (wages are paid and reported after the work), so using it would
    read a partial month as a fall in income."""
    return (as_of.replace(day=1) - timedelta(days=1)).replace(day=1)


def to_income(records: PersonRecords, as_of: date) -> Income:
    """The person's monthly `Income` for the reference month: 근로·사업소득 summed over payers (시행령
    제5조①1·2호), 국민연금 and 직역연금 as 공적이전소득 (제5조①4호), A급여 carried for 기초연금."""
    month = reference_month(as_of)
    work = dict.fromkeys(IncomeType, 0)
    for r in records.incomes:
        work[r.income_type] += r.amount if r.month == month else 0
    pensions = [r for r in records.pensions if r.month == month]
    return Income(
        earned=work[IncomeType.EARNED],
        business=work[IncomeType.BUSINESS],
        public_transfer=sum(r.amount for r in pensions if r.occupational),
        national_pension=sum(r.amount for r in pensions if not r.occupational),
        national_pension_a=sum(r.a_portion for r in pensions),
    )


def receives_occupational_pension(records: PersonRecords, as_of: date) -> bool:
    """`Member.occupational_pension`: a 직역연금 paid in the reference month."""
    month = reference_month(as_of)
    return any(r.occupational and r.month == month for r in records.pensions)


def to_assets(records: PersonRecords, as_of: date) -> Assets:
    """The person's contribution to the household's `Assets` (시행령 제5조의3): the dwelling they live
    in (owned 주택 or its 보증금) is 주거용, other land, buildings and deposits are 일반, accounts are
    금융, loans and 임대보증금 received are 부채. Records dated after `as_of` are ignored: a decision
    must not rest on data that did not exist on its date."""
    known = [r for r in records.properties if r.reference_date <= as_of]
    housing = sum(r.value for r in known if r.is_residence)
    general = sum(r.value for r in known if not r.is_residence)
    accounts = [r for r in records.financial if r.reference_date <= as_of]
    loans = sum(r.amount for r in accounts if r.product is FinancialProduct.LOAN)
    return Assets(
        housing=housing,
        general=general,
        financial=sum(r.amount for r in accounts if r.product is not FinancialProduct.LOAN),
        debts=loans + sum(r.deposit_received for r in known),
        vehicles=tuple(
            Vehicle(value=r.value, cc=r.cc, age_years=max(0, as_of.year - r.model_year), use=r.use)
            for r in records.vehicles
            if r.reference_date <= as_of
        ),
    )


def to_obligor(people: list[PersonRecords] | tuple[PersonRecords, ...], as_of: date) -> Obligor:
    """A 부양의무자 household (법 제8조②, basic-livelihood-emergency-2026.md §8): its annual income is
    the 근로·사업소득 and 연금 of the twelve months ending with the reference month, its 일반재산 every
    토지·건물·보증금 (the 1.3억원 / 12억원 lines read 일반재산 as all real property, an assumption)."""
    last = reference_month(as_of)
    first = date(last.year, 1, 1) if last.month == 12 else date(last.year - 1, last.month + 1, 1)
    annual = 0
    general = 0
    for person in people:
        annual += sum(r.amount for r in person.incomes if first <= r.month <= last)
        annual += sum(r.amount for r in person.pensions if first <= r.month <= last)
        general += sum(r.value for r in person.properties if r.reference_date <= as_of)
    return Obligor(annual_income=annual, general_property=general)
