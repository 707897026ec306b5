"""Dependencies shared by the case routes: services built on the request's session and principal."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.trail import Action, AuditTrail
from api.cases.applications import ApplicationService
from api.cases.decisions import DecisionService
from api.cases.investigations import InvestigationService
from api.cases.repository import CaseRepository
from api.clock import today
from api.config import get_settings
from api.connectors.base import LinkedDataConnector
from api.connectors.factory import build_connector
from api.keys import get_keys
from api.reference.regions import RegionCache
from api.security.citizen import require_citizen
from api.security.guard import audit_trail, guard
from api.security.principal import Principal
from api.security.scopes import Scope

Trail = Annotated[AuditTrail, Depends(audit_trail)]


def citizen_guard(scope: Scope, audit: Action) -> Callable[..., Awaitable[Principal]]:
    """The guard, then the citizen binding: a portal token that asserts no citizen is refused (403)
    before anything else about the request is looked at (its body, its Idempotency-Key)."""
    guarded = guard(scope, audit=audit)

    # A default, not `Annotated`: with postponed annotations FastAPI could not see the local `guarded`.
    async def dependency(principal: Principal = Depends(guarded)) -> Principal:
        require_citizen(principal)
        return principal

    return dependency


def connector_of(request: Request) -> LinkedDataConnector:
    connector: LinkedDataConnector | None = getattr(request.app.state, "connector", None)
    if connector is None:
        connector = request.app.state.connector = build_connector(get_settings(), get_keys())
    return connector


def regions_of(request: Request) -> RegionCache:
    cache: RegionCache | None = getattr(request.app.state, "region_cache", None)
    if cache is None:
        cache = request.app.state.region_cache = RegionCache(request.app.state.database.sessionmaker)
    return cache


def applications(session: AsyncSession, principal: Principal, trail: AuditTrail) -> ApplicationService:
    return ApplicationService(CaseRepository(session, principal), trail, today())


def decisions(session: AsyncSession, principal: Principal, trail: AuditTrail) -> DecisionService:
    return DecisionService(CaseRepository(session, principal), trail, today())


async def investigations(
    request: Request, session: AsyncSession, principal: Principal, trail: AuditTrail
) -> InvestigationService:
    regions = await regions_of(request).get()
    return InvestigationService(
        CaseRepository(session, principal), trail, today(), connector_of(request), regions.get
    )
