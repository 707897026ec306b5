"""Access tokens: JWTs signed with ES256 only. The algorithm is pinned on both sides and checked in
the header before anything else, so `alg: none`, HS256 signed with the public key, or any other
algorithm is refused. `exp`, `iat`, `nbf`, `aud`, `iss` and `sub` are required.

A service client's token may be bound to one citizen: `cit` holds the hex blind index of the
citizen's 주민등록번호 (never the number) and `cvm` how the client verified them. Both or neither,
only for a client, and such a token lives at most `CITIZEN_TOKEN_SECONDS`."""

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
from api.security.citizen import CITIZEN_PATTERN, CITIZEN_TOKEN_SECONDS, VerificationMethod

ALGORITHM = "ES256"
_REQUIRED = ("exp", "iat", "nbf", "aud", "iss", "sub")
_DECODE_OPTIONS = {f"require_{claim}": True for claim in _REQUIRED} | {"leeway": 0}
_METHODS = frozenset(m.value for m in VerificationMethod)


@dataclass(frozen=True)
class TokenClaims:
    subject_kind: str  # official | client
    subject_id: uuid.UUID
    scopes: frozenset[str]
    version: int
    citizen: str | None = None  # hex blind index of the citizen a service client acts for
    citizen_verified_by: str | None = None  # a VerificationMethod value


def issue_access_token(
    keys: Keys,
    settings: Settings,
    *,
    kind: str,
    subject_id: uuid.UUID,
    scopes: frozenset[str],
    version: int,
    now: datetime | None = None,
    citizen: str | None = None,
    citizen_verified_by: str | None = None,
) -> tuple[str, int]:
    """Signs an access token; with `citizen` (hex blind index) and `citizen_verified_by` (a
    VerificationMethod value), one bound to that citizen. Returns the token and its lifetime."""
    if (citizen is None) != (citizen_verified_by is None):
        raise ValueError("citizen and citizen_verified_by go together")
    if citizen is not None and (kind != "client" or not CITIZEN_PATTERN.fullmatch(citizen)):
        raise ValueError("only a service client's token is bound to a citizen, by blind index")
    if citizen_verified_by is not None and citizen_verified_by not in _METHODS:
        raise ValueError("unknown citizen verification method")
    issued = now or datetime.now(UTC)
    lifetime = timedelta(minutes=settings.access_token_minutes)
    if citizen is not None:
        lifetime = min(lifetime, timedelta(seconds=CITIZEN_TOKEN_SECONDS))
    claims: dict[str, Any] = {
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
    if citizen is not None and citizen_verified_by is not None:
        claims |= {"cit": citizen, "cvm": str(citizen_verified_by)}
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
        citizen, method = _citizen(claims, kind)
        return TokenClaims(kind, uuid.UUID(raw_id), frozenset(scopes.split()), claims["ver"], citizen, method)
    except AuthenticationFailed:
        raise
    except (JOSEError, ValueError, KeyError, TypeError, AttributeError):
        raise AuthenticationFailed("토큰이 유효하지 않거나 만료되었습니다.") from None


def _citizen(claims: dict[str, Any], kind: str) -> tuple[str | None, str | None]:
    """The `cit`/`cvm` pair, checked for shape: both or neither, only on a client's token."""
    citizen, method = claims.get("cit"), claims.get("cvm")
    if citizen is None and method is None:
        return None, None
    if (
        kind != "client"
        or not isinstance(citizen, str)
        or not CITIZEN_PATTERN.fullmatch(citizen)
        or not isinstance(method, str)
        or method not in _METHODS
    ):
        raise AuthenticationFailed("토큰의 시민 정보가 올바르지 않습니다.")
    return citizen, str(method)
