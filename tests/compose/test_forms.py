"""The performance forms as a set declares them: header cells, task list, indicator columns, framework and title, read back from the DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.text.paragraph import Paragraph

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.pipeline import prepare
from disclosure_gen.templateset import InvalidTemplateError, load_template_set, search_folders

from ..conftest import EXAMPLES, edited_example
from ..docx_text import body_items, open_docx, table_rows, table_rows_as_printed, tables_by_title

CPC = "changji-cpc-office-2023"
ARCHIVES = "昌吉市档案馆档案保护费项目"

# An older framework: 成本指标 is a 二级指标 under 产出指标, and 效益指标 has 可持续影响指标
OLDER_FORM = """
performance_form:
  project:
    title: 项目绩效目标申报表
    header:
      - [{text: 项目名称, cols: 2}, {field: 项目名称, cols: 4}]
      - [{text: 主管部门, cols: 2}, {field: 部门, cols: 2}, 资金总额, {field: 年度预算总额}]
      - [{text: 年度总体目标, cols: 2}, {field: 项目总体目标, cols: 4}]
      - [{text: 一级指标, rows: 2}, {text: 二级指标, rows: 2}, {text: 三级指标, rows: 2}, {text: 指标值, cols: 2}, {text: 分值, rows: 2}]
      - [年度指标值, 阶段性指标值]
    columns: [一级指标, 二级指标, 三级指标, 指标值, 阶段性指标值, 分值权重]
    kinds: [code, code, text, code, code, code]
    widths: [1.0, 1.2, 3.2, 1.3, 1.3, 0.8]
    font_size: table
    framework:
      - {first: 产出指标, second: [数量指标, 质量指标, 时效指标, 成本指标]}
      - {first: 效益指标, second: [经济效益指标, 社会效益指标, 生态效益指标, 可持续影响指标]}
      - {first: 满意度指标, second: [服务对象满意度指标]}
"""
OLDER_LEVELS = {  # the example's 二级指标 in the older framework's words
    "二级指标: 经济成本指标": "二级指标: 成本指标",
    "二级指标: 社会成本指标": "二级指标: 成本指标",
    "二级指标: 生态成本指标": "二级指标: 成本指标",
    "二级指标: 满意度指标": "二级指标: 服务对象满意度指标",
}


def _set(folder: Path, name: str, declaration: str, year: int = 2023) -> Path:
    """A user set over changji-<year> whose set.yaml adds `declaration`."""
    (folder / name).mkdir(parents=True)
    head = f"name: {name}\nbase: changji-{year}\ntitle: 测试格式\nyear: {year}\n"
    (folder / name / "set.yaml").write_text(head + declaration, encoding="utf-8")
    return folder


def _docx(department: Path, folder: Path) -> bytes:
    """The department's DOCX under the sets in `folder` (its check passed)."""
    prepared = prepare(department, (folder,))
    assert prepared.ok, [str(p) for p in prepared.problems]
    return render(prepared, BuildOptions(("docx",)))["docx"]


def _department(tmp_path: Path, template: str, levels: dict[str, str]) -> Path:
    """The CPC example under `template`, its 二级指标 renamed by `levels`, one indicator with a 阶段性指标值."""
    text = (EXAMPLES / f"{CPC}.yaml").read_text(encoding="utf-8").replace("模板: changji-2023", f"模板: {template}")
    for old, new in levels.items():
        text = text.replace(old, new)
    text = text.replace("三级指标: 消防设施检测, 指标值: ≥1次,", "三级指标: 消防设施检测, 指标值: ≥1次, 阶段性指标值: 6月底前1次,")
    path = tmp_path / f"{CPC}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _forms(docx: bytes, title: str) -> dict[str, object]:
    """Each performance form under a Table Title paragraph `title`, by the project name in its first row."""
    found, titled = {}, False
    for item in body_items(open_docx(docx)):
        if isinstance(item, Paragraph):
            titled = titled or (item.style.name == "Table Title" and item.text == title)
        elif titled:
            found[item.rows[0].cells[2].text] = item
            titled = False
    return found


