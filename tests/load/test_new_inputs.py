"""Input other formats need: each new field loads from a real file, is validated with a located message, and is printed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.pipeline import prepare

from ..conftest import ROOT, edited_example
from ..docx_text import open_docx, text_dump

USER_TEMPLATES = ROOT / "tests" / "user_templates"
CPC = "changji-cpc-office-2023"
FIRST_PROJECT = "    承担单位: 昌吉市档案馆\n"
FIRST_INDICATOR = "        - {二级指标: 数量指标, 三级指标: 消防设施检测, 指标值: ≥1次, "
STAFF = "    离休: {本年: 0, 上年: 1}\n"
VEHICLES = "      一般公务用车: {数量: 7, 价值: 168.79}\n"
EQUIPMENT = "    大型设备: {50万元以上: 2, 100万元以上: 0}\n"
DEPARTMENT = """
部门整体绩效目标:
  联系人: 张敏
  联系电话: 0994-1234567
  年度目标: 保障市委机关运转。
  指标:
    - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 组织会议场次, 指标值: ≥90次, 设定依据: 计划标准, 分值权重: 100}
"""
TASKS = """  任务:
    - {任务名称: 档案保护, 主要内容: 档案库房消防和数字化, 金额: 5}
    - {任务名称: 视频会议系统维护, 金额: 20}
  年度重点工作: 做好档案数字化和视频会议保障。
