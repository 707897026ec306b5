"""Access tokens: JWTs signed with ES256 only. The algorithm is pinned on both sides and checked in
the header before anything else, so `alg: none`, HS256 signed with the public key, or any other
algorithm is refused. `exp`, `iat`, `nbf`, `aud`, `iss` and `sub` are required."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from jose import jwk, jwt
from jose.exceptions import JOSEError

from api.config import Settings
from api.errors import AuthenticationFailed
from api.keys import Keys

ALGORITHM = "ES256"
_REQUIRED = ("exp", "iat", "nbf", "aud", "iss", "sub")
_DECODE_OPTIONS = {f"require_{claim}": True for claim in _REQUIRED} | {"leeway": 0}


@dataclass(frozen=True)
class TokenClaims:
    subject_kind: str  # official | client
    subject_id: uuid.UUID
    scopes: frozenset[str]
    version: int


def issue_access_token(
    keys: Keys,
    settings: Settings,
    *,
    kind: str,
    subject_id: uuid.UUID,
    scopes: frozenset[str],
    version: int,
    now: datetime | None = None,
) -> tuple[str, int]:
    issued = now or datetime.now(UTC)
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": f"{kind}:{subject_id}",
        "iat": int(issued.timestamp()),
        "nbf": int(issued.timestamp()),
        "exp": int((issued + lifetime).timestamp()),
        "jti": uuid.uuid4().hex,
        "scope": " ".join(sorted(scopes)),
        "ver": version,
    }
    token = jwt.encode(claims, keys.jwt_private_pem, algorithm=ALGORITHM)
    return token, int(lifetime.total_seconds())


@lru_cache(maxsize=8)
def _verification_key(public_pem: str) -> Any:
    """The ES256 public key, parsed once: handed the PEM text, python-jose would try it as JSON and
    parse the PEM again on every request. Verification with the parsed key is the same check."""
    return jwk.construct(public_pem, ALGORITHM)


def decode_access_token(token: str, keys: Keys, settings: Settings) -> TokenClaims:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != ALGORITHM or header.get("typ", "JWT") != "JWT":
            raise AuthenticationFailed("토큰 서명 방식이 허용되지 않습니다.")
        claims = jwt.decode(
            token,
            _verification_key(keys.jwt_public_pem),
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options=_DECODE_OPTIONS,
        )
        kind, _, raw_id = str(claims["sub"]).partition(":")
        if kind not in ("official", "client"):
            raise AuthenticationFailed("토큰 주체가 올바르지 않습니다.")
        scopes = claims.get("scope", "")
        if not isinstance(scopes, str) or not isinstance(claims.get("ver"), int):
            raise AuthenticationFailed("토큰 내용이 올바르지 않습니다.")
        return TokenClaims(kind, uuid.UUID(raw_id), frozenset(scopes.split()), claims["ver"])
    except AuthenticationFailed:
        raise
    except (JOSEError, ValueError, KeyError, TypeError, AttributeError):
        raise AuthenticationFailed("토큰이 유효하지 않거나 만료되었습니다.") from None
