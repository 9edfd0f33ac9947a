"""Required fields are the template set's rule (set.yaml `requires`), reported by check required-field."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.cli import main
from disclosure_gen.init import last_year_raw
from disclosure_gen.load import UNFILLED
from disclosure_gen.pipeline import prepare
from disclosure_gen.templateset import InvalidTemplateError, load_template_set, search_folders

from ..conftest import EXAMPLES, ROOT, edited_example
from ..docx_text import open_docx, text_dump

USER_TEMPLATES = ROOT / "tests" / "user_templates"
BAYINGOL = "bayingol-cpc-office-2023"
PROJECT_LINES = ("巴州党委办公室运行保障项目", "档案征集、保护、数字化与安全保障")


def undescribed(tmp_path: Path, template: str) -> Path:
    """Bayingol's department with no 政策依据, 资金分配, 执行期 and no 比上年 reason, under `template`."""
    text = (EXAMPLES / f"{BAYINGOL}.yaml").read_text(encoding="utf-8")
    text, described = re.subn(r"(?m)^    (政策依据|资金分配|执行期): .*\n", "", text)
    text, reasons = re.subn(r", 原因: [^}]*\}", "}", text)
    assert described == 6 and reasons > 20
    path = tmp_path / f"{template}.yaml"
    path.write_text(text.replace("  模板: bayingol-2023\n", f"  模板: {template}\n"), encoding="utf-8")
    return path


