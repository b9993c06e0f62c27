"""How the command line ends (issue 17 §2, §11): 2 with one line for bad input, 3 for a bug (never 1, which
``jixiao check`` means as "errors found"), and the JSON ``jixiao parse`` writes accepted wherever a
document is (``check``, ``export``, ``monitor``, ``evaluate``)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from jixiao.cli import main as cli_main
from jixiao.cli import parse as parse_command

SAMPLE = Path(str(resources.files("jixiao").joinpath("data/samples/zichuan-2023.txt")))


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *args], capture_output=True, text=True)


def test_check_reads_the_json_parse_wrote_with_the_same_findings(tmp_path: Path) -> None:
    parsed = tmp_path / "zichuan.json"
    assert jixiao("parse", str(SAMPLE), "-o", str(parsed)).returncode == 0
    from_text = jixiao("check", str(SAMPLE), "--format", "json")
    from_json = jixiao("check", str(parsed), "--format", "json")
    assert from_json.returncode == from_text.returncode and from_json.returncode in (0, 1), from_json.stderr
    findings = [json.loads(r.stdout)["findings"] for r in (from_text, from_json)]
    assert [f["rule"] for f in findings[0]] == [f["rule"] for f in findings[1]] and findings[0]


def test_check_reads_the_list_parse_prints_for_several_files(tmp_path: Path) -> None:
    both = jixiao("parse", str(SAMPLE), str(SAMPLE.with_name("linzi-2022.txt")))
    listed = tmp_path / "both.json"
    listed.write_text(both.stdout, "utf-8")
    result = jixiao("check", str(listed), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    reports = json.loads(result.stdout)
    assert isinstance(reports, list) and len(reports) == 2


@pytest.mark.parametrize("command", [["check"], ["export", "--to", "json", "-o", "/dev/null"]])
def test_json_that_is_no_document_exits_2_with_one_line(tmp_path: Path, command: list[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "jixiao/disclosure@1", "projects": 7}', "utf-8")
    result = jixiao(*command, str(bad))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "不是有效的 jixiao JSON" in result.stderr
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    assert jixiao(*command, str(deep)).returncode == 2


def test_a_bug_exits_3_with_one_line_and_the_traceback_on_request(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(parse_command, "run_parse", broken)
    monkeypatch.setattr(sys, "argv", ["jixiao", "parse", str(SAMPLE)])
    with pytest.raises(SystemExit) as ended:
        cli_main()
    assert ended.value.code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "内部错误" in err and "RuntimeError: boom" in err
    monkeypatch.setenv("JIXIAO_DEBUG", "1")
    with pytest.raises(SystemExit):
        cli_main()
    assert "Traceback" in capsys.readouterr().err


def test_bad_input_is_2_not_3(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    result = jixiao("check", str(damaged))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
