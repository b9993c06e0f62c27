"""``jixiao load`` goes through the same import action and policy as the page and the API."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.web.audit.models import AuditEvent
from jixiao.web.targets.models import Project

SAMPLE = Path(str(resources.files("jixiao") / "data" / "samples" / "zichuan-2023.txt"))


def test_finance_admin_loads_a_sample_from_the_shell(world):
    result = CliRunner().invoke(app, ["load", str(SAMPLE), "--region", "临淄区", "--user", "fin_admin"])
    assert result.exit_code == 0, result.output
    assert "导入项目 8 个" in result.output
    assert Project.objects.filter(region=world.region, year=2023).count() == 8
    event = AuditEvent.objects.get(verb="import")
    assert (event.via, event.actor, event.path) == ("cli", world.admin, str(SAMPLE))


def test_other_roles_are_refused_and_logged(world):
    result = CliRunner().invoke(app, ["load", str(SAMPLE), "--region", "临淄区", "--user", "editor_a1"])
    assert result.exit_code == 2 and "无权导入" in result.output
    assert not Project.objects.exists()
    assert AuditEvent.objects.filter(verb="import", ok=False, actor=world.editor_a1).exists()


def test_unknown_region_or_user_is_a_one_line_error(world):
    for args in (["--region", "无此区", "--user", "fin_admin"], ["--region", "临淄区", "--user", "nobody"]):
        result = CliRunner().invoke(app, ["load", str(SAMPLE), *args])
        assert result.exit_code == 2 and "错误:" in result.output and "Traceback" not in result.output
