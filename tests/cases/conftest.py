from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI

from api.db import Database
from tests.cases.workflow import CaseApi, case_client
from tests.conftest import Auth


@pytest.fixture
async def cases(database: Database, shared_app: FastAPI, auth: Auth) -> AsyncIterator[CaseApi]:
    """The case API with a linked-data simulator whose fixed records the test sets per person."""
    async for http, simulator in case_client(shared_app, database):
        yield CaseApi(http, auth, simulator.overrides)
