"""The simulated bank (api/connectors/bank_simulator.py): 예금주 확인 and settlement are deterministic,
fail for a small stable share of accounts and on purpose for chosen ones, agree with each other, and
a bank that does not answer is `BankUnavailable`, never a match."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime

import pytest

from api.config import Settings
from api.connectors.bank import (
    AccountCheckResult,
    AccountHolderCheck,
    AccountStatus,
    BankUnavailable,
    verify_account,
)
from api.connectors.bank_simulator import AccountState, BankSimulator
from api.connectors.factory import build_bank_connector
from domain.errors import InvalidInput
from domain.payments.bank_result_file import TransferFailure, parse_result_file, reconcile
from domain.payments.bank_transfer_file import (
    TransferFile,
    TransferLine,
    encode_transfer_file,
    make_transfer_id,
)

SIM = BankSimulator(2026)


def accounts(count: int, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    banks = ("004", "088", "011", "090")
    return [
        (banks[i % 4], "".join(rng.choice("123456789") for _ in range(rng.randint(10, 14))))
        for i in range(count)
    ]


def test_the_same_account_behaves_the_same_in_every_simulator() -> None:
    sample = accounts(2000)
    again = BankSimulator(2026)
    assert [SIM.account(*a) for a in sample] == [again.account(*a) for a in sample]


def test_pinned_outcomes_for_seed_2026() -> None:
    # Changing the rule must change STREAM_VERSION and these values together.
    states = {a: SIM.account("088", a).state for a in ("33330000999", "33330001419", "33330001539")}
    assert states == {
        "33330000999": AccountState.SUSPENDED,
        "33330001419": AccountState.CLOSED,
        "33330001539": AccountState.NOT_FOUND,
    }
    assert SIM.account("088", "33330001659").state is AccountState.WRONG_HOLDER
    assert SIM.account("088", "33330001669").state is AccountState.OPEN


def test_most_accounts_are_open_and_a_small_stable_share_fails() -> None:
    sample = accounts(20_000)
    for seed in (2026, 7):
        counts = Counter(BankSimulator(seed).account(*a).state for a in sample)
        share = {state: counts[state] / len(sample) for state in AccountState}
        assert 0.965 < share[AccountState.OPEN] < 0.99
        assert 0.003 < share[AccountState.NOT_FOUND] < 0.008
        assert 0.003 < share[AccountState.CLOSED] < 0.008
        assert 0.007 < share[AccountState.WRONG_HOLDER] < 0.014
        assert 0.0015 < share[AccountState.SUSPENDED] < 0.0045
    # Another seed moves which accounts fail.
    failing = [
        {a for a in sample if BankSimulator(s).account(*a).state is not AccountState.OPEN} for s in (1, 2)
    ]
    assert len(failing[0] & failing[1]) < len(failing[0]) / 4


@pytest.mark.parametrize(
    ("account", "status"),
    [
        ("1234567890000", AccountStatus.NOT_FOUND),
        ("1234567890001", AccountStatus.CLOSED),
        ("1234567890002", AccountStatus.HOLDER_MISMATCH),
        ("1234567890003", AccountStatus.MATCH),  # suspended: exists, the holder checks
        ("1234567890004", AccountStatus.MATCH),
    ],
)
async def test_chosen_accounts_answer_as_documented(account: str, status: AccountStatus) -> None:
    for seed in (2026, 1, 99):
        result = await BankSimulator(seed).verify("004", account, "홍길동")
        assert result.status is status


async def test_protected_accounts_start_with_777() -> None:
    assert await SIM.verify("011", "7771234567891", "김영희") == AccountCheckResult(AccountStatus.MATCH, True)
    assert await SIM.verify("011", "1771234567891", "김영희") == AccountCheckResult(
        AccountStatus.MATCH, False
    )
    # A closed account is no account to pay into, protected or not.
    assert not (await SIM.verify("011", "7771234560001", "김영희")).protected_account


async def test_pinned_holders_are_compared_by_name() -> None:
    sim = BankSimulator(holders={("004", "12345678901"): "김 철수"})
    assert (await sim.verify("004", "12345678901", "김철수")).matches
    assert (await sim.verify("004", "12345678901", "이철수")).status is AccountStatus.HOLDER_MISMATCH


async def test_the_check_refuses_input_no_bank_could_be_asked_about() -> None:
    with pytest.raises(InvalidInput) as caught:
        await SIM.verify("999", "123-45", " ")
    assert set(caught.value.fields) == {"bank_code", "account_number", "holder_name"}


async def test_an_outage_or_a_slow_bank_is_unavailable_not_a_match() -> None:
    with pytest.raises(BankUnavailable):
        await BankSimulator(unavailable_rate=1.0).verify("004", "12345678901", "홍길동")
    slow = BankSimulator(latency_seconds=1.0)
    with pytest.raises(BankUnavailable, match=r"0\.05초"):
        await verify_account(slow, "004", "12345678901", "홍길동", timeout_seconds=0.05)
    assert (await verify_account(SIM, "004", "12345678901", "홍길동")).matches


def test_the_factory_gives_the_simulator_and_refuses_unknown_connectors() -> None:
    connector = build_bank_connector(Settings(bank_seed=5))
    assert isinstance(connector, BankSimulator) and isinstance(connector, AccountHolderCheck)
    assert connector.seed == 5
    with pytest.raises(RuntimeError, match="IEUM_BANK_CONNECTOR"):
        build_bank_connector(Settings(bank_connector="kftc"))


# --- settlement -------------------------------------------------------------------------------------


def transfer_file(lines: list[TransferLine]) -> TransferFile:
    return TransferFile(
        "RUN-1",
        "11110",
        "서울특별시 종로구",
        "004",
        date(2026, 5, 20),
        tuple(lines),
        datetime(2026, 5, 18, 9),
    )


def tline(i: int, account: str, *, protected: bool = False, name: str = "홍길동") -> TransferLine:
    return TransferLine(make_transfer_id("t", i), "004", account, name, 10_000 * (i + 1), protected, "급여")


def test_settlement_fails_the_chosen_accounts_with_their_reason() -> None:
    lines = [
        tline(0, "11112222333"),
        tline(1, "1234567890000"),
        tline(2, "1234567890001"),
        tline(3, "1234567890002"),
        tline(4, "1234567890003"),
        tline(5, "1234567890004"),
        tline(6, "11112222333", protected=True),  # flagged, but an ordinary account
        tline(7, "77712222333"),  # a 전용계좌, but not flagged
        tline(8, "77712222333", protected=True),
    ]
    transfer = transfer_file(lines)
    result = parse_result_file(SIM.settle(encode_transfer_file(transfer)))
    outcome = reconcile(transfer, result)
    assert [line.transfer_id for line in outcome.paid] == [lines[0].transfer_id, lines[8].transfer_id]
    assert [(f.line, f.reason) for f in outcome.failed] == [
        (lines[1], TransferFailure.ACCOUNT_CLOSED),
        (lines[2], TransferFailure.ACCOUNT_CLOSED),
        (lines[3], TransferFailure.HOLDER_MISMATCH),
        (lines[4], TransferFailure.ACCOUNT_SUSPENDED),
        (lines[5], TransferFailure.OTHER),
        (lines[6], TransferFailure.NOT_PROTECTED),
        (lines[7], TransferFailure.NOT_PROTECTED),
    ]
    assert outcome.complete
    assert result.processed_at == datetime(2026, 5, 20, 6, 0)


def test_settlement_is_deterministic_and_agrees_with_the_check() -> None:
    sample = accounts(3000, seed=3)
    lines = [
        TransferLine(make_transfer_id("s", i), "004", account, "홍길동", 1_000 + i, account.startswith("777"))
        for i, (_, account) in enumerate(sample)
    ]
    data = encode_transfer_file(transfer_file(lines))
    first = SIM.settle(data)
    assert first == BankSimulator(2026).settle(data)
    result = parse_result_file(first)
    assert result.paid_count + result.failed_count == len(lines)
    assert 0.015 < result.failed_count / len(lines) < 0.035
    expected = {
        AccountState.NOT_FOUND: TransferFailure.ACCOUNT_CLOSED,
        AccountState.CLOSED: TransferFailure.ACCOUNT_CLOSED,
        AccountState.WRONG_HOLDER: TransferFailure.HOLDER_MISMATCH,
        AccountState.SUSPENDED: TransferFailure.ACCOUNT_SUSPENDED,
    }
    for line in result.lines:
        assert line.failure is expected.get(SIM.account("004", line.account_number).state)


async def test_what_the_check_says_predicts_the_settlement() -> None:
    for bank, account in accounts(400, seed=4):
        check = await SIM.verify(bank, account, "홍길동")
        line = TransferLine(make_transfer_id(account), bank, account, "홍길동", 1000, check.protected_account)
        failure = SIM.outcome(line)
        if check.status is not AccountStatus.MATCH:
            assert failure in (TransferFailure.ACCOUNT_CLOSED, TransferFailure.HOLDER_MISMATCH)
        else:
            assert failure in (None, TransferFailure.ACCOUNT_SUSPENDED, TransferFailure.OTHER)


def test_a_malformed_transfer_file_is_refused_whole() -> None:
    data = encode_transfer_file(transfer_file([tline(0, "11112222333")]))
    with pytest.raises(InvalidInput) as caught:
        SIM.settle(data.replace(b"T0000001", b"T0000002"))
    assert "데이터 레코드 수 2" in caught.value.fields["trailer"]