@pytest.fixture(scope="module")
def older_form(tmp_path_factory):
    """The archives project's form, built as DOCX under a set declaring the older form, read back."""
    tmp = tmp_path_factory.mktemp("older")
    folder = _set(tmp / "sets", "older-2023", OLDER_FORM)
    forms = _forms(_docx(_department(tmp, "older-2023", OLDER_LEVELS), folder), "项目绩效目标申报表")
    assert ARCHIVES in forms and "项目支出绩效目标表" not in forms
    return forms[ARCHIVES]


def test_the_declared_header_prints_literal_cells_and_fields(older_form):
    rows = table_rows_as_printed(older_form)
    assert rows[0] == ["项目名称", ARCHIVES]
    assert rows[1] == ["主管部门", "中国共产党昌吉市委员会办公室", "资金总额", "5.00"]
    assert rows[2][0] == "年度总体目标" and rows[2][1].startswith("本项目拟投入5万元用于")
    assert rows[3] == ["一级指标", "二级指标", "三级指标", "指标值", "分值"]
    assert rows[4] == ["一级指标", "二级指标", "三级指标", "年度指标值", "阶段性指标值", "分值"]


def test_the_declared_columns_print_the_interim_target_beside_the_annual_one(older_form):
    body = table_rows(older_form)[5:]
    assert body[0] == ["产出指标", "数量指标", "消防设施检测", "≥1次", "6月底前1次", "6"]
    assert body[1] == ["产出指标", "数量指标", "消防设施维保", "≥12次", "", "6"]


def test_indicators_follow_the_older_framework_and_absent_levels_are_padded(older_form):
    levels = [(row[0], row[1], row[2]) for row in table_rows(older_form)[5:]]
    seconds = list(dict.fromkeys(second for _, second, _ in levels))
    assert seconds == ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
                       "可持续影响指标", "服务对象满意度指标"]
    assert ("产出指标", "成本指标", "档案数字化扫描成本") in levels
    assert ("效益指标", "可持续影响指标", "") in levels  # rules.performance_empty_levels of changji-2023
    assert ("满意度指标", "服务对象满意度指标", "查档单位、群众满意度") in levels


def test_an_indicator_outside_the_sets_framework_is_a_located_error(tmp_path):
    folder = _set(tmp_path / "sets", "older-2023", OLDER_FORM)
    prepared = prepare(_department(tmp_path, "older-2023", {}), (folder,))
    found = [p for p in prepared.problems if p.check == "indicator-level"]
    assert not prepared.ok and found
    assert "经济成本指标" in found[0].message and "可持续影响指标" in found[0].message
    assert found[0].location.line is not None and found[0].location.field.endswith("二级指标")


