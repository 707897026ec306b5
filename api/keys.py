"""Key material: AES-GCM key for 주민등록번호 and account numbers, HMAC key for the blind index, and the
ES256 key that signs access tokens. Taken from settings; for local development a key file is made
under var/ on first use. Keys never live in the database."""

from __future__ import annotations

import base64
import json
import logging
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from api.config import Settings, get_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, repr=False)
class Keys:
    rrn_key: bytes
    blind_index_key: bytes
    jwt_private_pem: str
    jwt_public_pem: str

    def __repr__(self) -> str:  # key material must never reach a log or traceback
        return "Keys(<redacted>)"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def _unb64(text: str, what: str, length: int) -> bytes:
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if len(raw) != length:
        raise ValueError(f"{what} must be {length} bytes, base64url-encoded")
    return raw


def _new_ec_private_pem() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _public_pem(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def _development_key_file(path: Path) -> dict[str, str]:
    if path.exists():
        loaded: dict[str, str] = json.loads(path.read_text())
        return loaded
    log.warning(
        "개발용 키 파일을 새로 만듭니다: %s — 운영 환경에서는 IEUM_RRN_ENCRYPTION_KEY, "
        "IEUM_BLIND_INDEX_KEY, IEUM_JWT_PRIVATE_KEY_PEM 을 환경변수로 지정하십시오. "
        "(Generating a DEVELOPMENT key file; set the keys in the environment for production.)",
        path,
    )
    data = {
        "rrn_encryption_key": _b64(secrets.token_bytes(32)),
        "blind_index_key": _b64(secrets.token_bytes(32)),
        "jwt_private_key_pem": _new_ec_private_pem(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle)
    return data


def load_keys(settings: Settings) -> Keys:
    configured = (settings.rrn_encryption_key, settings.blind_index_key, settings.jwt_private_key_pem)
    if all(configured):
        rrn, blind, pem = configured
    else:
        if any(configured):
            raise ValueError("set all three keys in the environment, or none (development key file)")
        data = _development_key_file(settings.var_dir / "keys.json")
        rrn, blind, pem = data["rrn_encryption_key"], data["blind_index_key"], data["jwt_private_key_pem"]
    assert rrn and blind and pem
    return Keys(
        rrn_key=_unb64(rrn, "IEUM_RRN_ENCRYPTION_KEY", 32),
        blind_index_key=_unb64(blind, "IEUM_BLIND_INDEX_KEY", 32),
        jwt_private_pem=pem,
        jwt_public_pem=_public_pem(pem),
    )


@lru_cache
def get_keys() -> Keys:
    return load_keys(get_settings())
