from __future__ import annotations

import msgpack
import pytest

from shared.envelope import Envelope, pack
from shared.errors import InvalidInput
from shared.types import ArticleText, NormalisedPage, PageMeta
from shared.version import PIPELINE_VERSION


def _page() -> NormalisedPage:
    return NormalisedPage(
        encoding="utf-8",
        document=PageMeta(date="2023-06-26"),
        articles=[ArticleText(title="标题", body="习近平在人民大会堂同土库曼斯坦总统会谈。", authors=["刘华"])],
    )


def test_roundtrip_through_wire_and_msgpack():
    env = Envelope(document_id=7, stage="normalise").forward("segment", _page())
    wire = msgpack.unpackb(msgpack.packb([env.to_wire()], use_bin_type=True), raw=False)[0]
    back = Envelope.from_wire(wire)
    assert back == env
    assert back.stage == "segment" and back.pipeline_version == PIPELINE_VERSION
    assert back.unpack(NormalisedPage) == _page()


def test_payload_is_utf8_not_escaped():
    page = _page()
    payload = pack(page)
    body = page.articles[0].body
    assert body.encode("utf-8") in payload  # raw UTF-8 bytes, not \\uXXXX escapes
    assert len(payload) < 2 * len(body.encode("utf-8")) + 200


@pytest.mark.parametrize(
    "wire",
    [
        {"document_id": "x", "stage": "segment"},
        {"document_id": 1, "stage": "nope"},
        "junk",
        {"document_id": 1, "stage": "store", "v": 99},
    ],
)
def test_invalid_envelopes_are_invalid_input(wire):
    with pytest.raises(InvalidInput):
        Envelope.from_wire(wire)


def test_invalid_payload_is_invalid_input():
    env = Envelope(document_id=1, stage="segment", payload=b"\x93garbage")
    with pytest.raises(InvalidInput):
        env.unpack(NormalisedPage)
