"""The transfer file (이체 의뢰 파일): one per payment run and bank, handed to that bank to credit the
beneficiaries' accounts. Layout in docs/bank-transfer-file.md; fixed-width machinery in `bank_files`.

A line marked `protected_account` goes to the beneficiary's 압류방지 전용계좌 (급여수급계좌,
국민기초생활보장법 제27조의2; its deposits cannot be seized, 제35조②): when the beneficiary designated one,
the benefit must go there, and the flag tells the bank the credit is a 급여 such an account may receive.

`encode_transfer_file` refuses a file it cannot stand behind (a non-positive amount, a malformed
account, a foreign bank, a repeated transfer id) with every fault at once. `parse_transfer_file`
reads a file back — for the simulated bank and for checking what was sent — and
`parse_transfer_file(encode_transfer_file(f)) == f` whenever `f`'s texts fit their fields (see
`fit_text`), while `encode_transfer_file(parse_transfer_file(b)) == b` for every file it accepts.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date, datetime

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
    text_fault,
    transfer_id_fault,
)

N, A, K = Kind.NUMBER, Kind.CODE, Kind.TEXT
PAYER_NAME_BYTES, HOLDER_NAME_BYTES, MEMO_BYTES = 40, 20, 30

HEADER_LAYOUT = Layout.of(
    "H",
    ("file_id", "파일 식별번호 (지급 회차)", A, 20),
    ("payer_code", "지급기관 코드 (시군구)", N, 5),
    ("payer_name", "지급기관명", K, PAYER_NAME_BYTES),
    ("bank_code", "금융기관 코드", N, 3),
    ("pay_date", "지급일", N, 8),
    ("created_at", "파일 작성일시", N, 14),
)
DATA_LAYOUT = Layout.of(
    "D",
    ("sequence", "일련번호", N, COUNT_DIGITS),
    ("transfer_id", "거래번호", A, TRANSFER_ID_LENGTH),
    ("bank_code", "금융기관 코드", N, 3),
    ("account_number", "계좌번호", A, 16),
    ("holder_name", "예금주명", K, HOLDER_NAME_BYTES),
    ("amount", "이체 금액", N, 13),
    ("protected", "압류방지 전용계좌 여부", A, 1),
    ("memo", "통장 표시 내용", K, MEMO_BYTES),
)
TRAILER_LAYOUT = Layout.of(
    "T",
    ("record_count", "데이터 레코드 수", N, COUNT_DIGITS),
    ("total_amount", "이체 금액 합계", N, TOTAL_DIGITS),
)
LAYOUTS = (HEADER_LAYOUT, DATA_LAYOUT, TRAILER_LAYOUT)
_FLAGS = {"Y": True, "N": False}


@dataclass(frozen=True, slots=True)
class TransferLine:
    transfer_id: str  # TRANSFER_ID_LENGTH of [0-9A-Z], unique in the file (see `make_transfer_id`)
    bank_code: str
    account_number: str  # digits only
    holder_name: str
    amount: int  # won, > 0
    protected_account: bool  # to a 압류방지 전용계좌 (급여수급계좌)
    memo: str = ""  # what the beneficiary's passbook shows, e.g. "5월 생계급여"


@dataclass(frozen=True, slots=True)
class TransferFile:
    run_reference: str  # the file id: the payment run (and file sequence) it pays
    payer_code: str  # the paying 지자체's 시군구 code
    payer_name: str
    bank_code: str  # the one bank every line pays into
    pay_date: date
    lines: tuple[TransferLine, ...]
    # Stored as the file records it: 한국 표준시, whole seconds (an aware time is converted).
    created_at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "created_at", as_file_time(self.created_at))

    @property
    def total_amount(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def file_name(self) -> str:
        """A name telling the file apart from every other: payer, bank, pay date, run."""
        return f"TR_{self.payer_code}_{self.bank_code}_{day_digits(self.pay_date)}_{self.run_reference}.txt"


def make_transfer_id(*parts: str | int) -> str:
    """A transfer id made from the caller's unique key (e.g. the payment line's id and the attempt):
    the same parts always give the same id, so a retried export writes the same file. 20 base32
    characters of a SHA-256 are 100 bits: two keys meeting by chance is not a practical concern."""
    if not parts:
        raise InvalidInput("거래번호를 만들 값이 없습니다.", fields={"transfer_id": "required"})
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:TRANSFER_ID_LENGTH]


def _header_faults(file: TransferFile) -> dict[str, str | None]:
    return {
        "run_reference": run_reference_fault(file.run_reference),
        "payer_code": sigungu_fault(file.payer_code),
        "payer_name": "지급기관명: 비어 있음"
        if not file.payer_name.strip()
        else text_fault(file.payer_name, "지급기관명"),
        "bank_code": bank_code_fault(file.bank_code),
        "pay_date": None if file.pay_date.year >= 1000 else "지급일: 연도가 네 자리가 아님",
    }


def line_faults(line: TransferLine, file_bank_code: str) -> list[str]:
    """What is wrong with one line of a file paying into `file_bank_code`."""
    faults = [
        transfer_id_fault(line.transfer_id),
        account_fault(line.account_number),
        amount_fault(line.amount),
        "예금주명: 비어 있음" if not line.holder_name.strip() else text_fault(line.holder_name, "예금주명"),
        text_fault(line.memo, "통장 표시 내용"),
    ]
    if line.bank_code != file_bank_code:
        faults.append(
            bank_code_fault(line.bank_code)
            or f"금융기관 코드 {line.bank_code}: 파일의 금융기관 {file_bank_code}과 다름 (파일은 은행마다)"
        )
    return [f for f in faults if f is not None]


def validate_transfer_file(file: TransferFile) -> None:
    """`InvalidInput` listing every reason `file` cannot be sent: header fields by name, lines as
    "lines[i]" (0-based, as in `file.lines`)."""
    faults = Faults()
    for key, message in _header_faults(file).items():
        faults.add(key, message)
    if not file.lines:
        faults.add("lines", "이체할 줄이 없음")
    for index, line in enumerate(file.lines):
        for message in line_faults(line, file.bank_code):
            faults.add(f"lines[{index}]", message)
    for index, first in duplicates((i, line.transfer_id) for i, line in enumerate(file.lines)):
        faults.add(f"lines[{index}]", f"거래번호가 lines[{first}]와 같음")
    if len(file.lines) >= 10**COUNT_DIGITS:
        faults.add("lines", f"한 파일에 {10**COUNT_DIGITS - 1:,}줄까지")
    if file.total_amount >= 10**TOTAL_DIGITS:
        faults.add("lines", "이체 금액 합계가 너무 큼")
    if faults:
        raise InvalidInput(f"이체 파일을 만들 수 없습니다 ({faults.summary()}).", fields=faults.fields())


def encode_transfer_file(file: TransferFile) -> bytes:
    """The file's bytes (CP949, fixed width, CRLF), after `validate_transfer_file`."""
    validate_transfer_file(file)
    records = [
        HEADER_LAYOUT.pack(
            {
                "file_id": file.run_reference,
                "payer_code": file.payer_code,
                "payer_name": file.payer_name,
                "bank_code": file.bank_code,
                "pay_date": day_digits(file.pay_date),
                "created_at": moment_digits(file.created_at),
            }
        )
    ]
    for sequence, line in enumerate(file.lines, start=1):
        records.append(
            DATA_LAYOUT.pack(
                {
                    "sequence": sequence,
                    "transfer_id": line.transfer_id,
                    "bank_code": line.bank_code,
                    "account_number": line.account_number,
                    "holder_name": line.holder_name,
                    "amount": line.amount,
                    "protected": "Y" if line.protected_account else "N",
                    "memo": line.memo,
                }
            )
        )
    records.append(TRAILER_LAYOUT.pack({"record_count": len(file.lines), "total_amount": file.total_amount}))
    return b"".join(record + NEWLINE for record in records)


