"""Names and street names for synthetic residents. Surnames are weighted roughly by their share of
the population (통계청 인구주택총조사 2015: 김 21.5%, 이 14.7%, 박 8.4% …); given names are common
ones of each generation, so a grandmother is a 순자 rather than a 서연. Nothing here is a legal
figure; it only has to look like a real caseload."""

from __future__ import annotations

import random
from itertools import accumulate

SURNAMES: tuple[tuple[str, float], ...] = (
    ("김", 21.5),
    ("이", 14.7),
    ("박", 8.4),
    ("최", 4.7),
    ("정", 4.3),
    ("강", 2.4),
    ("조", 2.1),
    ("윤", 2.1),
    ("장", 2.0),
    ("임", 1.7),
    ("한", 1.5),
    ("오", 1.5),
    ("서", 1.5),
    ("신", 1.4),
    ("권", 1.4),
    ("황", 1.4),
    ("안", 1.3),
    ("송", 1.3),
    ("전", 1.1),
    ("홍", 1.1),
    ("유", 1.1),
    ("고", 0.9),
    ("문", 0.9),
    ("양", 0.8),
    ("손", 0.8),
    ("배", 0.8),
    ("백", 0.7),
    ("허", 0.6),
    ("남", 0.5),
    ("노", 0.5),
)
_SURNAME_VALUES = tuple(s for s, _ in SURNAMES)
_SURNAME_CUM = tuple(accumulate(w for _, w in SURNAMES))

# (born before, male names, female names): the first row whose year bound exceeds the birth year.
GIVEN_NAMES: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        1955,
        ("영수", "영호", "영철", "정호", "상철", "광수", "종수", "병철", "재호", "만수", "순철", "기순"),
        ("순자", "영자", "정숙", "말순", "옥순", "영숙", "춘자", "정자", "순이", "복순", "명자", "숙자"),
    ),
    (
        1970,
        ("성호", "정훈", "상훈", "진호", "영진", "성수", "동훈", "재석", "태식", "경호", "승호", "기철"),
        ("미숙", "경희", "미경", "영희", "정희", "은숙", "미영", "현숙", "순희", "경숙", "명희", "혜숙"),
    ),
    (
        1985,
        ("성민", "지훈", "준호", "성진", "민수", "현우", "정민", "동현", "상현", "준영", "재훈", "진우"),
        ("지영", "은정", "미진", "수진", "현정", "은주", "지현", "선영", "혜진", "유진", "은영", "정은"),
    ),
    (
        2005,
        ("민준", "현우", "지훈", "동현", "준혁", "민재", "승민", "도현", "건우", "성빈", "우진", "태윤"),
        ("민지", "수빈", "지은", "서영", "유진", "예은", "지민", "수연", "하은", "채원", "다은", "예진"),
    ),
    (
        9999,
        ("민준", "서준", "도윤", "하준", "시우", "주원", "은우", "지호", "이준", "선우", "유준", "도현"),
        ("서연", "서윤", "지우", "하은", "하윤", "민서", "지유", "윤서", "채원", "수아", "지아", "이서"),
    ),
)

# Road names found in many 시군구 (each city has its own 중앙로, 시장길 …), so an address never claims
# a street a particular place lacks more than a real mix would.
ROADS = (
    "중앙로",
    "시장길",
    "역전로",
    "공원로",
    "학교길",
    "문화로",
    "시청로",
    "새마을로",
    "동산길",
    "강변로",
    "충효로",
    "평화로",
    "희망로",
    "행복길",
    "대학로",
    "남부로",
    "북부로",
    "서문로",
    "동문로",
    "신흥로",
)


def surname(rng: random.Random) -> str:
    return rng.choices(_SURNAME_VALUES, cum_weights=_SURNAME_CUM)[0]


def given_name(rng: random.Random, birth_year: int, sex: str) -> str:
    for bound, male, female in GIVEN_NAMES:
        if birth_year < bound:
            return rng.choice(male if sex == "M" else female)
    raise AssertionError("the last bound covers every year")  # pragma: no cover


def street_address(rng: random.Random) -> str:
    road = rng.choice(ROADS)
    number = rng.randint(1, 320)
    if rng.random() < 0.45:  # an apartment: 동·호
        return f"{road} {number}, {rng.randint(101, 115)}동 {rng.randint(1, 25)}{rng.randint(1, 8):02d}호"
    return f"{road} {number}"
