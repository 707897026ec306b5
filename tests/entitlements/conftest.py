"""Fixtures of the entitlement tests: the calls, and a 생계급여 granted in 종로구 (`own`) and in 중구
(`other`) by tests/entitlements/factory.py."""

from __future__ import annotations

import httpx
import pytest

from api.db import Database
from tests.baseline import Baseline
from tests.conftest import Auth
from tests.entitlements.calls import Api
from tests.entitlements.factory import Granted, grant


@pytest.fixture
def api(client: httpx.AsyncClient, auth: Auth) -> Api:
    return Api(client, auth)


@pytest.fixture
async def own(database: Database, baseline: Baseline) -> Granted:
    return await grant(database, baseline)


@pytest.fixture
async def other(database: Database, baseline: Baseline) -> Granted:
    return await grant(database, baseline, where="other")
