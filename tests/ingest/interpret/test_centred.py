"""Runs rebuilt from labels printed on their middle row: every tiling, and the one that nests."""

from jixiao.ingest.interpret.centred import centred_tilings


def test_a_centred_label_allows_a_run_one_row_longer_below_than_above() -> None:
    assert list(centred_tilings([1], 3)) == [((0, 2),)]
    assert list(centred_tilings([1], 4)) == [((0, 3),)]
    assert list(centred_tilings([1, 3], 4)) == [((0, 2), (3, 3))]


def test_labels_that_cannot_be_centred_give_no_tiling() -> None:
    assert list(centred_tilings([2, 3], 4)) == []
