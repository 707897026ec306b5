"""Fixtures: the certificate calls, and a 생계급여 granted to the 종로구 household of `own` (with
`own_spouse` as a member) by tests/entitlements/factory.py."""

from __future__ import annotations

import httpx
import pytest

from api.db import Database
from tests.baseline import Baseline
from tests.certificates_api.support import CertificateApi
from tests.conftest import Auth
from tests.entitlements.factory import Granted, grant


@pytest.fixture
def certs(client: httpx.AsyncClient, auth: Auth, baseline: Baseline) -> CertificateApi:
    return CertificateApi(client, auth, baseline)


@pytest.fixture
async def livelihood(database: Database, baseline: Baseline) -> Granted:
    members = {"m1": baseline.people["own"], "m2": baseline.people["own_spouse"]}
    return await grant(database, baseline, members=members)
