"""``jixiao parse``: JSON or a summary out, a one-line bilingual error and exit 2 on bad input."""

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

SAMPLE = Path(str(resources.files("jixiao").joinpath("data/samples/zichuan-2023.txt")))


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *args], capture_output=True, text=True)


def test_parse_writes_contract_json(tmp_path):
    out = tmp_path / "zichuan.json"
    result = jixiao("parse", str(SAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    assert data["schema"] == "jixiao/disclosure@1"
    assert len(data["projects"]) == 8


def test_parse_several_files_into_a_directory(tmp_path):
    linzi = SAMPLE.with_name("linzi-2022.txt")
    result = jixiao("parse", str(SAMPLE), str(linzi), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["linzi-2022.json", "zichuan-2023.json"]


def test_summary_format():
    result = jixiao("parse", str(SAMPLE), "--format", "summary")
    assert result.returncode == 0
    assert "项目表 8 个" in result.stdout


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "文件不存在"),
        (lambda d: d, "目录中没有可读取的文档"),
        (lambda d: (d / "empty.txt").write_bytes(b"") and d / "empty.txt" or d / "empty.txt", "文件为空"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02abc") and d / "bin.txt", "不是文本文件"),
        (lambda d: (d / "plain.txt").write_text("只是一段文字\n") and d / "plain.txt", "没有找到绩效目标表"),
        (lambda d: (d / "x.doc").write_bytes(b"abc") and d / "x.doc", "不支持的文件类型"),
    ],
)
def test_bad_input_is_one_bilingual_line_exit_2_and_no_output(tmp_path, make, message):
    target = make(tmp_path)
    out = tmp_path / "out" / "result.json"
    result = jixiao("parse", str(target), "-o", str(out))
    assert result.returncode == 2
    assert message in result.stderr and "error:" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_no_partial_output_when_a_later_file_fails(tmp_path):
    out = tmp_path / "outdir"
    out.mkdir()
    result = jixiao("parse", str(SAMPLE), str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.returncode == 2
    assert list(out.iterdir()) == []


def test_a_folder_is_every_readable_file_under_it_with_progress(tmp_path):
    folder = tmp_path / "2023"
    (folder / "unit-a").mkdir(parents=True)
    (folder / "unit-a" / "zichuan.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "linzi.txt").write_bytes(SAMPLE.with_name("linzi-2022.txt").read_bytes())
    (folder / "~$lock.xlsx").write_bytes(b"lock")
    out = tmp_path / "out"
    result = jixiao("parse", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.json")) == ["linzi.json", "unit-a/zichuan.json"]
    assert "[2/2] unit-a/zichuan.txt: 项目 8" in result.stderr


def test_many_files_name_every_bad_one_and_write_nothing_unless_asked(tmp_path):
    bad1, bad2 = tmp_path / "a.txt", tmp_path / "b.txt"
    bad1.write_text("只是一段文字\n")
    bad2.write_bytes(b"")
    out = tmp_path / "out"
    result = jixiao("parse", str(SAMPLE), str(bad1), str(bad2), "-o", str(out))
    assert result.returncode == 2
    assert "a.txt" in result.stderr and "b.txt" in result.stderr and not out.exists()
    result = jixiao("parse", str(SAMPLE), str(bad1), str(bad2), "-o", str(out), "--skip-bad")
    assert result.returncode == 2
    assert [p.name for p in out.iterdir()] == ["zichuan-2023.json"]


def test_summary_of_many_files_ends_with_a_total(tmp_path):
    result = jixiao("parse", str(SAMPLE), str(SAMPLE.with_name("linzi-2022.txt")), "--format", "summary", "-q")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("合计: 文件 2 个")
    assert result.stderr == ""


def test_gbk_encoded_document(tmp_path):
    gbk = tmp_path / "zichuan-gbk.txt"
    gbk.write_bytes(SAMPLE.read_text("utf-8").encode("gb18030"))
    result = jixiao("parse", str(gbk), "--format", "summary")
    assert result.returncode == 0, result.stderr
    assert "项目表 8 个" in result.stdout


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_parse_reads_what_jixiao_exports(tmp_path, fmt):
    exported = tmp_path / f"zichuan.{fmt}"
    assert jixiao("export", str(SAMPLE), "--to", fmt, "-o", str(exported)).returncode == 0
    result = jixiao("parse", str(exported), "--format", "summary")
    assert result.returncode == 0, result.stderr
    assert "项目表 8 个 (指标 68 条, 资金合计 7,899.67 万元)" in result.stdout


def test_a_broken_docx_is_one_bilingual_line(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    result = jixiao("parse", str(broken))
    assert result.returncode == 2
    assert result.stderr.count("broken.docx") == 2 and "DOCX" in result.stderr


def test_a_regions_words_come_from_a_vocabulary_file_not_code(tmp_path):
    doc = tmp_path / "region.txt"
    doc.write_text("项目名称\t路灯\n填报单位\t某中心\n二级指标\t三级指标\t绩效标准值\n数量指标\t路灯数\t≥100盏\n", "utf-8")
    words = tmp_path / "region.toml"
    words.write_text('[indicator.columns]\nvalue = ["绩效标准值"]\n[project.fields]\nunit = ["填报单位"]\n', "utf-8")
    plain = json.loads(jixiao("parse", str(doc)).stdout)
    assert plain["projects"][0]["unit"] is None
    taught = json.loads(jixiao("parse", str(doc), "--vocabulary", str(words)).stdout)
    assert taught["projects"][0]["unit"] == "某中心"
    assert taught["projects"][0]["indicators"][0]["value"]["raw"] == "≥100盏"
    broken = tmp_path / "broken.toml"
    broken.write_text("[indicator.columns\n", "utf-8")
    result = jixiao("parse", str(doc), "--vocabulary", str(broken))
    assert result.returncode == 2 and "词表文件无法读取" in result.stderr
