"""EFFECT-KIND-MISMATCH: an effect filed under 经济效益 or 生态效益 that speaks of neither."""

from tests.review.builders import document, fired, ind, project


def test_management_and_streetscape_are_not_economic_or_ecological() -> None:
    p = project(
        ind("经济效益", "提高工程项目管理水平", "得到提升", 20),
        ind("生态效益", "街道灯容灯貌提升程度", "明显", 21),
        ind(
            "经济效益",
            "提供给市民朋友的环境卫生状况",
            "优质",
            22,
            description="营造良好的经营生产环境，促进经济发展",
        ),
        ind("经济效益", "节能电率", "65.05%", 23),
        ind("经济效益", "带动农户增收", "≥500元", 24),
        ind("生态效益", "城市小气候、空气质量改善程度", "明显", 25),
        ind("生态效益", "PM2.5达标率", "≥90%", 26),
        ind("社会效益", "街道灯容灯貌提升程度", "明显", 27),
    )
    assert fired(document(p), "EFFECT-KIND-MISMATCH") == [20, 21, 22]
