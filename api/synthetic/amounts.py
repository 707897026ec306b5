"""What each synthetic household is granted, by the product's own rules engine: 기초연금 and 생계급여
through their bulk paths (tested identical to the single path, tests/rules/), the other programs
through the single path with results shared between households that are equal for the rules.

Benefits are assessed in the order a 보장기관 counts them: the pensions first, and then 생계·주거급여
with each member's pension counted as 공적이전소득 (국민기초생활보장법 시행령 제5조)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from api.synthetic.households import PlannedHousehold
from domain.rules.bulk.basic_pension import basic_pension_amounts
from domain.rules.bulk.basic_pension import cohort_from_households as pension_cohort
from domain.rules.bulk.livelihood import STATUSES, livelihood_amounts
from domain.rules.bulk.livelihood import cohort_from_households as livelihood_cohort
from domain.rules.household import Household, Member, age_in_years
from domain.rules.parameter_book import ParameterBook, ParameterUnavailable
from domain.rules.programs.common import Program, ProgramResult, Status
from domain.rules.simulate import assess

# Household programs: one right for the household, its members covered.
HOUSEHOLD_PROGRAMS = frozenset({Program.LIVELIHOOD, Program.HOUSING})
PENSIONS = (Program.BASIC_PENSION, Program.DISABILITY_PENSION)
CHILD_PROGRAMS = (Program.PARENT_BENEFIT, Program.CHILD_ALLOWANCE, Program.HOME_CARE_ALLOWANCE)
MONTHLY_CASH = (Program.LIVELIHOOD, Program.HOUSING, *PENSIONS, *CHILD_PROGRAMS)
# 장애인연금 is granted here to 18–64 only: from 65 a 중증장애인 has 기초연금 instead of the 기초급여.
DISABILITY_PENSION_BELOW = 65
_CACHE_LIMIT = 200_000
CHILD_AGE_BELOW = 13  # no 아동 program applies from 만 13세 (아동수당's final limit)


@dataclass(frozen=True, slots=True)
class Grant:
    program: Program
    person_key: str  # whose right it is (the head for a household program)
    member_keys: tuple[str, ...]
    amount: int
    recognized_income: int | None
    threshold: int | None


def rules_household(h: PlannedHousehold, as_of: date, extra: dict[str, int] | None = None) -> Household:
    """The household as the rules see it on `as_of`; `extra`: 공적이전소득 to add per member key."""
    members = []
    for p in h.members:
        income = p.income
        if extra and p.key in extra:
            income = replace(income, public_transfer=income.public_transfer + extra[p.key])
        members.append(
            Member(p.key, p.relation, p.birth_date, p.disability, p.school, p.childcare, False, income)
        )
    return Household(as_of, h.region, tuple(members), h.assets, h.housing)


def _canonical(household: Household) -> Household:
    """An equal household for every rule: an adult's birth date matters only through 만 나이 (the
    month counts and the 2017 출생연도 특례 apply to children), so adults are born on the as-of day."""
    on = household.as_of
    members = tuple(
        replace(m, birth_date=on.replace(year=on.year - age))
        if (age := age_in_years(m.birth_date, on)) >= 19
        else m
        for m in household.members
    )
    return replace(household, members=members)


class Assessor:
    def __init__(self, book: ParameterBook) -> None:
        self.book = book
        self._cache: dict[tuple[Program, Household], ProgramResult | None] = {}

    def single(self, program: Program, household: Household) -> ProgramResult | None:
        """None when the program's parameters are not in force on the day: nothing can be decided
        then (a figure not captured is an error, never a guess)."""
        key = (program, _canonical(household))
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        try:
            found: ProgramResult | None = assess(program, key[1], self.book)
        except ParameterUnavailable:
            found = None
        self._cache[key] = found
        return found

    def grants(
        self, households: Sequence[PlannedHousehold], programs: Iterable[Program], on: date | None = None
    ) -> list[list[Grant]]:
        """The grants of each household, assessed as of `on` (default: each household's as-of day)."""
        wanted = frozenset(programs)
        found: list[list[Grant]] = [[] for _ in households]
        by_day: dict[date, list[int]] = defaultdict(list)
        for i, h in enumerate(households):
            by_day[on or h.as_of].append(i)
        for day, indices in by_day.items():
            group = [households[i] for i in indices]
            rules = [rules_household(h, day) for h in group]
            pensions: list[dict[str, int]] = [{} for _ in group]
            if Program.BASIC_PENSION in wanted:
                self._basic_pension(rules, group, indices, found, pensions)
            for j, (h, household) in enumerate(zip(group, rules, strict=True)):
                grants = found[indices[j]]
                if Program.DISABILITY_PENSION in wanted:
                    grants.extend(self._disability(household, pensions[j]))
                # Only households a program could plausibly be for applied to it.
                if any(age_in_years(m.birth_date, day) < CHILD_AGE_BELOW for m in household.members):
                    for program in CHILD_PROGRAMS:
                        if program in wanted:
                            grants.extend(self._per_member(program, household))
                if Program.HOUSING in wanted and h.low_income:
                    counted = rules_household(h, day, pensions[j]) if pensions[j] else household
                    grants.extend(self._household(Program.HOUSING, counted))
            if Program.LIVELIHOOD in wanted:
                poor = [j for j, h in enumerate(group) if h.low_income]
                assessed = [rules_household(group[j], day, pensions[j]) for j in poor]
                if assessed:
                    self._livelihood(assessed, [indices[j] for j in poor], found)
        return found

    def _basic_pension(
        self,
        rules: list[Household],
        group: list[PlannedHousehold],
        indices: list[int],
        found: list[list[Grant]],
        pensions: list[dict[str, int]],
    ) -> None:
        candidates = [
            j
            for j, h in enumerate(rules)
            if any(age_in_years(m.birth_date, h.as_of) >= 60 for m in h.members)
        ]
        if not candidates:
            return
        cohort, rows = pension_cohort([rules[j] for j in candidates])
        try:
            arrays = basic_pension_amounts(cohort, self.book)
        except ParameterUnavailable:
            return
        for r, row in enumerate(rows):
            j = candidates[row.household]
            for slot, key in enumerate(row.member_ids):
                if arrays.eligible[r, slot]:
                    amount = int(arrays.amount[r, slot])
                    pensions[j][key] = pensions[j].get(key, 0) + amount
                    found[indices[j]].append(
                        Grant(
                            Program.BASIC_PENSION,
                            key,
                            (key,),
                            amount,
                            int(arrays.recognized_income[r]),
                            int(arrays.threshold[r]),
                        )
                    )

    def _disability(self, household: Household, pensions: dict[str, int]) -> list[Grant]:
        on = household.as_of
        if not any(
            m.disability == "severe" and age_in_years(m.birth_date, on) >= 18 for m in household.members
        ):
            return []
        grants = [
            g
            for g in self._per_member(Program.DISABILITY_PENSION, household)
            if age_in_years(next(m for m in household.members if m.id == g.person_key).birth_date, on)
            < DISABILITY_PENSION_BELOW
        ]
        for g in grants:
            pensions[g.person_key] = pensions.get(g.person_key, 0) + g.amount
        return grants

    def _per_member(self, program: Program, household: Household) -> list[Grant]:
        result = self.single(program, household)
        if result is None or result.status is not Status.ELIGIBLE:
            return []
        return [
            Grant(program, m.member_id, (m.member_id,), m.monthly_amount, m.recognized_income, m.threshold)
            for m in result.members
            if m.status is Status.ELIGIBLE and m.monthly_amount
        ]

    def _household(self, program: Program, household: Household) -> list[Grant]:
        result = self.single(program, household)
        if result is None or result.status is not Status.ELIGIBLE or not result.monthly_amount:
            return []
        keys = tuple(m.id for m in household.members)
        return [
            Grant(program, keys[0], keys, result.monthly_amount, result.recognized_income, result.threshold)
        ]

    def _livelihood(self, rules: list[Household], indices: list[int], found: list[list[Grant]]) -> None:
        try:
            arrays = livelihood_amounts(livelihood_cohort(rules), self.book)
        except ParameterUnavailable:
            return
        for j, household in enumerate(rules):
            amount = int(arrays.amount[j])
            if STATUSES[int(arrays.status[j])] is Status.ELIGIBLE and amount > 0:
                keys = tuple(m.id for m in household.members)
                found[indices[j]].append(
                    Grant(
                        Program.LIVELIHOOD,
                        keys[0],
                        keys,
                        amount,
                        int(arrays.recognized_income[j]),
                        int(arrays.threshold[j]),
                    )
                )
