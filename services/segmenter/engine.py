"""Segmentation engines behind one small interface: rjieba (Rust, default) and jieba (Python).

Both use jieba's dictionary and algorithm, plus two user dictionaries in jieba's format
(`word [freq] [tag]` a line, `#` comments):

- the news dictionary shipped in `services/segmenter/data/news_dict.txt` (Shanghai districts and
  places, organisations, programmes, office titles; public knowledge);
- an operator's file named by the `USER_DICT_PATH` setting. Running engines look at its modification
  time at most every `USER_DICT_CHECK_INTERVAL` seconds and rebuild their dictionary when it changed,
  so words added (or removed) there are used without restarting a worker.

Text is folded from full-width to half-width (`Ｈｅｌｌｏ１２３` → `Hello123`, ideographic space → space)
before it is cut; the fold maps one character to one character, so token offsets are those of the
original text. `load()` warms the engine so a worker pays the dictionary load once, before Celery
forks its pool.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

NEWS_DICT = Path(__file__).resolve().parent / "data" / "news_dict.txt"

# Full-width ASCII (U+FF01..U+FF5E) → ASCII, ideographic space → space: one char for one char.
FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FOLDABLE = re.compile("[\uff01-\uff5e\u3000]")
_FOLDED = {chr(k): chr(v) for k, v in FULLWIDTH.items()}


def _fold_char(m: re.Match[str]) -> str:
    return _FOLDED[m.group()]


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation as their ASCII forms; same length as `text`."""
    # the same as text.translate(FULLWIDTH), 2-3 times faster: translate() looks every character up
    return _FOLDABLE.sub(_fold_char, text) if len(text) < 256 else _fold_long(text)


@lru_cache(maxsize=32)
def _fold_long(text: str) -> str:
    # the segmenter and then the extractor fold the same article bodies, one page after the other
    return _FOLDABLE.sub(_fold_char, text)


