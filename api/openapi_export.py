"""The committed openapi.yaml is rendered from the app; a test fails when the two drift."""

from __future__ import annotations

import yaml

from api.main import create_app


def render() -> str:
    schema = create_app().openapi()
    return yaml.safe_dump(schema, allow_unicode=True, sort_keys=False, width=100)
