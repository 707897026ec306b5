"""A seeded synthetic population as table rows: households planned from the seed, assessed by the
rules engine, and written out as the registry and case rows the product itself would hold.

Deterministic: one seed gives the same households, people, numbers and rights, batch after batch
(two `random.Random` streams seeded from it, one for planning and one for row ids). Only the
AES-GCM ciphertexts differ between runs: each encryption takes a fresh random nonce, as it must.
A number already taken in the target database is drawn again, so writing a second seed next to a
first one never collides on the blind index."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from api.config import PROJECT_ROOT
from api.keys import Keys
from api.registry import protection
from api.synthetic.amounts import MONTHLY_CASH, Assessor, Grant
from api.synthetic.decisions import REVISION_DAY, Tally, case_rows
from api.synthetic.households import PlannedHousehold, Shape, plan_household
from api.synthetic.names import given_name
from api.synthetic.people import resident_number
from api.synthetic.rows import Rows, new_rows, registry_rows
from domain.rules.parameter_book import ParameterBook, load_book
from domain.rules.programs.common import Program
from domain.rules.regions import Region, regions_from_rows

REFERENCE_CSV = PROJECT_ROOT / "reference" / "admin-divisions.csv"


def load_regions() -> dict[str, Region]:
    with REFERENCE_CSV.open(encoding="utf-8") as handle:
        return regions_from_rows(csv.DictReader(handle))


def residential_regions(regions: dict[str, Region]) -> list[Region]:
    """The 시군구 people are registered in: every row but a 시 divided into 일반구 (its residents live
    in one of its 구). Uniform: the reference data holds no population figures."""
    parents = {r.parent.code for r in regions.values() if r.parent is not None}
    return sorted((r for r in regions.values() if r.code not in parents), key=lambda r: r.code)


@dataclass
class Batch:
    rows: Rows
    households: int
    persons: int
    tally: Tally


@dataclass
class Totals:
    households: int = 0
    persons: int = 0
    entitlements: dict[str, int] = field(default_factory=dict)
    suspended: int = 0
    resumed: int = 0
    ended: int = 0
    amount_changes: int = 0
    mid_month_starts: int = 0

    def add(self, batch: Batch) -> None:
        self.households += batch.households
        self.persons += batch.persons
        for program, count in batch.tally.entitlements.items():
            self.entitlements[program] = self.entitlements.get(program, 0) + count
        t = batch.tally
        self.suspended += t.suspended
        self.resumed += t.resumed
        self.ended += t.ended
        self.amount_changes += t.amount_changes
        self.mid_month_starts += t.mid_month_starts

    @property
    def total_entitlements(self) -> int:
        return sum(self.entitlements.values())


def shape_for(program: Program, rng: random.Random, remaining: int) -> Shape:
    """A household the program is for (used when only that program's rights are wanted)."""
    if program is Program.BASIC_PENSION:
        kind = "elderly_couple" if rng.random() < 0.4 else "elderly_single"
        return Shape(kind=kind, single_only=remaining < 2)
    if program is Program.DISABILITY_PENSION:
        return Shape(kind="single", severe_adult=True, low_income=rng.random() < 0.6)
    if program in (Program.LIVELIHOOD, Program.HOUSING):
        return Shape(kind=rng.choice(("elderly_single", "single", "single_parent")), low_income=True)
    if program is Program.PARENT_BENEFIT:
        return Shape(kind="family", youngest_child_age=(0, 1))
    if program is Program.HOME_CARE_ALLOWANCE:
        return Shape(kind="family", youngest_child_age=(2, 5), no_childcare=True)
    return Shape(kind="family", youngest_child_age=(0, 8))


class PopulationGenerator:
    """Batches of rows. `only`: keep just the households granted that program, and just its rights;
    `sigungu`: everyone in that one 시군구; `taken`: 64-bit prefixes of blind indexes already used."""

    def __init__(
        self,
        seed: int,
        keys: Keys,
        *,
        programs: Iterable[Program] = MONTHLY_CASH,
        only: Program | None = None,
        sigungu: str | None = None,
        taken: set[int] | None = None,
        book: ParameterBook | None = None,
        reserved_names: frozenset[str] = frozenset(),
        life_events: bool = True,
    ) -> None:
        self.seed = seed
        self.keys = keys
        self.only = only
        self.programs = frozenset([only] if only is not None else programs)
        regions = load_regions()
        if sigungu is not None and sigungu not in regions:
            raise ValueError(f"알 수 없는 시군구 코드입니다: {sigungu}")
        self.regions = [regions[sigungu]] if sigungu is not None else residential_regions(regions)
        # Reproducible on purpose (same seed, same people); nothing secret is drawn from them.
        self.plan_rng = random.Random(f"ieum-synth:{seed}:plan")  # noqa: S311
        self.row_rng = random.Random(f"ieum-synth:{seed}:rows")  # noqa: S311
        self.taken = taken if taken is not None else set()
        self.assessor = Assessor(book or load_book())
        self.reserved_names = reserved_names
        self.life_events = life_events

    def batch(self, households: int, *, max_entitlements: int | None = None) -> Batch:
        """`households` planned households (all of them written, unless `only` is set: then those
        granted the program, with at most `max_entitlements` rights)."""
        rng = self.plan_rng
        planned: list[PlannedHousehold] = []
        for _ in range(households):
            region = self.regions[int(rng.random() * len(self.regions))]
            remaining = max_entitlements if max_entitlements is not None else 2
            shape = shape_for(self.only, rng, remaining) if self.only is not None else Shape()
            planned.append(self._unreserved(plan_household(rng, region, shape)))
        grants = self.assessor.grants(planned, self.programs)
        if self.only is not None:
            kept = [(h, g) for h, g in zip(planned, grants, strict=True) if g]
            if max_entitlements is not None:
                kept = _trim(kept, max_entitlements)
            planned, grants = [h for h, _ in kept], [g for _, g in kept]
        revised = self._revised(planned, grants)
        rows, tally = new_rows(), Tally({})
        persons = 0
        for h, granted, changes in zip(planned, grants, revised, strict=True):
            registry_rows(
                rows, self.keys, h, self._blinds(h), [self.row_rng.getrandbits(128) for _ in h.members]
            )
            persons += len(h.members)
            if granted:
                case_rows(rows, self.row_rng, h, granted, changes, tally, self.seed, self.life_events)
        return Batch(rows, len(planned), persons, tally)

    def _revised(
        self, planned: list[PlannedHousehold], grants: list[list[Grant]]
    ) -> list[dict[tuple[Program, str], int]]:
        """The 2026 amounts of rights decided in 2025 (the yearly re-calculation)."""
        revised: list[dict[tuple[Program, str], int]] = [{} for _ in planned]
        earlier = [i for i, h in enumerate(planned) if h.as_of < REVISION_DAY and grants[i]]
        if not earlier:
            return revised
        again = self.assessor.grants([planned[i] for i in earlier], self.programs, on=REVISION_DAY)
        for i, found in zip(earlier, again, strict=True):
            revised[i] = {(g.program, g.person_key): g.amount for g in found}
        return revised

    def _unreserved(self, h: PlannedHousehold) -> PlannedHousehold:
        """Gives another given name to anyone named like a reserved (hand-made demo) resident, so a
        search for that resident still finds only them."""
        for p in h.members:
            while p.name in self.reserved_names:
                p.name = p.name[0] + given_name(self.plan_rng, p.birth_date.year, p.sex.value)
        return h

    def _blinds(self, h: PlannedHousehold) -> list[bytes]:
        blinds = []
        for p in h.members:
            blind = protection.blind_index(self.keys, p.rrn)
            while (prefix := int.from_bytes(blind[:8])) in self.taken:
                p.rrn = resident_number(self.row_rng, p.birth_date, p.sex)
                blind = protection.blind_index(self.keys, p.rrn)
            self.taken.add(prefix)
            blinds.append(blind)
        return blinds


def _trim(
    kept: list[tuple[PlannedHousehold, list[Grant]]], limit: int
) -> list[tuple[PlannedHousehold, list[Grant]]]:
    """Whole households up to `limit` rights: one whose rights would not all fit is passed over (a
    couple's 기초연금 is reduced for both; granting it to one of them would be a wrong amount)."""
    out: list[tuple[PlannedHousehold, list[Grant]]] = []
    count = 0
    for h, g in kept:
        if count + len(g) <= limit:
            out.append((h, g))
            count += len(g)
        if count == limit:
            break
    return out
