"""Every sample, parsed, published in each format and read back, is the same document.

Only what no format carries differs (``document.NOT_CARRIED``: source, reader warnings and
source line numbers), and those are removed from the expectation by ``document.carried``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pytest

from jixiao.domain import Document
from jixiao.ingest import read_document
from tests.publish.fixtures import FULL, STEMS
from tests.publish.roundtrip import differences, round_trip


@cache
def sample(stem: str) -> Document:
    data = (resources.files("jixiao") / "data" / "samples" / f"{stem}.txt").read_bytes()
    return read_document(data, f"{stem}.txt")


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
@pytest.mark.parametrize("stem", STEMS)
def test_sample_round_trips(stem: str, fmt: str) -> None:
    expected, back = round_trip(sample(stem), fmt)
    assert not back.warnings
    assert back == expected, differences(expected, back)[:20]


@pytest.mark.parametrize("stem", STEMS)
def test_sample_round_trips_through_pdf(stem: str) -> None:
    """liaocheng-2022 has a department row taller than a landscape page: it prints in parts and reads
    back as one row."""
    expected, back = round_trip(sample(stem), "pdf")
    assert back == expected, differences(expected, back)[:20]


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html", "pdf"])
def test_every_field_round_trips(fmt: str) -> None:
    """The hand-made document fills every field the samples leave empty (codes, plans, references)."""
    expected, back = round_trip(FULL, fmt)
    assert back == expected, differences(expected, back)
    assert back.projects[0].spending_plan[0].amount is None
    assert back.departments[0].strategic_indicators[0].reference.standard_source is not None
