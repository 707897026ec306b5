"""Linked-data records to and from plain JSON values, so a 조사 can keep exactly what each agency
answered (and what an official entered in its place) and rebuild the records years later."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any

from domain.errors import InvalidInput
from domain.linked_data import (
    Agency,
    CoverageStatus,
    FinancialProduct,
    FinancialRecord,
    HealthInsuranceRecord,
    IncomeRecord,
    IncomeType,
    PensionRecord,
    PersonRecords,
    PropertyRecord,
    PropertyType,
    RecordKind,
    VehicleRecord,
)
from domain.rules.household import VehicleUse

Record = (
    IncomeRecord | PensionRecord | HealthInsuranceRecord | PropertyRecord | VehicleRecord | FinancialRecord
)

RECORD_TYPES: Mapping[RecordKind, type[Record]] = {
    RecordKind.INCOME: IncomeRecord,
    RecordKind.PENSION: PensionRecord,
    RecordKind.HEALTH_INSURANCE: HealthInsuranceRecord,
    RecordKind.PROPERTY: PropertyRecord,
    RecordKind.VEHICLE: VehicleRecord,
    RecordKind.FINANCIAL: FinancialRecord,
}
# Fields whose JSON string is read back into an enum or a date.
_ENUMS: Mapping[str, type[Enum]] = {
    "agency": Agency,
    "income_type": IncomeType,
    "status": CoverageStatus,
    "property_type": PropertyType,
    "product": FinancialProduct,
    "use": VehicleUse,
}
_DATES = frozenset({"reference_date", "month", "acquired_on"})


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def record_to_json(record: Record) -> dict[str, Any]:
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def record_from_json(kind: RecordKind, data: Mapping[str, Any]) -> Record:
    """Rebuilds a record; a missing, unknown or malformed field is `InvalidInput` naming it."""
    cls = RECORD_TYPES[kind]
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise InvalidInput(f"알 수 없는 항목: {', '.join(unknown)}", fields=dict.fromkeys(unknown, "unknown"))
    values: dict[str, Any] = {}
    for name, raw in data.items():
        try:
            if name in _DATES:
                values[name] = date.fromisoformat(str(raw))
            elif name in _ENUMS:
                values[name] = _ENUMS[name](raw)
            else:
                values[name] = raw
        except ValueError as exc:
            raise InvalidInput(f"{name} 값이 올바르지 않습니다.", fields={name: "invalid"}) from exc
    try:
        return cls(**values)
    except TypeError as exc:
        missing = sorted(
            f.name
            for f in dataclasses.fields(cls)
            if f.name not in values
            and f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING
        )
        raise InvalidInput(
            f"필수 항목이 없습니다: {', '.join(missing) or '?'}", fields=dict.fromkeys(missing, "required")
        ) from exc


def person_records(records: list[Record] | tuple[Record, ...]) -> PersonRecords:
    """Groups one person's records by kind."""

    def of(cls: type[Record]) -> tuple[Any, ...]:
        return tuple(r for r in records if isinstance(r, cls))

    return PersonRecords(
        incomes=of(IncomeRecord),
        pensions=of(PensionRecord),
        health_insurance=of(HealthInsuranceRecord),
        properties=of(PropertyRecord),
        vehicles=of(VehicleRecord),
        financial=of(FinancialRecord),
    )


def all_records(records: PersonRecords) -> tuple[Record, ...]:
    return (
        *records.incomes,
        *records.pensions,
        *records.health_insurance,
        *records.properties,
        *records.vehicles,
        *records.financial,
    )
