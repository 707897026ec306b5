"""Who may decide a case (결정): 조사와 결정의 분리.

The 보장기관 that decides is the 시장·군수·구청장 (국민기초생활보장법 제26조①, 기초연금법 and the other
program laws alike), who acts through officials holding the decision duty under the 시군구's 위임전결
rules. No statute names the separation itself; it is the internal control each 시군구 sets, so that the
official who gathered the facts is not the one who accepts them. Hence it is a per-시군구 setting, on by
default: an official may decide only with the decision duty, and not a case they investigated unless the
시군구 allows it (a small 군 with one 담당).

Error choice: `DutyForbidden`, a new `DomainError`, not `Conflict`. Conflict means "the case's state
does not allow this" (409) and invites a retry once the state changes; here the case is ready and only
this official may not act — the meaning of 403, as `api.errors.PermissionDenied` already answers for a
missing role. The API must map `DutyForbidden` to 403; an unmapped `DomainError` fails closed (500)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import DomainError


class DutyForbidden(DomainError):
    """The official's duties, or their part in this case, do not allow the action."""

    title = "권한이 없습니다"


class Duty(StrEnum):
    """Case duties. The values are those of the API's roles (`api.security.scopes.Role`), so an
    account's roles convert with `Duty(role.value)`."""

    INTAKE = "intake"  # 읍면동 접수·상담
    INVESTIGATION = "investigator"  # 시군구 통합조사
    DECISION = "decision_maker"  # 보장 결정


@dataclass(frozen=True, slots=True)
class Official:
    official_id: str
    duties: frozenset[Duty]


@dataclass(frozen=True, slots=True)
class DutySetting:
    """The 시군구's choice. Off by default: the investigator does not decide the case."""

    investigator_may_decide: bool = False


def check_may_decide(decider: Official, investigated_by: Collection[str], setting: DutySetting) -> None:
    """Raises `DutyForbidden` unless `decider` may decide a case investigated by the officials in
    `investigated_by` (every official who recorded an investigation step of the case)."""
    if Duty.DECISION not in decider.duties:
        raise DutyForbidden("보장 결정 업무를 맡은 공무원만 결정할 수 있습니다.")
    if decider.official_id in investigated_by and not setting.investigator_may_decide:
        raise DutyForbidden(
            "이 사례를 조사한 공무원은 결정할 수 없습니다 (조사·결정 분리). "
            "시군구 설정에서 허용한 경우에만 가능합니다."
        )


def may_decide(decider: Official, investigated_by: Collection[str], setting: DutySetting) -> bool:
    """`check_may_decide` as a yes/no, for showing or hiding the decision action."""
    try:
        check_may_decide(decider, investigated_by, setting)
    except DutyForbidden:
        return False
    return True
