"""The interface between a 조사 and the agencies holding linked public data (국민기초생활 보장법
제22조①: 국세·토지·건물·자동차·건강보험·국민연금; 제23조의2: 금융정보).

A real connector (사회보장정보시스템 연계, one adapter per agency) and the simulator implement the same
`LinkedDataConnector`. Contract for every method:

- It returns the person's records as of `query.as_of` (possibly none: "no 소득" is a fact, an empty
  tuple), never records of anyone else.
- It answers within `DEFAULT_TIMEOUT_SECONDS` or raises `ConnectorUnavailable`; so does an agency that
  refuses, is down or answers garbage. The caller then records the kind as "not obtained" — never as
  zero, which would make an unanswered 국세청 look like a person without income.
- `financial` checks the consent itself (`require_financial_consent`) before anything leaves the
  process and raises `ConsentRequired` (a domain error) without one: 금융정보 without written consent
  is a crime (법 제48조), so the check cannot be left to the caller alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from domain.linked_data import (
    Agency,
    FinancialConsent,
    FinancialRecord,
    HealthInsuranceRecord,
    IncomeRecord,
    LinkedDataQuery,
    PensionRecord,
    PersonRecords,
    PropertyRecord,
    RecordKind,
    VehicleRecord,
    require_financial_consent,
)

# Per call. The 사회보장정보시스템 batch interfaces answer in seconds when up; longer means down.
DEFAULT_TIMEOUT_SECONDS = 10.0


class ConnectorUnavailable(Exception):
    """An agency did not answer (timeout, outage, malformed reply). Not a domain error: nothing about
    the person is known, and the 조사 must say so rather than assume zero."""

    def __init__(self, agency: Agency, kind: RecordKind, reason: str) -> None:
        super().__init__(f"{agency} {kind}: {reason}")
        self.agency = agency
        self.kind = kind
        self.reason = reason


@runtime_checkable
class LinkedDataConnector(Protocol):
    """One method per kind of linked data; each may raise `ConnectorUnavailable`."""

    async def incomes(self, query: LinkedDataQuery) -> tuple[IncomeRecord, ...]:
        """국세청 근로·사업소득 per month and payer, the twelve months up to the reference month."""
        ...

    async def pensions(self, query: LinkedDataQuery) -> tuple[PensionRecord, ...]:
        """국민연금 (with A급여) and 직역연금 급여액 per month, same months as `incomes`."""
        ...

    async def health_insurance(self, query: LinkedDataQuery) -> tuple[HealthInsuranceRecord, ...]:
        """국민건강보험 자격 on `as_of` (직장·지역·피부양자)."""
        ...

    async def properties(self, query: LinkedDataQuery) -> tuple[PropertyRecord, ...]:
        """국토부 토지·건물 (시가표준액) and 주택 임대차 보증금 on `as_of`."""
        ...

    async def vehicles(self, query: LinkedDataQuery) -> tuple[VehicleRecord, ...]:
        """국토부 자동차 등록 on `as_of`."""
        ...

    async def financial(
        self, query: LinkedDataQuery, consent: FinancialConsent | None
    ) -> tuple[FinancialRecord, ...]:
        """금융정보 (예금 평균잔액, 보험, 증권, 대출). Raises `ConsentRequired` without consent."""
        ...


@dataclass(frozen=True, slots=True)
class Gathered:
    """What a 조사 obtained for one person, and which kinds it could not obtain (with the reason)."""

    records: PersonRecords
    not_obtained: dict[RecordKind, str] = field(default_factory=dict)


async def gather_records(
    connector: LinkedDataConnector,
    query: LinkedDataQuery,
    consent: FinancialConsent | None = None,
    *,
    per_call_seconds: float = DEFAULT_TIMEOUT_SECONDS,
) -> Gathered:
    """Ask every requested kind at once. The consent is checked before any agency is asked, so a
    refused query leaves no trace at the agencies; an agency that fails or overruns `per_call_seconds`
    becomes an entry in `not_obtained` while the others still count."""
    require_financial_consent(query, consent)

    async def financial(q: LinkedDataQuery) -> tuple[FinancialRecord, ...]:
        return await connector.financial(q, consent)

    calls: dict[RecordKind, Callable[[LinkedDataQuery], Awaitable[tuple[object, ...]]]] = {
        RecordKind.INCOME: connector.incomes,
        RecordKind.PENSION: connector.pensions,
        RecordKind.HEALTH_INSURANCE: connector.health_insurance,
        RecordKind.PROPERTY: connector.properties,
        RecordKind.VEHICLE: connector.vehicles,
        RecordKind.FINANCIAL: financial,
    }
    kinds = [kind for kind in RecordKind if kind in query.kinds]

    async def one(kind: RecordKind) -> tuple[object, ...] | str:
        try:
            async with asyncio.timeout(per_call_seconds):
                answer = await calls[kind](query)
        except ConnectorUnavailable as exc:
            return exc.reason
        except TimeoutError:
            return f"{per_call_seconds:g}초 안에 응답하지 않음"
        # A reply holding the wrong record type is a broken reply, not data: "not obtained".
        if not all(isinstance(r, _RECORD_TYPES[kind]) for r in answer):
            return "응답 형식 오류"
        return answer

    answers = await asyncio.gather(*(one(kind) for kind in kinds))
    found: dict[RecordKind, tuple[Any, ...]] = {}
    missing: dict[RecordKind, str] = {}
    for kind, answer in zip(kinds, answers, strict=True):
        if isinstance(answer, str):
            missing[kind] = answer
        else:
            found[kind] = answer
    return Gathered(
        PersonRecords(
            incomes=found.get(RecordKind.INCOME, ()),
            pensions=found.get(RecordKind.PENSION, ()),
            health_insurance=found.get(RecordKind.HEALTH_INSURANCE, ()),
            properties=found.get(RecordKind.PROPERTY, ()),
            vehicles=found.get(RecordKind.VEHICLE, ()),
            financial=found.get(RecordKind.FINANCIAL, ()),
        ),
        missing,
    )


_RECORD_TYPES: dict[RecordKind, type] = {
    RecordKind.INCOME: IncomeRecord,
    RecordKind.PENSION: PensionRecord,
    RecordKind.HEALTH_INSURANCE: HealthInsuranceRecord,
    RecordKind.PROPERTY: PropertyRecord,
    RecordKind.VEHICLE: VehicleRecord,
    RecordKind.FINANCIAL: FinancialRecord,
}
