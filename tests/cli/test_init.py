"""init: a commented skeleton and a start from last year's file; filled in, each passes check."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from disclosure_gen.cli import main
from disclosure_gen.load import UNFILLED
from disclosure_gen.pipeline import prepare
from disclosure_gen.yamlsource import read_yaml

from ..conftest import EXAMPLES

SKELETON_FILL = [
    "示范县统计局", "2024", "2024-02-15", "负责全县统计工作。", "办公室", "12", "10", "10", "3", "3",
    "120.5",
    "90", "12", "8", "10.5",
    "40", "30", "12", "8", "10.5", "20",
    "张敏", "0994-1234567", "完成年度统计调查任务，统计数据按时上报率达到100%。", "完成统计调查项目数", "≥10项",
    "110", "人员工资调整", "110", "人员工资调整", "110", "人员工资调整",
    "82", "人员工资调整", "11", "人员工资调整", "7", "人员工资调整", "10", "人员工资调整",
    "20", "人员工资调整",
    "人员经费和日常公用经费", "养老保险缴费", "医疗保险缴费", "住房公积金",
]


def invoke(*args):
    return CliRunner().invoke(main, ["init", *map(str, args)])


def test_skeleton_lists_what_to_fill_and_passes_check_once_filled(tmp_path):
    path = tmp_path / "新部门.yaml"
    assert invoke(path).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=department.schema.json")
    assert (tmp_path / "department.schema.json").is_file()
    unfilled = prepare(path).problems
    assert unfilled and {p.check for p in unfilled} == {"unfilled"}
    lines = text.splitlines(keepends=True)
    data_lines = [i for i, line in enumerate(lines) if not line.lstrip().startswith("#")]
    assert len(unfilled) == sum(lines[i].count(UNFILLED) for i in data_lines) == len(SKELETON_FILL)
    values = iter(SKELETON_FILL)
    for i in data_lines:
        while UNFILLED in lines[i]:
            lines[i] = lines[i].replace(UNFILLED, next(values), 1)
    path.write_text("".join(lines), encoding="utf-8")
    prepared = prepare(path)
    assert prepared.ok and not prepared.problems, [str(p) for p in prepared.problems]


def test_init_never_overwrites(tmp_path):
    path = tmp_path / "部门.yaml"
    path.write_text("我的数据", encoding="utf-8")
    result = invoke(path)
    assert result.exit_code == 1 and "已存在" in result.output
    assert path.read_text(encoding="utf-8") == "我的数据"


def test_from_last_year_carries_over_and_passes_once_filled(tmp_path):
    last_path = EXAMPLES / "changji-npc-office-2023.yaml"
    path = tmp_path / "2024.yaml"
    assert invoke(path, "--from", last_path).exit_code == 0
    new, _ = read_yaml(path)
    last, _ = read_yaml(last_path)
    assert new["部门"]["年度"] == 2024 and new["概况"]["主要职能"] == last["概况"]["主要职能"]
    assert [p["名称"] for p in new["项目"]] == [p["名称"] for p in last["项目"]]
    assert new["上年对比"]["收入"]["一般公共预算"]["上年"] == prepare(last_path).figures.income[0].amount
    assert new["概况"]["人员情况"]["退休"]["上年"] == last["概况"]["人员情况"]["退休"]["本年"]
    problems = prepare(path).problems
    assert problems and {p.check for p in problems} == {"unfilled"}
    assert {"上年结转结余明细", "部门整体绩效目标"} <= set(new), "the 2024 format's parts are added to fill"
    filled = _fill_like_last_year(new, last)
    _as_the_2024_format_wants(filled)
    path.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    prepared = prepare(path)
    assert prepared.ok, [str(p) for p in prepared.problems if p.level.value == "error"]


def _as_the_2024_format_wants(filled):
    """What an accountant changes for the 2024 format: the carried-over project listed as an item, its
    money left out of the 经济分类 split (表 7 holds current-year money only), indicator weights of 100."""
    carried = next(p for p in filled["项目"] if "一般公共预算结转" in p["资金来源"])
    carried["经济分类"] = {}
    amount = carried["资金来源"]["一般公共预算结转"]
    filled["上年结转结余明细"] = [{"名称": carried["名称"], "用途": "用于州级人大代表活动", "财政拨款": {"项目支出": amount}}]
    filled["部门整体绩效目标"]["指标"][0].update({"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "服务代表人数"})


def _fill_like_last_year(new, last, path=()):
    """Fills every 待填 with last year's value at the same place (the same budget again)."""
    if isinstance(new, dict):
        return {k: _fill_like_last_year(v, last, path + (k,)) for k, v in new.items()}
    if isinstance(new, list):
        return [_fill_like_last_year(v, last, path + (i,)) for i, v in enumerate(new)]
    if new != UNFILLED:
        return str(new) if hasattr(new, "as_tuple") else new
    if path[-1] == "原因":
        return "与上年一致"
    if path[-1] == "上年完成值":
        return "——"
    if path[-1] == "公开日期":
        return "2024-02-15"
    value = _at(last, path)
    if value is None and path[-1] == "一般公共预算":
        value = _at(last, path[:-1])
    return str(value) if value is not None else "0"


def _at(data, path):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return None if isinstance(data, dict | list) else data


ACCOUNTANTS_NOTES = {
    "单位: 万元\n": "单位: 万元   # 按公开件录入\n",
    "  名称: 昌吉市人大常委会办公室\n": "  # 名称以编办批复为准\n  名称: 昌吉市人大常委会办公室\n",
    "  模板: changji-2023\n": "  模板: changji-2023  # 今年按新格式\n",
    "  - 名称: 人大会议\n    科目: 2010199\n": "  - 名称: 人大会议  # 每年都有\n    # 科目已与财政局核对\n    科目: 2010199\n",
}


