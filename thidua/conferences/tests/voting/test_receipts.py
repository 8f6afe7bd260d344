"""Receipt tokens: random, typeable, and checked whatever the case, spaces or dashes (pure, no database)."""

from __future__ import annotations

import re

from thidua.conferences.voting.receipts import receipt_digest, receipt_token_new


def test_tokens_are_grouped_base32_and_unique():
    # when
    tokens = {receipt_token_new() for _ in range(500)}
    # then
    assert len(tokens) == 500
    assert all(re.fullmatch(r"([A-Z2-7]{4}-){5}[A-Z2-7]{4}", t) for t in tokens)


def test_digest_ignores_case_spaces_and_dashes_but_not_characters():
    # given
    token = receipt_token_new()
    # when / then
    assert receipt_digest(token) == receipt_digest(token.lower().replace("-", " "))
    assert len(receipt_digest(token)) == 64
    assert receipt_digest(token) != receipt_digest(token[:-1] + ("A" if token[-1] != "A" else "B"))
