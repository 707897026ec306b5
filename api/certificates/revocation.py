"""Revoking the certificates an entitlement change makes untrue (domain.certificates.is_revoked).

Called in the transaction of the change itself (처분 취소, or a 중지·상실 dated back), so the
certificates stop verifying as valid the moment the change commits, and not at all if it fails. The
certificates may have been issued anywhere (a portal's, a kiosk's), so they are found and revoked
through functions that check the caller may change the entitlement, not the certificate.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.certificates import is_revoked

_STATING = text("SELECT certificate_id, issued_on, certified_through FROM certificates_stating(:entitlement)")
_REVOKE = text("SELECT revoke_certificates(:entitlement, CAST(:ids AS uuid[]), :reason)")


async def revoke_untrue_certificates(
    session: AsyncSession,
    entitlement_id: uuid.UUID,
    *,
    reason: str,
    end_date: date | None = None,
    cancelled_from: date | None = None,
) -> int:
    """Revokes the live certificates stating `entitlement_id` that vouched for a day it no longer
    covers: on or after `cancelled_from`, or after `end_date`. Returns how many were revoked."""
    found = (await session.execute(_STATING, {"entitlement": entitlement_id})).all()
    untrue = [
        str(row.certificate_id)
        for row in found
        if is_revoked(row.issued_on, end_date, cancelled_from, certified_through=row.certified_through)
    ]
    if not untrue:
        return 0
    params = {"entitlement": entitlement_id, "ids": untrue, "reason": reason}
    return int(await session.scalar(_REVOKE, params) or 0)
