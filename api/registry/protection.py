"""Encryption at rest for 주민등록번호 and bank account numbers (개인정보 보호법 제24조의2,
안전성 확보조치 기준 제7조), and the keyed blind index that finds a person by exact number.

Ciphertext layout: version byte (1) | 12-byte nonce | AES-256-GCM ciphertext+tag. The row id is the
associated data, so a ciphertext copied onto another row fails to decrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from api.keys import Keys

_VERSION = b"\x01"


def encrypt(keys: Keys, row_id: uuid.UUID, plaintext: str, purpose: bytes) -> bytes:
    nonce = os.urandom(12)
    sealed = AESGCM(keys.rrn_key).encrypt(nonce, plaintext.encode(), purpose + row_id.bytes)
    return _VERSION + nonce + sealed


def decrypt(keys: Keys, row_id: uuid.UUID, blob: bytes, purpose: bytes) -> str:
    if blob[:1] != _VERSION:
        raise ValueError("unknown ciphertext version")
    nonce, sealed = blob[1:13], blob[13:]
    return AESGCM(keys.rrn_key).decrypt(nonce, sealed, purpose + row_id.bytes).decode()


RRN = b"rrn:"
BANK_ACCOUNT = b"bank:"


def blind_index(keys: Keys, digits: str) -> bytes:
    return hmac.new(keys.blind_index_key, b"rrn:" + digits.encode(), hashlib.sha256).digest()
