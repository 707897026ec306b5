"""이체 파일 export: the ready lines of a completed run, their accounts checked with the bank first
(예금주 확인), become one transfer file per bank (docs/bank-transfer-file.md). The lines go to `sent`,
each with a transfer id of its own; the file is kept encrypted, as the account numbers in it are.

An account is asked about once, when the payee's account is first used after being registered or
changed (the registry clears the check then); a failed transfer that says the account is gone marks
it as failed too (`bank_import`). A line whose check fails is held (`account_invalid`) and is not in
the file; a bank that does not answer leaves its lines `ready` for the next export, never unchecked
in a file."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.connectors.bank import AccountHolderCheck, BankUnavailable, verify_account
from api.keys import Keys
from api.payments.lines import FAILED_ACCOUNT_CHECKS, destination
from api.registry import protection
from domain.certificates.facts import issuer_title
from domain.errors import Conflict, InvalidInput, NotFound
from domain.payments.bank_files import fit_text
from domain.payments.bank_transfer_file import (
    HOLDER_NAME_BYTES,
    MEMO_BYTES,
    PAYER_NAME_BYTES,
    TransferFile,
    TransferLine,
    encode_transfer_file,
    make_transfer_id,
)
from domain.payments.banks import bank_by_code
from domain.rules.programs.common import Program

_PROGRAM_MEMO = {
    Program.LIVELIHOOD: "생계급여",
    Program.HOUSING: "주거급여",
    Program.BASIC_PENSION: "기초연금",
    Program.DISABILITY_PENSION: "장애인연금",
    Program.CHILD_ALLOWANCE: "아동수당",
    Program.PARENT_BENEFIT: "부모급여",
    Program.HOME_CARE_ALLOWANCE: "양육수당",
}

_READY = """
SELECT l.id, l.program, l.month, l.kind, l.net_amount, l.payee_person_id,
       p.name, p.bank_name, p.bank_account_ciphertext, p.bank_account_check, p.bank_account_protected,
       (SELECT count(*) FROM bank_transfers t WHERE t.line_id = l.id) AS attempts
  FROM payment_lines l JOIN persons p ON p.id = l.payee_person_id
 WHERE l.run_id = :run AND l.status = 'ready'
 ORDER BY l.id
   FOR UPDATE OF l
