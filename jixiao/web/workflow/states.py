"""The review cycle's states (二上二下) as named constants with their Chinese labels.

草稿 → 一上 (submitted) → 一下 (returned with opinions) → 二上 (resubmitted) → 二下 (approved) → 已公开;
an approved project can be opened for 调整 (adjustment), which is reviewed again before it is approved.
While a submission is under review, ``awaiting`` says whose turn it is: the department (主管部门) first,
then finance (财政).
"""

from __future__ import annotations

from django.db import models


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "一上"
    RETURNED = "returned", "一下"
    RESUBMITTED = "resubmitted", "二上"
    APPROVED = "approved", "二下"
    PUBLISHED = "published", "已公开"
    ADJUSTING = "adjusting", "调整中"
    ADJUST_SUBMITTED = "adjust_submitted", "调整待审"


class Awaiting(models.TextChoices):
    NOBODY = "", "—"
    DEPARTMENT = "department", "待主管部门审核"
    FINANCE = "finance", "待财政审核"


class Grade(models.TextChoices):
    EXCELLENT = "优", "优"
    GOOD = "良", "良"
    FAIR = "中", "中"
    POOR = "差", "差"


# 财预〔2015〕88号: 优 and 良 go on to the budget, 中 must be revised, 差 cannot be included in the budget.
GRADE_CONSEQUENCE: dict[str, str] = {
    Grade.EXCELLENT: "可纳入预算",
    Grade.GOOD: "可纳入预算",
    Grade.FAIR: "须修改完善后重新报送",
    Grade.POOR: "不得纳入预算",
}
APPROVABLE_GRADES = frozenset({Grade.EXCELLENT, Grade.GOOD})

EDITABLE = frozenset({State.DRAFT, State.RETURNED, State.ADJUSTING})
UNDER_REVIEW = frozenset({State.SUBMITTED, State.RESUBMITTED, State.ADJUST_SUBMITTED})
