"""Segmentation engines behind one small interface: rjieba (Rust, default) and jieba (Python).

Both use jieba's dictionary and algorithm; `load()` warms them up so a worker pays the dictionary
load once, before Celery forks its pool.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from functools import lru_cache


class Engine(ABC):
    name: str

    @abstractmethod
    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, POS) pairs covering `text` exactly, in order."""

    def load(self) -> None:
        self.tag("上海")


class RJiebaEngine(Engine):
    name = "rjieba"

    def tag(self, text: str) -> list[tuple[str, str]]:
        import rjieba

        return list(rjieba.tag(text))


class JiebaEngine(Engine):
    name = "jieba"

    def __init__(self) -> None:
        import logging

        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._tokenizer.cut(text)]


@lru_cache(maxsize=2)
def get_engine(name: str) -> Engine:
    engine: Engine = RJiebaEngine() if name == "rjieba" else JiebaEngine()
    engine.load()
    return engine
