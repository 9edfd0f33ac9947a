"""The command line: exit codes, messages, and no output for a file with errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from disclosure_gen.cli import main

from ..conftest import EXAMPLES, edited_example, example_files

NPC = "changji-npc-office-2023"


def test_check_exits_zero_for_the_examples():
    result = CliRunner().invoke(main, ["check", *map(str, example_files())])
    assert result.exit_code == 0, result.output
    assert "0 个错误" in result.output


def test_check_lists_every_error_and_exits_one(tmp_path):
    path = edited_example(tmp_path, NPC, ("  30110: 28.19", "  30110: 28.20"), ("    一般财力: 825.94", "    一般财力: 826"))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "personnel-tie" in result.output and "income-balance" in result.output
    assert f"{path} 第 " in result.output


def test_build_refuses_a_file_with_errors_and_writes_nothing(tmp_path):
    bad = edited_example(tmp_path, NPC, ("  30110: 28.19", "  30110: 28.20"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(bad), "-o", str(out), "--format", "docx"])
    assert result.exit_code == 1 and "personnel-tie" in result.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.slow
def test_build_writes_named_outputs_and_replaces_them_whole(tmp_path):
    out = tmp_path / "out"
    args = ["build", str(EXAMPLES / f"{NPC}.yaml"), "-o", str(out), "--format", "docx"]
    assert CliRunner().invoke(main, args).exit_code == 0
    target = out / "昌吉市人大常委会办公室-2023.docx"
    first = target.read_bytes()
    assert CliRunner().invoke(main, args).exit_code == 0
    assert target.read_bytes() == first
    assert sorted(p.name for p in out.iterdir()) == [target.name]


def test_unknown_format_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["build", str(EXAMPLES / f"{NPC}.yaml"), "-o", str(tmp_path), "--format", "odt"])
    assert result.exit_code == 2 and "odt" in result.output


def test_every_command_has_help_with_an_example():
    for command in ("check", "figures", "build", "batch", "init", "schema"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "例：" in result.output


def test_build_one_budget_unit_of_a_department_writes_that_units_own_files(tmp_path):
    from ..conftest import ROOT

    bureau = ROOT / "tests" / "format" / "units" / "education-bureau.yaml"
    templates = ROOT / "tests" / "user_templates"
    result = CliRunner().invoke(main, ["build", str(bureau), "--templates", str(templates), "--budget-unit", "301002",
                                       "-o", str(tmp_path), "--format", "docx"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["青水市第一中学-2024.docx"]
    unknown = CliRunner().invoke(main, ["check", str(bureau), "--templates", str(templates), "--budget-unit", "9"])
    assert unknown.exit_code == 1 and "没有编码或名称为「9」的预算单位" in unknown.output
    figures = CliRunner().invoke(main, ["figures", str(bureau), "--templates", str(templates), "--budget-unit", "青水市教育局（本级）"])
    assert figures.exit_code == 0 and "收入总计 500.00 万元" in figures.output
