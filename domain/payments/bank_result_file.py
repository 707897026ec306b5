"""The bank's result file (이체 결과 파일): for each line of a transfer file, paid or failed and why,
with control totals. Layout in docs/bank-transfer-file.md.

A result file moves money on the books (paid lines close, failed ones go back for a new account), so
it is taken whole or not at all: `parse_result_file` and `reconcile` collect every fault with its
1-based line number and raise them together in one `InvalidInput`; nothing of a rejected file is
applied, and the bank is asked for a corrected one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.errors import InvalidInput
from domain.payments.bank_files import (
    COUNT_DIGITS,
    NEWLINE,
    TOTAL_DIGITS,
    TRANSFER_ID_LENGTH,
    Faults,
    Kind,
    Layout,
    Reader,
    Record,
    account_fault,
    amount_fault,
    as_file_time,
    bank_code_fault,
    day_digits,
    duplicates,
    moment_digits,
    run_reference_fault,
    sections,
    sigungu_fault,
    split_records,
    transfer_id_fault,
)
from domain.payments.bank_transfer_file import TransferFile, TransferLine

N, A = Kind.NUMBER, Kind.CODE
PAID_CODE = "0000"


class TransferFailure(StrEnum):
    """Why the bank did not credit a line; the value is the file's 4-digit result code."""

    ACCOUNT_CLOSED = "1001"
    HOLDER_MISMATCH = "1002"
    NOT_PROTECTED = "1003"
    ACCOUNT_SUSPENDED = "1004"
    OTHER = "1099"

    @classmethod
    def from_code(cls, code: str) -> TransferFailure:
        """The failure a result code means; `ValueError` for "0000" (paid) or an unknown code."""
        return cls(code)

    @property
    def code(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return _FAILURE_LABELS[self]


_FAILURE_LABELS = {
    TransferFailure.ACCOUNT_CLOSED: "계좌 없음 또는 해지",
    TransferFailure.HOLDER_MISMATCH: "예금주 불일치",
    # Either way round: a 급여 flagged for a 압류방지 전용계좌 sent to an ordinary account, or an
    # unflagged credit to a 전용계좌, which takes nothing but 급여.
    TransferFailure.NOT_PROTECTED: "압류방지 전용계좌 아님 또는 입금 제한",
    TransferFailure.ACCOUNT_SUSPENDED: "계좌 정지 (거래중지·지급정지)",
    TransferFailure.OTHER: "기타",
}

HEADER_LAYOUT = Layout.of(
    "H",
    ("file_id", "파일 식별번호 (지급 회차)", A, 20),
    ("payer_code", "지급기관 코드 (시군구)", N, 5),
    ("bank_code", "금융기관 코드", N, 3),
    ("pay_date", "지급일", N, 8),
    ("processed_at", "처리일시", N, 14),
)
DATA_LAYOUT = Layout.of(
    "D",
    ("sequence", "일련번호", N, COUNT_DIGITS),
    ("transfer_id", "거래번호", A, TRANSFER_ID_LENGTH),
    ("bank_code", "금융기관 코드", N, 3),
    ("account_number", "계좌번호", A, 16),
    ("amount", "이체 금액", N, 13),
    ("result_code", "처리 결과 코드", N, 4),
)
TRAILER_LAYOUT = Layout.of(
    "T",
    ("record_count", "데이터 레코드 수", N, COUNT_DIGITS),
    ("paid_count", "입금 건수", N, COUNT_DIGITS),
    ("paid_total", "입금 금액 합계", N, TOTAL_DIGITS),
    ("failed_count", "불능 건수", N, COUNT_DIGITS),
    ("failed_total", "불능 금액 합계", N, TOTAL_DIGITS),
)
LAYOUTS = (HEADER_LAYOUT, DATA_LAYOUT, TRAILER_LAYOUT)


@dataclass(frozen=True, slots=True)
class ResultLine:
    transfer_id: str
    bank_code: str
    account_number: str
    amount: int
    failure: TransferFailure | None = None  # None: paid

    @property
    def paid(self) -> bool:
        return self.failure is None

    @property
    def result_code(self) -> str:
        return PAID_CODE if self.failure is None else self.failure.code


@dataclass(frozen=True, slots=True)
class ResultFile:
    run_reference: str  # the transfer file's id it answers
    payer_code: str
    bank_code: str
    pay_date: date
    processed_at: datetime  # 한국 표준시, whole seconds, as the file records it
    lines: tuple[ResultLine, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "processed_at", as_file_time(self.processed_at))

    @property
    def paid_count(self) -> int:
        return sum(line.paid for line in self.lines)

    @property
    def paid_total(self) -> int:
        return sum(line.amount for line in self.lines if line.paid)

    @property
    def failed_count(self) -> int:
        return len(self.lines) - self.paid_count

    @property
    def failed_total(self) -> int:
        return sum(line.amount for line in self.lines if not line.paid)


def encode_result_file(result: ResultFile) -> bytes:
    """The result file's bytes, totals computed; `InvalidInput` (keys as in `validate_transfer_file`)
    for a result no bank could send."""
    faults = Faults()
    faults.add("run_reference", run_reference_fault(result.run_reference))
    faults.add("payer_code", sigungu_fault(result.payer_code))
    faults.add("bank_code", bank_code_fault(result.bank_code))
    for index, line in enumerate(result.lines):
        for message in _line_faults(line, result.bank_code):
            faults.add(f"lines[{index}]", message)
    for index, first in duplicates((i, line.transfer_id) for i, line in enumerate(result.lines)):
        faults.add(f"lines[{index}]", f"거래번호가 lines[{first}]와 같음")
    if faults:
        raise InvalidInput(f"결과 파일을 만들 수 없습니다 ({faults.summary()}).", fields=faults.fields())
    header = {
        "file_id": result.run_reference,
        "payer_code": result.payer_code,
        "bank_code": result.bank_code,
        "pay_date": day_digits(result.pay_date),
        "processed_at": moment_digits(result.processed_at),
    }
    records = [HEADER_LAYOUT.pack(header)]
    for sequence, line in enumerate(result.lines, start=1):
        fields: dict[str, str | int] = {
            "sequence": sequence,
            "transfer_id": line.transfer_id,
            "bank_code": line.bank_code,
            "account_number": line.account_number,
            "amount": line.amount,
            "result_code": line.result_code,
        }
        records.append(DATA_LAYOUT.pack(fields))
    totals = {
        "record_count": len(result.lines),
        "paid_count": result.paid_count,
        "paid_total": result.paid_total,
        "failed_count": result.failed_count,
        "failed_total": result.failed_total,
    }
    records.append(TRAILER_LAYOUT.pack(totals))
    return b"".join(record + NEWLINE for record in records)


def _line_faults(line: ResultLine, file_bank_code: str) -> list[str]:
    faults = [
        transfer_id_fault(line.transfer_id),
        account_fault(line.account_number),
        amount_fault(line.amount),
        None if line.bank_code == file_bank_code else f"금융기관 코드 {line.bank_code}: 헤더와 다름",
    ]
    return [f for f in faults if f is not None]


def parse_result_file(data: bytes) -> ResultFile:
    """The result file in `data`, checked entirely: record lengths and types, one header first and one
    trailer last, encoding, every field, unique transfer ids, known result codes and the trailer's
    counts and sums. Any fault rejects the file whole: `InvalidInput` with all of them by line."""
    faults = Faults()
    parts = sections(split_records(data, faults), faults)
    header = parts.header
    head = _read_header(header, faults) if header is not None and header.readable else None
    lines = [_read_line(r, i, faults) if r.readable else None for i, r in enumerate(parts.data, 1)]
    if head is not None:
        for record, line in zip(parts.data, lines, strict=True):
            for message in _line_faults(line, head.bank_code) if line else ():
                faults.line(record.number, message)
    ids = ((r.number, line.transfer_id) for r, line in zip(parts.data, lines, strict=True) if line)
    for number, first in duplicates(ids):
        faults.line(number, f"거래번호가 {first}번째 줄과 같음")
    if parts.trailer is not None and parts.trailer.readable:
        _check_trailer(parts.trailer, lines, faults)
    faults.raise_if_any("결과 파일")
    assert head is not None
    return ResultFile(
        head.run_reference,
        head.payer_code,
        head.bank_code,
        head.pay_date,
        head.processed_at,
        tuple(line for line in lines if line is not None),
    )


def _read_header(record: Record, faults: Faults) -> ResultFile | None:
    read = Reader(HEADER_LAYOUT, record, faults)
    file_id, payer, bank = read.code("file_id"), read.digits("payer_code"), read.digits("bank_code")
    pay_date, processed_at = read.day("pay_date"), read.moment("processed_at")
    read.filler()
    if file_id is not None:
        faults.line(record.number, run_reference_fault(file_id))
    if payer is not None:
        faults.line(record.number, sigungu_fault(payer))
    if bank is not None:
        faults.line(record.number, bank_code_fault(bank))
    if file_id is None or payer is None or bank is None or pay_date is None or processed_at is None:
        return None
    return ResultFile(file_id, payer, bank, pay_date, processed_at, ())


def _read_line(record: Record, position: int, faults: Faults) -> ResultLine | None:
    read = Reader(DATA_LAYOUT, record, faults)
    sequence = read.number("sequence")
    if sequence is not None and sequence != position:
        faults.line(record.number, f"일련번호 {sequence}: {position}이어야 함")
    transfer_id, bank_code = read.code("transfer_id"), read.digits("bank_code")
    account, amount, code = read.code("account_number"), read.number("amount"), read.digits("result_code")
    read.filler()
    failure: TransferFailure | None = None
    if code is not None and code != PAID_CODE:
        try:
            failure = TransferFailure(code)
        except ValueError:
            faults.line(record.number, f"알 수 없는 처리 결과 코드 {code}")
            code = None
    if transfer_id is None or bank_code is None or account is None or amount is None or code is None:
        return None
    return ResultLine(transfer_id, bank_code, account, amount, failure)


def _check_trailer(record: Record, lines: list[ResultLine | None], faults: Faults) -> None:
    read = Reader(TRAILER_LAYOUT, record, faults)
    count = read.number("record_count")
    stated = {
        name: read.number(name) for name in ("paid_count", "paid_total", "failed_count", "failed_total")
    }
    read.filler()
    if count is not None and count != len(lines):
        faults.add("trailer", f"데이터 레코드 수 {count:,} ≠ 실제 데이터 줄 {len(lines):,}")
    if not all(lines):
        return  # totals over unreadable lines would be guesses; those lines' faults reject the file
    known = ResultFile("-", "-", "-", date.min, datetime.min, tuple(line for line in lines if line))
    actual = {
        "paid_count": (known.paid_count, "입금 건수", "입금 줄 수"),
        "paid_total": (known.paid_total, "입금 금액 합계", "입금 줄 합계"),
        "failed_count": (known.failed_count, "불능 건수", "불능 줄 수"),
        "failed_total": (known.failed_total, "불능 금액 합계", "불능 줄 합계"),
    }
    for name, (value, label, lines_label) in actual.items():
        given = stated[name]
        if given is not None and given != value:
            faults.add("trailer", f"{label} {given:,} ≠ {lines_label} {value:,}")


@dataclass(frozen=True, slots=True)
class FailedTransfer:
    line: TransferLine
    reason: TransferFailure


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """A result file matched against the transfer file it answers, in the transfer file's order."""

    paid: tuple[TransferLine, ...]
    failed: tuple[FailedTransfer, ...]
    missing: tuple[TransferLine, ...]  # sent, but the bank has not answered for them (yet)

    @property
    def paid_total(self) -> int:
        return sum(line.amount for line in self.paid)

    @property
    def failed_total(self) -> int:
        return sum(f.line.amount for f in self.failed)

    @property
    def complete(self) -> bool:
        return not self.missing


def reconcile(transfer: TransferFile, result: ResultFile) -> Reconciliation:
    """Match result lines to transfer lines by transfer id. A result that names a transfer the file
    did not hold, or says a different amount or account, or answers another file, is not the bank's
    answer to this file: `InvalidInput`, whole, every fault by line ("line N" counts as in the result
    file: the header is line 1, `result.lines[i]` is line i + 2)."""
    faults = Faults()
    if result.run_reference != transfer.run_reference:
        faults.add("header", f"파일 식별번호 {result.run_reference}: 이체 파일과 다름")
    if result.bank_code != transfer.bank_code:
        faults.add("header", f"금융기관 코드 {result.bank_code}: 이체 파일 {transfer.bank_code}과 다름")
    if result.payer_code != transfer.payer_code:
        faults.add("header", f"지급기관 코드 {result.payer_code}: 이체 파일 {transfer.payer_code}과 다름")
    if result.pay_date != transfer.pay_date:
        faults.add("header", f"지급일 {result.pay_date}: 이체 파일 {transfer.pay_date}과 다름")
    sent = {line.transfer_id: line for line in transfer.lines}
    answers: dict[str, ResultLine] = {}
    for index, answer in enumerate(result.lines):
        number, line = index + 2, sent.get(answer.transfer_id)
        if answer.transfer_id in answers:
            faults.line(number, "거래번호가 앞 줄과 같음")
            continue
        answers[answer.transfer_id] = answer
        if line is None:
            faults.line(number, "이체 파일에 없는 거래번호")
            continue
        if answer.amount != line.amount:
            faults.line(number, f"금액 {answer.amount:,}원 ≠ 이체 금액 {line.amount:,}원")
        if (answer.bank_code, answer.account_number) != (line.bank_code, line.account_number):
            faults.line(number, "계좌가 이체 파일과 다름")
    faults.raise_if_any("결과 파일")
    paid: list[TransferLine] = []
    failed: list[FailedTransfer] = []
    missing: list[TransferLine] = []
    for line in transfer.lines:
        answer_for = answers.get(line.transfer_id)
        if answer_for is None:
            missing.append(line)
        elif answer_for.failure is None:
            paid.append(line)
        else:
            failed.append(FailedTransfer(line, answer_for.failure))
    return Reconciliation(tuple(paid), tuple(failed), tuple(missing))