BAD = {
    "an unknown field": ("      - [{text: 项目名称, cols: 2}, {field: 项目编号, cols: 4}]", "header.0.1.field", "「项目编号」"),
    "text and field both": ("      - [{text: 项目名称, cols: 2}, {text: x, field: 项目名称, cols: 4}]", "header.0.1", "二者只写一个"),
    "a row too short": ("      - [{text: 项目名称, cols: 2}, {field: 项目名称, cols: 3}]", "performance_form.project", "表头各行覆盖的列数"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_form_declaration_is_refused_at_set_load_with_its_line(case, tmp_path):
    line, key, reason = BAD[case]
    declaration = OLDER_FORM.replace("      - [{text: 项目名称, cols: 2}, {field: 项目名称, cols: 4}]", line)
    folder = _set(tmp_path, "bad-form", declaration)
    with pytest.raises(InvalidTemplateError) as raised:
        load_template_set("bad-form", search_folders((folder,)))
    where = raised.value.location
    assert where.file == folder / "bad-form" / "set.yaml" and where.line is not None
    assert key in where.field and reason in str(raised.value)


@pytest.mark.parametrize("line, key, reason", [
    ("    toc: 申报表：{projekt}", "performance_form.project.toc", "「{projekt}」不是可用的名字；可用：{title}、{year}、{project}"),
    ("    subtitle: （{project}）", "performance_form.project.subtitle", "「{project}」不是可用的名字；可用：{year}"),
])
def test_a_name_the_title_lines_cannot_print_is_refused_at_its_line(line, key, reason, tmp_path):
    folder = _set(tmp_path, "bad-title", OLDER_FORM.replace("    title: 项目绩效目标申报表\n", f"    title: 项目绩效目标申报表\n{line}\n"))
    with pytest.raises(InvalidTemplateError) as raised:
        load_template_set("bad-title", search_folders((folder,)))
    where = raised.value.location
    written = where.file.read_text(encoding="utf-8").splitlines()[where.line - 1]
    assert where.field == key and written == line and reason in str(raised.value)


def test_a_column_twice_or_a_level_in_two_places_is_refused(tmp_path):
    twice = OLDER_FORM.replace("[一级指标, 二级指标, 三级指标, 指标值, 阶段性指标值, 分值权重]", "[一级指标, 二级指标, 三级指标, 指标值, 指标值, 分值权重]")
    moved = OLDER_FORM.replace("[服务对象满意度指标]", "[服务对象满意度指标, 成本指标]")
    for name, declaration, reason in (("twice", twice, "指标值 写了不止一次"), ("moved", moved, "成本指标 属于不止一个位置")):
        folder = _set(tmp_path, name, declaration)
        with pytest.raises(InvalidTemplateError, match=reason):
            load_template_set(name, search_folders((folder,)))


@pytest.mark.parametrize("key", ["funds", "budget_total", "fiscal", "other"])
def test_a_retired_wording_key_says_how_to_update(key, tmp_path):
    folder = tmp_path / "sets" / "old-2023"
    folder.mkdir(parents=True)
    (folder / "set.yaml").write_text(
        f"name: old-2023\nbase: changji-2023\ntitle: 旧\nyear: 2023\nperformance_form:\n  {key}: 项目资金\n", encoding="utf-8"
    )
    with pytest.raises(InvalidTemplateError) as raised:
        load_template_set("old-2023", search_folders((tmp_path / "sets",)))
    assert (raised.value.location.file, raised.value.location.line) == (folder / "set.yaml", 6)
    assert f"「{key}」已不再使用" in raised.value.reason and "performance_form.project.header" in raised.value.reason


GOVERNMENT = "changji-government-office-2024"
# A department-wide form of another shape: contact and 年度重点工作 on top, the money on one row, a task list
DEPARTMENT_FORM = """
performance_form:
  department:
    title: 部门整体支出绩效目标表
    header:
      - [部门名称, {field: 部门名称, cols: 3}, 联系人, {field: 联系人}]
      - [年度重点工作, {field: 年度重点工作, cols: 5}]
      - [年度绩效目标, {field: 年度绩效目标, cols: 5}]
      - [资金总额, {field: 资金总额}, 上级安排, {field: 上级安排}, 本级安排, {field: 本级安排}]
    tasks:
      header:
        - [{text: 任务名称, cols: 2}, {text: 主要内容, cols: 3}, 金额]
      row: [{field: 任务名称, cols: 2}, {field: 主要内容, cols: 3}, {field: 金额}]
    indicator_header:
      - [一级指标, 二级指标, 三级指标, 指标值, 设定依据, 分值]
    columns: [一级指标, 二级指标, 三级指标, 指标值, 设定依据, 分值权重]
    kinds: [code, code, text, code, code, code]
    widths: [1.3, 1.5, 3.6, 1.6, 1.8, 1.0]
"""
TASKS = (
    "  联系电话: \"13094012267\"\n",
    "  联系电话: \"13094012267\"\n  年度重点工作: 保障市政府会议和政务公开。\n  任务:\n"
    "    - {任务名称: 政务信息编发, 主要内容: 编发政务信息内刊, 金额: 125000}\n    - {任务名称: 访惠聚工作}\n",
)


def _government(tmp_path: Path, template: str, *more: tuple[str, str]) -> Path:
    return edited_example(tmp_path, GOVERNMENT, ("  模板: changji-2024\n", f"  模板: {template}\n"), *more)


@pytest.fixture(scope="module")
def department_form(tmp_path_factory):
    """The 2024 example's department-wide form under a set declaring another shape with a task list, read back."""
    tmp = tmp_path_factory.mktemp("department")
    folder = _set(tmp / "sets", "tasks-2024", DEPARTMENT_FORM, year=2024)
    tables = tables_by_title(open_docx(_docx(_government(tmp, "tasks-2024", TASKS), folder)))
    assert "部门整体绩效目标表" not in tables
    return table_rows_as_printed(tables["部门整体支出绩效目标表"])


def test_the_department_form_prints_its_declared_header_with_key_work(department_form):
    rows = department_form
    assert rows[0] == ["部门名称", "昌吉市人民政府办公室", "联系人", "胡丽琼"]
    assert rows[1] == ["年度重点工作", "保障市政府会议和政务公开。"]
    assert rows[2][0] == "年度绩效目标" and rows[2][1].startswith("2024年昌吉市人民政府办公室办公经费")
    assert rows[3] == ["资金总额", "1,133.31", "上级安排", "26.92", "本级安排", "1,106.39"]  # as Changji's form prints them


def test_the_department_form_lists_each_task_under_its_labels(department_form):
    rows = department_form
    assert rows[4:7] == [["任务名称", "主要内容", "金额"], ["政务信息编发", "编发政务信息内刊", "12.50"], ["访惠聚工作", "", ""]]


def test_the_department_form_prints_its_indicators_in_the_declared_columns(department_form):
    rows = department_form
    assert rows[7] == ["一级指标", "二级指标", "三级指标", "指标值", "设定依据", "分值"]
    assert rows[8] == ["履职效能", "数量指标", "编发政务信息内刊期数", "＞=200期", "2023年工作总结", "15"]
    assert len(rows) == 8 + 6


def test_a_set_printing_the_department_form_without_declaring_it_is_told_so(tmp_path):
    folder = _set(tmp_path / "sets", "undeclared-2024", "performance_form:\n  department: null\n", year=2024)
    prepared = prepare(_government(tmp_path, "undeclared-2024"), (folder,))
    with pytest.raises(InvalidTemplateError, match="没有声明它的版式 performance_form.department"):
        render(prepared, BuildOptions(("docx",)))


DEPARTMENT_BAD = {
    "an unknown field": ("[部门名称, {field: 部门名称, cols: 3}, 联系人, {field: 联系人}]", "[部门名称, {field: 单位名称, cols: 3}, 联系人, {field: 联系人}]",
                         "header.0.1.field", "「单位名称」"),
    "a task row field of the header": ("{field: 金额}]", "{field: 年度重点工作}]", "tasks.row.2.field", "「年度重点工作」"),
    "a task cell two rows high": ("{field: 金额}]", "{field: 金额, rows: 2}]", "tasks", "任务行（row）的格只占一行"),
    "a task row too short": ("{field: 主要内容, cols: 3}, {field: 金额}]", "{field: 主要内容, cols: 2}, {field: 金额}]",
                             "performance_form.department", "任务行（row）各行覆盖的列数"),
    "a label reaching into the tasks": ("      - [资金总额,", "      - [{text: 资金总额, rows: 2},", "performance_form.department", "超出了表头"),
}


@pytest.mark.parametrize("case", DEPARTMENT_BAD)
def test_a_bad_department_form_is_refused_at_set_load_with_its_line(case, tmp_path):
    old, new, key, reason = DEPARTMENT_BAD[case]
    assert DEPARTMENT_FORM.count(old) == 1
    folder = _set(tmp_path, "bad-department", DEPARTMENT_FORM.replace(old, new), year=2024)
    with pytest.raises(InvalidTemplateError) as raised:
        load_template_set("bad-department", search_folders((folder,)))
    where = raised.value.location
    assert where.file == folder / "bad-department" / "set.yaml" and where.line is not None
    assert key in where.field and reason in str(raised.value)