"""


@dataclass(frozen=True, slots=True)
class Exported:
    file_ids: tuple[uuid.UUID, ...]
    held_by_account_check: int
    bank_unavailable: int
    payees: tuple[uuid.UUID, ...]


@dataclass(slots=True)
class _Payee:
    bank_code: str
    account: str
    protected: bool
    hold: str | None  # why nothing can be sent to the account, when something is wrong


async def export_run(
    session: AsyncSession,
    run_id: uuid.UUID,
    *,
    keys: Keys,
    bank: AccountHolderCheck,
    actor: str,
    now: datetime,
) -> Exported:
    run = (
        await session.execute(text("SELECT * FROM payment_runs WHERE id = :id FOR UPDATE"), {"id": run_id})
    ).first()
    if run is None:
        raise NotFound("지급 작업을 찾을 수 없습니다.", fields={"run_id": "not_found"})
    if run.state != "completed":
        raise Conflict("지급 작업이 끝난 뒤에 이체 파일을 만들 수 있습니다.", fields={"state": run.state})
    rows = list((await session.execute(text(_READY), {"run": run_id})).all())
    if not rows:
        raise Conflict("이체할 지급 내역이 없습니다 (모두 보냈거나 보류됨).", fields={"ready": "0"})

    payees = await _checked_payees(session, rows, keys=keys, bank=bank, now=now)
    held: dict[str, list[int]] = defaultdict(list)
    unavailable = 0
    by_bank: dict[str, list[tuple[Any, _Payee]]] = defaultdict(list)
    for row in rows:
        payee = payees.get(row.payee_person_id)
        if payee is None:
            unavailable += 1
        elif payee.hold is not None:
            held[payee.hold].append(row.id)
        else:
            by_bank[payee.bank_code].append((row, payee))
    for reason, ids in held.items():
        await session.execute(
            text("UPDATE payment_lines SET status = 'held', hold_reason = :reason WHERE id = ANY(:ids)"),
            {"ids": ids, "reason": reason},
        )

    payer_name = await _payer_name(session, run.sigungu_code)
    file_ids = []
    for bank_code in sorted(by_bank):
        file_ids.append(
            await _write_file(
                session, run, bank_code, by_bank[bank_code], keys=keys, payer=payer_name, actor=actor, now=now
            )
        )
    return Exported(
        tuple(file_ids),
        sum(len(ids) for ids in held.values()),
        unavailable,
        tuple(dict.fromkeys(row.payee_person_id for row in rows)),
    )


async def _checked_payees(
    session: AsyncSession, rows: list[Any], *, keys: Keys, bank: AccountHolderCheck, now: datetime
) -> dict[uuid.UUID, _Payee]:
    """Each payee's account as the registry holds it now (it may have been corrected since the run
    was computed), asked about where it has not been yet. Payees the bank could not answer for are
    left out."""
    payees: dict[uuid.UUID, _Payee] = {}
    for row in rows:
        if row.payee_person_id in payees:
            continue
        has_account = row.bank_account_ciphertext is not None
        code, hold = destination(row.payee_person_id, row.bank_name, has_account, row.bank_account_check)
        if code is None or hold is not None:
            payees[row.payee_person_id] = _Payee(code or "", "", False, hold)
            continue
        account = protection.decrypt(
            keys, row.payee_person_id, row.bank_account_ciphertext, protection.BANK_ACCOUNT
        )
        payee = _Payee(code, account, bool(row.bank_account_protected), None)
        if row.bank_account_check is None:
            try:
                result = await verify_account(bank, code, account, row.name)
            except BankUnavailable:
                continue
            except InvalidInput:
                check = "invalid"
            else:
                check, payee.protected = result.status.value, result.protected_account
            if check in FAILED_ACCOUNT_CHECKS:
                payee.hold = "account_invalid"
            await session.execute(
                text(
                    "UPDATE persons SET bank_account_check = :check, bank_account_checked_at = :now,"
                    " bank_account_protected = :protected WHERE id = :id"
                ),
                {"id": row.payee_person_id, "check": check, "now": now, "protected": payee.protected},
            )
        payees[row.payee_person_id] = payee
    return payees


async def _payer_name(session: AsyncSession, sigungu_code: str) -> str:
    row = (
        await session.execute(
            text("SELECT sido_name, name FROM sigungu WHERE code = :c"), {"c": sigungu_code}
        )
    ).one()
    return fit_text(issuer_title(row.sido_name, row.name), PAYER_NAME_BYTES)


async def _write_file(
    session: AsyncSession,
    run: Any,
    bank_code: str,
    lines: list[tuple[Any, _Payee]],
    *,
    keys: Keys,
    payer: str,
    actor: str,
    now: datetime,
) -> uuid.UUID:
    sequence = (
        await session.execute(
            text(
                "SELECT coalesce(max(sequence), 0) + 1 FROM bank_files WHERE run_id = :r AND bank_code = :b"
            ),
            {"r": run.id, "b": bank_code},
        )
    ).scalar_one()
    program = Program(run.program)
    transfers = [
        TransferLine(
            transfer_id=make_transfer_id(row.id, row.attempts),
            bank_code=bank_code,
            account_number=payee.account,
            holder_name=fit_text(row.name, HOLDER_NAME_BYTES),
            amount=row.net_amount,
            protected_account=payee.protected,
            memo=fit_text(_memo(program, row), MEMO_BYTES),
        )
        for row, payee in lines
    ]
    transfer = TransferFile(
        run_reference=f"{run.id.hex[:16]}{bank_code[-1]}{sequence:03d}",
        payer_code=run.sigungu_code,
        payer_name=payer,
        bank_code=bank_code,
        pay_date=run.pay_date,
        lines=tuple(transfers),
        created_at=now,
    )
    content = encode_transfer_file(transfer)
    file_id = uuid.uuid4()
    await session.execute(
        text(
            "INSERT INTO bank_files (id, run_id, sigungu_code, bank_code, sequence, file_name, line_count,"
            " total_amount, sha256, content_ciphertext, created_by, created_at)"
            " VALUES (:id, :run, :s, :bank, :seq, :name, :n, :total, sha256(:raw), :sealed, :actor, :now)"
        ),
        {
            "id": file_id,
            "run": run.id,
            "s": run.sigungu_code,
            "bank": bank_code,
            "seq": sequence,
            "name": transfer.file_name,
            "n": len(transfers),
            "total": transfer.total_amount,
            "raw": content,
            "sealed": protection.encrypt_bytes(keys, file_id, content, protection.BANK_FILE),
            "actor": actor,
            "now": now,
        },
    )
    await session.execute(
        text(
            "INSERT INTO bank_transfers (transfer_id, line_id, bank_file_id, sigungu_code, amount)"
            " SELECT t.tid, t.lid, CAST(:f AS uuid), :s, t.amount"
            " FROM unnest(CAST(:tids AS text[]), CAST(:lids AS bigint[]), CAST(:amounts AS bigint[]))"
            " AS t(tid, lid, amount)"
        ),
        {
            "tids": [t.transfer_id for t in transfers],
            "lids": [row.id for row, _ in lines],
            "f": file_id,
            "s": run.sigungu_code,
            "amounts": [t.amount for t in transfers],
        },
    )
    await session.execute(
        text(
            # The line records where the money actually went: the account as it is now.
            "UPDATE payment_lines SET status = 'sent', bank_code = :bank, account_last4 = p.last4,"
            " protected_account = p.protected"
            " FROM unnest(CAST(:ids AS bigint[]), CAST(:last4 AS text[]), CAST(:protected AS boolean[]))"
            " AS p(id, last4, protected) WHERE payment_lines.id = p.id"
        ),
        {
            "ids": [row.id for row, _ in lines],
            "bank": bank_code,
            "last4": [payee.account[-4:] for _, payee in lines],
            "protected": [payee.protected for _, payee in lines],
        },
    )
    return file_id


def _memo(program: Program, row: Any) -> str:
    label = _PROGRAM_MEMO.get(program, "복지급여")
    return f"{row.month.month}월 {label}" + (" 소급" if row.kind == "arrears" else "")


def bank_label(code: str) -> str:
    return bank_by_code(code).name
