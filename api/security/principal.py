"""Who is calling: resolved from the access token and re-checked against the account on every
request, in the same query that sets the transaction's jurisdiction for row-level security. A
disabled or locked account, or changed roles, take effect at once, not when the token expires.

A service client's token may be bound to one citizen (api/security/citizen.py); that binding is set
as `ieum.citizen` in the same query, and row-level security lets the client see that citizen's own
records and nothing else."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import AuthenticationFailed
from api.security.citizen import METHODS_BY_CLIENT
from api.security.scopes import CLIENT_SCOPES, ClientKind, Scope, scopes_for_roles
from api.security.tokens import TokenClaims


@dataclass(frozen=True)
class Principal:
    kind: str  # official | portal | kiosk
    id: uuid.UUID
    name: str  # username or client_id: the 계정 of the access record
    sigungu_code: str | None
    emd_code: str | None
    roles: tuple[str, ...]
    programs: tuple[str, ...]
    scopes: frozenset[str]
    # Only for a service client bound to a citizen: the hex blind index and how they were verified.
    citizen: str | None = None
    citizen_verified_by: str | None = None

    @property
    def is_official(self) -> bool:
        return self.kind == "official"


_OFFICIAL = text(
    "SELECT o.username, o.roles, o.programs, o.sigungu_code, o.emd_code, o.token_version,"
    " set_config('ieum.sigungu', o.sigungu_code, true),"
    " set_config('ieum.emd', coalesce(o.emd_code, ''), true),"
    # Explicitly unbound, so nothing a client set earlier on this connection can apply to an official.
    " set_config('ieum.citizen', '', true)"
    " FROM officials o WHERE o.id = :id AND o.active AND o.locked_at IS NULL"
)
# Service clients get an empty jurisdiction: row-level security shows them no one in the registry,
# and only the one citizen the token is bound to (`ieum.citizen`, '' when unbound) in the cases.
_CLIENT = text(
    "SELECT client_id, kind, set_config('ieum.sigungu', '', true), set_config('ieum.emd', '', true),"
    " set_config('ieum.citizen', :citizen, true)"
    " FROM service_clients WHERE id = :id AND active"
)


async def load_principal(session: AsyncSession, claims: TokenClaims) -> Principal:
    if claims.subject_kind == "official":
        row = (await session.execute(_OFFICIAL, {"id": claims.subject_id})).first()
        if row is None or row.token_version != claims.version:
            raise AuthenticationFailed(
                "계정이 비활성·잠금 상태이거나 권한이 바뀌었습니다. 다시 로그인하십시오."
            )
        allowed = {s.value for s in scopes_for_roles(row.roles)}
        return Principal(
            "official",
            claims.subject_id,
            row.username,
            row.sigungu_code,
            row.emd_code,
            tuple(row.roles),
            tuple(row.programs),
            frozenset(claims.scopes & allowed),
        )
    params = {"id": claims.subject_id, "citizen": claims.citizen or ""}
    row = (await session.execute(_CLIENT, params)).first()
    if row is None:
        raise AuthenticationFailed("서비스 클라이언트가 비활성 상태입니다.")
    kind = ClientKind(row.kind)
    # Checked at issue too; again here so a token never outlives a change of the client's kind.
    if claims.citizen_verified_by is not None and claims.citizen_verified_by not in METHODS_BY_CLIENT[kind]:
        raise AuthenticationFailed("이 클라이언트가 사용할 수 없는 본인 확인 방법입니다.")
    allowed = {s.value for s in CLIENT_SCOPES[kind]}
    return Principal(
        row.kind,
        claims.subject_id,
        row.client_id,
        None,
        None,
        (),
        (),
        frozenset(claims.scopes & allowed),
        claims.citizen,
        claims.citizen_verified_by,
    )


def has_scope(principal: Principal, scope: Scope) -> bool:
    return scope.value in principal.scopes
