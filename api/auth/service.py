"""Sign-in use cases. A failed password counts toward the lockout (안전성 확보조치 기준 제5조⑥):
after `max_failed_logins` in a row the account locks until an administrator unlocks it.

A portal or kiosk may bind its token to the citizen it verified (api/security/citizen.py). The
주민등록번호 it sends is validated and turned into the blind index at once; it is never stored,
logged or repeated in an answer."""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from api import clock
from api.auth.repository import AuthRepository
from api.config import Settings
from api.keys import Keys
from api.models import Official, RefreshToken
from api.security.citizen import METHODS_BY_CLIENT, VerificationMethod, citizen_index
from api.security.passwords import verify_password
from api.security.scopes import CLIENT_SCOPES, ClientKind, scopes_for_roles
from api.security.tokens import issue_access_token
from domain.errors import InvalidInput
from domain.identity.rrn import parse_resident_number

log = logging.getLogger(__name__)


class LoginRefused(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Issued:
    access_token: str
    expires_in: int
    scopes: frozenset[str]
    refresh_token: str | None = None


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _requested(scope: str | None, allowed: frozenset[str]) -> frozenset[str]:
    if not scope:
        return allowed
    asked = frozenset(scope.split())
    if not asked <= allowed:
        raise LoginRefused("요청한 권한(scope)이 계정의 업무를 넘습니다.")
    return asked


# The validator's own messages may quote an example number; these never contain digits of any kind.
_RRN_REFUSALS = {
    "format": "citizen_rrn 은 주민등록번호 열세 자리 숫자여야 합니다 (하이픈은 있어도 됩니다).",
    "birth_date": "citizen_rrn 의 생년월일이 실제 날짜가 아니거나 미래입니다.",
}
_RRN_REFUSED = "citizen_rrn 이 올바른 주민등록번호가 아닙니다."
_METHOD_REFUSED = {
    ClientKind.PORTAL: "포털은 무인민원발급기용 본인 확인 방법(kiosk_*)을 쓸 수 없습니다.",
    ClientKind.KIOSK: "무인민원발급기는 kiosk_fingerprint 또는 kiosk_id_card 로만 본인 확인할 수 있습니다.",
}


def _citizen_digits(raw: str) -> str:
    try:
        return parse_resident_number(raw, today=clock.today()).digits
    except InvalidInput as exc:
        reason = next(iter(exc.fields.values()), "")
        raise LoginRefused(_RRN_REFUSALS.get(reason, _RRN_REFUSED)) from None


class AuthService:
    def __init__(self, repo: AuthRepository, keys: Keys, settings: Settings) -> None:
        self.repo = repo
        self.keys = keys
        self.settings = settings

    def _issue_refresh(self, official: Official, family: uuid.UUID, now: datetime) -> str:
        token = secrets.token_urlsafe(32)
        self.repo.add(
            RefreshToken(
                official_id=official.id,
                family_id=family,
                token_hash=_hash(token),
                issued_at=now,
                expires_at=now + timedelta(hours=self.settings.refresh_token_hours),
            )
        )
        return token

    def _issue_for(
        self, official: Official, scopes: frozenset[str], family: uuid.UUID, now: datetime
    ) -> Issued:
        access, ttl = issue_access_token(
            self.keys,
            self.settings,
            kind="official",
            subject_id=official.id,
            scopes=scopes,
            version=official.token_version,
            now=now,
        )
        return Issued(access, ttl, scopes, self._issue_refresh(official, family, now))

    async def password_login(self, username: str, password: str, scope: str | None) -> Issued:
        now = datetime.now(UTC)
        official = await self.repo.official_by_username(username)
        if not verify_password(official.password_hash if official else None, password) or official is None:
            if official is not None and official.locked_at is None:
                official.failed_logins += 1
                if official.failed_logins >= self.settings.max_failed_logins:
                    official.locked_at = now
                    log.warning(
                        "account %s locked after %d failed logins", official.username, official.failed_logins
                    )
            raise LoginRefused("아이디 또는 비밀번호가 올바르지 않습니다.")
        if official.locked_at is not None:
            raise LoginRefused(
                "로그인 실패가 반복되어 계정이 잠겼습니다. 관리자에게 잠금 해제를 요청하십시오."
            )
        if not official.active:
            raise LoginRefused("사용이 중지된 계정입니다.")
        official.failed_logins = 0
        allowed = frozenset(s.value for s in scopes_for_roles(official.roles))
        return self._issue_for(official, _requested(scope, allowed), uuid.uuid4(), now)

    async def client_login(
        self,
        client_id: str,
        secret: str,
        scope: str | None,
        *,
        citizen_rrn: str | None = None,
        citizen_verified_by: VerificationMethod | None = None,
    ) -> Issued:
        """Client credentials; with a citizen (both arguments, or neither) a token bound to them."""
        client = await self.repo.client_by_client_id(client_id)
        if not verify_password(client.secret_hash if client else None, secret) or client is None:
            raise LoginRefused("클라이언트 인증에 실패했습니다.")
        if not client.active:
            raise LoginRefused("사용이 중지된 클라이언트입니다.")
        kind = ClientKind(client.kind)
        allowed = frozenset(s.value for s in CLIENT_SCOPES[kind])
        scopes = _requested(scope, allowed)
        citizen: str | None = None
        if citizen_rrn is not None or citizen_verified_by is not None:
            if citizen_rrn is None or citizen_verified_by is None:
                raise LoginRefused("citizen_rrn 과 citizen_verified_by 는 함께 보내야 합니다.")
            if citizen_verified_by not in METHODS_BY_CLIENT[kind]:
                raise LoginRefused(_METHOD_REFUSED[kind])
            citizen = citizen_index(self.keys, _citizen_digits(citizen_rrn))
        access, ttl = issue_access_token(
            self.keys,
            self.settings,
            kind="client",
            subject_id=client.id,
            scopes=scopes,
            version=1,
            citizen=citizen,
            citizen_verified_by=citizen_verified_by if citizen is not None else None,
        )
        return Issued(access, ttl, scopes)

    async def refresh(self, token: str) -> Issued:
        now = datetime.now(UTC)
        stored = await self.repo.refresh_token(_hash(token))
        if stored is None or stored.revoked_at is not None or stored.expires_at <= now:
            raise LoginRefused("세션이 만료되었습니다. 다시 로그인하십시오.")
        if stored.used_at is not None:
            # A rotated token came back: it was copied. End the whole session family.
            await self.repo.revoke_family(stored.family_id, now)
            log.warning("refresh token reuse detected for official %s; session revoked", stored.official_id)
            raise LoginRefused("세션이 만료되었습니다. 다시 로그인하십시오.")
        stored.used_at = now
        official = await self.repo.official(stored.official_id)
        if official is None or not official.active or official.locked_at is not None:
            raise LoginRefused("사용할 수 없는 계정입니다.")
        allowed = frozenset(s.value for s in scopes_for_roles(official.roles))
        return self._issue_for(official, allowed, stored.family_id, now)

    async def logout(self, token: str) -> None:
        stored = await self.repo.refresh_token(_hash(token))
        if stored is not None:
            await self.repo.revoke_family(stored.family_id, datetime.now(UTC))
