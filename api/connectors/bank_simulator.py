"""A deterministic stand-in for the banks, for demos and tests: it answers 예금주 확인 (`verify`, an
`AccountHolderCheck`) and settles transfer files into result files (`settle`), the same account
behaving the same way in both, in every run, process and machine.

How an account behaves (`BankSimulator.account`), in this order:

1. Chosen on purpose, by the account number's last four digits:

   | ends in | 예금주 확인              | in a transfer file               |
   |---------|-------------------------|----------------------------------|
   | 0000    | NOT_FOUND (계좌 없음)     | 1001 계좌 없음 또는 해지            |
   | 0001    | CLOSED (해지)            | 1001 계좌 없음 또는 해지            |
   | 0002    | HOLDER_MISMATCH         | 1002 예금주 불일치                  |
   | 0003    | MATCH                   | 1004 계좌 정지                     |
   | 0004    | MATCH                   | 1099 기타                         |

2. Otherwise from a keyed hash, HMAC-SHA256(key = version and seed, message = "bank_code|account"),
   read as u in [0, 10000): u < 50 not found, < 100 closed, < 200 holder mismatch, < 230 suspended;
   everything else (97.7%) is an open account held by whoever the caller names. Another seed moves
   which accounts fail, never how many.

3. An account whose number starts with 777 is a 압류방지 전용계좌 (the simulated 과목 code of a
   급여수급계좌); no other account is. A transfer whose 압류방지 flag disagrees with the account fails
   with 1003 — flagged but ordinary, or unflagged into a 전용계좌, which takes nothing but 급여.

`holders` pins the holder of chosen accounts (demo residents): for those, the name given is compared
with the pinned one (spaces ignored) instead of rule 1–2's holder outcome.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

from api.connectors.bank import AccountCheckResult, AccountStatus, BankUnavailable, require_checkable
from domain.payments.bank_files import as_file_time, fit_text
from domain.payments.bank_result_file import ResultFile, ResultLine, TransferFailure, encode_result_file
from domain.payments.bank_transfer_file import HOLDER_NAME_BYTES, TransferLine, parse_transfer_file

# Part of the hash key: change it when the rule changes, and the pinned test values with it.
STREAM_VERSION = "bank-sim-v1"
PROTECTED_PREFIX = "777"
# Out of 10,000, cumulative: not found, closed, holder mismatch, suspended.
_HASH_BANDS = ((50, "not_found"), (100, "closed"), (200, "wrong_holder"), (230, "suspended"))
# The bank settles the file early on the pay date.
SETTLEMENT_TIME = time(6, 0)


class AccountState(StrEnum):
    OPEN = "open"
    NOT_FOUND = "not_found"
    CLOSED = "closed"
    WRONG_HOLDER = "wrong_holder"  # open, but held by someone other than any name the caller gives
    SUSPENDED = "suspended"  # 거래중지·지급정지: exists, holder checks, credits refused
    REFUSES = "refuses"  # credits refused for another reason (기타)


_CHOSEN = {
    "0000": AccountState.NOT_FOUND,
    "0001": AccountState.CLOSED,
    "0002": AccountState.WRONG_HOLDER,
    "0003": AccountState.SUSPENDED,
    "0004": AccountState.REFUSES,
}
_CHECK_STATUS = {
    AccountState.NOT_FOUND: AccountStatus.NOT_FOUND,
    AccountState.CLOSED: AccountStatus.CLOSED,
    AccountState.WRONG_HOLDER: AccountStatus.HOLDER_MISMATCH,
}
_FAILURE = {
    AccountState.NOT_FOUND: TransferFailure.ACCOUNT_CLOSED,
    AccountState.CLOSED: TransferFailure.ACCOUNT_CLOSED,
    AccountState.WRONG_HOLDER: TransferFailure.HOLDER_MISMATCH,
    AccountState.SUSPENDED: TransferFailure.ACCOUNT_SUSPENDED,
    AccountState.REFUSES: TransferFailure.OTHER,
}


@dataclass(frozen=True, slots=True)
class SimulatedAccount:
    state: AccountState
    protected: bool


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


class BankSimulator:
    """Implements `AccountHolderCheck` and settles transfer files. `unavailable_rate` makes `verify`
    raise `BankUnavailable` and `latency_seconds` makes it slow (to exercise the timeout), both from a
    seeded stream so a test run repeats exactly."""

    def __init__(
        self,
        seed: int = 2026,
        *,
        holders: Mapping[tuple[str, str], str] | None = None,
        unavailable_rate: float = 0.0,
        latency_seconds: float = 0.0,
    ) -> None:
        self.seed = seed
        self.holders = dict(holders or {})
        self.unavailable_rate = unavailable_rate
        self.latency_seconds = latency_seconds
        self._key = f"{STREAM_VERSION}|{seed}".encode()
        self._outages = random.Random(seed)  # noqa: S311 - simulated outages, not secrets

    def account(self, bank_code: str, account_number: str) -> SimulatedAccount:
        """How the account behaves (the rules in the module docstring)."""
        protected = account_number.startswith(PROTECTED_PREFIX)
        chosen = _CHOSEN.get(account_number[-4:])
        if chosen is not None:
            return SimulatedAccount(chosen, protected)
        digest = hmac.new(self._key, f"{bank_code}|{account_number}".encode(), hashlib.sha256).digest()
        u = int.from_bytes(digest[:4], "big") % 10_000
        state = next((AccountState(name) for bound, name in _HASH_BANDS if u < bound), AccountState.OPEN)
        return SimulatedAccount(state, protected)

    def _holder_matches(self, bank_code: str, account_number: str, name: str, state: AccountState) -> bool:
        pinned = self.holders.get((bank_code, account_number))
        if pinned is not None:
            # A transfer file carries the name cut to its field, so compare with the pinned name cut alike.
            return _same_name(fit_text(pinned, HOLDER_NAME_BYTES), fit_text(name, HOLDER_NAME_BYTES))
        return state is not AccountState.WRONG_HOLDER

    async def verify(self, bank_code: str, account_number: str, holder_name: str) -> AccountCheckResult:
        require_checkable(bank_code, account_number, holder_name)
        await asyncio.sleep(self.latency_seconds)  # also yields, like a real call
        if self._outages.random() < self.unavailable_rate:
            raise BankUnavailable(bank_code, "은행 시스템 응답 없음 (모의)")
        account = self.account(bank_code, account_number)
        status = _CHECK_STATUS.get(account.state)
        if status is None or status is AccountStatus.HOLDER_MISMATCH:
            matches = self._holder_matches(bank_code, account_number, holder_name, account.state)
            status = AccountStatus.MATCH if matches else AccountStatus.HOLDER_MISMATCH
        exists = status in (AccountStatus.MATCH, AccountStatus.HOLDER_MISMATCH)
        return AccountCheckResult(status, account.protected and exists)

    def outcome(self, line: TransferLine) -> TransferFailure | None:
        """What the bank does with one transfer line: None when it credits the account."""
        account = self.account(line.bank_code, line.account_number)
        if account.state in (AccountState.NOT_FOUND, AccountState.CLOSED):
            return _FAILURE[account.state]
        if not self._holder_matches(line.bank_code, line.account_number, line.holder_name, account.state):
            return TransferFailure.HOLDER_MISMATCH
        if line.protected_account != account.protected:
            return TransferFailure.NOT_PROTECTED
        return _FAILURE.get(account.state)

    def settle(self, transfer_file: bytes, *, processed_at: datetime | None = None) -> bytes:
        """The result file for a transfer file: every line answered, in order, with the rules above.
        A malformed transfer file is refused whole (`InvalidInput`), as a bank would. Without
        `processed_at` the bank settles at `SETTLEMENT_TIME` on the pay date (or when the file was made,
        if later), so the same file always gets the same bytes back."""
        transfer = parse_transfer_file(transfer_file)
        if processed_at is None:
            processed_at = max(datetime.combine(transfer.pay_date, SETTLEMENT_TIME), transfer.created_at)
        lines = tuple(
            ResultLine(line.transfer_id, line.bank_code, line.account_number, line.amount, self.outcome(line))
            for line in transfer.lines
        )
        result = ResultFile(
            transfer.run_reference,
            transfer.payer_code,
            transfer.bank_code,
            transfer.pay_date,
            as_file_time(processed_at),
            lines,
        )
        return encode_result_file(result)
