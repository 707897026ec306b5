"""The parameter book the 환수 use cases compute with: the shipped one. A single place to look it up,
so that a deployment that registers the 부정수급 interest rate (or a test with a rate of its own) is
seen by every step of a case alike."""

from __future__ import annotations

from domain.rules.parameter_book import ParameterBook, load_book


def parameter_book() -> ParameterBook:
    return load_book()
