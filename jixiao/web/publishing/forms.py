"""The choices on the publishing pages: which year and states, which format, which 编报说明."""

from __future__ import annotations

from django import forms

FORMAT_CHOICES = [("docx", "Word (DOCX)"), ("xlsx", "Excel (XLSX)"), ("pdf", "PDF"), ("html", "网页 (HTML)")]
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
PREFACE_CHOICES = [
    ("auto", "保留导入文档的编报说明（所选为整份导入文档时；否则按所选内容计算）"),
    ("computed", "按所选内容重新计算"),
]
STATE_FILTERS = [("approved", "已批复和已公开"), ("published", "已公开"), ("all", "全部可见")]


class SelectionForm(forms.Form):
    """Year and states to list (GET)."""

    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    state = forms.ChoiceField(label="状态", choices=STATE_FILTERS, initial="approved", required=False)


class DisclosureForm(SelectionForm):
    """What to download (POST): the ticked projects and department targets, the format, the 编报说明."""

    fmt = forms.ChoiceField(label="格式", choices=FORMAT_CHOICES, initial="docx")
    preface = forms.ChoiceField(label="编报说明", choices=PREFACE_CHOICES, initial="auto")
    project = forms.TypedMultipleChoiceField(coerce=int, required=False)
    target = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args: object, project_ids: list[int], target_ids: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["project"].choices = [(pk, pk) for pk in project_ids]  # type: ignore[attr-defined]
        self.fields["target"].choices = [(pk, pk) for pk in target_ids]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("project") and not data.get("target"):
            raise forms.ValidationError("请至少勾选一个项目或部门整体绩效目标。")
        return data


class TemplateUploadForm(forms.Form):
    file = forms.FileField(label="填好的模板（.xlsx）")
