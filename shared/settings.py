"""One settings object, read from the environment (prefix-free names) and checked at start.

Every setting is documented here and in the README's Configuration table.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:5432/newsingest",
        description="PostgreSQL URL of the newsingest database (created by `make migrate` if missing).",
    )
    redis_url: str = Field("redis://127.0.0.1:6379/0", description="Redis URL used as the Celery broker.")
    api_host: str = Field("127.0.0.1", description="Interface the API and Flower bind to.")
    api_port: int = Field(8000, description="Port the API listens on.")
    api_url: str = Field("http://127.0.0.1:8000", description="Where `newsingest ingest` finds a running API.")
    flower_port: int = Field(5555, description="Port of the Flower dashboard started by `make run`.")
    max_upload_bytes: int = Field(20 * 1024 * 1024, description="Largest accepted file (bytes); larger files get 413.")
    max_request_bytes: int = Field(
        200 * 1024 * 1024, description="Largest accepted request body (bytes); larger get 413."
    )
    max_files_per_request: int = Field(200, description="Most files in one upload; more get 413.")
    worker_concurrency: int = Field(
        1, description="Processes per normaliser, segmenter and extractor worker started by `make run`."
    )
    storer_concurrency: int = Field(
        2,
        description="Processes of the storer worker started by `make run`: it mostly waits on Postgres, "
        "so two keep it ahead of the CPU-bound stages.",
    )
    visibility_timeout: int = Field(
        900,
        description="Seconds before Redis re-delivers a message whose worker died without acking it. "
        "Must exceed the longest task run time.",
    )
    redelivery_check_interval: int = Field(
        10,
        description="Seconds between a worker's scans for unacknowledged messages older than "
        "VISIBILITY_TIMEOUT, which it puts back on their queue.",
    )
    task_max_retries: int = Field(8, description="Retries of a stage after transient errors.")
    retry_backoff_max: int = Field(300, description="Cap (seconds) of the exponential retry backoff.")
    segmenter_engine: Literal["rjieba", "jieba"] = Field(
        "rjieba", description="Segmentation engine: rjieba (Rust port, fast) or jieba (pure Python)."
    )
    user_dict_path: str = Field(
        "",
        description="Operator's user dictionary for the segmenter (jieba format: `word [freq] [tag]` a line); "
        "running workers pick up changes without a restart. Empty: only the shipped news dictionary.",
    )
    user_dict_check_interval: int = Field(
        5, description="Seconds between the segmenter's checks of USER_DICT_PATH for changes."
    )
    search_window: int = Field(
        200,
        description="/v1/search ranks this many of the most recent matching articles (bounds its latency on "
        "common words).",
    )
    log_level: str = Field("INFO", description="Log level of API and workers.")

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, v: str) -> str:
        if not v.startswith(("postgresql://", "postgres://")):
            raise ValueError("DATABASE_URL must be a postgresql:// URL")
        return v

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, v: str) -> str:
        if not v.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("REDIS_URL must be a redis:// URL")
        return v

    @field_validator(
        "max_upload_bytes",
        "max_files_per_request",
        "worker_concurrency",
        "storer_concurrency",
        "visibility_timeout",
        "search_window",
    )
    @classmethod
    def _positive(cls, v: int) -> int:
        if v <= 0:
            raise ValueError("must be positive")
        return v


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
