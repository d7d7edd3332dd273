"""The `newsingest` command."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from services.cli.evaluate import add_arguments as eval_arguments
from services.cli.reprocess import add_arguments as reprocess_arguments
from shared.settings import get_settings


def _print_summary(path: str, doc: dict) -> None:
    meta = doc["document"]
    print(
        f"{path}: {len(doc['articles'])} article(s)  "
        f"[{meta['publication'] or '?'} {meta['date'] or '?'} issue={meta['issue'] or '-'}]"
    )
    for n, a in enumerate(doc["articles"], 1):
        people = sorted({e["text"] for e in a["entities"] if e["type"] == "PERSON"})
        print(f"  {n}. {a['title']}")
        if a["authors"]:
            print(f"     by {', '.join(a['authors'])}")
        print(
            f"     {len(a['body'])} chars; people: {', '.join(people[:8]) or '-'}; "
            f"keywords: {', '.join(a['keywords'][:5])}"
        )


def cmd_process(args: argparse.Namespace) -> int:
    from services.cli.pipeline import contract, run_pipeline
    from shared.errors import InvalidInput
    from shared.types import RawDocument

    status = 0
    for path in args.files:
        try:
            result = run_pipeline(RawDocument(data=Path(path).read_bytes(), filename=Path(path).name))
        except (InvalidInput, OSError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            status = 1
            continue
        doc = contract(path, result)
        if args.format == "json":
            print(json.dumps(doc, ensure_ascii=False))
        else:
            _print_summary(path, doc)
    return status


def cmd_entities(args: argparse.Namespace) -> int:
    from services.extractor.entities import extract_entities
    from services.segmenter.engine import get_engine
    from services.segmenter.stage import tokenize

    engine = get_engine(get_settings().segmenter_engine)
    stream = open(args.file, encoding="utf-8") if args.file != "-" else sys.stdin
    out = sys.stdout
    with stream:
        for line in stream:
            text = line.rstrip("\n")
            ents = extract_entities(text, tokenize(engine, text), None) if text else []
            if args.format == "json":
                out.write(json.dumps({"entities": [e.model_dump() for e in ents]}, ensure_ascii=False) + "\n")
            else:
                out.write("\t".join(f"{e.type}:{e.text}" for e in ents) + "\n")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from services.cli.ingest import ingest

    form = {k: v for k in ("publication", "date", "page") if (v := getattr(args, k))}
    return ingest(args.paths, args.api or get_settings().api_url, args.wait, form, args.batch, args.timeout)


def cmd_check(args: argparse.Namespace) -> int:
    from services.cli.preflight import preflight

    return preflight(get_settings())


def cmd_migrate(args: argparse.Namespace) -> int:
    from shared.db import ensure_database, migrate, schema_version

    url = get_settings().database_url
    ensure_database(url)
    applied = migrate(url)
    print(f"schema at version {schema_version(url)}" + (f" (applied {applied})" if applied else " (up to date)"))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from services.cli.supervisor import supervise

    if cmd_check(args) or cmd_migrate(args):
        return 1
    return supervise(get_settings())


def cmd_bench(args: argparse.Namespace) -> int:
    from services.cli.bench import BenchOptions, bench

    return bench(
        BenchOptions(
            pages=args.pages,
            batch=args.batch,
            api=args.api,
            concurrency=args.concurrency,
            uploaders=args.uploaders,
            redis_url=args.redis_url,
            json_path=args.json,
            seed=args.seed,
            timeout=args.timeout,
        )
    )


def cmd_bench_storage(args: argparse.Namespace) -> int:
    from services.cli.bench_storage import StorageOptions, bench_storage

    opts = StorageOptions(args.articles, args.repeats, args.batch, args.connections, args.json)
    return bench_storage(opts, get_settings())


def cmd_eval(args: argparse.Namespace) -> int:
    from services.cli.evaluate import cmd_eval as run_eval

    return run_eval(args)


def cmd_reprocess(args: argparse.Namespace) -> int:
    from services.cli.reprocess import run

    return run(args, get_settings())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsingest", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("process", help="run the whole pipeline in-process on files; no Redis or Postgres")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_process)

    p = sub.add_parser("entities", help="entities of each line of a plain-text file (JSON Lines)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("file", help="path, or - for standard input")
    p.set_defaults(func=cmd_entities)

    p = sub.add_parser("ingest", help="upload files or a directory to a running API")
    p.add_argument("paths", nargs="+")
    p.add_argument("--wait", action="store_true", help="show progress until every document is stored or failed")
    p.add_argument("--api", help="API base URL (default: API_URL setting)")
    p.add_argument("--publication")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--page")
    p.add_argument("--batch", type=int, default=20, help="files per upload request")
    p.add_argument("--timeout", type=float, default=600, help="seconds --wait waits at most")
    p.set_defaults(func=cmd_ingest)

    sub.add_parser("check", help="check that Postgres and Redis are reachable").set_defaults(func=cmd_check)
    sub.add_parser("migrate", help="create the database if needed and apply migrations").set_defaults(func=cmd_migrate)
    sub.add_parser("run", help="check, migrate, then run API, workers and Flower").set_defaults(func=cmd_run)

    p = sub.add_parser("bench", help="throughput of the real stack vs. the in-process pipeline, latency, CPU per stage")
    p.add_argument("--pages", type=int, default=2000, help="distinct pages built from seeds/")
    p.add_argument("--batch", type=int, default=20, help="files per upload request")
    p.add_argument("--api", help="use the stack behind this API URL if it answers /readyz (else start one)")
    p.add_argument("--concurrency", type=int, help="-c of each worker started here (default: WORKER_CONCURRENCY)")
    p.add_argument("--uploaders", type=int, default=4, help="concurrent upload threads")
    p.add_argument("--redis-url", help="Redis URL for a stack started here (default: a free db on REDIS_URL)")
    p.add_argument("--seed", type=int, help="page generator seed (default 0; random with --api)")
    p.add_argument("--timeout", type=float, default=1800, help="seconds to wait for all pages to finish")
    p.add_argument("--json", metavar="PATH", help="also write all figures as JSON")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("bench-storage", help="storer pages/s and search latency over ~100k stored articles")
    p.add_argument("--articles", type=int, default=100_000, help="articles to store before timing search")
    p.add_argument("--batch", type=int, default=20, help="pages per storer transaction")
    p.add_argument("--connections", type=int, default=2, help="parallel storer connections (like -c of the storer)")
    p.add_argument("--repeats", type=int, default=20, help="times each search query is timed")
    p.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    p.set_defaults(func=cmd_bench_storage)

    p = sub.add_parser("eval", help="quality on the public gold sets in ../shared/eval (skipped when absent)")
    eval_arguments(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("reprocess", help="re-run documents (after a rule or dictionary change)")
    reprocess_arguments(p)
    p.set_defaults(func=cmd_reprocess)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
