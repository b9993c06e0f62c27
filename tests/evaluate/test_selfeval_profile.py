"""Self-evaluation profiles: ``[selfeval]`` in the same TOML as monitoring, key by key, strict, per region."""

import pytest

from jixiao.evaluate.profile import ProfileError, load_profile
from jixiao.evaluate.selfeval_profile import GradeBands, Weights, load_selfeval_profile


def write(tmp_path, text):
    path = tmp_path / "本地区.toml"
    path.write_text(text, "utf-8")
    return path


def test_the_default_holds_the_rules_of_issue_13():
    profile = load_selfeval_profile()
    assert profile.weights == Weights(budget=10, output=50, effect=30, satisfaction=10, cost=0)
    assert profile.indicator_points == 90
    assert profile.cost_shares_output is True
    assert profile.missing_satisfaction == "pro-rata"
    assert profile.late_share == 0
    assert (profile.over_threshold, profile.over_reduce) == (120, False)
    assert profile.grades == GradeBands(excellent=90, good=80, fair=60)
    assert (profile.red_relative, profile.yellow_execution_below) == (5, 80)
    assert profile.consequences == {"优": "优先保障", "良": "保障", "中": "压缩", "差": "取消"}
    assert profile.monitor.indicators.lower_is_better_ops == ("<=", "<")  # shared with monitoring


def test_a_file_overrides_key_by_key_and_a_region_its_own_keys(tmp_path):
    profile = load_selfeval_profile(
        write(
            tmp_path,
            '[selfeval]\nover_reduce = true\n[selfeval.consequences]\npoor = "原则上取消"\n'
            '[selfeval.regions."临淄区".grades]\nexcellent = 80\ngood = 70\n',
        )
    )
    assert profile.name == "本地区"
    assert profile.over_reduce is True
    assert profile.consequences["差"] == "原则上取消" and profile.consequences["优"] == "优先保障"
    assert profile.grades == GradeBands(90, 80, 60)
    region = profile.for_region("临淄区")
    assert region.grades == GradeBands(excellent=80, good=70, fair=60)
    assert region.over_reduce is True  # the file's keys hold in the region too
    assert profile.for_region("淄川区") is profile
    # monitoring reads the same file and ignores the self-evaluation section
    assert load_profile(tmp_path / "本地区.toml").bands.red_below == 60


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[selfeval]\nlate_shares = 0.5\n", "没有“selfeval.late_shares”"),
        ('[selfeval.grades]\ngood = "80"\n', "selfeval.grades.good”的值类型不对"),
        ('[selfeval.regions."临淄区".grades]\nexcelent = 80\n', "selfeval.regions.临淄区.grades.excelent"),
        ("[selfeval.weights]\noutput = 60\n", "之和为 100，现为 110"),
        ("[selfeval]\ncost_shares_output = false\n[selfeval.weights]\ncost = 10\noutput = 40\n", None),
        ("[selfeval.grades]\ngood = 95\n", "fair ≤ good ≤ excellent"),
        ('[selfeval]\nmissing_satisfaction = "cost"\n', "pro-rata / output / effect"),
        ("[selfeval]\nlate_share = 1.5\n", "late_share 须在 0 与 1 之间"),
    ],
)
def test_bad_keys_types_and_values_are_errors(tmp_path, text, message):
    path = write(tmp_path, text)
    if message is None:  # 40 + 30 + 10 + 10 + 10 = 100 once 成本 has its own points
        assert load_selfeval_profile(path).weights.cost == 10
        return
    with pytest.raises(ProfileError, match=message):
        load_selfeval_profile(path)


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("[selfeval]\nlate_shares = 0.5\n", "自评配置中没有“selfeval.late_shares”"),
        ('[selfeval.grades]\ngood = "80"\n', "自评配置“selfeval.grades.good”的值类型不对"),
        ("[selfeval]\nregions = 1\n", "自评配置“selfeval.regions”须为表"),
        ("[bands]\nred_belo = 50\n", "监控配置中没有“bands.red_belo”"),
    ],
)
def test_an_error_names_the_section_it_is_in(tmp_path, text, section):
    with pytest.raises(ProfileError) as err:
        load_selfeval_profile(write(tmp_path, text))
    assert str(err.value).startswith(section)
