"""The built SPA is served at `/` with its client-side routes, and never hides the API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from api.config import Settings
from api.db import Database
from api.main import create_app


@pytest.fixture
async def spa_client(
    tmp_path: Path, database: Database, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>이음</title>", encoding="utf-8")
    (tmp_path / "assets" / "app-1a2b.js").write_text("console.log(1)", encoding="utf-8")
    app = create_app(settings.model_copy(update={"spa_dist": tmp_path}), database)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def test_index_and_deep_links_answer_the_app(spa_client: httpx.AsyncClient) -> None:
    for path in ("/", "/persons/3f2c7d9e-0000-4000-8000-000000000000", "/simulation"):
        response = await spa_client.get(path)
        assert response.status_code == 200, path
        assert "<title>이음</title>" in response.text
        assert response.headers["cache-control"] == "no-cache"


async def test_hashed_assets_are_cached_for_good(spa_client: httpx.AsyncClient) -> None:
    response = await spa_client.get("/assets/app-1a2b.js")
    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]


async def test_api_paths_stay_api(spa_client: httpx.AsyncClient) -> None:
    missing = await spa_client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    wrong_method = await spa_client.get("/api/v1/persons/search")
    assert wrong_method.status_code == 405
    assert "POST" in wrong_method.headers["allow"]
    assert (await spa_client.get("/api/v1/health")).json()["status"] == "ok"


async def test_other_methods_on_screen_paths_name_what_is_allowed(spa_client: httpx.AsyncClient) -> None:
    response = await spa_client.post("/persons")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
