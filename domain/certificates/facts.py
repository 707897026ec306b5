"""What a certificate states, whether it may be issued at all, when it stops being true, and who
issues it.

- 수급자증명서 (국민기초생활보장법 시행규칙 제40조, 별지 제3호서식) and the 확인서 types certify that the
  person is a 수급자 on the issue date; the past-receipt type certifies receipt during a requested
  period (see types.py for why it exists).
- 지급정지 (기초연금법 제16조, 장애인연금법 제15조, 아동수당법 제13조) pauses payment but does not end the
  수급권 — only 중지 (국민기초생활보장법 제30조) and 상실 (기초연금법 제17조) do. A suspended 수급자 is
  therefore still certified as a 수급자. The suspension is kept in the facts (`state`) for the official
  record, but no purpose lists it as a printed item: its reasons (수감, 행방불명, 국외 체류) are exactly
  what 안전성 확보조치 기준 제12조 keeps off paper that does not need them.
- A certificate issued while true stays valid after an ordinary later 중지·상실; it is revoked only when
  the entitlement is cancelled back to a date the certificate vouched for (`is_revoked`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.cases.entitlement import TERMINAL_STATES, EntitlementState
from domain.cases.reasons import PROGRAM_LABELS
from domain.certificates.types import CertificateType
from domain.errors import Conflict, InvalidInput
from domain.rules.programs.common import Program

_PROGRAM_ORDER = {program: index for index, program in enumerate(Program)}


class NotEligibleForCertificate(Conflict):
    """The person holds no entitlement the certificate could state.

    A Conflict, not InvalidInput: the request itself is well formed — it clashes with the person's
    current state (the same request succeeds once they are a 수급자), which is what the API's 409 means.
    """

    title = "증명서를 발급할 수 없습니다"


@dataclass(frozen=True, slots=True)
class HouseholdMember:
    """A 가구원 as printed: the 주민등록번호 only ever in masked form."""

    name: str
    relation: str  # 본인, 배우자, 자녀…
    masked_rrn: str


@dataclass(frozen=True, slots=True)
class HeldEntitlement:
    """One entitlement of the person, as the certificate rules need it.

    `end_date` is the last day of receipt, inclusive (None while open). A retroactive cancellation is
    passed as the day before the cancelled-back-to date, so the void days are never certified; an end
    before the start means the entitlement never took effect. `region_code` is the 시군구 of the
    보장기관 that granted it; `members` the 가구원 of a household benefit (empty for personal ones).
    """

    program: Program
    state: EntitlementState
    start_date: date
    end_date: date | None
    region_code: str
    members: tuple[HouseholdMember, ...] = ()
    # Set when the right is another person's that the holder receives for them: a child's 아동수당
    # or 부모급여, paid to the 보호자 (아동수당법 제4조). The certificate names that child.
    beneficiary: HouseholdMember | None = None
    ref: str = ""  # the caller's identifier of the entitlement, carried onto the certificate's line

    def covers(self, day: date) -> bool:
        """Whether the person held this entitlement on `day`. A 중지·상실 without an end date cannot
        say until when, so it covers nothing rather than everything."""
        if day < self.start_date:
            return False
        if self.end_date is None:
            return self.state not in TERMINAL_STATES
        return day <= self.end_date


@dataclass(frozen=True, slots=True)
class ReceiptPeriod:
    """A requested period, both days inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInput("기간의 끝이 시작보다 앞설 수 없습니다.", fields={"period": "order"})


@dataclass(frozen=True, slots=True)
class CertifiedEntitlement:
    """One line of the certificate: the program and the days it vouches for."""

    program: Program
    start_date: date  # 책정일
    certified_from: date
    certified_through: date  # the issue date for a current certificate
    state: EntitlementState  # on the issue date; kept for the record, not printed (see module doc)
    region_code: str
    beneficiary: HouseholdMember | None = None  # see HeldEntitlement
    ref: str = ""  # HeldEntitlement.ref

    @property
    def label(self) -> str:
        return PROGRAM_LABELS[self.program]


@dataclass(frozen=True, slots=True)
class CertificateFacts:
    certificate: CertificateType
    issued_on: date
    period: ReceiptPeriod | None
    entitlements: tuple[CertifiedEntitlement, ...]
    members: tuple[HouseholdMember, ...]

    @property
    def region_codes(self) -> tuple[str, ...]:
        """The 보장기관 whose decisions the certificate states, in order of first mention."""
        return tuple(dict.fromkeys(e.region_code for e in self.entitlements))


def _labels(certificate: CertificateType) -> str:
    return "·".join(PROGRAM_LABELS[p] for p in sorted(certificate.programs, key=_PROGRAM_ORDER.__getitem__))


def _ordered(held: list[HeldEntitlement]) -> list[HeldEntitlement]:
    return sorted(held, key=lambda e: (_PROGRAM_ORDER[e.program], e.start_date))