def project_lines(path: Path) -> list[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [lines.index(f"  - 名称: {name}") + 1 for name in PROJECT_LINES]


@pytest.mark.slow
def test_a_format_that_prints_no_description_or_reason_passes_without_them_and_builds(tmp_path):
    path = undescribed(tmp_path, "summary-2023")
    prepared = prepare(path, (USER_TEMPLATES,))
    assert prepared.ok and not [p for p in prepared.problems if p.check in ("required-field", "reason-missing")], [
        str(p) for p in prepared.problems
    ]
    text = text_dump(open_docx(render(prepared, BuildOptions(("docx",)))["docx"]))
    assert "考虑当前新疆工作实际" in text and "政策依据" not in text and "主要原因" not in text
    tables = text_dump(open_docx(render(prepared, BuildOptions(("docx",)), apart=True)["docx"]))
    assert "巴州党委办公室运行保障项目" in tables


def test_the_same_department_under_changji_is_told_what_is_missing_where_and_why(tmp_path):
    path = undescribed(tmp_path, "changji-2023")
    problems = prepare(path).problems
    required = [p for p in problems if p.check == "required-field"]
    assert [p.location.line for p in required] == project_lines(path)
    for problem, name in zip(required, PROJECT_LINES):
        assert problem.location.file == path and problem.location.field in ("项目[1]", "项目[2]")
        assert problem.message == (
            f"项目「{name}」缺少必填字段「政策依据」「资金分配」「执行期」（只有涉密项目可以不填）：模板「changji-2023」要求填写，"
            "因为说明七逐项印出每个项目设立的政策依据、资金分配情况和资金执行时间（涉密项目印“完全不予公开”）"
        )
    assert any(p.check == "reason-missing" and p.location.field == "上年对比.收入.一般公共预算" for p in problems)


def test_bayingol_prints_the_project_description_and_reasons_so_it_requires_them(tmp_path):
    problems = prepare(undescribed(tmp_path, "bayingol-2023")).problems
    assert len([p for p in problems if p.check == "required-field"]) == 2
    assert any(p.check == "reason-missing" for p in problems)


def test_bayingol_requires_the_statement_it_prints_not_the_staff_counts_changji_prints(tmp_path):
    statement = "  不予公开说明: 考虑当前新疆工作实际及相关信息涉密性及敏感性等因素，新疆巴州党委办公室单位内设机构、编制数、实有人数等不宜公开。\n"
    organisation = "  机构设置: {内设机构: [秘书科]}\n"
    path = edited_example(tmp_path, BAYINGOL, (statement, organisation))
    [problem] = [p for p in prepare(path).problems if p.check == "required-field"]
    assert problem.location.field == "概况.不予公开说明" and "第一部分“二、机构设置及人员情况”只印不予公开说明" in problem.message
    under_changji = tmp_path / "changji.yaml"
    under_changji.write_text(path.read_text(encoding="utf-8").replace("模板: bayingol-2023", "模板: changji-2023"), encoding="utf-8")
    [problem] = [p for p in prepare(under_changji).problems if p.check == "required-field"]
    assert problem.location.field == "概况.人员情况" and "（填写了「不予公开说明」时可以不填）" in problem.message
    assert problem.location.line == path.read_text(encoding="utf-8").splitlines().index("概况:") + 1


def test_changji_2024_requires_the_department_contact_it_prints(tmp_path):
    path = edited_example(tmp_path, "changji-government-office-2024", ("  联系人: ", "  # 联系人: "))
    [problem] = [p for p in prepare(path).problems if p.check == "required-field"]
    assert problem.location.field == "部门整体绩效目标.联系人"
    assert "部门整体绩效目标表印出部门联系人" in problem.message and "changji-2024" in problem.message


def test_given_fields_are_still_validated_where_no_set_requires_them(tmp_path):
    path = undescribed(tmp_path, "summary-2023")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    承担单位:", "    执行期: {开始: 2023-12-31, 结束: 2023-01-01}\n    承担单位:", 1), encoding="utf-8")
    [problem] = prepare(path, (USER_TEMPLATES,)).problems
    assert problem.check == "schema" and "结束日期早于开始日期" in problem.message and problem.location.field == "项目[1].执行期"


def write_set(folder: Path, requires: str) -> Path:
    (folder / "odd-2023").mkdir(parents=True)
    text = f"name: odd-2023\nbase: changji-2023\ntitle: 测试\nyear: 2023\nrequires:\n{textwrap.indent(requires, '  ')}"
    (folder / "odd-2023" / "set.yaml").write_text(text, encoding="utf-8")
    return folder / "odd-2023" / "set.yaml"


@pytest.mark.parametrize(("requires", "said"), [
    ("项目[].政策依椐: {reason: 印出}\n", "requires 的「项目[].政策依椐」有误：字段路径「项目[].政策依椐」中没有「政策依椐」这个字段"),
    ("项目.政策依据: {reason: 印出}\n", "「项目」是由若干项组成的列表"),
    ("概况[].主要职能: {reason: 印出}\n", "「概况」不是由若干项组成的列表"),
    ("项目[].政策依据: {reason: 印出, unless: 保密}\n", "没有「保密」这个字段"),
])
def test_a_path_the_model_does_not_have_is_a_template_error_located_in_set_yaml(tmp_path, requires, said):
    set_yaml = write_set(tmp_path, requires)
    with pytest.raises(InvalidTemplateError) as raised:
        load_template_set("odd-2023", search_folders((tmp_path,)))
    assert (raised.value.location.file, raised.value.location.line) == (set_yaml, 6) and said in raised.value.reason


def test_a_child_set_adds_overrides_and_drops_its_bases_requirements(tmp_path):
    write_set(tmp_path, "项目[].政策依据: null\n项目[].资金分配: {reason: 新的原因}\n部门.编码: {reason: 印在封面}\n")
    required = load_template_set("odd-2023", search_folders((tmp_path,))).required_fields()
    assert "项目[].政策依据" not in required and required["部门.编码"].reason == "印在封面"
    assert required["项目[].资金分配"].reason == "新的原因" and required["项目[].资金分配"].unless == "涉密"
    assert "项目[].执行期" in required


def test_init_with_a_chosen_set_names_it_and_lists_what_it_requires(tmp_path):
    path = tmp_path / "巴州部门.yaml"
    result = CliRunner().invoke(main, ["init", str(path), "--template", "bayingol-2023"])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "  模板: bayingol-2023" in text
    assert "#   概况.不予公开说明：第一部分“二、机构设置及人员情况”只印不予公开说明" in text
    assert "#   项目[].政策依据：说明七逐项印出" in text and "概况.人员情况.编制数" not in text.split("单位:")[0]
    assert CliRunner().invoke(main, ["init", str(tmp_path / "x.yaml"), "--template", "no-such"]).exit_code == 1


def test_init_from_last_year_asks_for_what_this_years_set_requires(tmp_path):
    write_set(tmp_path / "sets", "项目[].政策依据: null\n")
    last = edited_example(
        tmp_path, "changji-cpc-office-2023",
        ("    政策依据: 昌市党财领〔2012〕3号会议纪要\n", ""), ("  模板: changji-2023", "  模板: odd-2023"),
    )
    prepared = prepare(last, (tmp_path / "sets",))
    assert prepared.ok, [str(p) for p in prepared.problems]
    raw = last_year_raw(prepared)  # for 2024, under changji-2024, which requires 政策依据
    assert raw["项目"][0]["政策依据"] == UNFILLED and raw["项目"][1]["政策依据"] == "昌市党财领〔2017〕4号会议纪要"
