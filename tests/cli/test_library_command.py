"""``jixiao library build | show`` and ``jixiao recommend``: exit codes, warnings and the JSON shape."""

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

SAMPLES = Path(str(resources.files("jixiao").joinpath("data/samples")))


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    for name in ("zichuan-2023.txt", "linzi-2022.txt"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    (folder / "bad.txt").write_text("这不是绩效目标表", "utf-8")
    out = tmp_path_factory.mktemp("lib") / "lib.json.gz"
    result = jixiao("library", "build", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "警告: 跳过 bad.txt" in result.stderr
    return out


def test_recommend_json_shape(library):
    result = jixiao(
        "recommend",
        "--library",
        str(library),
        "--name",
        "校车运营补贴",
        "--goal",
        "保障学生上下学安全",
        "--top",
        "5",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    suggestions = json.loads(result.stdout)["suggestions"]
    assert len(suggestions) == 5
    assert all(
        set(s) == {"level1", "level2", "name", "typical_value", "support", "score"} for s in suggestions
    )
    assert [s["score"] for s in suggestions] == sorted((s["score"] for s in suggestions), reverse=True)


def test_recommend_text_and_show(library):
    text = jixiao("recommend", "--library", str(library), "--name", "校车运营补贴")
    assert text.returncode == 0 and "指标建议" in text.stdout
    shown = jixiao("library", "show", str(library), "--query", "满意度", "--top", "3")
    assert shown.returncode == 0 and "满意度" in shown.stdout and "典型值" in shown.stdout


def test_check_with_the_library(library):
    result = jixiao("check", str(SAMPLES / "zichuan-2023.txt"), "--library", str(library), "--format", "json")
    assert result.returncode in (0, 1), result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("recommend", "--library", "/no/such/lib.json", "--name", "x"),
        ("library", "show", "/no/such/lib.json"),
        ("check", str(SAMPLES / "zichuan-2023.txt"), "--library", "/no/such/lib.json"),
    ],
)
def test_bad_input_exits_2(args):
    assert jixiao(*args).returncode == 2


def test_a_file_that_is_no_library_and_a_build_of_nothing(tmp_path):
    bogus = tmp_path / "x.json"
    bogus.write_text("{}", "utf-8")
    result = jixiao("recommend", "--library", str(bogus), "--name", "x")
    assert result.returncode == 2 and "不是指标库文件" in result.stderr
    (tmp_path / "empty.txt").write_text("无", "utf-8")
    built = jixiao("library", "build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "lib.json"))
    assert built.returncode == 2 and not (tmp_path / "lib.json").exists()
