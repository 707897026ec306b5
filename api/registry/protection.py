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
    return encrypt_bytes(keys, row_id, plaintext.encode(), purpose)


def decrypt(keys: Keys, row_id: uuid.UUID, blob: bytes, purpose: bytes) -> str:
    return decrypt_bytes(keys, row_id, blob, purpose).decode()


def encrypt_bytes(keys: Keys, row_id: uuid.UUID, plaintext: bytes, purpose: bytes) -> bytes:
    nonce = os.urandom(12)
    return _VERSION + nonce + AESGCM(keys.rrn_key).encrypt(nonce, plaintext, purpose + row_id.bytes)


def decrypt_bytes(keys: Keys, row_id: uuid.UUID, blob: bytes, purpose: bytes) -> bytes:
    if blob[:1] != _VERSION:
        raise ValueError("unknown ciphertext version")
    nonce, sealed = blob[1:13], blob[13:]
    return AESGCM(keys.rrn_key).decrypt(nonce, sealed, purpose + row_id.bytes)


RRN = b"rrn:"
BANK_ACCOUNT = b"bank:"
# An issued certificate's PDF: it may print a full 주민등록번호, so it is kept like one.
CERTIFICATE_PDF = b"certificate:"
# A bank transfer file: every payee's account number.
BANK_FILE = b"bankfile:"


def blind_index(keys: Keys, digits: str) -> bytes:
    return hmac.new(keys.blind_index_key, b"rrn:" + digits.encode(), hashlib.sha256).digest()
