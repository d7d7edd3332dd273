"""`make eval`: quality of the segmenter and the entity extractor on public gold sets.

The gold sets live outside the repository (default ``../shared/eval`` next to the repo, see its
README) and are read for measuring only. Missing sets are skipped with a message.

    python -m services.cli.evaluate [--eval-dir DIR] [--engines default|both] [--no-process] [--json PATH]

NER goes through the code path of ``newsingest entities`` (tokenize + extract_entities per line) in
process, and the whole ``newsingest entities`` command is also timed as a subprocess on the same text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
NER_TYPES = ("PER", "LOC", "ORG")
_TYPE_OF = {"PERSON": "PER", "LOC": "LOC", "ORG": "ORG"}

Span = tuple[int, int, str]


@dataclass
class PRF:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, gold: set[Span] | set[tuple[int, int]], pred: set[Span] | set[tuple[int, int]]) -> None:
        self.tp += len(gold & pred)
        self.pred += len(pred)
        self.gold += len(gold)

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4), "gold": self.gold}


# --------------------------------------------------------------------------- NER


def read_bio(path: Path) -> list[tuple[str, set[Span]]]:
    """Sentences of a character-per-line BIO file as (text, {(start, end, type)})."""
    sentences: list[tuple[str, set[Span]]] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if chars:
            sentences.append(("".join(chars), bio_spans(tags)))
        chars.clear()
        tags.clear()

    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            ch, _, tag = line.partition("\t")
            chars.append(ch[:1] or " ")
            tags.append(tag.strip() or "O")
    flush()
    return sentences


def bio_spans(tags: Sequence[str]) -> set[Span]:
    spans: set[Span] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and kind == tag[2:]:
            continue
        if kind:
            spans.add((start, i, kind))
            kind = ""
        if tag[:2] in ("B-", "I-"):
            start, kind = i, tag[2:]
    return spans


@dataclass
class NerResult:
    per_type: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in NER_TYPES})
    overall: PRF = field(default_factory=PRF)
    chars: int = 0
    seconds: float = 0.0
    process_seconds: float | None = None


def evaluate_ner(sentences: Sequence[tuple[str, set[Span]]], engine_name: str, process: bool) -> NerResult:
    from services.extractor.entities import extract_entities
    from services.segmenter.engine import get_engine
    from services.segmenter.stage import tokenize

    engine = get_engine(engine_name)
    res = NerResult()
    t0 = time.perf_counter()
    for text, gold in sentences:
        ents = extract_entities(text, tokenize(engine, text), None)
        pred = {(e.start, e.end, _TYPE_OF[e.type]) for e in ents if e.type in _TYPE_OF}
        res.overall.add(gold, pred)
        for t in NER_TYPES:
            res.per_type[t].add({g for g in gold if g[2] == t}, {p for p in pred if p[2] == t})
        res.chars += len(text)
    res.seconds = time.perf_counter() - t0
    if process:
        res.process_seconds = time_entities_process([text for text, _ in sentences], engine_name)
    return res


def _newsingest_cmd() -> list[str]:
    script = Path(sys.executable).parent / "newsingest"
    return [str(script)] if script.exists() else [sys.executable, "-m", "services.cli.main"]


def time_entities_process(lines: Iterable[str], engine_name: str) -> float:
    """Wall time of a whole `newsingest entities --format json FILE` process on these lines."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        path = f.name
    try:
        env = {**os.environ, "SEGMENTER_ENGINE": engine_name}
        t0 = time.perf_counter()
        out = subprocess.run(
            [*_newsingest_cmd(), "entities", "--format", "json", path],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        )
        seconds = time.perf_counter() - t0
        if out.returncode != 0:
            raise RuntimeError(f"newsingest entities failed: {out.stderr[-2000:]}")
        return seconds
    finally:
        os.unlink(path)


# --------------------------------------------------------------------------- segmentation


@dataclass
class SegResult:
    prf: PRF = field(default_factory=PRF)
    oov_recall: float | None = None
    iv_recall: float | None = None
    chars: int = 0
    seconds: float = 0.0


