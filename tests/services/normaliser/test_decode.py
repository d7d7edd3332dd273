from __future__ import annotations

import os

import pytest

from services.normaliser.decode import decode
from shared.errors import InvalidInput


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_seed_pages_decode_in_every_encoding(seed_paths, encoding):
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue  # GBK lacks a few characters of some pages; GB18030 covers them
        decoded, _ = decode(data)
        assert decoded == text


def test_big5_traditional_text():
    text = "中華人民共和國國務院總理在會議上發表講話，強調經濟發展與環境保護並重。" * 3
    decoded, enc = decode(text.encode("big5"))
    assert (decoded, enc) == (text, "big5")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (bytes(range(256)) * 10, "binary"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(4000), "binary"),
        (b"\xff\xfe" + b"\x00\xd8" * 50, "utf-16"),
    ],
)
def test_refuses_bad_input_with_reason(data, reason):
    with pytest.raises(InvalidInput, match=reason):
        decode(data)
