from __future__ import annotations

from services.normaliser.blocks import Block
from services.normaliser.masthead import masthead
from shared.types import PageMeta


def test_masthead_facts():
    blocks = [
        Block("furniture", "《徐汇报》数字报 <http://www.xuhuibao.com>"),
        Block("furniture", "准印证号（B）0150 / 第26期（总第1732期） / 2023年6月26日 星期一"),
    ]
    assert masthead(blocks, PageMeta()) == PageMeta(
        publication="徐汇报", date="2023-06-26", issue="第26期（总第1732期）"
    )


def test_upload_metadata_wins():
    meta = masthead([Block("furniture", "2023年6月26日 星期一")], PageMeta(date="2023-01-07", page=1))
    assert (meta.date, meta.page) == ("2023-01-07", 1)
