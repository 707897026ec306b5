"""Public verification (진위확인): anyone holding a certificate checks it with its 문서번호 and
문서확인번호, without signing in. The answer is the status and only what lets the reader match the
paper in front of them — type, issue date, issuer, and the holder's name masked.

A code whose check symbol fails is answered at once as mistyped, without a lookup; an unknown number
and a wrong code for a real number give the same answer, so the endpoint tells no one which numbers
exist. Each attempt on a real number is counted on that certificate (verified, or failed)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.certificates.issuing import code_hash
from api.certificates.schemas import VerificationResult, VerificationStatus
from domain.certificates import certificate_type, code_checks, normalise_code, parse_document_number

MISTYPED = "문서확인번호가 올바르지 않습니다. 증명서에 적힌 번호를 다시 확인하십시오."
NO_MATCH = "일치하는 증명서가 없습니다. 문서번호와 문서확인번호를 확인하십시오. 위·변조되었을 수 있습니다."
VALID = "정상 발급된 증명서입니다. 아래 내용이 증명서와 같은지 확인하십시오."
REVOKED = "발급 후 효력이 없어진(취소된) 증명서입니다. 증명서의 내용을 믿을 수 없습니다."


# SECURITY DEFINER (migration 0005): the anonymous caller has no jurisdiction to read certificates by.
_VERIFY = text("SELECT * FROM verify_certificate(:number, :code_hash)")


async def verify(session: AsyncSession, number: str, code: str) -> VerificationResult:
    """InvalidInput (422) for a malformed number or code; otherwise a result, never an error."""
    canonical = str(parse_document_number(number))
    normalise_code(code)  # malformed → 422 naming the field
    if not code_checks(code):
        return VerificationResult(status=VerificationStatus.INVALID, message=MISTYPED)
    params = {"number": canonical, "code_hash": code_hash(code)}
    found = (await session.execute(_VERIFY, params)).first()
    if found is None or not found.matched:
        return VerificationResult(status=VerificationStatus.INVALID, message=NO_MATCH)
    kind = certificate_type(found.certificate_type)
    return VerificationResult(
        status=VerificationStatus.REVOKED if found.revoked else VerificationStatus.VALID,
        message=REVOKED if found.revoked else VALID,
        certificate_type=kind.code,
        title=kind.title,
        issued_on=found.issued_on,
        issuer=found.issuer,
        holder_name=found.holder_name_masked,
    )
