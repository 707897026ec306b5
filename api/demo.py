"""Demo data for the quick start: officials of 서울 종로구 (one per duty, plus a 읍면동 worker) and of
서울 중구, a few households with family ties, and a synthetic caseload of 300 households in 종로구
(`api.synthetic`) so payment runs have volume. Idempotent: existing rows are kept. The resident
numbers are made up (valid in form only)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession

from api.admin_session import owner_session
from api.audit.trail import Action, AuditTrail, append
from api.keys import get_keys
from api.officials.repository import OfficialsRepository
from api.officials.schemas import OfficialCreate
from api.officials.service import OfficialsService
from api.registry import protection
from api.registry.relations import RelationService
from api.registry.repository import RegistryRepository
from api.registry.schemas import Address, Disability, FamilyKind, PersonCreate
from api.registry.service import RegistryService
from api.security.principal import Principal
from api.security.scopes import Role

DEMO_PASSWORD = "ieum-demo-2026!"
SYNTHETIC_HOUSEHOLDS = 300
SYNTHETIC_SEED = 2026
CHEONGUN = "1111010100"  # 서울 종로구 청운동 (법정동코드)

OFFICIALS = [
    ("jongno.intake", "김접수", [Role.INTAKE], "11110", CHEONGUN, ["livelihood", "basic_pension"]),
    (
        "jongno.investigator",
        "이조사",
        [Role.INVESTIGATOR],
        "11110",
        None,
        ["livelihood", "medical", "housing"],
    ),
    ("jongno.decision", "박결정", [Role.DECISION_MAKER], "11110", None, ["livelihood", "basic_pension"]),
    ("jongno.payment", "최지급", [Role.PAYMENT_OFFICER], "11110", None, ["livelihood", "basic_pension"]),
    ("jongno.privacy", "정보호", [Role.PRIVACY_OFFICER], "11110", None, []),
    ("jongno.admin", "한관리", [Role.ADMIN], "11110", None, []),
    ("junggu.investigator", "오중구", [Role.INVESTIGATOR], "11140", None, ["livelihood"]),
]


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    rrn: str
    sigungu: str
    emd_code: str | None
    emd_name: str | None
    address: str
    disability: Disability = Disability.NONE


PEOPLE = [
    DemoPerson("kim_head", "김민수", "580302-1000011", "11110", CHEONGUN, "청운동", "자하문로 101"),
    DemoPerson("kim_spouse", "이영희", "600715-2000012", "11110", CHEONGUN, "청운동", "자하문로 101"),
    DemoPerson("kim_son", "김지훈", "880101-1000013", "11140", None, None, "세종대로 21"),
    DemoPerson(
        "park_head", "박서연", "851120-2000014", "11110", "1111013700", "사직동", "사직로 8", Disability.MILD
    ),
    DemoPerson("park_child1", "박하준", "150409-3000015", "11110", "1111013700", "사직동", "사직로 8"),
    DemoPerson("park_child2", "박하은", "190822-4000016", "11110", "1111013700", "사직동", "사직로 8"),
    DemoPerson("choi_single", "최은정", "760115-2000017", "11110", CHEONGUN, "청운동", "필운대로 5"),
    DemoPerson("nguyen", "응우옌 티 마이", "930505-6000018", "11110", "1111013700", "사직동", "사직로 12"),
    DemoPerson(
        "jung_elder", "정순자", "420930-2000019", "11140", None, None, "퇴계로 100", Disability.SEVERE
    ),
    DemoPerson("seo_single", "서말순", "510627-2000020", "11110", CHEONGUN, "청운동", "창의문로 7"),
]

HOUSEHOLDS = [
    ("kim_head", [("kim_spouse", "spouse")]),
    ("park_head", [("park_child1", "child"), ("park_child2", "child")]),
    ("choi_single", []),
    ("nguyen", []),
    ("jung_elder", []),
    ("seo_single", []),
]

RELATIONS = [
    ("kim_head", "kim_spouse", FamilyKind.SPOUSE),
    ("kim_head", "kim_son", FamilyKind.CHILD),
    ("kim_spouse", "kim_son", FamilyKind.CHILD),
]


def _seeder(sigungu: str) -> Principal:
    return Principal(
        "official", uuid.UUID(int=0), "cli:demo-seed", sigungu, None, ("investigator",), (), frozenset()
    )


def _trail(sigungu: str) -> AuditTrail:
    return AuditTrail(
        actor="cli:demo-seed",
        actor_kind="system",
        actor_sigungu=sigungu,
        client_ip="local",
        request_id=uuid.uuid4().hex,
        method="CLI",
        route="ieum demo seed",
        action=Action.CREATE,
        purpose="데모 데이터 적재",
        success_status=0,
    )


async def _officials(session: AsyncSession) -> int:
    service = OfficialsService(OfficialsRepository(session, None), "cli:demo-seed")
    created = 0
    for username, display, roles, sigungu, emd, programs in OFFICIALS:
        if await service.repo.username_taken(username):
            continue
        await service.create(
            OfficialCreate(
                username=username,
                display_name=display,
                password=SecretStr(DEMO_PASSWORD),
                roles=roles,
                sigungu_code=sigungu,
                emd_code=emd,
                programs=programs,
                reason="demo seed",
            )
        )
        created += 1
    return created


async def _people(session: AsyncSession) -> tuple[int, dict[str, uuid.UUID]]:
    keys = get_keys()
    ids: dict[str, uuid.UUID] = {}
    trails: dict[str, AuditTrail] = {}
    created = 0
    for p in PEOPLE:
        trail = trails.setdefault(p.sigungu, _trail(p.sigungu))
        repo = RegistryRepository(session, _seeder(p.sigungu))
        existing = await repo.person_by_blind_index(protection.blind_index(keys, p.rrn.replace("-", "")))
        if existing is not None:
            ids[p.key] = existing.id
            continue
        service = RegistryService(repo, trail, keys)
        read = await service.register(
            PersonCreate(
                name=p.name,
                rrn=SecretStr(p.rrn),
                disability=p.disability,
                address=Address(
                    sigungu_code=p.sigungu, emd_code=p.emd_code, emd_name=p.emd_name, address=p.address
                ),
            ),
            date(2026, 1, 2),
        )
        ids[p.key] = read.id
        created += 1
    by_key = {p.key: p for p in PEOPLE}
    for head_key, members in HOUSEHOLDS:
        head = by_key[head_key]
        repo = RegistryRepository(session, _seeder(head.sigungu))
        if await repo.current_membership(ids[head_key]) is not None:
            continue
        service = RegistryService(repo, trails.setdefault(head.sigungu, _trail(head.sigungu)), keys)
        household = await service.create_household(
            ids[head_key],
            Address(
                sigungu_code=head.sigungu,
                emd_code=head.emd_code,
                emd_name=head.emd_name,
                address=head.address,
            ),
            date(2026, 1, 2),
        )
        for member_key, relation in members:
            await service.add_member(household.id, ids[member_key], relation, date(2026, 1, 2))
    for a, b, kind in RELATIONS:
        sigungu = by_key[a].sigungu
        relations = RelationService(
            RegistryRepository(session, _seeder(sigungu)), trails.setdefault(sigungu, _trail(sigungu))
        )
        if any(r.related_person_id == ids[b] for r in await relations.list(ids[a])):
            continue
        # The seeder may link across 시군구 (a son in 중구); the owner connection is not bound by RLS.
        await _link(session, ids[a], ids[b], kind, relations)
    for trail in trails.values():
        if trail.subjects and created:
            await append(session, trail, 201)
    return created, ids


async def _link(
    session: AsyncSession, a: uuid.UUID, b: uuid.UUID, kind: FamilyKind, relations: RelationService
) -> None:
    from api.models import FamilyRelation
    from api.registry.relations import _stored

    from_id, to_id, stored_kind = _stored(a, b, kind)
    session.add(FamilyRelation(id=uuid.uuid4(), from_person_id=from_id, to_person_id=to_id, kind=stored_kind))
    relations.trail.add_subjects(a, b)
    await session.flush()


async def _synthetic(session: AsyncSession) -> tuple[int, int]:
    """A synthetic caseload in 종로구, so the demo's payment runs have a realistic volume: (households,
    entitlements) added, or (0, 0) when the seed's households are already there."""
    from api.synthetic import AlreadyWritten, write_population

    connection = await session.connection()
    raw = await connection.get_raw_connection()
    try:
        summary = await write_population(
            raw.driver_connection,
            households=SYNTHETIC_HOUSEHOLDS,
            seed=SYNTHETIC_SEED,
            sigungu="11110",
            # A search for a demo resident by name (the README's, the end-to-end tests') finds them alone.
            reserved_names={p.name for p in PEOPLE},
        )
    except AlreadyWritten:
        return 0, 0
    return summary.households, summary.total_entitlements


async def seed(owner_url: str) -> str:
    # Imported here: the cases reach the linked-data connector, whose demo records come from this module.
    from api.demo_cases import seed_cases

    async with owner_session(owner_url) as session:
        officials = await _officials(session)
        people, ids = await _people(session)
        cases = await seed_cases(session, ids)
        households, rights = await _synthetic(session)
    return (
        f"공무원 {officials}명, 주민 {people}명, 신청 {cases}건 추가, 합성 가구 {households}가구 "
        f"(수급 {rights}건) 추가 (이미 있던 데이터는 그대로)"
    )
