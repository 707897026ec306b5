"""Dated parameters with their legal references, loaded once from `parameters/*.yaml`.

A file holds `parameters:`, each with a `label`, a `unit`, a `reference` (the article or 고시) and
`values`: a list of `{from, value, source}` entries, optionally `until` (an explicit end) and
`uncertain` (why the value is not settled, as the research notes in shared/rules say). A value holds
from its `from` date until the next entry starts; after the last entry it carries forward unless that
entry has an `until`. A date before the first entry or after an explicit end is an error, never a zero.

A parameter whose law defines it but whose figure has not been published or registered yet (a rate
announced each year, say) has `values: []` and a `pending:` note saying what is awaited; every lookup
then raises ParameterUnavailable quoting that note, so nothing computes with a guessed figure.

Units: `won` (int), `rate` (an exact fraction, written as a decimal string such as "0.32"),
`months`, `years`, `count`, `text`; a unit may be suffixed `_table` when the value is a mapping
(by household size, by region class...) whose leaves have that unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

import yaml

from domain.errors import InvalidInput

_SCALAR_UNITS = frozenset({"won", "rate", "months", "years", "count", "text", "flag", "codes"})


class ParameterUnavailable(InvalidInput):
    """No value of a parameter is in force on the date asked for."""

    title = "해당 기준일에 시행 중인 기준이 없습니다"


@dataclass(frozen=True, slots=True)
class ParameterValue:
    name: str
    label: str
    unit: str
    value: Any
    reference: str
    source: str
    effective_from: date
    effective_to: date | None
    uncertain: str | None


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    label: str
    unit: str
    reference: str
    program: str
    versions: tuple[ParameterValue, ...]
    pending: str | None = None  # why no value is registered yet (see the module docstring)

    def at(self, as_of: date) -> ParameterValue:
        found: ParameterValue | None = None
        for version in self.versions:
            if version.effective_from <= as_of:
                found = version
        if found is None or (found.effective_to is not None and as_of > found.effective_to):
            if self.pending is not None:
                raise ParameterUnavailable(
                    f"{as_of.isoformat()}에 적용할 '{self.label}' 값이 아직 등록되지 않았습니다. "
                    f"{self.pending}",
                    fields={"as_of": f"no value of {self.name} registered (pending)"},
                )
            raise ParameterUnavailable(
                f"{as_of.isoformat()}에 시행 중인 '{self.label}' 값이 없습니다.",
                fields={"as_of": f"no value of {self.name} in force"},
            )
        return found


class ParameterBook:
    """Every parameter by name. Built once per process by `load_book()`."""

    def __init__(self, parameters: Mapping[str, Parameter]) -> None:
        self._parameters = dict(parameters)

    def __contains__(self, name: str) -> bool:
        return name in self._parameters

    def parameter(self, name: str) -> Parameter:
        return self._parameters[name]

    def at(self, name: str, as_of: date) -> ParameterValue:
        return self._parameters[name].at(as_of)

    def in_force(self, as_of: date) -> list[ParameterValue]:
        """The value of every parameter in force on `as_of` (those with none are left out)."""
        values = []
        for parameter in self._parameters.values():
            try:
                values.append(parameter.at(as_of))
            except ParameterUnavailable:
                continue
        return values

    def names(self) -> list[str]:
        return sorted(self._parameters)


def _leaf(unit: str, raw: Any, where: str) -> Any:
    base = unit.removesuffix("_table")
    if base == "rate":
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            raise ValueError(f"{where}: a rate is written as a decimal string, got {raw!r}")
        return Fraction(raw)
    if base in {"won", "months", "years", "count"}:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ValueError(f"{where}: expected an integer, got {raw!r}")
        return raw
    if base == "flag":
        if not isinstance(raw, bool):
            raise ValueError(f"{where}: expected true/false, got {raw!r}")
        return raw
    if base == "codes":
        if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
            raise ValueError(f"{where}: expected a list of codes, got {raw!r}")
        return frozenset(raw)
    if not isinstance(raw, str):
        raise ValueError(f"{where}: expected text, got {raw!r}")
    return raw


def _convert(unit: str, raw: Any, where: str, *, top: bool = True) -> Any:
    """Tables may nest (급지 → 가구원수 → 금액); their leaves have the base unit."""
    if unit.endswith("_table"):
        if isinstance(raw, dict) and raw:
            return {key: _convert(unit, value, f"{where}.{key}", top=False) for key, value in raw.items()}
        if top:
            raise ValueError(f"{where}: a table is a non-empty mapping")
    return _leaf(unit, raw, where)


def _as_date(raw: Any, where: str) -> date:
    if isinstance(raw, date):
        return raw
    raise ValueError(f"{where}: expected a date (YYYY-MM-DD), got {raw!r}")


def _parameter(name: str, body: Mapping[str, Any], program: str) -> Parameter:
    unit = body["unit"]
    if unit.removesuffix("_table") not in _SCALAR_UNITS:
        raise ValueError(f"{name}: unknown unit {unit!r}")
    label, reference = body["label"], body["reference"]
    versions: list[ParameterValue] = []
    for index, entry in enumerate(body["values"]):
        where = f"{name}.values[{index}]"
        start = _as_date(entry["from"], where)
        end = _as_date(entry["until"], where) if "until" in entry else None
        if versions and start <= versions[-1].effective_from:
            raise ValueError(f"{where}: entries must be in date order")
        if versions and versions[-1].effective_to is not None and start <= versions[-1].effective_to:
            raise ValueError(f"{where}: overlaps the previous entry")
        versions.append(
            ParameterValue(
                name=name,
                label=label,
                unit=unit,
                value=_convert(unit, entry["value"], where),
                reference=entry.get("reference", reference),
                source=entry["source"],
                effective_from=start,
                effective_to=end,
                uncertain=entry.get("uncertain"),
            )
        )
    pending = body.get("pending")
    if pending is not None and not (isinstance(pending, str) and pending.strip()):
        raise ValueError(f"{name}: pending is a sentence saying what is awaited")
    if not versions and pending is None:
        raise ValueError(f"{name}: no values (an unpublished figure needs a pending note)")
    return Parameter(name, label, unit, reference, program, tuple(versions), pending)


def parse_book(documents: Mapping[str, str]) -> ParameterBook:
    """Builds the book from YAML texts keyed by file name; a malformed file is a ValueError naming it."""
    parameters: dict[str, Parameter] = {}
    for filename, text in sorted(documents.items()):
        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ValueError(f"{filename}: not valid YAML ({exc})") from exc
        program = document["program"]
        for name, body in document["parameters"].items():
            if name in parameters:
                raise ValueError(f"{filename}: parameter {name} is defined twice")
            try:
                parameters[name] = _parameter(name, body, program)
            except (KeyError, TypeError) as exc:
                raise ValueError(f"{filename}: parameter {name} is malformed ({exc})") from exc
    return ParameterBook(parameters)


@cache
def load_book() -> ParameterBook:
    folder = resources.files("domain.rules.parameters")
    texts = {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }
    return parse_book(texts)
