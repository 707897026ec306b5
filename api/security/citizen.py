"""The citizen a portal or kiosk acts for. The service client verifies the person itself (모바일
신분증, 인증서, 지문 …) and exchanges its client credentials together with the citizen's
주민등록번호 for a short-lived access token bound to that one citizen.

The token carries the citizen as the hex of the registry's keyed blind index, never the number: the
database compares it with `persons.rrn_blind_index` (`ieum.citizen`, see migration 0004), so the
same HMAC, over the same canonical 13 digits, must produce it here.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

from api.errors import PermissionDenied
from api.keys import Keys
from api.registry import protection
from api.security.scopes import ClientKind

if TYPE_CHECKING:  # principal.py imports tokens.py, which imports this module
    from api.security.principal import Principal


class VerificationMethod(StrEnum):
    """How the service client established who the citizen is."""

    MOBILE_ID = "mobile_id"  # 모바일 신분증
    CERTIFICATE = "certificate"  # 공동인증서·금융인증서
    SIMPLE_AUTH = "simple_auth"  # 간편인증 (민간 인증서)
    KIOSK_FINGERPRINT = "kiosk_fingerprint"  # 무인민원발급기 지문 확인
    KIOSK_ID_CARD = "kiosk_id_card"  # 무인민원발급기 신분증 진위확인


_KIOSK_METHODS = frozenset({VerificationMethod.KIOSK_FINGERPRINT, VerificationMethod.KIOSK_ID_CARD})
# A client may only claim a check it can actually perform: a kiosk has the fingerprint reader and ID
# card scanner, a portal has neither.
METHODS_BY_CLIENT: dict[ClientKind, frozenset[VerificationMethod]] = {
    ClientKind.PORTAL: frozenset(VerificationMethod) - _KIOSK_METHODS,
    ClientKind.KIOSK: _KIOSK_METHODS,
}

# A token that lets a client act for a person is worth more to a thief than the client's own token,
# and the citizen is at the counter or the screen only briefly: it lives at most this long.
CITIZEN_TOKEN_SECONDS = 300

# Lowercase hex of an HMAC-SHA-256 digest (32 bytes), as `decode(…, 'hex')` in the database expects.
# Use with fullmatch: `$` would let a trailing newline through.
CITIZEN_PATTERN = re.compile(r"[0-9a-f]{64}", re.ASCII)

CITIZEN_REQUIRED = (
    "본인 확인된 시민 정보가 필요합니다. 포털·무인민원발급기에서 본인 확인 후 "
    "citizen_rrn 과 citizen_verified_by 를 함께 보내 발급받은 토큰으로 요청하십시오."
)


def citizen_index(keys: Keys, digits: str) -> str:
    """The citizen claim for a validated, canonical 13-digit 주민등록번호."""
    return protection.blind_index(keys, digits).hex()


def require_citizen(principal: Principal) -> str:
    """The blind index (hex) of the citizen the caller acts for; 403 when the token is bound to none."""
    if principal.citizen is None:
        raise PermissionDenied(CITIZEN_REQUIRED)
    return principal.citizen
