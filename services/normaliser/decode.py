"""Bytes → text: BOM, UTF-8, UTF-16, GB18030 (⊃ GBK/GB2312), Big5, with Chinese sanity checks.

Refuses empty, binary and undecodable input with InvalidInput rather than storing mojibake.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from shared.errors import InvalidInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF


def _plausible(text: str) -> bool:
    """Text, not binary: few control characters, no replacement characters, some real content."""
    if not text.strip():
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad <= max(2, len(text) // 200)


def _cjk_ratio(text: str) -> float:
    letters = [ch for ch in text if not ch.isspace()]
    return sum(map(_is_cjk, letters)) / len(letters) if letters else 0.0


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: only considered when NUL bytes show up (they never do in UTF-8/GB text)."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text) and (text.isascii() or (_cjk_ratio(text) > 0.3 and _common_ratio(text) > 0.9)):
            return text
    return None


def _plausible_or_raise(text: str) -> str:
    if not _plausible(text):
        raise InvalidInput("binary content, not a text page")
    return text


def _common_ratio(text: str) -> float:
    """Share of CJK characters in GB2312, the ~6,800 characters that make up ordinary text."""
    cjk = [ch for ch in text if _is_cjk(ch)]
    if not cjk:
        return 0.0
    common = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(cjk)


def _decode_legacy(data: bytes) -> tuple[str, str] | None:
    # GB18030 decodes almost any byte string, Big5 included (into rare characters), so a GB18030
    # reading must be mostly common characters; otherwise Big5 is tried.
    candidates: list[tuple[float, str, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text) and _cjk_ratio(text) > 0.2:
            score = _common_ratio(text) if enc == "gb18030" else 0.8
            candidates.append((score, enc, text))
    if not candidates:
        return None
    _, enc, text = max(candidates)
    return text, enc


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise InvalidInput with the reason."""
    if not data or not data.strip():
        raise InvalidInput("empty document")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InvalidInput(f"invalid {enc} after byte-order mark: {exc.reason}") from exc
            if _plausible(text):
                return text, enc
            raise InvalidInput(f"binary content after {enc} byte-order mark")
    text16 = _utf16_without_bom(data)
    if text16 is not None and _plausible(text16):
        return text16, "utf-16"
    if b"\x00" in data:
        raise InvalidInput("binary content (NUL bytes), not a text page")
    try:
        return _plausible_or_raise(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    legacy = _decode_legacy(data)
    if legacy is not None:
        return legacy
    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _plausible(text) and _cjk_ratio(text) > 0.3:
            return text, best.encoding
    raise InvalidInput("undecodable bytes: not UTF-8, UTF-16, GB18030 or Big5 text")
