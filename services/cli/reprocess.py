"""`newsingest reprocess`: re-run stored documents after a rule or dictionary change."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from shared.version import PIPELINE_VERSION

if TYPE_CHECKING:
    from shared.settings import Settings


def add_arguments(p: argparse.ArgumentParser) -> None:
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every document")
    which.add_argument("--failed", action="store_true", help="documents whose last run failed")
    which.add_argument("--since", type=dt.date.fromisoformat, help="documents uploaded on or after YYYY-MM-DD")
    which.add_argument(
        "--outdated", action="store_true", help=f"documents stored by a pipeline other than {PIPELINE_VERSION}"
    )
    which.add_argument(
        "--stuck",
        type=int,
        metavar="MINUTES",
        help="documents not stored or failed and untouched for MINUTES (a lost message); safe to run from cron",
    )
    which.add_argument("--ids", type=lambda s: [int(x) for x in s.split(",")], help="comma-separated ids")


def run(args: argparse.Namespace, settings: Settings) -> int:
    # imported here: the parser is built for every command, and Celery costs 0.4 s to import
    from shared.celery_app import make_app
    from shared.db import connect
    from shared.reprocess import Selection, reprocess

    sel = Selection(
        ids=args.ids,
        all=args.all,
        failed=args.failed,
        since=args.since,
        outdated_from=PIPELINE_VERSION if args.outdated else None,
        stuck_minutes=args.stuck,
    )
    with connect(settings.database_url) as conn:
        started = reprocess(conn, make_app("newsingest-cli", settings), sel)
    print(f"queued {len(started)} document(s) for reprocessing")
    return 0
