"""The optional semantic signal (the ``semantic`` extra): sentence vectors that bring an indicator whose name
shares no character with the project's words, but its meaning, above unrelated ones; without the extra a
clear error says what to install."""

import numpy as np
import pytest

from jixiao.domain import Level2
from jixiao.library import Library, semantic, suggest

from .builders import document, indicator, project

needs_extra = pytest.mark.skipif(not semantic.available(), reason="the semantic extra is not installed")


def library() -> Library:
    held = [
        ("街道办事处日常运转", "环境卫生达标率", "甲县街道办事处"),
        ("档案馆日常运转", "档案整理卷数", "乙县档案馆"),
        ("图书馆日常运转", "图书借阅人次", "丙县图书馆"),
    ]
    lib = Library()
    lib.add_document(
        document(
            "held.txt",
            *(project(n, indicator(i, "≥90%", Level2.QUALITY), department=d) for n, i, d in held),
        )
    )
    return lib


@needs_extra
def test_equivalent_names_are_closer_than_unrelated_ones():
    vectors = semantic.encoder().encode(["受益群众满意度", "群众满意度", "道路维修面积"])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


@needs_extra
def test_the_meaning_of_the_projects_words_lifts_an_indicator_sharing_none_of_them():
    ask = {"goal": "保持街面干净整洁", "department": "丁县城市管理局", "top": 3}
    lexical = [s.name for s in suggest(library(), "城市道路保洁", **ask)]
    meant = [s.name for s in suggest(library(), "城市道路保洁", **ask, semantic=True)]
    assert lexical[0] != "环境卫生达标率"
    assert meant[0] == "环境卫生达标率"


def test_without_the_extra_asking_for_it_says_what_to_install(monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: False)
    semantic.encoder.cache_clear()
    try:
        with pytest.raises(semantic.SemanticUnavailable, match=r"jixiao\[semantic\]"):
            suggest(library(), "城市道路保洁", semantic=True)
    finally:
        semantic.encoder.cache_clear()
