"""How a certificate names people: the holder's masked name for public verification, and the
household members' relation as the form prints it."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from domain.errors import InvalidInput

# 가구원 relations to the 세대주 as the registry records them (api/models/registry.py).
RELATION_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "head": "세대주",
        "spouse": "배우자",
        "child": "자녀",
        "parent": "부모",
        "grandchild": "손자녀",
        "sibling": "형제자매",
        "other": "기타",
    }
)
UNKNOWN_RELATION = "가구원"  # a member no longer (or not yet) recorded in the household


def full_address(sido_name: str, sigungu_name: str, address: str, emd_name: str | None = None) -> str:
    """The address as a document prints it: the registry keeps the street part (도로명·건물번호) under a
    시군구 and 읍면동, and a certificate handed to a bank needs the whole of it — "서울특별시 종로구
    창의문로 7 (청운동)", the 법정동 in brackets as 도로명주소 are written. 세종특별자치시 has no 시군구
    level (an empty `sigungu_name`, or the 시·도 again). Parts the street part already names are not
    repeated."""
    street = " ".join(address.split())
    region = [part for part in (sido_name.strip(), sigungu_name.strip()) if part]
    region = list(dict.fromkeys(region))  # 세종: the 시·도 given twice is said once
    head = " ".join(part for part in region if part not in street)
    line = f"{head} {street}".strip()
    emd = (emd_name or "").strip()
    return f"{line} ({emd})" if emd and emd not in street else line


def mask_name(name: str) -> str:
    """The name as public verification shows it: first and last character kept, the rest hidden
    ("홍길동" → "홍*동", "남궁민수" → "남**수", "이수" → "이*"). Enough for whoever holds the paper to
    see it names the person in front of them; too little to learn a name from a number."""
    letters = "".join(name.split())
    if not letters:
        raise InvalidInput("이름이 비어 있습니다.", fields={"name": "required"})
    if len(letters) == 1:
        return "*"
    if len(letters) == 2:
        return letters[0] + "*"
    return letters[0] + "*" * (len(letters) - 2) + letters[-1]


def member_relation(relation: str | None, *, is_holder: bool) -> str:
    """The 관계 column: the relation to the 세대주, with the holder marked 본인 ("본인(세대주)" when the
    holder heads the household)."""
    label = RELATION_LABELS.get(relation or "", UNKNOWN_RELATION)
    if not is_holder:
        return label
    return "본인(세대주)" if relation == "head" else f"본인({label})"
