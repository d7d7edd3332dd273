"""Start the real stack (uvicorn API + four Celery workers) as subprocesses for the end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from services.cli.supervisor import processes, stop_children
from shared.settings import Settings

BIN = Path(sys.executable).parent


def die_with_parent() -> None:
    """In the child: get SIGTERM when the test process dies, so a killed test run leaks no workers."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Stack:
    def __init__(self, settings: Settings, logdir: Path) -> None:
        self.settings = settings
        self.logdir = logdir
        self.children: dict[str, subprocess.Popen[bytes]] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings.api_port}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({name.upper(): str(value) for name, value in self.settings.model_dump().items()})
        return env

    def start(self, names: set[str] | None = None) -> None:
        for proc in processes(self.settings):
            if proc.name == "flower" or (names is not None and proc.name not in names):
                continue
            self.start_one(proc.name, proc.argv)

    def start_one(self, name: str, argv: list[str]) -> None:
        log = open(self.logdir / f"{name}.log", "ab")
        self.children[name] = subprocess.Popen(
            [str(BIN / argv[0]), *argv[1:]],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, child in self.children.items():
                if child.poll() is not None:
                    raise RuntimeError(f"{name} exited early:\n{self.log(name)}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise TimeoutError("API not ready")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        child = self.children.pop(name)
        os.killpg(child.pid, sig)
        child.wait(30)

    def stop(self) -> None:
        stop_children(self.children)
        self.children.clear()

    def log(self, name: str) -> str:
        path = self.logdir / f"{name}.log"
        return path.read_text(errors="replace")[-5000:] if path.exists() else ""