def read_dict(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Entries of a jieba-format dictionary file: (word, freq or None, tag or None)."""
    entries: list[tuple[str, int | None, str | None]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip() if raw.lstrip().startswith("#") else raw.strip()
        if not line:
            continue
        parts = line.split()
        word, freq, tag = parts[0], None, None
        for extra in parts[1:3]:
            if extra.isdigit():
                freq = int(extra)
            else:
                tag = extra
        entries.append((fold_width(word), freq, tag))
    return entries


class Engine(ABC):
    name: str

    def __init__(self, user_dict: str | os.PathLike[str] | None = None, check_interval: float = 5.0) -> None:
        self.user_dict = Path(user_dict) if user_dict else None
        self.check_interval = check_interval
        self._stamp: tuple[float, int] | None = None
        self._next_check = 0.0
        self._lock = threading.Lock()
        self._build()

    # -- dictionary management

    def _user_stamp(self) -> tuple[float, int] | None:
        if self.user_dict is None:
            return None
        try:
            st = self.user_dict.stat()
        except OSError:
            return None
        return (st.st_mtime, st.st_size)

    def entries(self) -> list[tuple[str, int | None, str | None]]:
        words = read_dict(NEWS_DICT)
        if self.user_dict is not None and self.user_dict.exists():
            try:
                words += read_dict(self.user_dict)
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("user dictionary %s unreadable, ignored: %s", self.user_dict, exc)
        return words

    def _build(self) -> None:
        self._stamp = self._user_stamp()
        self._new_backend(self.entries())
        self._next_check = time.monotonic() + self.check_interval

    def maybe_reload(self, force: bool = False) -> bool:
        """Rebuild the dictionary if the operator's file changed; True if it did."""
        now = time.monotonic()
        if not force and (self.user_dict is None or now < self._next_check):
            return False
        with self._lock:
            self._next_check = now + self.check_interval
            stamp = self._user_stamp()
            if not force and stamp == self._stamp:
                return False
            log.info("reloading user dictionary %s", self.user_dict)
            self._build()
            return True

    @abstractmethod
    def _new_backend(self, words: Iterable[tuple[str, int | None, str | None]]) -> None: ...

    @abstractmethod
    def _tag(self, text: str) -> list[tuple[str, str]]: ...

    def tag_folded(self, text: str) -> list[tuple[str, str]]:
        """(word, POS) pairs of `fold_width(text)` (same lengths as in `text`)."""
        self.maybe_reload()
        return self._tag(fold_width(text))

    def cut_folded(self, text: str) -> tuple[Sequence[str], list[str]]:
        """Words and POS tags of `fold_width(text)` as two parallel sequences."""
        pairs = self.tag_folded(text)
        return [w for w, _ in pairs], [t for _, t in pairs]

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, POS) pairs covering `text` exactly, in order (words are slices of `text`)."""
        self.maybe_reload()
        folded = fold_width(text)
        pairs = self._tag(folded)
        if folded == text:
            return pairs
        out, pos = [], 0
        for word, tag in pairs:
            out.append((text[pos : pos + len(word)], tag))
            pos += len(word)
        return out

    def load(self) -> None:
        self.tag("上海")


_DEFAULT_TAKEN = False  # whether an engine already owns rjieba's module-level instance


class RJiebaEngine(Engine):
    name = "rjieba"
    _jieba: Any
    _tags: dict[str, str]

    def _new_backend(self, words: Iterable[tuple[str, int | None, str | None]]) -> None:
        import rjieba

        # The module's default instance is already loaded at import (0.15 s); use it for the first build
        # and load a fresh one only when the user dictionary is rebuilt (words may have been removed).
        global _DEFAULT_TAKEN
        if _DEFAULT_TAKEN:
            backend = rjieba.Jieba()
        else:
            backend, _DEFAULT_TAKEN = rjieba._DEFAULT_JIEBA, True
        overrides: dict[str, str] = {}
        for word, freq, tag in words:
            backend.add_word(word, freq, tag)
            if tag:
                overrides[word] = tag  # rjieba keeps the tag of a word it already knows (徐汇区 nr)
        self._jieba, self._tags = backend, overrides

    def _tag(self, text: str) -> list[tuple[str, str]]:
        tags = self._tags
        return [(w, tags.get(w, t)) for w, t in self._jieba.tag(text)]

    def cut_folded(self, text: str) -> tuple[Sequence[str], list[str]]:
        self.maybe_reload()
        pairs = self._jieba.tag(fold_width(text))
        if not pairs:
            return (), []
        words, tags = zip(*pairs, strict=True)
        return words, list(map(self._tags.get, words, tags))


class JiebaEngine(Engine):
    name = "jieba"
    _tokenizer: Any

    def _new_backend(self, words: Iterable[tuple[str, int | None, str | None]]) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        base = jieba.Tokenizer()
        tokenizer = jieba.posseg.POSTokenizer(base)
        base.initialize()
        for word, freq, tag in words:
            base.add_word(word, freq, tag)
            if tag:
                tokenizer.word_tag_tab[word] = tag
        self._tokenizer = tokenizer

    def _tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._tokenizer.cut(text)]


ENGINES: dict[str, type[Engine]] = {"rjieba": RJiebaEngine, "jieba": JiebaEngine}


def make_engine(name: str, user_dict: str | os.PathLike[str] | None = None, check_interval: float = 5.0) -> Engine:
    if name not in ENGINES:
        raise ValueError(f"unknown segmentation engine {name!r} (choose from {', '.join(ENGINES)})")
    engine = ENGINES[name](user_dict, check_interval)
    engine.load()
    return engine


@lru_cache(maxsize=2)
def get_engine(name: str) -> Engine:
    """The process-wide engine `name`, with the shipped and the operator's user dictionaries."""
    from shared.settings import get_settings

    settings = get_settings()
    return make_engine(name, settings.user_dict_path or None, settings.user_dict_check_interval)
