"""openapi.yaml is generated from the app and committed: regenerate it with `ieum openapi`."""

from __future__ import annotations

from pathlib import Path

from api.openapi_export import render

COMMITTED = Path(__file__).resolve().parent.parent / "openapi.yaml"


def test_committed_openapi_matches_the_app() -> None:
    assert COMMITTED.exists(), "openapi.yaml is missing: run `.venv/bin/ieum openapi`"
    drift = "openapi.yaml drifted from the app: run `.venv/bin/ieum openapi`"
    assert COMMITTED.read_text() == render(), drift


def test_rrn_never_travels_in_a_url() -> None:
    import yaml

    spec = yaml.safe_load(COMMITTED.read_text())
    for path, operations in spec["paths"].items():
        assert "rrn" not in path.lower().replace("/rrn", ""), path
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                assert "rrn" not in parameter["name"].lower(), (path, parameter["name"])
