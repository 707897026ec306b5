"""The FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import health
from api.audit import routes as audit_routes
from api.auth import routes as auth_routes
from api.cases import application_routes, decision_routes, investigation_routes
from api.certificates import routes as certificate_routes
from api.config import Settings, get_settings
from api.database_server import resolve
from api.db import Database, assert_unprivileged, create_database
from api.entitlements import routes as entitlement_routes
from api.errors import install_error_handlers
from api.logging_setup import configure_logging
from api.middleware import RequestContext
from api.officials import routes as official_routes
from api.payments import routes as payment_routes
from api.payments.job_runner import JobRunner
from api.problems import Problem
from api.rate_limit import SlidingWindowLimiter
from api.recovery import routes as recovery_routes
from api.reference import routes as reference_routes
from api.registry import routes as registry_routes
from api.rules import routes as rule_routes
from api.simulations import routes as simulation_routes
from api.spa import serve_spa

PUBLIC_ROUTES = frozenset(
    {
        ("GET", "/api/v1/health"),
        ("POST", "/api/v1/auth/token"),
        ("POST", "/api/v1/auth/refresh"),
        ("POST", "/api/v1/auth/logout"),
        # Anyone may simulate, as on 복지로 (shared/contracts/simulation.md); rate-limited per client.
        ("POST", "/api/v1/simulations"),
        # Certificate types are reference data; anyone holding a certificate may verify it (진위확인).
        ("GET", "/api/v1/certificates/types"),
        ("GET", "/api/v1/certificates/verify"),
    }
)

DESCRIPTION = """\
이음 (ieum) — 지방자치단체 복지 행정 API.

All errors are RFC 9457 `application/problem+json`. Sign in at `POST /api/v1/auth/token`.
Requests that read or change personal data are recorded in the 접속기록; send the purpose of the
work in the `X-Purpose` header (percent-encoded UTF-8).
"""


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Builds the app. Pass `database` to reuse an existing engine (tests); otherwise the lifespan
    resolves the database (DATABASE_URL or the embedded server) and connects as the app role."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = database is None
        db = database or create_database(resolve(settings).app, pool_size=settings.pool_size)
        await assert_unprivileged(db.engine)
        app.state.database = db
        # Tests pass their own database (one connection shared by a test's requests): no worker there.
        runner = JobRunner(db.sessionmaker) if owned and settings.payment_worker else None
        if runner is not None:
            app.state.job_runner = runner
            runner.start()
        yield
        if runner is not None:
            await runner.stop()
        if owned:
            await db.engine.dispose()

    configure_logging(settings.log_level)
    app = FastAPI(title="ieum API", version="1.0.0", description=DESCRIPTION, lifespan=lifespan)
    if database is not None:
        app.state.database = database
    app.add_middleware(RequestContext)
    install_error_handlers(app)
    app.state.simulation_limiter = SlidingWindowLimiter(settings.simulation_rate_per_minute, 60.0)
    app.state.certificate_verify_limiter = SlidingWindowLimiter(
        settings.certificate_verify_rate_per_minute, 60.0
    )
    routers = (
        health,
        auth_routes,
        registry_routes,
        official_routes,
        audit_routes,
        reference_routes,
        rule_routes,
        simulation_routes,
        application_routes,
        investigation_routes,
        decision_routes,
        entitlement_routes,
        certificate_routes,
        payment_routes,
        recovery_routes,
    )
    for module in routers:
        app.include_router(module.router)
    _register_problem_schema(app)
    serve_spa(app, settings.spa_dist)
    return app


def _register_problem_schema(app: FastAPI) -> None:
    """Makes `#/components/schemas/Problem` exist for the problem+json responses every route lists."""
    original = app.openapi

    def openapi() -> dict:  # type: ignore[type-arg]
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        definitions = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in definitions.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components["Problem"] = definitions
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
