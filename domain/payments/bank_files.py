"""The fixed-width machinery shared by the bank transfer file (`bank_transfer_file`) and the bank's
result file (`bank_result_file`); the layouts themselves are documented in docs/bank-transfer-file.md.

Korean banks' batch files (펌뱅킹·CMS 일괄이체) are fixed byte-width records in CP949: a field's width
is counted in bytes, a 한글 syllable takes two, and a text that does not fit is cut on a character
boundary — half a syllable would make the bank's decoder, and every field after it, read garbage.
Every record here is `RECORD_LENGTH` bytes followed by CRLF.

A file read back is judged whole: `Faults` collects every fault with its 1-based line number, and
the caller raises them together, so an official sees the full list at once and nothing of a bad file
is ever half-applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum

from domain.errors import InvalidInput
from domain.payments.banks import is_bank_code

ENCODING = "cp949"
NEWLINE = b"\r\n"
RECORD_LENGTH = 120
HEADER, DATA, TRAILER = "H", "D", "T"

TRANSFER_ID_LENGTH = 20  # bank_transfers.transfer_id is varchar(20)
ACCOUNT_MIN_DIGITS, ACCOUNT_MAX_DIGITS = 10, 16
RUN_REFERENCE_MAX = 20
AMOUNT_DIGITS, TOTAL_DIGITS, COUNT_DIGITS = 13, 15, 7

# Banks read the times in these files as 한국 표준시; Korea keeps no daylight saving, so a fixed offset
# is exact and needs no time-zone database.
KST = timezone(timedelta(hours=9), "KST")

_TRANSFER_ID = re.compile(rf"[0-9A-Z]{{{TRANSFER_ID_LENGTH}}}")
_RUN_REFERENCE = re.compile(rf"[0-9A-Za-z_-]{{1,{RUN_REFERENCE_MAX}}}")
_LINE_BREAK = re.compile(rb"(\r\n|\r|\n)")


class Kind(StrEnum):
    NUMBER = "N"  # digits, right-aligned, zero-padded
    CODE = "A"  # ASCII, left-aligned, space-padded
    TEXT = "K"  # CP949 text, left-aligned, space-padded to the byte width
    FILLER = "F"  # spaces


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    kind: Kind
    length: int
    offset: int


@dataclass(frozen=True, slots=True)
class Layout:
    """One record type: its fields in order, the first being the record type, the last a filler
    that pads the record to `RECORD_LENGTH`."""

    record_type: str
    fields: tuple[Field, ...]

    @classmethod
    def of(cls, record_type: str, *specs: tuple[str, str, Kind, int]) -> Layout:
        fields, offset = [Field("record_type", "레코드 구분", Kind.CODE, 1, 0)], 1
        for name, label, kind, length in specs:
            fields.append(Field(name, label, kind, length, offset))
            offset += length
        assert offset <= RECORD_LENGTH, f"{record_type} layout is {offset} bytes"
        fields.append(Field("filler", "예비", Kind.FILLER, RECORD_LENGTH - offset, offset))
        return cls(record_type, tuple(fields))

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def pack(self, values: Mapping[str, str | int]) -> bytes:
        """The record's bytes (without CRLF). Values are assumed validated: a number that does not
        fit, or non-ASCII in a code field, is a programming error here, not bad input."""
        out = bytearray()
        for f in self.fields:
            if f.kind is Kind.FILLER:
                out += b" " * f.length
                continue
            value = self.record_type if f.name == "record_type" else values[f.name]
            if f.kind is Kind.NUMBER:
                digits = str(value)
                if not digits.isdigit() or len(digits) > f.length:
                    raise ValueError(f"{f.name}={value!r} does not fit N({f.length})")
                out += digits.rjust(f.length, "0").encode("ascii")
            elif f.kind is Kind.CODE:
                code = str(value).encode("ascii")
                if len(code) > f.length:
                    raise ValueError(f"{f.name}={value!r} does not fit A({f.length})")
                out += code.ljust(f.length, b" ")
            else:
                out += fit_bytes(str(value), f.length).ljust(f.length, b" ")
        assert len(out) == RECORD_LENGTH
        return bytes(out)


def fit_bytes(text: str, width: int) -> bytes:
    """`text` in CP949, cut to at most `width` bytes on a character boundary. `UnicodeEncodeError` for
    a character CP949 cannot hold (callers check with `text_fault` first)."""
    out = bytearray()
    for char in text:
        encoded = char.encode(ENCODING)
        if len(out) + len(encoded) > width:
            break
        out += encoded
    return bytes(out)


def fit_text(text: str, width: int) -> str:
    """What a text field of `width` bytes carries of `text`: cut on a character boundary and without
    trailing spaces (padding cannot be told from them) — what the bank, and a read-back, will see."""
    return fit_bytes(text, width).decode(ENCODING).rstrip(" ")


def text_fault(text: str, label: str) -> str | None:
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        return f"{label}: 제어 문자(줄바꿈 등)가 있음"
    try:
        text.encode(ENCODING)
    except UnicodeEncodeError:
        return f"{label}: CP949로 나타낼 수 없는 문자가 있음"
    return None


def transfer_id_fault(value: str) -> str | None:
    if _TRANSFER_ID.fullmatch(value):
        return None
    return f"거래번호: 숫자·영문 대문자 {TRANSFER_ID_LENGTH}자여야 함"


def run_reference_fault(value: str) -> str | None:
    if _RUN_REFERENCE.fullmatch(value):
        return None
    return f"파일 식별번호: 영숫자·'-'·'_' 1~{RUN_REFERENCE_MAX}자여야 함"


def account_fault(value: str) -> str | None:
    # The number itself is never echoed: account numbers are personal data (fault lists get logged).
    if value.isascii() and value.isdigit() and ACCOUNT_MIN_DIGITS <= len(value) <= ACCOUNT_MAX_DIGITS:
        return None
    return f"계좌번호: 숫자만 {ACCOUNT_MIN_DIGITS}~{ACCOUNT_MAX_DIGITS}자리여야 함"


def bank_code_fault(value: str) -> str | None:
    return None if is_bank_code(value) else f"알 수 없는 금융기관 코드 {value!r}"


def amount_fault(value: int, digits: int = AMOUNT_DIGITS) -> str | None:
    if value <= 0:
        return f"금액 {value:,}원: 0보다 커야 함"
    if value >= 10**digits:
        return f"금액 {value:,}원: {digits}자리를 넘음"
    return None


def sigungu_fault(value: str) -> str | None:
    ok = len(value) == 5 and value.isascii() and value.isdigit()
    return None if ok else "지급기관 코드: 시군구 코드 다섯 자리 숫자여야 함"


def as_file_time(moment: datetime) -> datetime:
    """The form a file records a time in: 한국 표준시 wall clock, to the second, without tzinfo."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(KST).replace(tzinfo=None)
    return moment.replace(microsecond=0)


