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
