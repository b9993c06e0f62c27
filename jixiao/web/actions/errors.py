"""Why an action did not happen, in words for the person who tried (refusals are :class:`policy.Refused`)."""

from __future__ import annotations


class ActionError(Exception):
    """The action cannot be done as asked; ``str(error)`` is the Chinese message to show."""


class Invalid(ActionError):
    """The submitted data has problems, keyed by field (``name``, ``indicators.2.value`` …)."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("；".join(problems.values()))
        self.problems = problems


class StaleEdit(ActionError):
    """Someone else saved the thing since this editor loaded it; nothing was overwritten."""

    def __init__(self, expected: int, current: int, thing: str = "项目") -> None:
        super().__init__(
            f"保存被拒绝：在您编辑期间，其他人已保存了该{thing}"
            f"（您编辑的是第 {expected} 版，当前为第 {current} 版）。"
            "您的修改没有丢失，请对照当前版本合并后再保存。"
        )
        self.expected = expected
        self.current = current