def certificate_facts(
    certificate: CertificateType,
    entitlements: tuple[HeldEntitlement, ...] | list[HeldEntitlement],
    issued_on: date,
    period: ReceiptPeriod | None = None,
) -> CertificateFacts:
    """What `certificate` states about the person on `issued_on`.

    A current-status type states every entitlement of its programs that covers the issue date (지급중
    or 지급정지 — see the module doc) and, if the form shows them, the members of those entitlements.
    A past-receipt type needs a `period` ending no later than the issue date and states, in any state
    now, the entitlements that overlapped it, clipped to it. Raises `NotEligibleForCertificate` with a
    Korean message when nothing is left to state.
    """
    relevant = [e for e in entitlements if e.program in certificate.programs]
    if certificate.past_receipt_allowed:
        return _past_facts(certificate, relevant, issued_on, period)
    if period is not None:
        raise InvalidInput(
            f"{certificate.title}은(는) 발급일 현재의 수급 사실만 증명하므로 기간을 지정할 수 없습니다.",
            fields={"period": "not_allowed"},
        )
    current = _ordered([e for e in relevant if e.covers(issued_on)])
    if not current:
        raise NotEligibleForCertificate(
            f"{issued_on.isoformat()} 현재 {_labels(certificate)} 수급자가 아니므로 "
            f"{certificate.title}을(를) 발급할 수 없습니다."
        )
    lines = tuple(
        CertifiedEntitlement(
            e.program, e.start_date, e.start_date, issued_on, e.state, e.region_code, e.beneficiary, e.ref
        )
        for e in current
    )
    members: tuple[HouseholdMember, ...] = ()
    if certificate.shows_members:
        # Several household benefits share one household; list each member once, in first-seen order.
        members = tuple(dict.fromkeys(m for e in current for m in e.members))
    return CertificateFacts(certificate, issued_on, None, lines, members)


def _past_facts(
    certificate: CertificateType,
    relevant: list[HeldEntitlement],
    issued_on: date,
    period: ReceiptPeriod | None,
) -> CertificateFacts:
    if period is None:
        raise InvalidInput(
            f"{certificate.title}은(는) 수급 사실을 확인할 기간이 필요합니다.", fields={"period": "required"}
        )
    if period.end > issued_on:
        raise InvalidInput(
            "앞으로의 수급 사실은 확인할 수 없습니다 (기간이 발급일 이후까지).", fields={"period": "future"}
        )
    lines: list[CertifiedEntitlement] = []
    for e in _ordered(relevant):
        # An open entitlement has run until now; a closed one until its end date (for a 중지·상실 with
        # no end date recorded the last day is unknown, so it is left out rather than guessed).
        if e.end_date is None and e.state in TERMINAL_STATES:
            continue
        last = issued_on if e.end_date is None else min(e.end_date, issued_on)
        first, through = max(e.start_date, period.start), min(last, period.end)
        if first <= through:
            lines.append(
                CertifiedEntitlement(
                    e.program, e.start_date, first, through, e.state, e.region_code, e.beneficiary, e.ref
                )
            )
    if not lines:
        raise NotEligibleForCertificate(
            f"{period.start.isoformat()}부터 {period.end.isoformat()}까지 {_labels(certificate)}을(를) "
            f"받은 사실이 없으므로 {certificate.title}을(를) 발급할 수 없습니다."
        )
    return CertificateFacts(certificate, issued_on, period, tuple(lines), ())


def is_revoked(
    issued_on: date,
    entitlement_end: date | None,
    cancelled_back_to: date | None,
    *,
    certified_through: date | None = None,
) -> bool:
    """Whether a certificate stopped being true after it was issued.

    A certificate vouches for days up to `certified_through` (the issue date for a current-status
    certificate, the period's last certified day for a past-receipt one). It is revoked when the
    entitlement was later cancelled back to (void from, inclusive) a day on or before that, or when its
    end was backdated before that day — either way the certificate now states something false.
    An ordinary 중지·상실 taking effect after that day does not revoke it: it was true when issued.
    """
    through = issued_on if certified_through is None else certified_through
    if cancelled_back_to is not None and cancelled_back_to <= through:
        return True
    return entitlement_end is not None and entitlement_end < through


_SIGUNGU_HEAD = {"구": "구청장", "시": "시장", "군": "군수"}
_EMD_SUFFIXES = frozenset("읍면동")


def issuer_title(sido_name: str, sigungu_name: str, emd_name: str | None = None) -> str:
    """The 발급기관 line: the 시장·군수·구청장 or the 읍면동장 (research note F.1, 발급기관 직인).

    "서울특별시 종로구청장", "경기도 수원시장", "충청북도 괴산군수", "경기도 수원시 장안구청장" (일반구);
    with a 읍면동 the 읍장·면장·동장 under its full address, "서울특별시 종로구 청운효자동장" — the
    prefix keeps two 동 of the same name in different 시군구 apart. 세종특별자치시 has no 시군구 level:
    pass an empty `sigungu_name` (or the 시·도 name again) for "세종특별자치시장" / "세종특별자치시
    조치원읍장". InvalidInput on a name whose last syllable names no office.
    """
    sido, sigungu = sido_name.strip(), sigungu_name.strip()
    if not sido:
        raise InvalidInput("시·도 이름이 필요합니다.", fields={"sido_name": "required"})
    prefix = sido if sigungu in ("", sido) else f"{sido} {sigungu}"
    emd = (emd_name or "").strip()
    if emd:
        if emd[-1] not in _EMD_SUFFIXES:
            raise InvalidInput(
                "읍·면·동 이름은 읍, 면 또는 동으로 끝나야 합니다.", fields={"emd_name": "suffix"}
            )
        return f"{prefix} {emd}장"
    office = sido if sigungu in ("", sido) else sigungu
    head = _SIGUNGU_HEAD.get(office[-1])
    if head is None:
        raise InvalidInput(
            "시·군·구 이름은 시, 군 또는 구로 끝나야 합니다.", fields={"sigungu_name": "suffix"}
        )
    return f"{prefix[: len(prefix) - 1]}{head}"
