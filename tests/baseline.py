"""Accounts and residents committed once per test run (tests roll back their own writes).

- 종로구 (11110): one official per duty (`t.<role>`), and an intake worker limited to 청운동
  (`t.emd.intake`); residents `own` (청운동, head of a household with `own_spouse`) and
  `own_other_emd` (사직동).
- 중구 (11140): `o.investigator`, `o.intake`, `o.decision_maker`, `o.admin`, `o.privacy`; resident
  `other` (head of a household).
- service clients `portal` and `kiosk`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from pydantic import SecretStr

from api.admin_session import owner_session
from api.audit.trail import Action, AuditTrail
from api.keys import get_keys
from api.officials.repository import OfficialsRepository
from api.officials.schemas import OfficialCreate
from api.officials.service import OfficialsService
from api.registry.repository import RegistryRepository
from api.registry.schemas import Address, PersonCreate
from api.registry.service import RegistryService
from api.security.principal import Principal
from api.security.scopes import CLIENT_SCOPES, ClientKind, Role, scopes_for_roles

PASSWORD = "test-password-2026!"
OWN, OTHER = "11110", "11140"
CHEONGUN, SAJIK = "1111010100", "1111013700"

OFFICIALS: list[tuple[str, Role, str, str | None]] = [
    *[(f"t.{role.value}", role, OWN, None) for role in Role],
    ("t.emd.intake", Role.INTAKE, OWN, CHEONGUN),
    ("o.investigator", Role.INVESTIGATOR, OTHER, None),
    ("o.intake", Role.INTAKE, OTHER, None),
    ("o.decision_maker", Role.DECISION_MAKER, OTHER, None),
    ("o.admin", Role.ADMIN, OTHER, None),
    ("o.privacy", Role.PRIVACY_OFFICER, OTHER, None),
]

PEOPLE = {
    "own": ("김청운", "700101-1000101", OWN, CHEONGUN, "청운동"),
    "own_spouse": ("이청운", "720202-2000102", OWN, CHEONGUN, "청운동"),
    "own_other_emd": ("박사직", "800303-1000103", OWN, SAJIK, "사직동"),
    "other": ("최중구", "650404-2000104", OTHER, None, None),
}


@dataclass(frozen=True)
class Account:
    kind: str  # official | portal | kiosk
    id: uuid.UUID
    username: str
    scopes: frozenset[str]
    version: int = 1
    sigungu: str | None = None
    secret: str | None = None


@dataclass
class Baseline:
    accounts: dict[str, Account] = field(default_factory=dict)
    people: dict[str, uuid.UUID] = field(default_factory=dict)
    rrns: dict[str, str] = field(default_factory=dict)
    households: dict[str, uuid.UUID] = field(default_factory=dict)

    def account(self, username: str) -> Account:
        return self.accounts[username]


def _seeder(sigungu: str) -> Principal:
    return Principal(
        "official", uuid.UUID(int=0), "test-baseline", sigungu, None, ("investigator",), (), frozenset()
    )


async def load_baseline(owner_url: str) -> Baseline:
    base = Baseline()
    async with owner_session(owner_url) as session:
        officials = OfficialsService(OfficialsRepository(session, None), "test-baseline")
        for username, role, sigungu, emd in OFFICIALS:
            official = await officials.create(
                OfficialCreate(
                    username=username,
                    display_name=username,
                    password=SecretStr(PASSWORD),
                    roles=[role],
                    sigungu_code=sigungu,
                    emd_code=emd,
                    programs=["livelihood"],
                )
            )
            scopes = frozenset(s.value for s in scopes_for_roles([role.value]))
            base.accounts[username] = Account("official", official.id, username, scopes, 1, sigungu)
        for kind in ClientKind:
            client, secret = await officials.create_client(f"test {kind.value}", kind, kind.value)
            scopes = frozenset(s.value for s in CLIENT_SCOPES[kind])
            base.accounts[kind.value] = Account(kind.value, client.id, kind.value, scopes, secret=secret)
        keys = get_keys()
        for key, (name, rrn, sigungu, emd, emd_name) in PEOPLE.items():
            trail = AuditTrail(
                "test-baseline",
                "system",
                sigungu,
                "local",
                uuid.uuid4().hex,
                "TEST",
                "baseline",
                Action.CREATE,
            )
            service = RegistryService(RegistryRepository(session, _seeder(sigungu)), trail, keys)
            person = await service.register(
                PersonCreate(
                    name=name,
                    rrn=SecretStr(rrn),
                    address=Address(
                        sigungu_code=sigungu, emd_code=emd, emd_name=emd_name, address=f"{name} 주소 1"
                    ),
                ),
                date(2026, 1, 1),
            )
            base.people[key] = person.id
            base.rrns[key] = rrn
        for head, sigungu, members in (("own", OWN, ["own_spouse"]), ("other", OTHER, [])):
            trail = AuditTrail(
                "test-baseline",
                "system",
                sigungu,
                "local",
                uuid.uuid4().hex,
                "TEST",
                "baseline",
                Action.CREATE,
            )
            service = RegistryService(RegistryRepository(session, _seeder(sigungu)), trail, keys)
            emd = PEOPLE[head][3]
            household = await service.create_household(
                base.people[head],
                Address(sigungu_code=sigungu, emd_code=emd, emd_name=PEOPLE[head][4], address="가구 주소 1"),
                date(2026, 1, 1),
            )
            for member in members:
                await service.add_member(household.id, base.people[member], "spouse", date(2026, 1, 1))
            base.households[head] = household.id
    return base