def _word_spans(words: Iterable[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for w in words:
        spans.append((pos, pos + len(w)))
        pos += len(w)
    return spans


def evaluate_segmentation(gold_path: Path, words_path: Path | None, engine_name: str) -> SegResult:
    from services.segmenter.engine import get_engine
    from services.segmenter.stage import tokenize

    engine = get_engine(engine_name)
    vocab: set[str] | None = None
    if words_path and words_path.exists():
        vocab = {w.strip() for w in words_path.read_text(encoding="utf-8").splitlines() if w.strip()}
    res = SegResult()
    oov_hit = oov_all = iv_hit = iv_all = 0
    elapsed = 0.0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold_words = line.split()
        if not gold_words:
            continue
        text = "".join(gold_words)
        t0 = time.perf_counter()
        toks = tokenize(engine, text)
        elapsed += time.perf_counter() - t0
        pred = set(zip([0, *toks.ends[:-1]], toks.ends, strict=True))
        gold_spans = _word_spans(gold_words)
        res.prf.add(set(gold_spans), pred)
        res.chars += len(text)
        if vocab is not None:
            for w, span in zip(gold_words, gold_spans, strict=True):
                hit = span in pred
                if w in vocab:
                    iv_all += 1
                    iv_hit += hit
                else:
                    oov_all += 1
                    oov_hit += hit
    res.seconds = elapsed
    if vocab is not None:
        res.oov_recall = oov_hit / oov_all if oov_all else None
        res.iv_recall = iv_hit / iv_all if iv_all else None
    return res


# --------------------------------------------------------------------------- driver


def _fmt(prf: PRF) -> str:
    return f"P {prf.p:.3f}  R {prf.r:.3f}  F1 {prf.f1:.3f}"


def run(eval_dir: Path, engines: Sequence[str], process: bool = True) -> dict:
    report: dict = {"eval_dir": str(eval_dir), "ner": {}, "segmentation": {}}
    if not eval_dir.is_dir():
        print(f"evaluation data not found at {eval_dir}: skipping evaluation (see its README for the sets)")
        report["skipped"] = True
        return report
    ner_path = eval_dir / "ner" / "msra_test_bio.txt"
    if ner_path.exists():
        sentences = read_bio(ner_path)
        for name in engines:
            res = evaluate_ner(sentences, name, process)
            print(f"NER  MSRA test ({len(sentences)} sentences, {res.chars} chars), engine {name}")
            for t in NER_TYPES:
                print(f"  {t:<8} {_fmt(res.per_type[t])}   (gold {res.per_type[t].gold})")
            print(f"  {'overall':<8} {_fmt(res.overall)}   (gold {res.overall.gold})")
            print(f"  in-process tokenize+extract_entities: {res.chars / res.seconds:,.0f} chars/s")
            entry = {
                "per_type": {t: res.per_type[t].as_dict() for t in NER_TYPES},
                "overall": res.overall.as_dict(),
                "in_process_chars_per_s": round(res.chars / res.seconds),
            }
            if res.process_seconds is not None:
                rate = res.chars / res.process_seconds
                print(f"  whole `newsingest entities` process: {res.process_seconds:.2f} s, {rate:,.0f} chars/s")
                entry["process_chars_per_s"] = round(rate)
            report["ner"][name] = entry
    else:
        print(f"NER gold not found at {ner_path}: skipped")
    for corpus in ("pku", "msr"):
        gold = eval_dir / "segmentation" / f"{corpus}_test_gold.utf8"
        if not gold.exists():
            print(f"segmentation gold not found at {gold}: skipped")
            continue
        words = eval_dir / "segmentation" / f"{corpus}_training_words.utf8"
        for name in engines:
            seg = evaluate_segmentation(gold, words, name)
            oov = f"  OOV-R {seg.oov_recall:.3f}  IV-R {seg.iv_recall:.3f}" if seg.oov_recall is not None else ""
            speed = seg.chars / seg.seconds if seg.seconds else 0.0
            print(f"SEG  {corpus.upper()} engine {name:<7} {_fmt(seg.prf)}{oov}   {speed:,.0f} chars/s")
            report["segmentation"].setdefault(corpus, {})[name] = {
                **seg.prf.as_dict(),
                "oov_recall": None if seg.oov_recall is None else round(seg.oov_recall, 4),
                "iv_recall": None if seg.iv_recall is None else round(seg.iv_recall, 4),
                "chars_per_s": round(speed),
            }
    return report


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="gold sets (default: ../shared/eval)")
    p.add_argument(
        "--engines", choices=["default", "both"], default="default", help="SEGMENTER_ENGINE only, or rjieba and jieba"
    )
    p.add_argument("--no-process", action="store_true", help="skip timing the `newsingest entities` subprocess")
    p.add_argument("--json", metavar="PATH", help="also write the figures as JSON")


def cmd_eval(args: argparse.Namespace) -> int:
    from shared.settings import get_settings

    default = get_settings().segmenter_engine
    engines = [default] if args.engines == "default" else [default, *[e for e in ("rjieba", "jieba") if e != default]]
    report = run(args.eval_dir, engines, process=not args.no_process)
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsingest eval", description=__doc__)
    add_arguments(parser)
    return cmd_eval(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
