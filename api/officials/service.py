"""Account administration, shared by the API (an administrator, within their 시군구) and the CLI
(the system operator). Each grant, change and revocation of roles, jurisdiction, programs or status
writes a grant event (kept ≥ 3 years, 안전성 확보조치 기준 제5조③) and bumps the token version, so
tokens issued under the old grant stop working at once (제5조② 지체 없이)."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from api.models import Official, OfficialGrantEvent, ServiceClient
from api.officials.repository import OfficialsRepository
from api.officials.schemas import OfficialCreate, OfficialRead, OfficialUpdate
from api.security.passwords import hash_password, password_problem
from api.security.scopes import ClientKind
from domain.errors import Conflict, InvalidInput, NotFound


def snapshot(official: Official) -> dict[str, Any]:
    return {
        "roles": sorted(official.roles),
        "sigungu_code": official.sigungu_code,
        "emd_code": official.emd_code,
        "programs": sorted(official.programs),
        "active": official.active,
    }


def read(official: Official) -> OfficialRead:
    return OfficialRead(
        id=official.id,
        username=official.username,
        display_name=official.display_name,
        roles=official.roles,
        sigungu_code=official.sigungu_code,
        emd_code=official.emd_code,
        programs=official.programs,
        active=official.active,
        locked=official.locked_at is not None,
        created_at=official.created_at,
    )


class OfficialsService:
    def __init__(self, repo: OfficialsRepository, actor: str) -> None:
        self.repo = repo
        self.actor = actor

    def _record(
        self, official: Official, change: str, before: dict[str, Any] | None, reason: str | None
    ) -> None:
        self.repo.add(
            OfficialGrantEvent(
                official_id=official.id,
                changed_by=self.actor,
                change=change,
                before=before,
                after=snapshot(official),
                reason=reason,
            )
        )

    async def get(self, official_id: uuid.UUID) -> Official:
        official = await self.repo.get(official_id)
        if official is None:
            raise NotFound("계정을 찾을 수 없습니다.")
        return official

    async def create(self, data: OfficialCreate) -> Official:
        if self.repo.sigungu_code is not None and data.sigungu_code != self.repo.sigungu_code:
            raise InvalidInput(
                "다른 시군구의 계정은 만들 수 없습니다.", fields={"sigungu_code": "outside_jurisdiction"}
            )
        if not await self.repo.sigungu_exists(data.sigungu_code):
            raise InvalidInput("알 수 없는 시군구 코드입니다.", fields={"sigungu_code": "unknown"})
        if data.emd_code is not None and not data.emd_code.startswith(data.sigungu_code):
            raise InvalidInput(
                "읍면동 코드가 시군구에 속하지 않습니다.", fields={"emd_code": "outside_sigungu"}
            )
        problem = password_problem(data.password.get_secret_value())
        if problem:
            raise InvalidInput(problem, fields={"password": "weak"})
        if await self.repo.username_taken(data.username):
            raise Conflict("이미 있는 아이디입니다.")
        official = Official(
            id=uuid.uuid4(),
            username=data.username,
            display_name=data.display_name,
            password_hash=hash_password(data.password.get_secret_value()),
            roles=sorted({r.value for r in data.roles}),
            sigungu_code=data.sigungu_code,
            emd_code=data.emd_code,
            programs=sorted(set(data.programs)),
            active=True,
            failed_logins=0,
            token_version=1,
        )
        self.repo.add(official)
        await self.repo.flush()
        self._record(official, "grant", None, data.reason)
        await self.repo.flush()
        return official

    async def update(self, official_id: uuid.UUID, data: OfficialUpdate) -> Official:
        official = await self.get(official_id)
        before = snapshot(official)
        if data.display_name is not None:
            official.display_name = data.display_name
        if data.roles is not None:
            official.roles = sorted({r.value for r in data.roles})
        if data.clear_emd:
            official.emd_code = None
        elif data.emd_code is not None:
            if not data.emd_code.startswith(official.sigungu_code):
                raise InvalidInput(
                    "읍면동 코드가 시군구에 속하지 않습니다.", fields={"emd_code": "outside_sigungu"}
                )
            official.emd_code = data.emd_code
        if data.programs is not None:
            official.programs = data.programs
        if snapshot(official) != before:
            official.token_version += 1
            self._record(
                official,
                "revoke" if set(before["roles"]) > set(official.roles) else "change",
                before,
                data.reason,
            )
        await self.repo.flush()
        return official

    async def set_active(self, official_id: uuid.UUID, active: bool, reason: str) -> Official:
        official = await self.get(official_id)
        if official.active == active:
            return official
        before = snapshot(official)
        official.active = active
        official.token_version += 1
        self._record(official, "enable" if active else "disable", before, reason)
        await self.repo.flush()
        return official

    async def unlock(self, official_id: uuid.UUID, reason: str) -> Official:
        official = await self.get(official_id)
        official.locked_at = None
        official.failed_logins = 0
        self._record(official, "unlock", snapshot(official), reason)
        await self.repo.flush()
        return official

    async def by_username(self, username: str) -> Official:
        official = await self.repo.by_username(username)
        if official is None:
            raise NotFound(f"계정 {username} 을(를) 찾을 수 없습니다.")
        return official

    async def create_client(
        self, name: str, kind: ClientKind, client_id: str | None = None
    ) -> tuple[ServiceClient, str]:
        client_id = client_id or f"{kind.value}-{secrets.token_hex(4)}"
        if await self.repo.client_by_client_id(client_id) is not None:
            raise Conflict("이미 있는 client_id 입니다.")
        secret = secrets.token_urlsafe(32)
        client = ServiceClient(
            id=uuid.uuid4(),
            client_id=client_id,
            name=name,
            kind=kind.value,
            secret_hash=hash_password(secret),
            active=True,
        )
        self.repo.add(client)
        await self.repo.flush()
        return client, secret
