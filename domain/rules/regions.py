"""Region classes (지역 구분) of each program, decided from the 시군구 reference row by the rules of
shared/rules/region-classes.md §2. Every class is decided at the 기초 level: an 일반구 takes its 시's
class. The settings that the notes mark [UNCERTAIN] are dated parameters in `parameters/regions.yaml`,
so that a confirmed reading replaces them without a code change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from domain.errors import InvalidInput
from domain.rules.parameter_book import ParameterBook, ParameterValue

CAPITAL_SIDO = frozenset({"11", "28", "41"})  # 수도권정비계획법 제2조제1호: 서울, 인천, 경기
METRO_SIDO = frozenset({"26", "27", "28", "30", "31"})  # 광역시: 부산 대구 인천 대전 울산
SEJONG = "36110"
# 광주광역시's 구 until 2026-06-30. 전남광주통합특별시 (sido 12) is classed as on 2026-06-30 until the
# 고시 are amended (region-classes.md §2.0 default).
FORMER_GWANGJU_GU = frozenset({"12210", "12240", "12270", "12300", "12330"})


@dataclass(frozen=True, slots=True)
class Region:
    """One row of reference/admin-divisions.csv, with its parent 시 for an 일반구."""

    code: str
    name: str
    sido_code: str
    kind: str  # 자치구, 시, 군, 일반구, 특별자치시, 특별자치도-행정시
    is_population_decline_area: bool
    parent: Region | None = None

    @property
    def unit(self) -> Region:
        """The 기초자치단체 whose class this row takes (region-classes.md §2.0 `unit`)."""
        return self.parent if self.kind == "일반구" and self.parent is not None else self

    @property
    def is_capital_area(self) -> bool:
        return self.sido_code in CAPITAL_SIDO


class PropertyRegion(StrEnum):
    """기초생활보장 기본재산액·주거용재산 한도 지역 (고시 제2025-204호 별표3)."""

    SEOUL = "seoul"
    GYEONGGI = "gyeonggi"
    METRO = "metro"  # 광역시·세종·창원
    OTHER = "other"


class HousingGrade(StrEnum):
    """주거급여 급지 (국토교통부 고시 제2025-506호)."""

    GRADE_1 = "1"
    GRADE_2 = "2"
    GRADE_3 = "3"
    GRADE_4 = "4"


class CityClass(StrEnum):
    """대도시 / 중소도시 / 농어촌 (기초연금 고시 제8조; 장애인연금, 긴급복지 by default)."""

    BIG_CITY = "big_city"
    MID_CITY = "mid_city"
    RURAL = "rural"


class ChildAllowanceArea(StrEnum):
    """아동수당 지역 가산 (아동수당법 제4조⑥, 시행령 제2조②)."""

    CAPITAL = "capital"  # 수도권, not 인구감소지역: no top-up
    NON_CAPITAL = "non_capital"  # 비수도권: +5천원
    DECLINE_PREFERRED = "decline_preferred"  # 인구감소 우대지원지역: +1만원
    DECLINE_SPECIAL = "decline_special"  # 인구감소 특별지원지역: +2만원
    DECLINE_UNCONFIRMED = "decline_unconfirmed"  # 인구감소지역 whose 우대/특별 split is not loaded


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Classified(Generic[T]):
    """A class with the parameters (settings) that decided it, for the trace."""

    value: T
    settings: tuple[ParameterValue, ...] = ()


def special_cities(book: ParameterBook, as_of: date) -> ParameterValue:
    return book.at("region.special_cities", as_of)


def property_region(region: Region, book: ParameterBook, as_of: date) -> Classified[PropertyRegion]:
    """region-classes.md §2.1."""
    u = region.unit
    if u.sido_code == "11":
        return Classified(PropertyRegion.SEOUL)
    if u.sido_code == "41":
        return Classified(PropertyRegion.GYEONGGI)
    if u.sido_code == "28":
        setting = book.at("region.livelihood_incheon_class", as_of)
        return Classified(PropertyRegion(setting.value), (setting,))
    if u.sido_code in METRO_SIDO or u.code in {SEJONG, "48120"} or u.code in FORMER_GWANGJU_GU:
        return Classified(PropertyRegion.METRO)
    return Classified(PropertyRegion.OTHER)


def housing_grade(region: Region, book: ParameterBook, as_of: date) -> Classified[HousingGrade]:
    """region-classes.md §2.2: 서울 1급지, 경기·인천 2급지, 광역시·세종·수도권 외 특례시 3급지,
    그 외 4급지."""
    u = region.unit
    if u.sido_code == "11":
        return Classified(HousingGrade.GRADE_1)
    if u.sido_code in {"41", "28"}:
        return Classified(HousingGrade.GRADE_2)
    cities = special_cities(book, as_of)
    if (
        u.sido_code in {"26", "27", "30", "31"}
        or u.code == SEJONG
        or u.code in FORMER_GWANGJU_GU
        or (u.code in cities.value and u.sido_code not in CAPITAL_SIDO)
    ):
        return Classified(HousingGrade.GRADE_3, (cities,))
    return Classified(HousingGrade.GRADE_4, (cities,))


def city_class(
    region: Region, book: ParameterBook, as_of: date, *, special_city_is_big: bool = True
) -> Classified[CityClass]:
    """region-classes.md §2.3 (기초연금 고시 제8조): 대도시 = 특별시·광역시의 구 and 특례시; 중소도시 =
    도의 시, 행정시, 세종; 농어촌 = 군 (광역시의 군: a dated setting, [UNCERTAIN])."""
    u = region.unit
    if u.kind == "자치구":
        return Classified(CityClass.BIG_CITY)
    cities = special_cities(book, as_of)
    if special_city_is_big and u.code in cities.value:
        return Classified(CityClass.BIG_CITY, (cities,))
    if u.kind in {"시", "특별자치도-행정시"} or u.code == SEJONG:
        return Classified(CityClass.MID_CITY, (cities,))
    if u.kind == "군" and u.sido_code in METRO_SIDO:
        setting = book.at("region.pension_metro_county_class", as_of)
        return Classified(CityClass(setting.value), (cities, setting))
    return Classified(CityClass.RURAL, (cities,))


def emergency_city_class(region: Region, book: ParameterBook, as_of: date) -> Classified[CityClass]:
    """region-classes.md §2.4: the 기초연금 tiers, with 특례시 → 대도시 as a per-program setting."""
    setting = book.at("region.emergency_special_city_is_big_city", as_of)
    found = city_class(region, book, as_of, special_city_is_big=bool(setting.value))
    return Classified(found.value, (*found.settings, setting))


def child_allowance_area(region: Region, book: ParameterBook, as_of: date) -> Classified[ChildAllowanceArea]:
    """region-classes.md §2.5. The 40 특별지원지역 of the MOHW 고시 are not all known: a 인구감소지역
    on neither known list is DECLINE_UNCONFIRMED, never silently +1만원."""
    u = region.unit
    if u.is_population_decline_area:
        special = book.at("child_allowance.special_support_areas", as_of)
        preferred = book.at("child_allowance.preferred_support_areas", as_of)
        if u.code in special.value:
            return Classified(ChildAllowanceArea.DECLINE_SPECIAL, (special,))
        if u.code in preferred.value:
            return Classified(ChildAllowanceArea.DECLINE_PREFERRED, (preferred,))
        return Classified(ChildAllowanceArea.DECLINE_UNCONFIRMED, (special, preferred))
    if u.sido_code not in CAPITAL_SIDO:
        return Classified(ChildAllowanceArea.NON_CAPITAL)
    return Classified(ChildAllowanceArea.CAPITAL)


def regions_from_rows(rows: Iterable[dict[str, str]]) -> dict[str, Region]:
    """Regions keyed by code, from rows shaped like admin-divisions.csv (parents linked)."""
    rows = list(rows)
    plain = {
        r["sigungu_code"]: Region(
            code=r["sigungu_code"],
            name=r["sigungu_name"],
            sido_code=r["sido_code"],
            kind=r["kind"],
            is_population_decline_area=str(r["is_population_decline_area"]).lower() == "true",
        )
        for r in rows
    }
    linked: dict[str, Region] = {}
    for r in rows:
        region = plain[r["sigungu_code"]]
        parent_code = r.get("parent_city_code") or None
        if parent_code is not None:
            if parent_code not in plain:
                raise InvalidInput(
                    f"상위 시 코드 {parent_code}가 없습니다.", fields={"parent_city_code": parent_code}
                )
            region = Region(
                region.code,
                region.name,
                region.sido_code,
                region.kind,
                region.is_population_decline_area,
                plain[parent_code],
            )
        linked[region.code] = region
    return linked
