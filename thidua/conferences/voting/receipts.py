"""Receipt codes (mã xác nhận phiếu): a random token handed once to the online voter; only its SHA-256 is stored.

The token has 120 bits of randomness, so the digest cannot be reversed by trying tokens; it is written in groups
of four base-32 characters so that a voter can copy it by hand. Checking accepts any case, spaces and dashes.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

_TOKEN_BYTES = 15  # 120 bits → 24 base-32 characters, no padding


def receipt_token_new() -> str:
    """A fresh token such as ``K7QD-2M4X-…`` (six groups of four)."""
    text = base64.b32encode(secrets.token_bytes(_TOKEN_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def receipt_normalise(token: str) -> str:
    return "".join(ch for ch in token.upper() if ch.isalnum())


def receipt_digest(token: str) -> str:
    """The stored form of a token: hex SHA-256 of its normalised text."""
    return hashlib.sha256(receipt_normalise(token).encode("ascii", errors="replace")).hexdigest()
