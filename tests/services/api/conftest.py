from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient

from services.api.main import create_app
from shared.settings import Settings


@pytest.fixture
def api_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_upload_bytes": 64 * 1024, "max_files_per_request": 5})


@pytest.fixture
def client(api_settings: Settings, db) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings)) as c:
        yield c


@pytest.fixture
def broker(redis_url: str) -> Iterator[redis.Redis]:
    r = redis.Redis.from_url(redis_url)
    r.delete("newsingest.normalise")
    yield r
    r.delete("newsingest.normalise")
    r.close()
