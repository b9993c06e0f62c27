"""``--jobs``: review and scoring spread over processes give exactly the output of one process."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.cli import check as check_command
from jixiao.cli import evaluate as evaluate_command
from jixiao.cli.parallel import WINDOW, ordered_map, records_mapper
from jixiao.domain import to_json
from jixiao.domain.actuals import ActualRecord, Actuals, Cause
from jixiao.evaluate.selfeval import evaluate
from jixiao.generate import generate_year, load_stats
from jixiao.ingest.actuals import actuals_to_json

runner = CliRunner()


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def test_results_come_in_input_order_from_other_processes() -> None:
    results = list(ordered_map(_square_and_pid, range(40), jobs=2, batch=3))
    assert [square for square, _ in results] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for _, pid in results}


def test_one_job_runs_here() -> None:
    assert {pid for _, pid in ordered_map(_square_and_pid, range(5), jobs=1)} == {os.getpid()}


def test_items_are_taken_only_a_window_ahead_of_the_results() -> None:
    taken = 0

    def items() -> Iterator[int]:
        nonlocal taken
        for n in range(200):
            taken += 1
            yield n

    for given, _ in enumerate(ordered_map(_square_and_pid, items(), jobs=2, batch=3), start=1):
        assert taken - given < 2 * WINDOW * 3  # at most WINDOW batches per process in flight, never the input
    assert taken == 200


def test_records_are_scored_here_unless_jobs_are_asked_for() -> None:
    # Scoring a record costs less than pickling it to a worker and its score back (docs/scale.md).
    assert {pid for _, pid in records_mapper(None, batch=2)(_square_and_pid, list(range(10)))} == {
        os.getpid()
    }
    assert os.getpid() not in {pid for _, pid in records_mapper(2, batch=2)(_square_and_pid, list(range(10)))}


def test_an_error_in_a_worker_is_raised_at_its_item() -> None:
    results = ordered_map(_fails_on_three, range(10), jobs=2, batch=1)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(ValueError, match="three"):
        next(results)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path, Path]:
    """A generated year of several regions as contract JSON, and one region's targets and year-end actuals
    with a cause wherever an indicator may lose points (so the CLI scores instead of asking for causes)."""
    folder = tmp_path_factory.mktemp("year")
    regions = list(generate_year(load_stats(), 150, seed=7, year=2024))
    assert len(regions) >= 3
    files = []
    for region in regions:
        path = folder / f"{region.number:03d}.json"
        path.write_text(json.dumps(to_json(region.targets), ensure_ascii=False), "utf-8")
        files.append(path)
    biggest = max(regions, key=lambda r: len(r.targets.projects))
    targets = folder / "targets.json"
    targets.write_text(json.dumps(to_json(biggest.targets), ensure_ascii=False), "utf-8")
    actuals = folder / "selfeval.json"
    actuals.write_text(
        json.dumps(actuals_to_json(_with_causes(biggest.selfeval)), ensure_ascii=False), "utf-8"
    )
    return files, targets, actuals


def _with_causes(actuals: Actuals) -> Actuals:
    def record(r: ActualRecord) -> ActualRecord:
        indicators = tuple(
            dataclasses.replace(i, causes=(Cause.OTHER,), cause_note="测试") for i in r.indicators
        )
        return dataclasses.replace(r, indicators=indicators)

    return dataclasses.replace(
        actuals,
        projects=tuple(record(r) for r in actuals.projects),
        departments=tuple(record(r) for r in actuals.departments),
    )


def test_check_output_is_the_same_with_two_jobs(year: tuple[list[Path], Path, Path]) -> None:
    files = [str(f) for f in year[0]]
    one = runner.invoke(app, ["check", *files, "--no-colour", "--jobs", "1"])
    two = runner.invoke(app, ["check", *files, "--no-colour", "--jobs", "2"])
    assert one.exit_code == two.exit_code and one.exit_code in (0, 1), one.output
    assert one.stdout_bytes == two.stdout_bytes
    assert sum("项目：" in line for line in one.stdout.splitlines()) > 0
    pages = [runner.invoke(app, ["check", *files, "--format", "html", "-j", j]).stdout for j in ("1", "2")]
    assert pages[0] == pages[1] and f'id="r{len(files) - 1}-f0"' in pages[0]


def test_check_json_is_the_same_but_for_timings(year: tuple[list[Path], Path, Path], tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"{jobs}.json"
        runner.invoke(app, ["check", *map(str, year[0]), "--format", "json", "-j", jobs, "-o", str(out)])
        reports = json.loads(out.read_text("utf-8"))
        for report in reports:
            report["summary"].pop("seconds")
        outputs.append(reports)
    assert outputs[0] == outputs[1] and sum(r["summary"]["findings"] for r in outputs[0]) > 0


def test_an_unreadable_file_among_many_exits_2_with_two_jobs(
    year: tuple[list[Path], Path, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    files = [str(f) for f in year[0]]
    result = runner.invoke(app, ["check", *files[:2], str(bad), *files[2:], "--jobs", "2"])
    assert result.exit_code == 2 and result.stdout == ""
    out = tmp_path / "out.json"
    result = runner.invoke(
        app, ["check", *files[:2], str(bad), "--format", "json", "-j", "2", "-o", str(out)]
    )
    assert result.exit_code == 2 and list(tmp_path.iterdir()) == [bad]  # no report, no partial file


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_each_report_is_written_before_the_next_document_is_checked(
    year: tuple[list[Path], Path, Path], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    from jixiao.review import engine
    from jixiao.review.report.stream import ReportWriter

    events: list[str] = []
    check_document, write = engine.check_document, ReportWriter.write

    def checked(*args: object) -> engine.Report:
        events.append("check")
        return check_document(*args)  # type: ignore[arg-type]

    def written(self: ReportWriter, part: object) -> None:
        events.append("write")
        write(self, part)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_document", checked)
    monkeypatch.setattr(ReportWriter, "write", written)
    result = runner.invoke(app, ["check", *map(str, year[0]), "--format", fmt, "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    assert events == ["check", "write"] * len(year[0])  # the run holds one report at a time, never the list


def test_a_worker_sends_back_the_rendered_report_not_the_document(
    year: tuple[list[Path], Path, Path],
) -> None:
    from jixiao.review import load_profile
    from jixiao.review.report.stream import ReportPart

    check_command._setup(load_profile(), None, "json")
    parts = check_command._check_item(year[0][0])
    assert isinstance(parts, list) and all(isinstance(p, ReportPart) for p in parts)
    assert json.loads(parts[0].text)["findings"]
    assert b"jixiao.domain" not in pickle.dumps(parts)  # text and numbers cross, no project or indicator


def test_scores_are_the_same_over_processes(year: tuple[list[Path], Path, Path]) -> None:
    from jixiao.cli.export import read_input
    from jixiao.ingest.actuals import read_actuals

    document = read_input(year[1])
    actuals = read_actuals(year[2].read_bytes())
    here = evaluate(document, actuals)
    spread = evaluate(document, actuals, mapper=records_mapper(2, batch=5))
    assert len(here.projects) > 10 and spread.dumps() == here.dumps()


def test_evaluate_output_is_the_same_with_two_jobs(
    year: tuple[list[Path], Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evaluate_command, "RECORDS_BATCH", 4)  # so this small year is spread too
    args = ["evaluate", str(year[1]), str(year[2]), "--format", "json"]
    one = runner.invoke(app, [*args, "--jobs", "1"])
    two = runner.invoke(app, [*args, "--jobs", "2"])
    assert one.exit_code in (0, 1), one.output
    assert one.stdout_bytes == two.stdout_bytes and json.loads(one.stdout)["projects"]
