"""금융기관 코드: the three-digit codes of 금융결제원's interbank network (타행이체·CMS) that transfer files
and account checks name a bank by.

Beneficiaries name their bank in many ways on paper ("국민", "KB국민은행", "농협", "대구은행" after it became
iM뱅크), so `bank_by_name` accepts the common variants; files and the database only ever hold the code.

농협 is two networks: NH농협은행 (011) and the 지역 농·축협 (012, 단위농협). A bare "농협" means the bank
(011), the reading 금융결제원's own code list gives it; a 지역농협 account must be named as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Bank:
    code: str  # 금융기관 코드, three digits
    name: str  # the name used on notices and screens
    aliases: tuple[str, ...] = ()  # other names people write; matched after `normalize_bank_name`


BANKS: tuple[Bank, ...] = (
    Bank("002", "KDB산업은행", ("산업은행", "산업", "KDB")),
    Bank("003", "IBK기업은행", ("기업은행", "기업", "IBK", "중소기업은행")),
    Bank("004", "KB국민은행", ("국민은행", "국민", "KB", "KB국민")),
    Bank("007", "Sh수협은행", ("수협은행", "수협", "Sh수협", "수협중앙회")),
    Bank("011", "NH농협은행", ("농협은행", "농협", "NH농협", "NH", "농협중앙회")),
    Bank("012", "지역농·축협", ("지역농협", "지역축협", "지역농축협", "단위농협", "농축협", "축협")),
    Bank("020", "우리은행", ("우리",)),
    Bank("023", "SC제일은행", ("제일은행", "SC제일", "SC", "스탠다드차타드")),
    Bank("027", "한국씨티은행", ("씨티은행", "씨티", "시티은행", "한국씨티", "Citi")),
    Bank("031", "iM뱅크", ("대구은행", "대구", "DGB대구은행", "아이엠뱅크", "iM뱅크(대구은행)", "iM")),
    Bank("032", "부산은행", ("부산", "BNK부산은행", "BNK부산")),
    Bank("034", "광주은행", ("광주",)),
    Bank("035", "제주은행", ("제주",)),
    Bank("037", "전북은행", ("전북", "JB전북은행")),
    Bank("039", "경남은행", ("경남", "BNK경남은행", "BNK경남")),
    Bank("045", "새마을금고", ("MG새마을금고", "새마을금고중앙회", "새마을")),
    Bank("048", "신협", ("신용협동조합", "신협중앙회")),
    Bank("050", "저축은행", ("상호저축은행", "저축은행중앙회")),
    Bank("064", "산림조합", ("산림조합중앙회",)),
    Bank("071", "우체국", ("우체국예금", "우정사업본부")),
    Bank("081", "하나은행", ("하나", "KEB하나은행", "KEB하나")),
    Bank("088", "신한은행", ("신한",)),
    Bank("089", "케이뱅크", ("K뱅크",)),
    Bank("090", "카카오뱅크", ("카카오", "카뱅")),
    Bank("092", "토스뱅크", ("토스",)),
)

_BY_CODE: MappingProxyType[str, Bank] = MappingProxyType({b.code: b for b in BANKS})
_SUFFIXES = ("주식회사", "(주)", "㈜")


def normalize_bank_name(name: str) -> str:
    """The comparable form of a bank name: no spaces or middle dots, no 주식회사, Latin in lower case,
    and a trailing 은행 dropped ("KB 국민은행" → "kb국민") — so "국민은행" and "국민" meet."""
    text = re.sub(r"[\s·.]", "", name).casefold()
    for suffix in _SUFFIXES:
        text = text.replace(suffix, "")
    if text.endswith("은행") and len(text) > 2:
        text = text.removesuffix("은행")
    return text


def _name_index() -> MappingProxyType[str, Bank]:
    index: dict[str, Bank] = {}
    for bank in BANKS:
        for name in (bank.name, *bank.aliases):
            key = normalize_bank_name(name)
            # Two banks answering to one name would make a file go to the wrong bank: fail at import.
            assert index.get(key, bank) is bank, f"bank name {name!r} is ambiguous"
            index[key] = bank
    return MappingProxyType(index)


_BY_NAME = _name_index()


def is_bank_code(code: str) -> bool:
    return code in _BY_CODE


def bank_by_code(code: str) -> Bank:
    """The bank with this 금융기관 코드; `InvalidInput` for a code this system does not pay into."""
    bank = _BY_CODE.get(code)
    if bank is None:
        raise InvalidInput(f"알 수 없는 금융기관 코드입니다: {code!r}", fields={"bank_code": "unknown"})
    return bank


def bank_by_name(name: str) -> Bank:
    """The bank a written name means ("국민은행", "KB국민은행", "농협", "NH농협은행", "대구은행"…)."""
    bank = _BY_NAME.get(normalize_bank_name(name))
    if bank is None:
        raise InvalidInput(f"알 수 없는 금융기관 이름입니다: {name!r}", fields={"bank_name": "unknown"})
    return bank
