"""One body, many printed names: keys inside a region, the 本级 office, the region a document names."""

from __future__ import annotations

import pytest

from jixiao.domain.organisations import area_chain, name_key, own_department, region_differs, split_code


@pytest.mark.parametrize(
    "printed",
    [
        "临淄区综合行政执法局",
        "淄博市临淄区综合行政执法局",
        "山东省淄博市临淄区综合行政执法局",
        "[508]临淄区综合行政执法局",
        "临淄区综合行政执法局（508）",
        "淄博市临淄区区综合行政执法局",
        "区综合行政执法局",
        " 临淄区 综合行政 执法局 ",
    ],
)
def test_the_ways_one_department_is_printed_share_a_key(printed):
    assert name_key(printed, "临淄区") == "综合行政执法局"


def test_party_bodies_are_keyed_by_their_short_and_long_forms():
    assert name_key("中国共产党淄博市临淄区委员会组织部", "临淄区") == name_key(
        "中共临淄区委组织部", "临淄区"
    )
    assert name_key("中共临淄区委组织部", "临淄区") != name_key("中共临淄区委宣传部", "临淄区")


def test_other_bodies_and_other_regions_keep_their_names():
    assert name_key("聊城大学", "聊城市") == "聊城大学"
    assert name_key("聊城市市场监督管理局", "聊城市") == "市场监督管理局"  # 市场 is no 市
    assert name_key("淄川区民政局", "临淄区") != name_key("临淄区民政局", "临淄区")
    assert name_key("临淄区", "临淄区") == "临淄区"  # nothing left: the name itself


def test_a_code_is_split_from_either_end():
    assert split_code("[202]淄博市淄川区教育和体育局") == ("淄博市淄川区教育和体育局", "202")
    assert split_code("聊城市民政局【040】") == ("聊城市民政局", "040")
    assert split_code("聊城市民政局") == ("聊城市民政局", None)


def test_a_own_level_unit_is_the_office_of_its_department():
    assert own_department("聊城市农业科学院本级") == "聊城市农业科学院"
    assert own_department("聊城市京剧院") == "聊城市京剧院"
    assert own_department("本级") == "本级"


def test_area_chain_reads_the_leading_areas_only():
    assert area_chain("淄博市淄川区教育和体育局") == ["淄博市", "淄川区"]
    assert area_chain("中国共产党淄博市临淄区委员会宣传部") == ["淄博市", "临淄区"]
    assert area_chain("聊城市农业农村局") == ["聊城市"]
    assert area_chain("临淄区区行政审批服务局") == ["临淄区"]
    assert area_chain("聊城大学") == []


def test_a_document_about_another_region_is_told_apart():
    zichuan = ["淄博市淄川区教育和体育局", "淄川区民政局", "中共淄川区委宣传部", "区财政部门"]
    assert region_differs("临淄区", zichuan) == "淄川区"
    assert region_differs("淄川区", zichuan) is None
    assert region_differs("临淄区", ["聊城大学", "区财政局"]) is None  # names no area: nothing to say
    # A region named by some of the names is the document's, whatever most names say.
    assert region_differs("淄博市", zichuan) is None
