"""`make run`: the API, the four stage workers and Flower as child processes, in the foreground.

PROCESSES is the single list of what the stack runs; docker-compose.yml mirrors it (a test checks).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass

from shared.celery_app import QUEUES
from shared.settings import Settings
from shared.types import Stage

SERVICES: dict[str, Stage] = {
    "normaliser": "normalise",
    "segmenter": "segment",
    "extractor": "extract",
    "storer": "store",
}


@dataclass(frozen=True)
class Process:
    name: str
    argv: list[str]


def processes(settings: Settings) -> list[Process]:
    workers = [
        Process(
            f"{service}",
            [
                "celery",
                "-A",
                f"services.{service}.worker",
                "worker",
                "-Q",
                QUEUES[stage],
                "-n",
                f"{service}@%h",
                "-c",
                str(settings.storer_concurrency if service == "storer" else settings.worker_concurrency),
                "--loglevel",
                settings.log_level.lower(),
                "-E",
            ],
        )
        for service, stage in SERVICES.items()
    ]
    return [
        Process(
            "api",
            [
                "uvicorn",
                "--factory",
                "services.api.main:create_app",
                "--host",
                settings.api_host,
                "--port",
                str(settings.api_port),
            ],
        ),
        *workers,
        Process(
            "flower",
            [
                "celery",
                "-A",
                "services.storer.worker",
                "flower",
                f"--port={settings.flower_port}",
                f"--address={settings.api_host}",
            ],
        ),
    ]


def stop_children(children: Mapping[str, subprocess.Popen[bytes]], grace: float = 20) -> None:
    """SIGTERM every child's process group, then SIGKILL what is still running after `grace` seconds."""
    for child in children.values():
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for child in children.values():
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def supervise(settings: Settings) -> int:
    bindir = os.path.dirname(sys.executable)
    children: dict[str, subprocess.Popen[bytes]] = {}
    for proc in processes(settings):
        argv = [os.path.join(bindir, proc.argv[0]), *proc.argv[1:]]
        children[proc.name] = subprocess.Popen(argv, start_new_session=True)
        print(f"started {proc.name} (pid {children[proc.name].pid}): {' '.join(proc.argv)}", flush=True)
    print(
        f"API on http://{settings.api_host}:{settings.api_port} (docs at /docs), "
        f"Flower on http://127.0.0.1:{settings.flower_port}. Ctrl-C stops everything.",
        flush=True,
    )
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for name, child in children.items():
            if child.poll() is not None:
                print(f"{name} exited with {child.returncode}; stopping the stack", flush=True)
                code, stopping = 1, True
                break
        time.sleep(0.5)
    stop_children(children, grace=15)
    return code
