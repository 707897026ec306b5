"""The `ieum` command line, run as a user would, against a committed database of its own."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.config import Settings
from tests.dbsetup import drop_database, fresh_database

ROOT = Path(__file__).resolve().parent.parent
IEUM = str(ROOT / ".venv" / "bin" / "ieum")


@pytest.fixture(scope="module")
def cli_env(settings: Settings) -> Iterator[dict[str, str]]:
    name = f"ieum_cli_{os.getpid()}"
    urls = fresh_database(settings, name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("IEUM_") and k != "DATABASE_URL"}
    env |= {
        "DATABASE_URL": urls.owner,
        "IEUM_APP_DB_PASSWORD": urls.app_password or "",
        "IEUM_VAR_DIR": str(settings.var_dir),
        "COLUMNS": "200",
    }
    yield env
    drop_database(settings, name)


def ieum(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [IEUM, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_db_upgrade_is_repeatable(cli_env: dict[str, str]) -> None:
    result = ieum(cli_env, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert "head" in result.stdout


def test_users_create_reads_password_from_stdin_and_disable(cli_env: dict[str, str]) -> None:
    created = ieum(
        cli_env,
        "users",
        "create",
        "cli.kim",
        "-r",
        "investigator",
        "-r",
        "intake",
        "--sigungu",
        "11110",
        "--emd",
        "1111010100",
        "-p",
        "livelihood",
        stdin="cli-password-1!\n",
    )
    assert created.returncode == 0, created.stderr
    assert "cli.kim" in created.stdout and "cli-password-1!" not in created.stdout
    listed = ieum(cli_env, "users", "list", "--sigungu", "11110")
    assert "cli.kim" in listed.stdout and "active" in listed.stdout
    disabled = ieum(cli_env, "users", "disable", "cli.kim", "--reason", "전보")
    assert disabled.returncode == 0, disabled.stderr
    assert "disabled" in ieum(cli_env, "users", "list").stdout


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["users", "create", "cli.weak", "-r", "intake", "--sigungu", "11110"], "short\n", "비밀번호"),
        (
            ["users", "create", "cli.nowhere", "-r", "intake", "--sigungu", "99999"],
            "cli-password-1!\n",
            "시군구",
        ),
        (
            ["users", "create", "cli.emd", "-r", "intake", "--sigungu", "11110", "--emd", "1114010100"],
            "cli-password-1!\n",
            "읍면동",
        ),
        (["users", "create", "cli.empty", "-r", "intake", "--sigungu", "11110"], "", "비밀번호"),
        (["users", "disable", "nobody.here"], "", "nobody.here"),
    ],
)
def test_bad_input_gives_a_readable_error(
    cli_env: dict[str, str], args: list[str], stdin: str, message: str
) -> None:
    result = ieum(cli_env, *args, stdin=stdin)
    assert result.returncode == 1
    assert "오류" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_unknown_role_is_refused_by_the_parser(cli_env: dict[str, str]) -> None:
    result = ieum(cli_env, "users", "create", "cli.role", "-r", "mayor", "--sigungu", "11110", stdin="x\n")
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_clients_create_prints_the_secret_once(cli_env: dict[str, str]) -> None:
    result = ieum(cli_env, "clients", "create", "복지로", "--kind", "portal", "--client-id", "bokjiro")
    assert result.returncode == 0, result.stderr
    assert "bokjiro" in result.stdout and "client_secret" in result.stdout
    again = ieum(cli_env, "clients", "create", "복지로", "--kind", "portal", "--client-id", "bokjiro")
    assert again.returncode == 1 and "client_id" in again.stderr


def test_demo_seed_is_idempotent_and_audit_verifies(cli_env: dict[str, str]) -> None:
    first = ieum(cli_env, "demo", "seed")
    assert first.returncode == 0, first.stderr
    assert "공무원 7명" in first.stdout and "신청 3건" in first.stdout
    second = ieum(cli_env, "demo", "seed")
    assert second.returncode == 0, second.stderr
    assert "공무원 0명, 주민 0명, 신청 0건" in second.stdout
    verified = ieum(cli_env, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert "정상" in verified.stdout


def test_sigungu_duties_setting(cli_env: dict[str, str]) -> None:
    allowed = ieum(cli_env, "sigungu", "duties", "11110", "--investigator-may-decide")
    assert allowed.returncode == 0, allowed.stderr
    assert "종로구 (11110)" in allowed.stdout and "조사한 공무원도 결정할 수 있음" in allowed.stdout
    separate = ieum(cli_env, "sigungu", "duties", "11110", "--separate")
    assert separate.returncode == 0 and "조사·결정 분리" in separate.stdout
    unknown = ieum(cli_env, "sigungu", "duties", "99999", "--separate")
    assert unknown.returncode == 1 and "알 수 없는 시군구 코드" in unknown.stderr
