"""填报说明: every field of the compile forms has help in one data file, shown beside the field, and every
example it gives of a value is one the form accepts."""

from __future__ import annotations

import re

import pytest

from jixiao.domain.validation import check_value
from jixiao.web.targets.department_forms import DepartmentRowForm, DepartmentTargetForm
from jixiao.web.targets.field_help import all_help, help_for
from jixiao.web.targets.forms import IndicatorForm, ProjectForm
from tests.web.conftest import PASSWORD
from tests.web.test_department_compile import department_draft  # noqa: F401  (the fixture)

FORMS = {"project": ProjectForm, "indicator": IndicatorForm, "department": DepartmentRowForm}
NO_HELP = {"id", "version", "remove", "plan_3", "plan_6", "plan_10", "plan_12"}  # hidden, a tick, or one help


@pytest.mark.parametrize("form", FORMS)
def test_every_field_a_person_fills_has_help(form):
    fields = {n for n, f in FORMS[form].base_fields.items() if n not in NO_HELP and not f.widget.is_hidden}
    missing = sorted(n for n in fields if help_for(form, n) is None)
    assert not missing, f"{form}: no 填报说明 for {missing} in jixiao/web/targets/field_help.toml"
    assert help_for("department", "strategic_goal") and "strategic_goal" in DepartmentTargetForm.base_fields


def test_help_names_only_fields_the_forms_have():
    known = {form: set(cls.base_fields) | {"spending_plan", "strategic_goal"} for form, cls in FORMS.items()}
    stray = [
        (form, name) for form, entries in all_help().items() for name in entries if name not in known[form]
    ]
    assert not stray


@pytest.mark.parametrize("form", ["indicator", "department"])
def test_every_example_of_a_target_value_is_accepted(form):
    examples = help_for(form, "value").examples
    assert len(examples) >= 3
    for example in examples:
        assert not check_value(example, "value"), example


def test_the_project_form_shows_help_and_examples_beside_its_fields(world, client):
    client.login(username="editor_a1", password=PASSWORD)
    page = client.get("/work/projects/new/?year=2024").content.decode()
    funds = re.search(r'id="id_funds_total".*?</div>', page, re.S).group(0)
    assert 'id="help-project-funds_total"' in funds and "<code>120</code>" in funds  # beside its input
    value_header = re.search(r"<th>指标值.*?</th>", page, re.S).group(0)
    assert "<code>≥95%</code>" in value_header
    assert 'id="indicator-help"' in page and "计划标准" in page.split('id="indicator-help"')[1]


def test_the_department_form_shows_help_once_per_grid(world, client, department_draft):  # noqa: F811
    client.login(username="reviewer_a", password=PASSWORD)
    page = client.get(f"/work/departments/{department_draft.pk}/edit/").content.decode()
    assert 'id="help-department-strategic_goal"' in page
    assert page.count('id="help-department-value"') == 2  # the first row of each of the two grids
    assert "入学儿童数 ÷ 适龄儿童数 × 100%" in page
