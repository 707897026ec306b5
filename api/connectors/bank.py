"""The interface to the banks' 예금주 확인 (account-holder check): before a benefit is sent, the account
the beneficiary gave is asked whether it exists, is open, is held by the beneficiary and is a
압류방지 전용계좌 (급여수급계좌, 국민기초생활보장법 제27조의2), so the transfer file can mark it and a
wrong account is fixed before the pay day rather than after a failed transfer.

A real connector (금융결제원 or a bank's 펌뱅킹 예금주 조회) and the simulator (`bank_simulator`) implement
`AccountHolderCheck`. Contract:

- `verify` answers for that one account only, with the holder name compared by the bank; the name the
  bank holds is never returned (the caller learns "matches" or "does not", nothing more).
- It answers within `DEFAULT_TIMEOUT_SECONDS` or raises `BankUnavailable`, as does a bank that is
  down or answers garbage. The caller then records the check as not done — never as a match.
- Input the bank could not even be asked about (unknown 금융기관 코드, an account number that is not
  10–16 digits) is `InvalidInput`, raised before anything leaves the process.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from domain.errors import InvalidInput
from domain.payments.bank_files import account_fault, bank_code_fault

# Per call. A 예금주 조회 answers in well under a second when the bank is up.
DEFAULT_TIMEOUT_SECONDS = 5.0


class AccountStatus(StrEnum):
    MATCH = "match"
    HOLDER_MISMATCH = "holder_mismatch"
    NOT_FOUND = "not_found"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    AccountStatus.MATCH: "예금주 일치",
    AccountStatus.HOLDER_MISMATCH: "예금주 불일치",
    AccountStatus.NOT_FOUND: "계좌 없음",
    AccountStatus.CLOSED: "해지된 계좌",
}


@dataclass(frozen=True, slots=True)
class AccountCheckResult:
    status: AccountStatus
    # Whether the account is a 압류방지 전용계좌; only meaningful for an account that exists.
    protected_account: bool = False

    @property
    def matches(self) -> bool:
        return self.status is AccountStatus.MATCH


class BankUnavailable(Exception):
    """The bank did not answer (timeout, outage, malformed reply). Not a domain error: nothing about
    the account is known, and it must not be treated as checked."""

    def __init__(self, bank_code: str, reason: str) -> None:
        super().__init__(f"bank {bank_code}: {reason}")
        self.bank_code = bank_code
        self.reason = reason


@runtime_checkable
class AccountHolderCheck(Protocol):
    async def verify(self, bank_code: str, account_number: str, holder_name: str) -> AccountCheckResult:
        """The account's status and 압류방지 flag; raises `BankUnavailable` when the bank cannot say."""
        ...


def require_checkable(bank_code: str, account_number: str, holder_name: str) -> None:
    """`InvalidInput` for an account no bank could be asked about."""
    fields = {
        "bank_code": bank_code_fault(bank_code),
        "account_number": account_fault(account_number),
        "holder_name": None if holder_name.strip() else "예금주명: 비어 있음",
    }
    faults = {key: message for key, message in fields.items() if message is not None}
    if faults:
        raise InvalidInput("예금주를 확인할 수 없는 계좌 정보입니다.", fields=faults)


async def verify_account(
    check: AccountHolderCheck,
    bank_code: str,
    account_number: str,
    holder_name: str,
    *,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
) -> AccountCheckResult:
    """`check.verify` with the input checked first and the time bounded: a bank that overruns
    `timeout_seconds` is `BankUnavailable`, like one that is down."""
    require_checkable(bank_code, account_number, holder_name)
    try:
        async with asyncio.timeout(timeout_seconds):
            return await check.verify(bank_code, account_number, holder_name)
    except TimeoutError:
        raise BankUnavailable(bank_code, f"{timeout_seconds:g}초 안에 응답하지 않음") from None
