"""Domain errors carry no HTTP codes; api/errors.py maps each kind to its status."""

from __future__ import annotations

import pytest

from api.errors import status_for_exception
from domain.cases.separation_of_duties import DutyForbidden
from domain.errors import Conflict, DomainError, InvalidInput, NotFound
from domain.rules.parameter_book import ParameterUnavailable


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("x"), 404),
        (Conflict("x"), 409),
        (InvalidInput("x"), 422),
        (ParameterUnavailable("x"), 422),
        (DutyForbidden("x"), 403),
    ],
)
def test_domain_error_status(error: DomainError, status: int) -> None:
    assert status_for_exception(error) == status
