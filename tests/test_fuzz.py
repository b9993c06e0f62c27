"""The fuzz suite (issue 17): every crafted or damaged file, read by ``jixiao parse`` in a child process
under a memory and CPU limit, exits 2 with one line on standard error — never a traceback, never exit 3
(a bug), never the limit's kill. Random bytes under every reader's suffix raise only :class:`ReadError`.
"""

from __future__ import annotations

import contextlib
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.ingest import ReadError, read_document
from tests.fuzz_corpus import crafted_files

MEMORY = 1_500_000_000  # bytes of address space the reading process may have
SECONDS = 60


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def parse_bounded(path: Path) -> subprocess.CompletedProcess[str]:
    """``jixiao parse path`` in a child limited to :data:`MEMORY` and :data:`SECONDS`."""
    return subprocess.run(
        [sys.executable, "-m", "jixiao.cli", "parse", str(path)],
        capture_output=True,
        text=True,
        timeout=SECONDS * 2,
        preexec_fn=_limit,
        check=False,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crafted")
    for name, data in crafted_files():
        (folder / name).write_bytes(data)
    return folder


def test_every_crafted_file_exits_2_with_one_line(corpus: Path) -> None:
    # One child reads them all (``jixiao parse`` of the folder, a line per file), so a regression that
    # allocates or loops is cut by the limits and fails here instead of taking the machine.
    names = sorted(p.name for p in corpus.iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "jixiao.cli", "parse", "--quiet", str(corpus)],
        capture_output=True,
        text=True,
        timeout=SECONDS * 4,
        preexec_fn=_limit,
        check=False,
    )
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    failed = {line.split("] ", 1)[1].split(": ", 2)[1] for line in lines if line.startswith("[")}
    assert failed == set(names), sorted(set(names) - failed)
    assert len(lines) == len(names) + 1  # a line per file, then the total


@pytest.mark.parametrize(
    "name", ["far-cell.xlsx", "full-sheet-merge.xlsx", "grid-span.docx", "zip-bomb.xlsx", "flipped-2.pdf"]
)
def test_one_crafted_file_alone_exits_2_with_one_line(corpus: Path, name: str) -> None:
    result = parse_bounded(corpus / name)
    assert result.returncode == 2, result.stderr[-2000:]
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("错误: "), result.stderr


SUFFIXES = [".pdf", ".docx", ".xlsx", ".html", ".txt"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_are_a_read_error_under_every_suffix(data: bytes, suffix: str) -> None:
    with contextlib.suppress(ReadError):
        read_document(data, f"random{suffix}")


def _zip_with(part: str, body: bytes) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(part, body)
    return out.getvalue()


@settings(max_examples=40, deadline=None)
@given(body=st.binary(max_size=2048), suffix=st.sampled_from([".docx", ".xlsx"]))
def test_random_parts_in_an_ooxml_zip_are_a_read_error(body: bytes, suffix: str) -> None:
    part = "word/document.xml" if suffix == ".docx" else "xl/workbook.xml"
    with contextlib.suppress(ReadError):
        read_document(_zip_with(part, body), f"random{suffix}")