class Faults:
    """Every fault of one file, keyed by where it is: "line N" (1-based), or "file", "header",
    "trailer" for what belongs to no single line, or "lines[i]" for a value about to be written."""

    def __init__(self) -> None:
        self._items: dict[str, list[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._items)

    def add(self, key: str, message: str | None) -> None:
        if message is not None:
            self._items.setdefault(key, []).append(message)

    def line(self, number: int, message: str | None) -> None:
        self.add(f"line {number}", message)

    @property
    def line_count(self) -> int:
        return sum(key.startswith(("line ", "lines[")) for key in self._items)

    def fields(self) -> dict[str, str]:
        def order(key: str) -> tuple[int, int]:
            number = re.search(r"\d+", key)
            rank = {"file": 0, "header": 1, "trailer": 3}.get(key, 2)
            return rank, int(number.group()) if number else 0

        return {key: "; ".join(self._items[key]) for key in sorted(self._items, key=order)}

    def summary(self) -> str:
        others = len(self._items) - self.line_count
        return f"오류가 있는 줄 {self.line_count}개" + (f", 파일 전체 오류 {others}건" if others else "")

    def raise_if_any(self, what: str) -> None:
        """`InvalidInput` saying `what` was rejected whole, with every fault in `fields`."""
        if self:
            raise InvalidInput(
                f"{what} 전체를 반려했습니다 ({self.summary()}). 한 줄도 반영하지 않았습니다.",
                fields=self.fields(),
            )


@dataclass(frozen=True, slots=True)
class Record:
    number: int  # 1-based line number in the file
    data: bytes
    readable: bool  # right length, CRLF-terminated, valid CP949: its fields can be read

    @property
    def record_type(self) -> str:
        return chr(self.data[0]) if self.data else ""


@dataclass(frozen=True, slots=True)
class Sections:
    header: Record | None
    data: tuple[Record, ...]
    trailer: Record | None


def split_records(data: bytes, faults: Faults) -> list[Record]:
    """The file's lines with their numbers; faults for a bad line end, length or encoding."""
    if not data:
        faults.add("file", "빈 파일")
        return []
    pieces = _LINE_BREAK.split(data)  # text, break, text, break, …, text
    records: list[Record] = []
    for index in range(0, len(pieces), 2):
        text, brk = pieces[index], pieces[index + 1] if index + 1 < len(pieces) else b""
        if not text and not brk:
            break  # nothing after the last line break
        number, fault = index // 2 + 1, None
        if brk not in (NEWLINE, b""):
            fault = "줄바꿈이 CRLF가 아님"
        elif len(text) != RECORD_LENGTH:
            fault = f"레코드 길이 {len(text)}바이트 ({RECORD_LENGTH}바이트여야 함)"
        else:
            try:
                text.decode(ENCODING)
            except UnicodeDecodeError:
                fault = "CP949로 읽을 수 없는 바이트가 있음"
        faults.line(number, fault)
        records.append(Record(number, text, fault is None))
    if not data.endswith(NEWLINE):
        faults.add("file", "마지막 줄이 CRLF로 끝나지 않음")
    return records


def sections(records: list[Record], faults: Faults) -> Sections:
    """The header is the first record and the trailer the last, each once; a fault for every record
    out of place, so a file cut short or run together is caught wherever the seam is."""
    header: Record | None = None
    trailer: Record | None = None
    data: list[Record] = []
    last = records[-1].number if records else 0
    for record in records:
        kind = record.record_type
        if kind == HEADER and record.number == 1:
            header = record
        elif kind == TRAILER and record.number == last:
            trailer = record
        elif kind == HEADER:
            faults.line(record.number, "헤더(H)는 첫 줄에만 올 수 있음")
        elif kind == TRAILER:
            faults.line(record.number, "트레일러(T)는 마지막 줄에만 올 수 있음")
        elif kind == DATA:
            data.append(record)
        else:
            faults.line(record.number, f"레코드 구분 {kind!r}: H·D·T 가운데 하나여야 함")
    if header is None and records:
        faults.add("header", "첫 줄이 헤더(H) 레코드가 아님")
    if trailer is None and records:
        faults.add("trailer", "마지막 줄이 트레일러(T) 레코드가 아님")
    return Sections(header, tuple(data), trailer)


class Reader:
    """Typed reads of one readable record's fields; each bad field adds a fault and reads as None."""

    def __init__(self, layout: Layout, record: Record, faults: Faults) -> None:
        self.layout, self.record, self.faults = layout, record, faults

    def _raw(self, name: str) -> tuple[Field, bytes]:
        f = self.layout.field(name)
        return f, self.record.data[f.offset : f.offset + f.length]

    def _fault(self, message: str | None) -> None:
        self.faults.line(self.record.number, message)

    def number(self, name: str) -> int | None:
        f, raw = self._raw(name)
        if raw.isdigit():
            return int(raw)
        self._fault(f"{f.label}: 숫자가 아님")
        return None

    def digits(self, name: str) -> str | None:
        """A code made of digits whose leading zeros matter (금융기관 코드, 시군구 코드)."""
        f, raw = self._raw(name)
        if raw.isdigit():
            return raw.decode("ascii")
        self._fault(f"{f.label}: 숫자가 아님")
        return None

    def code(self, name: str) -> str | None:
        f, raw = self._raw(name)
        text = raw.decode("ascii", "replace").rstrip(" ")
        if not raw.isascii() or text != text.lstrip(" "):
            self._fault(f"{f.label}: 영숫자가 왼쪽부터 채워져 있지 않음")
            return None
        return text

    def text(self, name: str) -> str | None:
        f, raw = self._raw(name)
        try:
            return raw.decode(ENCODING).rstrip(" ")
        except UnicodeDecodeError:
            self._fault(f"{f.label}: 글자가 필드 경계에서 잘림 (CP949로 읽을 수 없음)")
            return None

    def day(self, name: str) -> date | None:
        f, raw = self._raw(name)
        parsed = _parse_time(raw, "%Y%m%d")
        if parsed is None:
            self._fault(f"{f.label}: 날짜(YYYYMMDD)가 아님")
        return parsed.date() if parsed else None

    def moment(self, name: str) -> datetime | None:
        f, raw = self._raw(name)
        parsed = _parse_time(raw, "%Y%m%d%H%M%S")
        if parsed is None:
            self._fault(f"{f.label}: 일시(YYYYMMDDHHMMSS)가 아님")
        return parsed

    def filler(self) -> None:
        _, raw = self._raw("filler")
        if raw.strip(b" "):
            self._fault("예비 영역이 공백이 아님")


def _parse_time(raw: bytes, pattern: str) -> datetime | None:
    if not raw.isdigit():
        return None
    try:
        return datetime.strptime(raw.decode("ascii"), pattern)
    except ValueError:
        return None


def day_digits(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def moment_digits(moment: datetime) -> str:
    return day_digits(moment.date()) + f"{moment.hour:02d}{moment.minute:02d}{moment.second:02d}"


def duplicates(ids: Iterator[tuple[int, str]]) -> Iterator[tuple[int, int]]:
    """(line, first line) for every id seen before: a transfer id names one line and only one."""
    first: dict[str, int] = {}
    for line, value in ids:
        if value in first:
            yield line, first[value]
        else:
            first[value] = line