def parse_transfer_file(data: bytes) -> TransferFile:
    """The transfer file in `data`, or `InvalidInput` with every fault by 1-based line number."""
    faults = Faults()
    parts = sections(split_records(data, faults), faults)
    head = _read_header(parts.header, faults) if parts.header and parts.header.readable else None
    lines: list[TransferLine | None] = []
    for position, record in enumerate(parts.data, start=1):
        lines.append(_read_line(record, position, faults) if record.readable else None)
    if head is not None:
        for record, parsed in zip(parts.data, lines, strict=True):
            for message in line_faults(parsed, head.bank_code) if parsed else ():
                faults.line(record.number, message)
    ids = ((r.number, line.transfer_id) for r, line in zip(parts.data, lines, strict=True) if line)
    for number, first in duplicates(ids):
        faults.line(number, f"거래번호가 {first}번째 줄과 같음")
    if parts.trailer is not None and parts.trailer.readable:
        _check_trailer(parts.trailer, lines, faults)
    faults.raise_if_any("이체 파일")
    assert head is not None
    return TransferFile(
        head.run_reference,
        head.payer_code,
        head.payer_name,
        head.bank_code,
        head.pay_date,
        tuple(line for line in lines if line is not None),
        head.created_at,
    )


@dataclass(frozen=True, slots=True)
class _Header:
    run_reference: str
    payer_code: str
    payer_name: str
    bank_code: str
    pay_date: date
    created_at: datetime


