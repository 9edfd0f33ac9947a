"""init: a commented skeleton and a start from last year's file; filled in, each passes check."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from disclosure_gen.cli import main
from disclosure_gen.load import UNFILLED
from disclosure_gen.pipeline import prepare
from disclosure_gen.yamlsource import read_yaml

from .conftest import EXAMPLES

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
