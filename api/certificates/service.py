"""Certificate use cases by channel: an official issuing within their jurisdiction, a portal or kiosk
issuing the asserted citizen's own, and reprints. Load → domain → persist → record; never commits.

- Officials (읍면동 접수 and the like): for anyone in their jurisdiction; the issuer is their office —
  the 읍면동장 for a 읍면동 account, else the 시장·군수·구청장.
- Portals: the citizen's own certificates, issued by the 보장기관 whose decision they state; the
  citizen may list them and download them again.
- Kiosks (무인민원발급기): the same, but print only — a kiosk may fetch the PDF of a certificate it
  has just issued itself (within `KIOSK_PRINT_WINDOW`) and nothing else; no list, no reprint later.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from api.audit.trail import AuditTrail
from api.certificates import reads
from api.certificates.issuing import Issue, Issuing, Plan
from api.certificates.repository import CertificateFilter, CertificateRepository
from api.certificates.schemas import (
    CertificateIssued,
    CertificateRead,
    CertificateRequest,
    CitizenCertificateRequest,
)
from api.errors import PermissionDenied
from api.models import CertificateRow, Person
from api.security.scopes import ClientKind
from domain.errors import Conflict, NotFound

CERTIFICATE_NOT_FOUND = "증명서를 찾을 수 없습니다."
PERSON_NOT_FOUND = "대상자를 찾을 수 없습니다."
CITIZEN_NOT_FOUND = "주민 정보를 찾을 수 없습니다. 주소지 읍면동 행정복지센터에 문의하십시오."
# The citizen stands at the kiosk: long enough for the printer, far too short to keep copies.
KIOSK_PRINT_WINDOW = timedelta(minutes=10)
KIOSK_PRINT_ONLY = (
    "무인민원발급기는 그 자리에서 발급한 증명서를 바로 출력만 할 수 있습니다 "
    "(목록 조회·재출력은 포털이나 읍면동에서 하십시오)."
)
REVOKED_NO_REPRINT = "효력이 없어진(취소된) 증명서는 다시 출력할 수 없습니다."


class CertificateService:
    def __init__(self, repo: CertificateRepository, trail: AuditTrail, issuing: Issuing) -> None:
        self.repo = repo
        self.trail = trail
        self.issuing = issuing

    @property
    def principal_kind(self) -> str:
        return self.repo.principal.kind

    # --- officials ---------------------------------------------------------------------------------
    async def _person(self, body: CertificateRequest) -> Person:
        person = await self.repo.person(body.person_id)
        if person is None:
            raise NotFound(PERSON_NOT_FOUND)
        self.trail.add_subjects(person.id)
        return person

    async def _official_issue(self, person: Person, plan: Plan) -> Issue:
        principal = self.repo.principal
        assert principal.sigungu_code is not None
        emd = principal.emd_code
        # A 읍면동 account is that 읍면동's office, whose 읍면동 is the person's (they are in scope).
        issuer = await self.issuing.issuer(principal.sigungu_code, person.emd_name if emd else None)
        first = plan.facts.entitlements[0].ref
        return Issue(
            principal.sigungu_code,
            emd or plan.emd_by_entitlement.get(first),
            issuer,
            "official",
            principal.name,
        )

    async def preview(self, body: CertificateRequest) -> bytes:
        """The certificate as it would be issued, marked 미리보기, without number or code; nothing is
        stored."""
        person = await self._person(body)
        plan = await self.issuing.plan(person, body)
        self.trail.add_subjects(*plan.subjects)
        return await self.issuing.preview(person, plan, await self._official_issue(person, plan))

    async def issue(self, body: CertificateRequest) -> CertificateIssued:
        person = await self._person(body)
        plan = await self.issuing.plan(person, body)
        self.trail.add_subjects(*plan.subjects)
        row, code, url = await self.issuing.issue(person, plan, await self._official_issue(person, plan))
        return reads.issued(row, code, url, reads.official_pdf_url(row))

    async def search(self, where: CertificateFilter, limit: int, offset: int) -> list[CertificateRead]:
        rows = await self.repo.search(where, limit, offset)
        self.trail.add_subjects(*(row.person_id for row in rows))
        return [reads.read(row, reads.official_pdf_url(row)) for row in rows]

    async def _visible(self, number: str) -> CertificateRow:
        row = await self.repo.by_number(number)
        if row is None:
            raise NotFound(CERTIFICATE_NOT_FOUND)
        self.trail.add_subjects(row.person_id)
        return row

    async def read(self, number: str) -> CertificateRead:
        row = await self._visible(number)
        return reads.read(row, reads.official_pdf_url(row))

    async def pdf(self, number: str) -> tuple[CertificateRow, bytes]:
        """An issued certificate again, as it was printed (the 발급대장 copy, revoked ones too)."""
        row = await self._visible(number)
        return row, self.issuing.pdf(row)

    # --- citizens (portal, kiosk) ------------------------------------------------------------------
    async def _citizen(self) -> Person:
        person = await self.repo.citizen()
        if person is None:
            raise NotFound(CITIZEN_NOT_FOUND)
        self.trail.add_subjects(person.id)
        return person

    async def _citizen_issue(self, person: Person, plan: Plan) -> Issue:
        """Issued by the 보장기관 whose decision it states: the person's own 시군구 when that is one of
        them (a past-receipt certificate may state an earlier 시군구's too), else the first."""
        regions = plan.facts.region_codes
        sigungu = person.sigungu_code if person.sigungu_code in regions else regions[0]
        emd = next(
            (
                plan.emd_by_entitlement.get(line.ref)
                for line in plan.facts.entitlements
                if line.region_code == sigungu
            ),
            None,
        )
        channel = ClientKind(self.principal_kind).value
        return Issue(sigungu, emd, await self.issuing.issuer(sigungu), channel, self.repo.principal.name)

    async def issue_for_citizen(self, body: CitizenCertificateRequest) -> CertificateIssued:
        person = await self._citizen()
        plan = await self.issuing.plan(person, body)
        self.trail.add_subjects(*plan.subjects)
        row, code, url = await self.issuing.issue(person, plan, await self._citizen_issue(person, plan))
        return reads.issued(row, code, url, reads.citizen_pdf_url(row))

    def _refuse_kiosk(self) -> None:
        if self.principal_kind == ClientKind.KIOSK.value:
            raise PermissionDenied(KIOSK_PRINT_ONLY)

    async def citizen_list(self) -> list[CertificateRead]:
        self._refuse_kiosk()
        person = await self._citizen()
        rows = await self.repo.search(CertificateFilter(person_id=person.id), 100, 0)
        return [reads.read(row, reads.citizen_pdf_url(row)) for row in rows]

    async def citizen_pdf(self, number: str) -> tuple[CertificateRow, bytes]:
        person = await self._citizen()
        row = await self.repo.by_number(number)
        if row is None or row.person_id != person.id:
            raise NotFound(CERTIFICATE_NOT_FOUND)
        if self.principal_kind == ClientKind.KIOSK.value:
            fresh = datetime.now(UTC) - row.issued_at <= KIOSK_PRINT_WINDOW
            if not (row.channel == "kiosk" and row.issued_by == self.repo.principal.name and fresh):
                raise PermissionDenied(KIOSK_PRINT_ONLY)
        if row.revoked_at is not None:
            raise Conflict(REVOKED_NO_REPRINT)
        return row, self.issuing.pdf(row)