def _read_header(record: Record, faults: Faults) -> _Header | None:
    read = Reader(HEADER_LAYOUT, record, faults)
    values = (
        read.code("file_id"),
        read.digits("payer_code"),
        read.text("payer_name"),
        read.digits("bank_code"),
        read.day("pay_date"),
        read.moment("created_at"),
    )
    read.filler()
    file_id, payer_code, payer_name, bank_code, pay_date, created_at = values
    if file_id is None or payer_code is None or payer_name is None or bank_code is None:
        return None
    if pay_date is None or created_at is None:
        return None
    head = _Header(file_id, payer_code, payer_name, bank_code, pay_date, created_at)
    probe = TransferFile(file_id, payer_code, payer_name, bank_code, pay_date, (), created_at)
    for message in _header_faults(probe).values():
        faults.line(record.number, message)
    return head


def _read_line(record: Record, position: int, faults: Faults) -> TransferLine | None:
    read = Reader(DATA_LAYOUT, record, faults)
    sequence = read.number("sequence")
    if sequence is not None and sequence != position:
        faults.line(record.number, f"일련번호 {sequence}: {position}이어야 함")
    transfer_id, bank_code = read.code("transfer_id"), read.digits("bank_code")
    account, holder = read.code("account_number"), read.text("holder_name")
    amount, flag, memo = read.number("amount"), read.code("protected"), read.text("memo")
    read.filler()
    if flag is not None and flag not in _FLAGS:
        faults.line(record.number, f"압류방지 전용계좌 여부 {flag!r}: Y 또는 N이어야 함")
        flag = None
    if transfer_id is None or bank_code is None or account is None or holder is None:
        return None
    if amount is None or flag is None or memo is None:
        return None
    return TransferLine(transfer_id, bank_code, account, holder, amount, _FLAGS[flag], memo)


def _check_trailer(record: Record, lines: list[TransferLine | None], faults: Faults) -> None:
    read = Reader(TRAILER_LAYOUT, record, faults)
    count, total = read.number("record_count"), read.number("total_amount")
    read.filler()
    if count is not None and count != len(lines):
        faults.add("trailer", f"데이터 레코드 수 {count:,} ≠ 실제 데이터 줄 {len(lines):,}")
    # A sum over unreadable lines would be a guess; their own faults already reject the file.
    if total is not None and all(lines):
        actual = sum(line.amount for line in lines if line)
        if total != actual:
            faults.add("trailer", f"이체 금액 합계 {total:,} ≠ 데이터 줄 합계 {actual:,}")