def _with_notes(tmp_path):
    """Last year's example file with an accountant's own comments added."""
    text = (EXAMPLES / "changji-npc-office-2023.yaml").read_text(encoding="utf-8")
    for line, noted in ACCOUNTANTS_NOTES.items():
        assert text.count(line) == 1
        text = text.replace(line, noted)
    path = tmp_path / "2023.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_from_last_year_keeps_each_comment_at_its_field(tmp_path):
    path = tmp_path / "2024.yaml"
    assert invoke(path, "--from", _with_notes(tmp_path)).exit_code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    new, source = read_yaml(path)

    def line_of(*field):
        return lines[source.lines[field] - 1]

    def line_above(*field):
        return lines[source.lines[field] - 2]

    assert line_of("单位") == "单位: 万元  # 按公开件录入"
    assert line_above("部门", "名称") == "  # 名称以编办批复为准"
    assert line_of("项目", 0, "名称") == "- 名称: 人大会议  # 每年都有"
    assert line_above("项目", 0, "科目") == "  # 科目已与财政局核对"
    assert line_of("项目", 0, "科目").startswith("  科目: ")
    assert "  '2010101': 待填  # 行政运行" in lines, "the example's own comments are kept too"
    plain = tmp_path / "plain.yaml"
    assert invoke(plain, "--from", EXAMPLES / "changji-npc-office-2023.yaml").exit_code == 0
    assert new == read_yaml(plain)[0], "comments change no value"
    _fill_in_place(path, read_yaml(EXAMPLES / "changji-npc-office-2023.yaml")[0])
    prepared = prepare(path)
    assert prepared.ok, [str(p) for p in prepared.problems if p.level.value == "error"]
    assert line_above("项目", 0, "科目") in path.read_text(encoding="utf-8").splitlines()
    next_year = tmp_path / "2025.yaml"
    assert invoke(next_year, "--from", path).exit_code == 0
    text = next_year.read_text(encoding="utf-8")
    assert "  # 名称以编办批复为准\n  名称: 昌吉市人大常委会办公室\n" in text, "notes survive year after year"
    assert text.count("yaml-language-server") == 1 and "由 2023 年的文件生成" not in text, "init's own header is written anew"


def _fill_in_place(path, last):
    """Fills each 待填 on its own line, as an accountant editing the file does (so every comment stays)."""
    new, source = read_yaml(path)
    filled = _fill_like_last_year(new, last)
    _as_the_2024_format_wants(filled)
    lines = path.read_text(encoding="utf-8").splitlines()
    innermost = {line: field for field, line in sorted(source.lines.items(), key=lambda item: len(item[0]))}
    for number, field in innermost.items():
        if UNFILLED not in lines[number - 1]:
            continue
        try:
            value = _at_field(filled, field)
        except KeyError:  # a split the 2024 format leaves out: the whole mapping becomes {}
            lines[number - 1] = ""
            parent = source.lines[field[:-1]] - 1
            lines[parent] = lines[parent].replace(":", ": {}", 1)
            continue
        lines[number - 1] = lines[number - 1].replace(UNFILLED, json.dumps(value, ensure_ascii=False), 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _at_field(data, field):
    for part in field:
        data = data[part]
    return data


def test_from_last_year_keeps_comments_of_fields_gone_at_the_end(tmp_path):
    path = tmp_path / "2024.yaml"
    assert invoke(path, "--from", _with_notes(tmp_path)).exit_code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "模板" not in read_yaml(path)[0]["部门"]
    assert lines[-2:] == ["# 去年文件中的注释（对应字段今年已不存在）：", "# 部门.模板：今年按新格式"]
    again = tmp_path / "again.yaml"
    assert invoke(again, "--from", _with_notes(tmp_path)).exit_code == 0
    assert again.read_bytes() == path.read_bytes()


def test_from_last_year_keeps_a_departments_budget_units_with_their_money_to_fill(tmp_path):
    """A department of units stays one: each unit (the one of its own file too) is written with its code, name,
    kind, projects and codes kept, its money 待填, and last year's figures of its own disclosure as its 上年."""
    from ..conftest import ROOT

    units = ROOT / "tests" / "format" / "units"
    path = tmp_path / "2025.yaml"
    result = invoke(path, "--from", units / "education-bureau.yaml", "--templates", ROOT / "tests" / "user_templates")
    assert result.exit_code == 0, result.output
    new, _ = read_yaml(path)
    assert not {"收入", "基本支出", "基本支出经济分类", "项目"} & set(new)
    own, school = new["预算单位"]
    assert (school["编码"], school["名称"], school["类型"]) == ("301002", "青水市第一中学", "事业单位")
    assert school["收入"] == {"一般公共预算": {"一般财力": UNFILLED}, "单位资金": {"事业收入": UNFILLED}}
    assert set(school["基本支出"]) == {"2050203", "2080505", "2210201"} and set(school["基本支出"].values()) == {UNFILLED}
    assert [p["名称"] for p in school["项目"]] == ["第一中学校舍维修改造"]
    assert school["概况"]["主要职能"] == ["实施初中教育，完成国家规定的教育教学任务。"]
    assert school["上年对比"]["支出"]["基本支出"]["上年"] == 890  # the school's own 基本支出 last year
    assert own["上年对比"]["支出"]["项目支出"]["上年"] == 150 and new["上年对比"]["支出"]["项目支出"]["上年"] == 180
    assert {p.check for p in prepare(path).problems if p.level.value == "error"} >= {"unfilled"}
