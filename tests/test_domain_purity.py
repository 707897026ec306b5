"""The domain is pure: nothing under domain/ imports a framework, a database driver or I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parent.parent / "domain"
FORBIDDEN = frozenset(
    {
        "api",
        "fastapi",
        "starlette",
        "sqlalchemy",
        "pydantic",
        "httpx",
        "asyncpg",
        "jose",
        "alembic",
        "uvicorn",
        "os",
        "subprocess",
        "socket",
        "requests",
    }
)
_DYNAMIC_IMPORTS = {"__import__", "import_module"}


def _root(module: str) -> str:
    return module.split(".", 1)[0]


def forbidden_imports(source: str, filename: str = "<string>") -> list[str]:
    """`line: module` for every forbidden import in the source, static or by name at run time."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        elif isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            first = node.args[0] if node.args else None
            if name in _DYNAMIC_IMPORTS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                modules = [first.value]
        found += [f"{node.lineno}: {m}" for m in modules if _root(m) in FORBIDDEN]
    return found


def domain_files() -> list[Path]:
    files = sorted(DOMAIN.rglob("*.py"))
    assert files, f"no Python files under {DOMAIN}"
    return files


@pytest.mark.parametrize("path", domain_files(), ids=lambda p: str(p.relative_to(DOMAIN)))
def test_domain_module_is_pure(path: Path) -> None:
    assert forbidden_imports(path.read_text(encoding="utf-8"), str(path)) == []


def test_the_domain_includes_the_resident_number_module() -> None:
    assert DOMAIN / "identity" / "rrn.py" in domain_files()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import os", ["1: os"]),
        ("import os.path", ["1: os.path"]),
        ("import json, socket", ["1: socket"]),
        ("from sqlalchemy.orm import Session", ["1: sqlalchemy.orm"]),
        ("from api.models import Person", ["1: api.models"]),
        ("import fastapi as f", ["1: fastapi"]),
        ("from pydantic import BaseModel", ["1: pydantic"]),
        ("def f():\n    import subprocess\n", ["2: subprocess"]),
        ("try:\n    import httpx\nexcept ImportError:\n    pass\n", ["2: httpx"]),
        ("if TYPE_CHECKING:\n    from asyncpg import Connection\n", ["2: asyncpg"]),
        ("x = __import__('requests')", ["1: requests"]),
        ("import importlib\nm = importlib.import_module('uvicorn.main')", ["2: uvicorn.main"]),
        ("from jose import jwt\nfrom alembic import op", ["1: jose", "2: alembic"]),
        ("from starlette.requests import Request", ["1: starlette.requests"]),
        # Allowed: the standard library's pure parts, the domain itself, relative imports, look-alikes.
        ("import re\nfrom datetime import date\nfrom dataclasses import dataclass", []),
        ("from domain.errors import InvalidInput", []),
        ("from . import errors\nfrom .api import thing", []),
        ("import apis\nimport osmium\nimport pydantic_core_like", []),
        ("api = 1\nos = 'os'", []),
    ],
)
def test_checker(source: str, expected: list[str]) -> None:
    assert forbidden_imports(source) == expected
