"""A deterministic stand-in for the agencies of 국민기초생활 보장법 제22조① and 제23조의2, for demos and
tests: it implements `LinkedDataConnector` with synthetic records derived from a seed and the person's
stable key, so the same person looks the same in every run, process and machine.

Streams come from sha256(version, seed, key, label) — never Python's `hash()`, which is salted per
process — and each kind (and each income month) has its own stream, so asking for one kind, or for a
later `as_of`, never changes another's values. Distributions are rough Korean shapes, not statistics:
most people own no property or one modest dwelling, about half the adults drive, wages depend on the
age band, old-age pensions start at the 국민연금법 부칙 age for the birth year.

`Override` pins a person's records (the demo households: `DEMO_OVERRIDES`, by demo key).
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from api.connectors.base import ConnectorUnavailable
from api.connectors.overrides import FixedCar, FixedProperty, Override
from domain.linked_data import (
    Agency,
    CoverageStatus,
    FinancialConsent,
    FinancialProduct,
    FinancialRecord,
    HealthInsuranceRecord,
    IncomeRecord,
    IncomeType,
    LinkedDataQuery,
    PensionRecord,
    PropertyRecord,
    PropertyType,
    RecordKind,
    VehicleRecord,
    reference_month,
    require_financial_consent,
)
from domain.rules.household import VehicleUse, age_in_years

# Part of every stream's key: change it when the generation changes, and the pinned test values with it.
STREAM_VERSION = "sim-v1"
AGENCY_OF = {
    RecordKind.INCOME: Agency.NTS,
    RecordKind.PENSION: Agency.NPS,  # 직역연금 answer through the same 사회보장정보시스템 channel
    RecordKind.HEALTH_INSURANCE: Agency.NHIS,
    RecordKind.PROPERTY: Agency.MOLIT,
    RecordKind.VEHICLE: Agency.MOLIT,
    RecordKind.FINANCIAL: Agency.FINANCIAL,
}
# (from age, share employed, share self-employed, median monthly wage): 통계청-like shapes, rounded.
EARNED, BUSINESS = IncomeType.EARNED, IncomeType.BUSINESS
_WORK_BANDS = (
    (0, 0.0, 0.0, 0),
    (15, 0.06, 0.0, 600_000),
    (19, 0.55, 0.05, 2_500_000),
    (30, 0.66, 0.14, 3_700_000),
    (50, 0.58, 0.20, 3_500_000),
    (60, 0.42, 0.20, 2_300_000),
    (65, 0.18, 0.12, 1_300_000),
    (75, 0.05, 0.06, 900_000),
)
_PAYERS = ("(주)한빛물산", "가람병원", "(주)누리소프트", "바른물류(주)", "새솔유통", "(재)온누리복지회")
_BANKS = ("가상은행", "모의저축은행", "시범농협", "표본신협")
_CAR_CC = ((998, 0.12), (1598, 0.25), (1999, 0.38), (2497, 0.15), (3342, 0.10))
_CAR_USES = (VehicleUse.ORDINARY, VehicleUse.CARGO, VehicleUse.LIVELIHOOD)
_NEW_PRICE_PER_CC = 16_000  # rough new-car price per cc; values then fall 15% a year
_DEPENDENT_PENSION_LIMIT = 2_000_000  # 피부양자 소득요건 연 2,000만원, as a monthly figure


def _stream(seed: int, subject: str, label: str) -> random.Random:
    digest = hashlib.sha256(f"{STREAM_VERSION}|{seed}|{subject}|{label}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 - synthetic data, not secrets


def _record_id(prefix: str, seed: int, subject: str, label: str) -> str:
    # The id is a digest so it never reveals the subject key it was made from.
    return f"{prefix}-{hashlib.sha256(f'{seed}|{subject}|{label}'.encode()).hexdigest()[:16]}"


def _lognormal(rng: random.Random, median: int, sigma: float, low: int, high: int, unit: int) -> int:
    value = median * math.exp(sigma * rng.gauss(0.0, 1.0))
    return int(min(high, max(low, value)) // unit * unit)


def _pension_start_age(birth_year: int) -> int:
    """노령연금 수급개시연령 (국민연금법 제61조 and its 부칙's 단계적 상향): 60 for those born up to 1952,
    one year more per four-year cohort, 65 for those born 1969 or later."""
    return 60 + min(5, max(0, (birth_year - 1949) // 4))


def _months(as_of: date) -> list[date]:
    last = reference_month(as_of)
    index = last.year * 12 + last.month - 1
    return [date((index - k) // 12, (index - k) % 12 + 1, 1) for k in range(11, -1, -1)]


@dataclass(frozen=True, slots=True)
class _Work:
    earned: int
    business: int
    payer: str


class PublicDataSimulator:
    """Implements `LinkedDataConnector`. `unavailable_rate` (per agency, default none) makes calls
    raise `ConnectorUnavailable`, drawn from a seeded stream so a test run repeats exactly."""

    def __init__(
        self,
        seed: int = 2026,
        *,
        overrides: Mapping[str, Override] | None = None,
        unavailable_rate: Mapping[Agency, float] | None = None,
    ) -> None:
        self.seed = seed
        self.overrides = dict(overrides or {})
        self.unavailable_rate = dict(unavailable_rate or {})
        self._outages = random.Random(seed)  # noqa: S311 - simulated outages, not secrets

    async def _answer(self, kind: RecordKind) -> None:
        agency = AGENCY_OF[kind]
        await asyncio.sleep(0)  # yield like a real call, so concurrent gathering interleaves
        if self._outages.random() < self.unavailable_rate.get(agency, 0.0):
            raise ConnectorUnavailable(agency, kind, "기관 시스템 응답 없음 (모의)")

    def birth_date(self, query: LinkedDataQuery) -> date:
        """The query's birth date, or a synthetic one drawn from the key (stable across `as_of`)."""
        if query.birth_date is not None:
            return query.birth_date
        rng = _stream(self.seed, query.subject, "birth")
        return date(rng.randint(1940, 2007), rng.randint(1, 12), rng.randint(1, 28))

    def _meta(self, agency: Agency, query: LinkedDataQuery, label: str) -> tuple[str, Agency, date]:
        """record id, agency, reference date: the head of every record."""
        return _record_id(agency.name, self.seed, query.subject, label), agency, query.as_of

    # --- incomes and pensions: monthly, twelve months up to the reference month -----------------

    def _work(self, query: LinkedDataQuery, age: int) -> _Work:
        fixed = self.overrides.get(query.subject)
        if fixed is not None:
            return _Work(fixed.earned, fixed.business, fixed.employer or "본인 사업장")
        rng = _stream(self.seed, query.subject, "work")
        u, z, payer = rng.random(), rng.gauss(0.0, 1.0), rng.choice(_PAYERS)
        _, employed, self_employed, median = next(b for b in reversed(_WORK_BANDS) if age >= b[0])
        level = int(min(30_000_000, max(300_000, median * math.exp(0.5 * z))) // 1000 * 1000)
        if u < employed:
            return _Work(level, 0, payer)
        if u < employed + self_employed:
            return _Work(0, level, "본인 사업장")
        return _Work(0, 0, "")

    async def incomes(self, query: LinkedDataQuery) -> tuple[IncomeRecord, ...]:
        await self._answer(RecordKind.INCOME)
        work = self._work(query, age_in_years(self.birth_date(query), query.as_of))
        pinned = query.subject in self.overrides
        out: list[IncomeRecord] = []
        for month in _months(query.as_of):
            # Employees' pay moves a little month to month, a business's a lot; each month its own stream.
            wobble = _stream(self.seed, query.subject, f"income:{month.isoformat()}").gauss(0.0, 1.0)
            for kind, base, spread in ((EARNED, work.earned, 0.03), (BUSINESS, work.business, 0.25)):
                if base:
                    amount = base if pinned else max(0, int(base * (1 + spread * wobble)) // 1000 * 1000)
                    head = self._meta(Agency.NTS, query, f"{kind}:{month}")
                    out.append(IncomeRecord(*head, month, kind, amount, work.payer))
        return tuple(out)

    def _pension(self, query: LinkedDataQuery) -> tuple[Agency, int, int] | None:
        """(agency, monthly amount, A급여) once the person is of pension age, else None."""
        fixed = self.overrides.get(query.subject)
        if fixed is not None:
            if fixed.occupational_pension:
                return Agency.GEPS, fixed.occupational_pension, 0
            pension = (Agency.NPS, fixed.national_pension, fixed.national_pension_a)
            return pension if fixed.national_pension else None
        birth = self.birth_date(query)
        if age_in_years(birth, reference_month(query.as_of)) < _pension_start_age(birth.year):
            return None
        rng = _stream(self.seed, query.subject, "pension")
        u = rng.random()
        if u < 0.55:
            amount = _lognormal(rng, 650_000, 0.6, 100_000, 3_200_000, 10)
            return Agency.NPS, amount, int(amount * rng.uniform(0.35, 0.65)) // 10 * 10
        if u < 0.63:
            agency = rng.choices((Agency.GEPS, Agency.TP, Agency.MND), (0.7, 0.2, 0.1))[0]
            return agency, _lognormal(rng, 2_800_000, 0.3, 1_000_000, 6_000_000, 10), 0
        return None

    async def pensions(self, query: LinkedDataQuery) -> tuple[PensionRecord, ...]:
        await self._answer(RecordKind.PENSION)
        paid = self._pension(query)
        if paid is None:
            return ()
        agency, amount, a_portion = paid
        occupational = agency is not Agency.NPS
        return tuple(
            PensionRecord(*self._meta(agency, query, f"pension:{m}"), m, amount, a_portion, occupational)
            for m in _months(query.as_of)
        )

    # --- snapshots on as_of -----------------------------------------------------------------------

    async def health_insurance(self, query: LinkedDataQuery) -> tuple[HealthInsuranceRecord, ...]:
        await self._answer(RecordKind.HEALTH_INSURANCE)
        birth = self.birth_date(query)
        age = age_in_years(birth, query.as_of)
        work, pension = self._work(query, age), self._pension(query)
        rng = _stream(self.seed, query.subject, "health")
        # 직장 follows a wage, 지역 a business or a pension above the 피부양자 income limit.
        if work.earned:
            status = CoverageStatus.EMPLOYEE
        elif work.business or (pension is not None and pension[1] > _DEPENDENT_PENSION_LIMIT):
            status = CoverageStatus.REGIONAL
        else:
            # Without income, a child or a pinned person is a 피부양자; others split (no one to depend on).
            alone = age >= 19 and query.subject not in self.overrides and rng.random() >= 0.6
            status = CoverageStatus.REGIONAL if alone else CoverageStatus.DEPENDENT
        # 직장: the worker's half of a 7.19% 보험료율; 지역: a rough 7% of income, with a floor.
        basis = work.business + (pension[1] if pension else 0)
        premium = 0 if status is CoverageStatus.DEPENDENT else max(20_000, basis * 7 // 100) // 10 * 10
        if status is CoverageStatus.EMPLOYEE:
            premium = work.earned * 3595 // 100_000 // 10 * 10
        acquired = min(query.as_of, max(birth, date(rng.randint(2000, 2025), rng.randint(1, 12), 1)))
        head = self._meta(Agency.NHIS, query, f"health:{status}")
        return (HealthInsuranceRecord(*head, status, acquired, premium),)

    async def properties(self, query: LinkedDataQuery) -> tuple[PropertyRecord, ...]:
        await self._answer(RecordKind.PROPERTY)
        fixed = self.overrides.get(query.subject)
        items = fixed.properties if fixed is not None else self._random_properties(query)
        return tuple(
            PropertyRecord(
                *head, p.property_type, p.value, f"모의 소재지 {i + 1}", p.is_residence, p.deposit_received
            )
            for i, p in enumerate(items)
            for head in [self._meta(Agency.MOLIT, query, f"property:{i}")]
        )

    def _random_properties(self, query: LinkedDataQuery) -> list[FixedProperty]:
        age = age_in_years(self.birth_date(query), query.as_of)
        rng = _stream(self.seed, query.subject, "property")
        if age < 19:
            return []
        owner_share = 0.07 if age < 30 else 0.30 if age < 40 else 0.50 if age < 65 else 0.60
        items: list[FixedProperty] = []
        if rng.random() < owner_share:
            value = _lognormal(rng, 230_000_000, 0.6, 20_000_000, 3_000_000_000, 100_000)
            lives_there = rng.random() < 0.9
            # A house the owner does not live in is usually let: its 보증금 is a debt of the owner.
            received = 0 if lives_there else value * rng.randint(30, 70) // 100 // 100_000 * 100_000
            items.append(FixedProperty(PropertyType.HOUSE, value, lives_there, received))
            if rng.random() < 0.1:
                land = _lognormal(rng, 60_000_000, 0.8, 1_000_000, 2_000_000_000, 100_000)
                items.append(FixedProperty(PropertyType.LAND, land))
        elif rng.random() < 0.45:
            deposit = _lognormal(rng, 40_000_000, 0.9, 3_000_000, 1_500_000_000, 1_000_000)
            items.append(FixedProperty(PropertyType.LEASE_DEPOSIT, deposit, True))
        return items

    async def vehicles(self, query: LinkedDataQuery) -> tuple[VehicleRecord, ...]:
        await self._answer(RecordKind.VEHICLE)
        fixed = self.overrides.get(query.subject)
        cars = list(fixed.cars) if fixed is not None else self._random_cars(query)
        return tuple(
            VehicleRecord(*self._meta(Agency.MOLIT, query, f"vehicle:{i}"), car.value, car.cc, year, car.use)
            for i, car in enumerate(cars)
            for year in [min(car.model_year, query.as_of.year)]
        )

    def _random_cars(self, query: LinkedDataQuery) -> list[FixedCar]:
        age = age_in_years(self.birth_date(query), query.as_of)
        rng = _stream(self.seed, query.subject, "vehicle")
        share = 0.0 if age < 19 else 0.25 if age < 30 else 0.50 if age < 65 else 0.30 if age < 75 else 0.10
        count = (1 + (rng.random() < 0.1)) if rng.random() < share else 0
        cars = []
        for _ in range(count):
            cc = rng.choices([c for c, _ in _CAR_CC], [w for _, w in _CAR_CC])[0]
            # The model year is drawn once (from 2026 back), so a later as_of sees the same, older car.
            year = 2026 - min(20, int(rng.expovariate(1 / 6)))
            depreciation = 0.85 ** max(0, query.as_of.year - year)
            value = max(300_000, int(cc * _NEW_PRICE_PER_CC * depreciation) // 10_000 * 10_000)
            use = rng.choices(_CAR_USES, (0.92, 0.05, 0.03))[0]
            cars.append(FixedCar(value, cc, year, use))
        return cars

    async def financial(
        self, query: LinkedDataQuery, consent: FinancialConsent | None
    ) -> tuple[FinancialRecord, ...]:
        # Checked before the (simulated) request leaves: the same rule a real connector must keep.
        require_financial_consent(query, consent)
        await self._answer(RecordKind.FINANCIAL)
        fixed = self.overrides.get(query.subject)
        if fixed is not None:
            items = [(FinancialProduct.DEPOSIT, fixed.deposits), (FinancialProduct.LOAN, fixed.loans)]
        else:
            items = self._random_accounts(query)
        return tuple(
            FinancialRecord(
                *self._meta(Agency.FINANCIAL, query, f"financial:{i}"), _BANKS[i % 4], product, amount
            )
            for i, (product, amount) in enumerate(items)
            if amount or product is FinancialProduct.DEPOSIT
        )

    def _random_accounts(self, query: LinkedDataQuery) -> list[tuple[FinancialProduct, int]]:
        age = age_in_years(self.birth_date(query), query.as_of)
        rng = _stream(self.seed, query.subject, "financial")
        adult = age >= 19
        items: list[tuple[FinancialProduct, int]] = []
        if rng.random() < (0.97 if adult else 0.5):
            median = 4_000_000 if adult else 500_000
            items.append((FinancialProduct.DEPOSIT, _lognormal(rng, median, 1.3, 0, 3_000_000_000, 1_000)))
        draws: list[tuple[FinancialProduct, float, int, float]] = [
            (FinancialProduct.INSURANCE, 0.35, 5_000_000, 0.9),
            (FinancialProduct.SECURITIES, 0.25, 8_000_000, 1.2),
            (FinancialProduct.LOAN, 0.45 if 30 <= age < 60 else 0.25 if age < 30 else 0.2, 40_000_000, 1.0),
        ]
        for product, share, median, sigma in draws:
            if adult and rng.random() < share:
                items.append((product, _lognormal(rng, median, sigma, 100_000, 2_000_000_000, 10_000)))
        return items
