"""Monitoring profiles: the default holds every key; a user's file overrides only what it writes."""

import pytest

from jixiao.domain import IndicatorActual, parse_target_value
from jixiao.evaluate.monitor import judge_indicator
from jixiao.evaluate.profile import Bands, ProfileError, load_profile
from jixiao.evaluate.results import Band


def write(tmp_path, text):
    path = tmp_path / "本地区.toml"
    path.write_text(text, "utf-8")
    return path


def test_the_default_profile_holds_the_rules_of_issue_12():
    profile = load_profile()
    assert profile.name == "default"
    assert profile.bands == Bands(red_below=60, yellow_below=80, blue_from=120)
    assert profile.divergence == 10
    assert profile.indicators.rule == "split"
    assert {"%", "‰"} <= set(profile.indicators.rate_units)
    assert {"满意度", "率"} <= set(profile.indicators.rate_words)
    assert profile.indicators.lower_is_better_ops == ("<=", "<")
    assert profile.rule_for("任何地区") == "split"


def test_a_user_file_overrides_only_the_keys_it_writes(tmp_path):
    profile = load_profile(
        write(
            tmp_path,
            '[bands]\nyellow_below = 85\n[indicators]\nlower_is_better_names = ["投诉"]\n'
            '[regions."临淄区"]\nrule = "pro-rated"\n',
        )
    )
    assert profile.name == "本地区"
    assert profile.bands == Bands(red_below=60, yellow_below=85, blue_from=120)
    assert profile.indicators.rate_units == load_profile().indicators.rate_units
    assert profile.rule_for("临淄区") == "pro-rated"
    assert profile.rule_for("淄川区") == "split"
    # 82 ÷ 100 = 82: green by default, yellow under this profile's edge of 85.
    actual = IndicatorActual("合格率", parse_target_value("82%"))
    assert (
        judge_indicator("合格率", parse_target_value("≥100%"), actual, month=6, profile=profile).band
        is Band.YELLOW
    )
    # 投诉次数 =10次 would be higher-is-better; the profile names it lower-is-better: 12 > 10 is red.
    complaints = IndicatorActual("投诉次数", parse_target_value("12次"))
    result = judge_indicator("投诉次数", parse_target_value("=10次"), complaints, month=12, profile=profile)
    assert result.band is Band.RED


def test_pro_rated_names_pro_rate_one_indicator(tmp_path):
    profile = load_profile(write(tmp_path, '[indicators]\npro_rated_names = ["覆盖率"]\n'))
    actual = IndicatorActual("覆盖率", parse_target_value("45%"))
    result = judge_indicator("覆盖率", parse_target_value("≥90%"), actual, month=6, profile=profile)
    assert result.progress == pytest.approx(100.0)  # 45 ÷ (90 × 0.5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[bands]\norange_below = 70\n", "没有“bands.orange_below”这一项"),
        ('[bands]\nred_below = "60"\n', "“bands.red_below”的值类型不对"),
        ("[divergence]\nthreshold = true\n", "“divergence.threshold”的值类型不对"),
        ('[indicators]\nrule = "national"\n', "“indicators.rule”须为 split 或 pro-rated"),
        ('[regions."临淄区"]\nrules = "pro-rated"\n', "“regions.临淄区”只能写 rule"),
        ("[bands]\nred_below = 90\n", "red_below ≤ yellow_below ≤ blue_from"),
        ("[bands\n", "不是有效的 TOML"),
    ],
)
def test_a_bad_profile_is_an_error_not_ignored(tmp_path, text, message):
    with pytest.raises(ProfileError, match=message):
        load_profile(write(tmp_path, text))


def test_unknown_builtin_and_missing_file(tmp_path):
    with pytest.raises(ProfileError, match="没有名为“strictest”的内置监控配置"):
        load_profile("strictest")
    with pytest.raises(ProfileError, match="无法读取监控配置文件"):
        load_profile(tmp_path / "none.toml")
