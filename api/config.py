"""Settings, read from the environment (prefix-free names for the common ones, `IEUM_` for the rest).

Secrets (database passwords, encryption and signing keys) never come from the database. Without them
in the environment a development key file under `var/` is generated on first run (see `api.keys`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="IEUM_", extra="ignore")

    # Owner connection: migrations and administrative CLI commands. Unset → embedded PostgreSQL.
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL", repr=False)
    # Application connection (a non-superuser role subject to row-level security). Unset → derived
    # from DATABASE_URL with the application role's name and password.
    app_database_url: str | None = Field(default=None, repr=False)
    app_db_role: str = "ieum_app"
    app_db_password: str | None = Field(default=None, repr=False)

    var_dir: Path = PROJECT_ROOT / "var"
    # The built caseworker SPA, served at `/` when it exists.
    spa_dist: Path = PROJECT_ROOT / "frontend" / "dist"
    database_name: str = "ieum"

    # Keys (base64url). Unset → development key file var/keys.json, with a loud warning.
    # repr=False: settings objects show up in tracebacks and test reports.
    rrn_encryption_key: str | None = Field(default=None, repr=False)
    blind_index_key: str | None = Field(default=None, repr=False)
    jwt_private_key_pem: str | None = Field(default=None, repr=False)

    jwt_issuer: str = "urn:ieum:api"
    jwt_audience: str = "urn:ieum:clients"
    access_token_minutes: int = Field(default=10, ge=1, le=15)
    refresh_token_hours: int = Field(default=12, ge=1, le=24 * 14)
    # Secure cookies need HTTPS; the local quick start runs on plain http://127.0.0.1.
    cookie_secure: bool = False
    max_failed_logins: int = 5

    # Public 모의계산 requests per client address per minute, in each API process.
    simulation_rate_per_minute: int = Field(default=60, ge=1)
    # Public certificate verifications per client address per minute, in each API process: enough
    # for a bank clerk checking a pile of certificates, far too few to guess 75-bit codes.
    certificate_verify_rate_per_minute: int = Field(default=30, ge=1)
    # The address citizens reach this service at: the verification link printed (and QR-encoded)
    # on every certificate is `{public_url}/verify?number=…&code=…`.
    public_url: str = "http://127.0.0.1:8000"
    # Linked public data. `simulator` is the deterministic public-data simulator (development, demo,
    # tests); a deployment wires its 사회보장정보시스템 connector in `api.connectors.factory`.
    linked_data: str = "simulator"
    linked_data_seed: int = 2026
    # 예금주 확인 and transfer-file settlement. `simulator` is the deterministic simulated bank
    # (`api.connectors.bank_simulator`); a deployment wires its bank connector in `api.connectors.factory`.
    bank_connector: str = "simulator"
    bank_seed: int = 2026

    # Each API process works the payment runs waiting for a worker (api.payments.job_runner); off
    # where only separate `ieum payments work` processes should.
    payment_worker: bool = True
    pool_size: int = 10
    log_level: str = "INFO"


@lru_cache
def get_settings() -> Settings:
    return Settings()
