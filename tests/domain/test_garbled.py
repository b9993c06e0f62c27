"""Distrusted text: repeated runs, and merged-cell lines interleaved character by character."""

from __future__ import annotations

from jixiao.domain.garbled import INTERLEAVED, REPEATED, distrust, pairs, vocabulary

LINES = [
    "负责运营临淄信息微信公众平台",
    "编发临淄信息和信息特刊",
    "做好文件收发登记和传递工作",
    "做好档案立卷归档和存档管理",
    "负责区委办公室的会务服务工作",
    "负责临淄信息微信公众平台的运营",
    "文件收发登记和档案管理工作完成率",
    "高质量组织好区委办公室安排的会务",
]
# A disclosure says things twice: the 指标解释 restates the 指标 in its own words.
EXPLAINED = [f"年内{line}情况" for line in LINES]


def interleave(*lines: str) -> str:
    """What a reader makes of a merged cell whose lines it read across: one character of each in turn."""
    return "".join("".join(chars) for chars in zip(*lines, strict=False))


def test_interleaved_lines_are_distrusted_and_the_lines_are_not():
    garbled = interleave(LINES[0], LINES[2], LINES[4])
    words = vocabulary([*LINES, *EXPLAINED, garbled])
    found = distrust(garbled, words)
    assert found is not None and found.reason == INTERLEAVED
    assert [distrust(line, words) for line in LINES] == [None] * len(LINES)


def test_a_repeated_character_or_word_is_distrusted_whatever_its_neighbours():
    words = vocabulary([*LINES, *EXPLAINED])
    assert distrust("工作。做 经 收 传 递 立 本 本 本 本 本 本", words).evidence == "本本本本本本"
    assert distrust("保育美量,包含等, 一个一个一个一个一个", words).reason == REPEATED
    assert distrust("发放人数100000人", words) is None  # digits repeat in amounts
    assert distrust("谢谢谢", words) is None  # three times is still language


def test_short_text_and_text_without_chinese_are_left_alone():
    words = vocabulary([*LINES, *EXPLAINED])
    assert distrust("负理临息公台", words) is None
    assert distrust("≥95%", words) is None
    assert distrust("", words) is None


def test_text_copied_to_many_rows_is_no_evidence_for_itself():
    garbled = interleave(LINES[0], LINES[2], LINES[4])
    assert (
        distrust(garbled, vocabulary([*LINES, *EXPLAINED, garbled, garbled, " ".join(garbled)])) is not None
    )


def test_pairs_skip_spaces_and_stop_at_other_characters():
    assert pairs("临 淄,信息") == ["临淄", "信息"]


def test_a_low_scoring_text_printing_a_phrase_twice_is_a_merged_cell_read_over():
    words = vocabulary([*LINES, *EXPLAINED])
    # a real beginning keeps adjacent pairs ahead of distant ones: only the phrase read twice tells
    read_over = "负责运营临淄信息对目办题指点项计工重点,并进服保照快通过,并进服保照快设"
    assert distrust(read_over, words).reason == INTERLEAVED
    # a real sentence naming a thing twice is not
    twice = "负责运营临淄信息微信公众平台，做好临淄信息微信公众平台的运营"
    assert distrust(twice, vocabulary([*LINES, *EXPLAINED, twice])) is None
