"""The one message envelope every hop carries.

A Celery task receives a *batch*: a list of envelopes encoded with `Envelope.to_wire`. Each envelope
names one document; its `payload` is the msgpack-encoded input of the next stage (empty for
`normalise`, which reads the raw bytes from Postgres). The payload is encoded once by the stage that
produced it and passed through as opaque bytes, so nothing is re-encoded per hop.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

import msgpack
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.errors import InvalidInput
from shared.types import Stage
from shared.version import ENVELOPE_VERSION, PIPELINE_VERSION

M = TypeVar("M", bound=BaseModel)


class Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    v: int = Field(ENVELOPE_VERSION, description="envelope schema version")
    document_id: int
    run: int = Field(1, description="processing run of the document; bumped by reprocess")
    trace_id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    pipeline_version: str = PIPELINE_VERSION
    stage: Stage = Field(description="the stage this message is addressed to")
    payload: bytes = Field(b"", description="msgpack of the stage's input model")

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump()

    @classmethod
    def from_wire(cls, data: object) -> Envelope:
        try:
            env = cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput(f"invalid message envelope: {exc.error_count()} error(s)") from exc
        if env.v != ENVELOPE_VERSION:
            raise InvalidInput(f"unsupported envelope version {env.v}")
        return env

    def forward(self, stage: Stage, payload: BaseModel) -> Envelope:
        return self.model_copy(update={"stage": stage, "payload": pack(payload)})

    def unpack(self, model: type[M]) -> M:
        return unpack(self.payload, model)


def pack(model: BaseModel) -> bytes:
    return msgpack.packb(model.model_dump(mode="python"), use_bin_type=True, datetime=False, default=str)


def unpack(data: bytes, model: type[M]) -> M:
    try:
        return model.model_validate(msgpack.unpackb(data, raw=False))
    except (ValidationError, ValueError, msgpack.ExtraData, msgpack.FormatError) as exc:
        raise InvalidInput(f"invalid {model.__name__} payload: {exc}") from exc