"""

NEW_FIELDS = (
    (FIRST_PROJECT, FIRST_PROJECT + "    项目类型: 其他运转类\n    一级项目: 机关运行保障\n    事前绩效评估: true\n"),
    (FIRST_INDICATOR, FIRST_INDICATOR + "阶段性指标值: ≥1次, "),
    (STAFF, STAFF + "    说明: 行政编制 60 名，事业编制 25 名；领导职数 5 名。\n"),
    (VEHICLES, VEHICLES + "      领导干部用车: {数量: 1, 价值: 30}\n      特种专业技术用车: {数量: 2, 价值: 80.5}\n"),
    (EQUIPMENT, "    大型设备: {200万元以上: 1}\n"),
)


def with_new_fields(tmp_path, *more: tuple[str, str], template: str = "inputs-2023"):
    path = edited_example(tmp_path, CPC, *NEW_FIELDS, ("  模板: changji-2023", f"  模板: {template}"), *more)
    path.write_text(path.read_text(encoding="utf-8") + DEPARTMENT + TASKS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    path = with_new_fields(tmp_path_factory.mktemp("inputs"))
    prepared = prepare(path, (USER_TEMPLATES,))
    assert prepared.ok, [str(p) for p in prepared.problems]
    return prepared, text_dump(open_docx(render(prepared, BuildOptions(("docx",)))["docx"]))


@pytest.mark.slow
def test_project_kind_parent_and_interim_target_reach_the_document(printed):
    prepared, text = printed
    project = prepared.data.projects[0]
    assert (project.kind, project.parent) == ("其他运转类", "机关运行保障")
    assert "项目：昌吉市档案馆档案保护费项目；项目类型：其他运转类；一级项目：机关运行保障" in text
    assert "指标：消防设施检测；年度指标值：≥1次；阶段性指标值：≥1次" in text
    assert "指标：消防设施维保；年度指标值：≥12次；阶段性指标值：无" in text


@pytest.mark.slow
def test_prior_assessment_is_counted_with_the_projects_amount(printed):
    prepared, text = printed
    summary = prepared.figures.performance
    assert (summary.assessed_count, summary.assessed_amount) == (1, Decimal("5.00"))
    assert "开展事前绩效评估的项目1个，涉及金额5万元。" in text


@pytest.mark.slow
def test_staffing_text_tasks_and_key_work_reach_the_document(printed):
    prepared, text = printed
    assert "人员情况：行政编制 60 名，事业编制 25 名；领导职数 5 名。" in text
    assert "任务：档案保护；主要内容：档案库房消防和数字化；金额：5万元" in text
    assert "任务：视频会议系统维护；" in text
    assert "年度重点工作：做好档案数字化和视频会议保障。" in text
    tasks = prepared.data.department_performance.tasks
    assert [(t.name, t.amount) for t in tasks] == [("档案保护", Decimal("5")), ("视频会议系统维护", Decimal("20"))]


@pytest.mark.slow
def test_vehicle_categories_add_up_and_print_in_order(printed):
    prepared, text = printed
    assets = prepared.figures.assets
    assert [label for label, _, _ in assets.vehicles] == ["一般公务用车", "执法执勤用车", "领导干部用车", "特种专业技术用车", "其他车辆"]
    assert (assets.vehicle_count, assets.vehicle_value) == (10, Decimal("279.29"))
    assert "领导干部用车1辆，价值30万元" in text and "特种专业技术用车2辆，价值80.5万元" in text


@pytest.mark.slow
def test_equipment_is_counted_at_the_sets_thresholds(printed):
    prepared, text = printed
    assert prepared.figures.assets.equipment == ((200, 1),)
    assert "单位价值200万元以上大型设备1台（套）" in text and "50万元以上" not in text


def test_changji_keeps_its_vehicles_and_equipment_as_they_were(tmp_path):
    prepared = prepare(edited_example(tmp_path, CPC))
    assets = prepared.figures.assets
    assert [label for label, _, _ in assets.vehicles] == ["一般公务用车", "执法执勤用车", "其他车辆"]
    assert assets.equipment == ((50, 2), (100, 0)) and (assets.equipment_over_50, assets.equipment_over_100) == (2, 0)


def test_a_threshold_the_set_does_not_print_is_reported_where_it_was_written(tmp_path):
    path = with_new_fields(tmp_path, template="changji-2023")
    [problem] = [p for p in prepare(path).problems if p.check == "equipment-threshold"]
    line = path.read_text(encoding="utf-8").splitlines().index("    大型设备: {200万元以上: 1}") + 1
    assert problem.location.line == line and problem.location.field == "其他事项.国有资产.大型设备.200万元以上"
    assert "模板「changji-2023」印出单位价值 50、100 万元以上的大型设备数，「200万元以上」不会印出" in problem.message


@pytest.mark.parametrize(("old", "new", "field", "said", "at"), [
    ("    项目类型: 其他运转类\n", "    项目类型: [其他运转类]\n", "项目[1].项目类型", "文字", "项目类型"),
    ("    一级项目: 机关运行保障\n", "    一级项目: \"机关\\n运行保障\"\n", "项目[1].一级项目", "应写成一行", "一级项目"),
    ("阶段性指标值: ≥1次, ", "阶段性指标值: [1], ", "项目[1].绩效目标.指标[1].阶段性指标值", "文字", "阶段性指标值"),
    ("    事前绩效评估: true\n", "    事前绩效评估金额: 3\n", "项目[1]", "填写了「事前绩效评估金额」，却没有写「事前绩效评估: true」",
     "  - 名称: 昌吉市档案馆档案保护费项目"),
    ("    事前绩效评估: true\n", "    事前绩效评估: 是\n", "项目[1].事前绩效评估", "true", "事前绩效评估"),
    ("    说明: 行政编制 60 名，事业编制 25 名；领导职数 5 名。\n", "    说明: \"\\x01行政编制\"\n", "概况.人员情况.说明", "控制字符", "说明"),
    ("      领导干部用车: {数量: 1, 价值: 30}\n", "      领导干部用车: {数量: -1, 价值: 30}\n", "其他事项.国有资产.车辆.领导干部用车.数量",
     "超出允许范围", "领导干部用车"),
    ("    大型设备: {200万元以上: 1}\n", "    大型设备: {200万: 1}\n", "其他事项.国有资产.大型设备", "不是设备价值档次", "大型设备"),
    ("    - {任务名称: 档案保护, 主要内容: 档案库房消防和数字化, 金额: 5}\n", "    - {主要内容: 档案库房消防和数字化, 金额: 5}\n",
     "部门整体绩效目标.任务[1]", "缺少", "{主要内容: 档案库房"),
    ("    - {任务名称: 视频会议系统维护, 金额: 20}\n", "    - {任务名称: 视频会议系统维护, 金额: 20万元}\n",
     "部门整体绩效目标.任务[2].金额", "不要带“万元”", "20万元"),
    ("  年度重点工作: 做好档案数字化和视频会议保障。\n", "  年度重点工作: \"做好档案数字化\\u2028和视频会议保障。\"\n",
     "部门整体绩效目标.年度重点工作", "应写成一行", "年度重点工作"),
])
def test_a_bad_new_value_gets_a_located_chinese_message(tmp_path, old, new, field, said, at):
    path = with_new_fields(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    problems = prepare(path, (USER_TEMPLATES,)).problems
    located = [p for p in problems if p.location.field.startswith(field)]
    assert located and said in located[0].message, [str(p) for p in problems]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert located[0].location.line == next(i for i, row in enumerate(lines, 1) if at in row)
