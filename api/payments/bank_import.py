"""The bank's result file (이체 결과 파일) read back against the transfer file it answers: a malformed or
mismatched file is refused whole with the line numbers at fault and nothing is recorded; a good one
marks each line paid or failed with the bank's reason, posts the paid total to the ledger (Dr 미지급급여
/ Cr 보통예금) and records the counts on the file. Failed lines wait in the retry queue (`failed`, with
the reason) for an official to send again or hold; a failure that says the account is gone or held by
someone else also marks the payee's account as failed its check, so nothing more is sent there until
the account is corrected. Importing the same file twice changes nothing."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.keys import Keys
from api.payments.chunks import driver
from api.payments.ledger import Account, Leg, post
from api.registry import protection
from domain.errors import Conflict, InvalidInput, NotFound
from domain.payments.bank_result_file import FailedTransfer, TransferFailure, parse_result_file, reconcile
from domain.payments.bank_transfer_file import parse_transfer_file

# Failures that say the account itself is wrong, with the 예금주 확인 outcome they amount to.
_ACCOUNT_FAILURES = {
    TransferFailure.ACCOUNT_CLOSED: "closed",
    TransferFailure.HOLDER_MISMATCH: "holder_mismatch",
}


async def import_result(
    session: AsyncSession, file_id: uuid.UUID, data: bytes, *, keys: Keys, actor: str, now: datetime
) -> uuid.UUID:
    row = (
        await session.execute(
            text(
                "SELECT f.*, r.program FROM bank_files f JOIN payment_runs r ON r.id = f.run_id"
                " WHERE f.id = :id FOR UPDATE OF f"
            ),
            {"id": file_id},
        )
    ).first()
    if row is None:
        raise NotFound("이체 파일을 찾을 수 없습니다.", fields={"file_id": "not_found"})
    digest = hashlib.sha256(data).digest()
    if row.result_imported_at is not None:
        if bytes(row.result_sha256) == digest:
            return file_id  # the same file again: already recorded
        raise Conflict(
            "이 이체 파일의 결과는 이미 반영했습니다. 다른 결과 파일은 받을 수 없습니다.",
            fields={"result_imported_at": row.result_imported_at.isoformat()},
        )
    transfer = parse_transfer_file(
        protection.decrypt_bytes(keys, file_id, row.content_ciphertext, protection.BANK_FILE)
    )
    result = parse_result_file(data)  # InvalidInput, whole, with line numbers
    matched = reconcile(transfer, result)  # likewise, when it answers another file or other lines
    if not matched.complete:
        # A bank answers every line of a file; a result without some is not the whole answer.
        sent_at = {line.transfer_id: index + 2 for index, line in enumerate(transfer.lines)}
        missing = ", ".join(str(sent_at[line.transfer_id]) for line in matched.missing[:20])
        missing += " …" if len(matched.missing) > 20 else ""
        raise InvalidInput(
            f"결과 파일 전체를 반려했습니다: 이체 파일의 {len(matched.missing):,}건에 대한 결과가 없습니다"
            f" (이체 파일 줄 {missing}). 한 줄도 반영하지 않았습니다.",
            fields={"file": "incomplete"},
        )

    paid_ids = [line.transfer_id for line in matched.paid]
    failed = [(f.line.transfer_id, f.reason.code) for f in matched.failed]
    await session.execute(
        text("UPDATE bank_transfers SET status = 'paid', settled_at = :at WHERE transfer_id = ANY(:ids)"),
        {"ids": paid_ids, "at": result.processed_at},
    )
    await session.execute(
        text(
            "UPDATE payment_lines SET status = 'paid' FROM bank_transfers t"
            " WHERE t.transfer_id = ANY(:ids) AND payment_lines.id = t.line_id"
        ),
        {"ids": paid_ids},
    )
    if failed:
        await session.execute(
            text(
                "UPDATE bank_transfers t SET status = 'failed', failure_code = f.code, settled_at = :at"
                " FROM unnest(CAST(:ids AS text[]), CAST(:codes AS text[])) AS f(id, code)"
                " WHERE t.transfer_id = f.id"
            ),
            {"ids": [f[0] for f in failed], "codes": [f[1] for f in failed], "at": result.processed_at},
        )
        await session.execute(
            text(
                "UPDATE payment_lines l SET status = 'failed', failure_code = t.failure_code"
                " FROM bank_transfers t WHERE t.transfer_id = ANY(:ids) AND l.id = t.line_id"
            ),
            {"ids": [f[0] for f in failed]},
        )
        await _mark_failed_accounts(session, matched.failed, now)

    pg = await driver(session)
    await post(
        pg,
        kind="transfer_result",
        sigungu=row.sigungu_code,
        program=row.program,
        legs=[
            Leg(Account.BENEFITS_PAYABLE, debit=matched.paid_total),
            Leg(Account.BANK, credit=matched.paid_total),
        ],
        posted_by=actor,
        run_id=row.run_id,
        bank_file_id=file_id,
        memo=f"이체 결과 {row.file_name}",
    )
    await session.execute(
        text(
            "UPDATE bank_files SET result_imported_at = :now, result_imported_by = :actor,"
            " result_sha256 = :digest, paid_count = :pc, paid_amount = :pa, failed_count = :fc,"
            " failed_amount = :fa WHERE id = :id"
        ),
        {
            "id": file_id,
            "now": now,
            "actor": actor,
            "digest": digest,
            "pc": len(matched.paid),
            "pa": matched.paid_total,
            "fc": len(matched.failed),
            "fa": matched.failed_total,
        },
    )
    return file_id


async def _mark_failed_accounts(
    session: AsyncSession, failures: Sequence[FailedTransfer], now: datetime
) -> None:
    pairs = [
        (f.line.transfer_id, _ACCOUNT_FAILURES[f.reason]) for f in failures if f.reason in _ACCOUNT_FAILURES
    ]
    if not pairs:
        return
    await session.execute(
        text(
            "UPDATE persons p SET bank_account_check = f.outcome, bank_account_checked_at = :now"
            " FROM unnest(CAST(:ids AS text[]), CAST(:checks AS text[])) AS f(tid, outcome)"
            " JOIN bank_transfers t ON t.transfer_id = f.tid JOIN payment_lines l ON l.id = t.line_id"
            " WHERE p.id = l.payee_person_id"
        ),
        {"ids": [p[0] for p in pairs], "checks": [p[1] for p in pairs], "now": now},
    )
