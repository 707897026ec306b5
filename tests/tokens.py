"""Access tokens for tests, minted with the real signing code (no password hashing per test)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from api.config import get_settings
from api.keys import get_keys
from api.security.tokens import issue_access_token
from tests.baseline import Account


def mint_token(
    account: Account,
    *,
    issued_at: datetime | None = None,
    scopes: frozenset[str] | None = None,
    citizen: str | None = None,
    citizen_verified_by: str | None = None,
) -> str:
    """A token for `account`; for a service client, `citizen` (hex blind index, see
    `api.security.citizen.citizen_index`) with `citizen_verified_by` binds it to that citizen."""
    token, _ = issue_access_token(
        get_keys(),
        get_settings(),
        kind="official" if account.kind == "official" else "client",
        subject_id=account.id,
        scopes=account.scopes if scopes is None else scopes,
        version=account.version,
        now=issued_at or datetime.now(UTC),
        citizen=citizen,
        citizen_verified_by=citizen_verified_by,
    )
    return token


def expired_token(account: Account) -> str:
    return mint_token(account, issued_at=datetime.now(UTC) - timedelta(hours=1))
