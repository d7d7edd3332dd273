"""docker-compose.yml and deploy/Dockerfile mirror what `make run` starts (no Docker engine needed)."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml

from services.cli.supervisor import processes
from shared.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
MAKEFILE = ROOT / "Makefile"
IMAGE = "newsingest:latest"
ONE_SHOT = {"migrate"}


def load_compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("services"), dict)
    return data


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment as the container sees it (compose accepts a mapping or a KEY=VALUE list)."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items() if v is not None}


def settings_from(env: dict[str, str]) -> Settings:
    """Settings as the service would read them from `env` alone: no OS environment, no .env file."""
    fields: dict[str, Any] = {k.lower(): v for k, v in env.items() if k.lower() in Settings.model_fields}
    with mock.patch.dict(os.environ, {}, clear=True):
        return Settings(_env_file=None, **fields)


def project_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: svc for name, svc in compose["services"].items() if svc.get("image") == IMAGE or "build" in svc}


def command_mismatches(compose: dict[str, Any]) -> list[str]:
    """Every way the compose commands differ from processes(settings) of their own environment."""
    problems = []
    services = compose["services"]
    for name in [p.name for p in processes(Settings.model_construct())]:
        if name not in services:
            problems.append(f"{name}: no compose service")
            continue
        service = services[name]
        expected = {p.name: p.argv for p in processes(settings_from(environment(service)))}[name]
        if service.get("command") != expected:
            problems.append(f"{name}: command {service.get('command')!r} != {expected!r}")
    return problems


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load_compose()


def test_commands_are_the_supervisor_argv(compose: dict[str, Any]) -> None:
    assert command_mismatches(compose) == []


def test_commands_are_yaml_lists(compose: dict[str, Any]) -> None:
    for name, service in project_services(compose).items():
        assert isinstance(service["command"], list), name
        assert all(isinstance(arg, str) for arg in service["command"]), name


def test_a_drifted_command_is_caught(compose: dict[str, Any]) -> None:
    drifted = copy.deepcopy(compose)
    drifted["services"]["segmenter"]["command"][-1] = "--without-mingle"
    assert [p.split(":")[0] for p in command_mismatches(drifted)] == ["segmenter"]

    missing = copy.deepcopy(compose)
    del missing["services"]["flower"]
    assert command_mismatches(missing) == ["flower: no compose service"]


def test_a_drifted_environment_is_caught(compose: dict[str, Any]) -> None:
    drifted = copy.deepcopy(compose)
    drifted["services"]["extractor"]["environment"] = {
        **environment(drifted["services"]["extractor"]),
        "WORKER_CONCURRENCY": "3",
    }
    assert [p.split(":")[0] for p in command_mismatches(drifted)] == ["extractor"]


def test_os_environment_does_not_leak_into_compose_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKER_CONCURRENCY", "7")
    monkeypatch.setenv("API_PORT", "9999")
    s = settings_from({"API_HOST": "0.0.0.0"})
    assert (s.api_host, s.worker_concurrency, s.api_port) == ("0.0.0.0", 1, 8000)
    assert os.environ["WORKER_CONCURRENCY"] == "7"  # restored afterwards


def test_common_environment(compose: dict[str, Any]) -> None:
    services = project_services(compose)
    assert set(services) >= {"migrate", "api", "flower"}
    for name, service in services.items():
        env = environment(service)
        assert env["DATABASE_URL"] == "postgresql://postgres:postgres@postgres:5432/newsingest", name
        assert env["REDIS_URL"] == "redis://redis:6379/0", name
        assert env["API_HOST"] == "0.0.0.0", name
        settings_from(env)  # valid for the settings validators


def test_project_image_runs_only_what_make_run_starts_plus_migrate(compose: dict[str, Any]) -> None:
    expected = {p.name for p in processes(Settings.model_construct())}
    assert set(project_services(compose)) == expected | ONE_SHOT
    for name, service in project_services(compose).items():
        build = service.get("build")
        assert isinstance(build, dict), name
        assert (build.get("context"), build.get("dockerfile")) == (".", "deploy/Dockerfile"), name


def test_migrate_is_one_shot_and_gates_the_stack(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["migrate"]["command"] == ["newsingest", "migrate"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["migrate"].get("restart") in (None, "no")
    for name in ("api", "normaliser", "segmenter", "extractor", "storer"):
        deps = services[name]["depends_on"]
        assert deps["postgres"]["condition"] == "service_healthy", name
        assert deps["redis"]["condition"] == "service_healthy", name
        assert deps["migrate"]["condition"] == "service_completed_successfully", name
    assert services["flower"]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_healthchecks(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name in ("postgres", "redis", "api"):
        assert services[name].get("healthcheck", {}).get("test"), name
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]
    api_check = " ".join(services["api"]["healthcheck"]["test"])
    port = settings_from(environment(services["api"])).api_port
    assert "urllib" in api_check and f":{port}/healthz" in api_check


def test_redis_persists_with_aof(compose: dict[str, Any]) -> None:
    redis = compose["services"]["redis"]
    command = redis["command"]
    argv = command.split() if isinstance(command, str) else command
    assert "--appendonly" in argv and argv[argv.index("--appendonly") + 1] == "yes"
    assert any(str(v).endswith(":/data") for v in redis["volumes"])
    assert any(str(v).endswith(":/var/lib/postgresql/data") for v in compose["services"]["postgres"]["volumes"])


def test_dockerfile_installs_the_project() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    instructions = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert instructions[0] == "FROM python:3.11-slim"
    assert re.search(r"^RUN pip install \.( |$)", text, re.M)
    assert re.search(r"^WORKDIR /app$", text, re.M)
    for src in ("shared/", "services/", "seeds/", "pyproject.toml"):
        assert re.search(rf"^COPY .*{re.escape(src)}", text, re.M), src
    users = re.findall(r"^USER (\S+)$", text, re.M)
    assert users and users[-1] not in ("root", "0"), "the image must not run as root"
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv/", ".git/"} <= set(ignored)


def test_make_up_runs_docker_compose_up() -> None:
    recipe: list[str] = []
    lines = MAKEFILE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"^up\s*:", line))
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    assert any(re.match(r"^docker compose up\b", cmd) for cmd in recipe), recipe
