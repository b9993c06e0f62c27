"""Distributions and standings worked by hand."""

import math

import pytest

from jixiao.domain import parse_target_value
from jixiao.library import Library, distribution, percentile_rank, quantile, robust_z

from .builders import satisfaction_documents


def test_quantiles_interpolate_linearly():
    # positions q·(n−1) over 80 85 90 90 95: q1 at 1 → 85, median at 2 → 90, q3 at 3 → 90
    d = distribution([95, 90, 80, 90, 85], "%")
    assert (d.q1, d.median, d.q3, d.minimum, d.maximum, d.count) == (85, 90, 90, 80, 95, 5)
    # four values: median at position 1.5 between 90 and 95
    assert quantile([80, 90, 95, 100], 0.5) == 92.5
    assert quantile([80, 90, 95, 100], 0.25) == 87.5


def test_percentile_rank_counts_ties_half():
    values = [80, 85, 90, 90, 95]
    assert percentile_rank(values, 90) == 60.0  # 2 below + half of 2 equal = 3 of 5
    assert percentile_rank(values, 60) == 0.0
    assert percentile_rank(values, 100) == 100.0


def test_robust_z_by_hand():
    values = [80, 85, 90, 90, 95]  # median 90; |deviations| 10 5 0 0 5 → MAD 5
    assert robust_z(values, 60) == pytest.approx((60 - 90) / (1.4826 * 5))
    # MAD 0 (three of four equal): falls back to 1.2533 × mean absolute deviation (2.5 / 4)
    assert robust_z([100, 100, 100, 90], 80) == pytest.approx((80 - 100) / (1.2533 * 2.5))
    assert robust_z([100, 100, 100], 90) == -math.inf
    assert robust_z([100, 100, 100], 100) == 0.0


def test_cluster_distribution_and_common_forms():
    lib = Library()
    for doc in satisfaction_documents(["≥90%", "≥95%", "≥90%", "≥85%", "≥90%", "100%"]):
        lib.add_document(doc)
    c = lib.cluster(lib.cluster_key("群众满意度"))
    assert c.distribution is not None
    assert (c.distribution.median, c.distribution.q1, c.distribution.q3) == (90, 90, 93.75)
    assert c.forms[0] == ("≥90%", 3)
    assert c.typical_value == "≥90%"
    assert c.direction == "≥"
    assert c.projects == 6 and len(c.regions) == 6
    assert c.support == "中位数 90%，6 个项目，6 个地区"


def test_standing_by_hand_and_none_when_too_few():
    values = ["≥90%", "≥95%", "≥90%", "≥85%", "≥90%", "≥95%", "≥90%", "≥80%"]
    lib = Library()
    for doc in satisfaction_documents(values):
        lib.add_document(doc)
    s = lib.standing("受益群众满意度", parse_target_value("≥60%"), min_count=8)
    assert s is not None
    assert s.count == 8 and s.percentile == 0.0 and s.median == 90
    # deviations from 90: 0 5 0 5 0 5 0 10 → sorted 0 0 0 0 5 5 5 10, MAD (0+5)/2 = 2.5
    assert s.robust_z == pytest.approx((60 - 90) / (1.4826 * 2.5))
    assert lib.standing("群众满意度", parse_target_value("≥60%"), min_count=9) is None
    assert lib.standing("群众满意度", parse_target_value("很满意"), min_count=1) is None
    assert lib.standing("群众满意度", parse_target_value("≥60人"), min_count=1) is None  # another unit
