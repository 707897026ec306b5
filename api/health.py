from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text

from api.db import database_of
from api.problems import PROBLEMS

router = APIRouter(prefix="/api/v1", tags=["health"], responses={500: PROBLEMS[500]})


class Health(BaseModel):
    status: str
    database: str


@router.get("/health", response_model=Health)
async def health(request: Request) -> Health:
    """Liveness and database reachability. Public."""
    async with database_of(request).engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
    return Health(status="ok", database="ok")
