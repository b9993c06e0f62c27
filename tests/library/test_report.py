"""The measurement page: "clearly better" means recall@10 and precision@5 both at least 1.25× the baseline's
in a setting, and the semantic signal earns its place only by adding to some measure and taking from none."""

from jixiao.library.report import Result, clearly_better, earns_its_place, render


def result(table: dict[tuple[str, str], tuple[float, float]]) -> Result:
    return Result(
        projects=3,
        indicators=30,
        documents=1,
        rows=40,
        clusters=20,
        seconds=1.0,
        table=table,
        reachable={"A": 0.5, "B": 0.2},
        by_group={(g, s, m): table[(s, m)] for g in ("samples", "external") for s, m in table},
        group_reachable={(g, s): 0.3 for g in ("samples", "external") for s in ("A", "B")},
        group_projects={"samples": 2, "external": 1},
    )


def test_clearly_better_needs_both_measures_at_a_quarter_above_the_baseline():
    assert clearly_better((0.25, 0.25), (0.2, 0.2))
    assert not clearly_better((0.30, 0.24), (0.2, 0.2))  # precision only 1.2×
    assert not clearly_better((0.24, 0.30), (0.2, 0.2))  # recall only 1.2×


def test_the_page_says_which_setting_is_not_clearly_better():
    page = render(
        result(
            {
                ("A", "ranker"): (0.30, 0.30),
                ("A", "baseline"): (0.20, 0.20),
                ("B", "ranker"): (0.11, 0.13),
                ("B", "baseline"): (0.10, 0.10),
            }
        ),
        "python -m jixiao.library.evaluate",
    )
    a, b = (next(line for line in page.splitlines() if line.startswith(f"{s}：排序减基线")) for s in "AB")
    assert "**明显优于基线**" in a
    assert "**未明显优于基线**" in b
    assert "1.25" in page and "未测量" in page  # the rule is stated; no semantic row without the extra
    assert "排序+语义" not in page


def test_the_semantic_signal_earns_its_place_only_by_adding_and_never_taking():
    base = {("A", "ranker"): (0.30, 0.30), ("B", "ranker"): (0.10, 0.10)}
    base |= {("A", "baseline"): (0.2, 0.2), ("B", "baseline"): (0.1, 0.1)}
    gains = result(base | {("A", "semantic"): (0.32, 0.30), ("B", "semantic"): (0.10, 0.10)})
    trade = result(base | {("A", "semantic"): (0.32, 0.30), ("B", "semantic"): (0.10, 0.09)})
    level = result(base | {("A", "semantic"): (0.305, 0.30), ("B", "semantic"): (0.10, 0.10)})
    assert earns_its_place(gains)
    assert not earns_its_place(trade)
    assert not earns_its_place(level)
    assert "**不值得保留**" in render(level, "c") and "排序+语义" in render(level, "c")
    assert "**值得保留**" in render(gains, "c")
