"""Fixed linked-data records for named people: the override type the simulator accepts, and the
records of the demo population (api/demo.py), so a demonstration tells the same story every time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from domain.linked_data import PropertyType
from domain.rules.household import VehicleUse


@dataclass(frozen=True, slots=True)
class FixedProperty:
    property_type: PropertyType
    value: int
    is_residence: bool = False
    deposit_received: int = 0


@dataclass(frozen=True, slots=True)
class FixedCar:
    value: int
    cc: int
    model_year: int
    use: VehicleUse = VehicleUse.ORDINARY


@dataclass(frozen=True, slots=True)
class Override:
    """Fixed records for one person, the same every month and on every `as_of`."""

    earned: int = 0
    employer: str = ""
    business: int = 0
    national_pension: int = 0
    national_pension_a: int = 0
    occupational_pension: int = 0
    properties: tuple[FixedProperty, ...] = ()
    cars: tuple[FixedCar, ...] = ()
    deposits: int = 0
    loans: int = 0


def _lease(deposit: int) -> tuple[FixedProperty, ...]:
    return (FixedProperty(PropertyType.LEASE_DEPOSIT, deposit, is_residence=True),)


def _home(value: int) -> tuple[FixedProperty, ...]:
    return (FixedProperty(PropertyType.HOUSE, value, is_residence=True),)


# The demo population of api/demo.py, by its person keys. kim_*: a retired couple on a small 국민연금
# whose son (kim_son, a separate household) earns above the 1.3억원 line, so 생계급여 is closed to them
# by the 부양의무자 rule; choi_single: alone, a little part-time pay, a small 보증금 — 생계급여-eligible;
# seo_single likewise, and her 생계급여 is already decided.
DEMO_OVERRIDES: dict[str, Override] = {
    "kim_head": Override(national_pension=480_000, national_pension_a=210_000, deposits=2_400_000),
    "kim_spouse": Override(properties=_lease(30_000_000), deposits=900_000),
    "kim_son": Override(
        earned=12_500_000,
        employer="(주)누리소프트",
        properties=_home(820_000_000),
        deposits=45_000_000,
        cars=(FixedCar(38_000_000, 2497, 2023),),
        loans=150_000_000,
    ),
    "choi_single": Override(
        earned=300_000, employer="새솔유통", properties=_lease(5_000_000), deposits=800_000
    ),
    "park_head": Override(
        earned=2_150_000,
        employer="가람병원",
        properties=_lease(50_000_000),
        deposits=3_000_000,
        cars=(FixedCar(6_000_000, 1598, 2017),),
        loans=20_000_000,
    ),
    "park_child1": Override(deposits=300_000),
    "park_child2": Override(),
    "nguyen": Override(
        earned=2_300_000, employer="바른물류(주)", properties=_lease(10_000_000), deposits=4_000_000
    ),
    "jung_elder": Override(properties=_home(90_000_000), deposits=6_000_000),
    # Alone on a small 국민연금, a modest 보증금 and savings: a 생계급여 수급자 (for certificates).
    "seo_single": Override(national_pension=250_000, properties=_lease(8_000_000), deposits=600_000),
}


def overrides_for(
    subjects: Mapping[str, str], table: Mapping[str, Override] = DEMO_OVERRIDES
) -> dict[str, Override]:
    """Re-key the demo table by the subject keys the queries will carry (`{demo key: subject}`, e.g.
    the registered person ids), so the demo can pin its people once it knows their ids."""
    return {subjects[key]: override for key, override in table.items() if key in subjects}
