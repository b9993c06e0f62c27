"""A disclosure's own date, from the lines under its title."""

from __future__ import annotations

import pytest

from jixiao.domain.stated_date import StatedDate, stated_date


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("# 聊城市 2022 年度市级重点项目\n\n聊城市财政局\n\n2022 年 5 月\n\n# 目 录", StatedDate(2022, 5)),
        ("# 2022 年预算区级重点项目\n\n临淄区财政局\n\n二〇二二年二月\n", StatedDate(2022, 2)),
        ("标题\n二〇二三年十二月二十一日\n", StatedDate(2023, 12, 21)),
        ("标题\n2023年3月8日", StatedDate(2023, 3, 8)),
    ],
)
def test_a_date_standing_alone_under_the_title_is_the_documents(head, expected):
    assert stated_date(head) == expected


@pytest.mark.parametrize(
    "head",
    [
        "2023年预算重点项目及部门整体 绩效公开\n\n编 报 说 明\n按照2022年5月的通知",  # inside a sentence
        "标题\n2022 年 13 月",
        "",
    ],
)
def test_no_date_is_read_where_none_stands_alone(head):
    assert stated_date(head) is None


def test_a_date_far_below_the_head_is_not_the_documents():
    assert stated_date("标题\n" * 80 + "2022年5月") is None


def test_the_label_says_what_precision_the_document_gives():
    assert StatedDate(2022, 5).label == "2022年5月" and StatedDate(2022, 5, 9).label == "2022年5月9日"
