"""Serves the built caseworker SPA (frontend/dist) at `/`, after the API routes so it never shadows
them. A GET of any path outside `/api/` that is not a file of the build answers index.html, so the
SPA's own routes work on a reload or a deep link. Paths under `/api/` never reach it: an unknown API
path stays a problem+json 404 (and a known one with the wrong method a 405)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.routing import Match, Mount
from starlette.types import Scope

# Built assets carry content hashes in their names; everything else is checked on each load.
IMMUTABLE = "public, max-age=31536000, immutable"


class SpaFiles(StaticFiles):
    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True)
        self.index = directory / "index.html"

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404:
                raise
            response = FileResponse(self.index)
            path = "index.html"
        response.headers["cache-control"] = IMMUTABLE if path.startswith("assets/") else "no-cache"
        return response


class SpaMount(Mount):
    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        path = scope.get("path", "")
        if path == "/api" or path.startswith("/api/"):
            return Match.NONE, {}
        return super().matches(scope)


def serve_spa(app: FastAPI, dist: Path) -> None:
    if (dist / "index.html").is_file():
        app.router.routes.append(SpaMount("/", app=SpaFiles(dist), name="spa"))
