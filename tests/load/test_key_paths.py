"""Key paths come from the model's aliases: each path the code once typed by hand, and a wrong field name fails."""

from __future__ import annotations

import pytest

from disclosure_gen.model import Comparison, DisclosureInput
from disclosure_gen.model.paths import UnknownField, aliased, key_path

# Every YAML key path checks, init and build used to type by hand, with the field path that now gives it.
HAND_TYPED = [
    (("income", "general", "own"), ("收入", "一般公共预算", "一般财力")),
    (("income", "general", "transfer"), ("收入", "一般公共预算", "上级转移支付")),
    (("income", "fund", "own"), ("收入", "政府性基金预算", "政府性基金收入")),
    (("income", "fund", "transfer"), ("收入", "政府性基金预算", "上级转移支付")),
    (("income", "capital", "own"), ("收入", "国有资本经营预算", "国有资本经营收入")),
    (("income", "capital", "transfer"), ("收入", "国有资本经营预算", "上级转移支付")),
    (("income", "special_account"), ("收入", "财政专户核拨")),
    (("income", "unit_funds"), ("收入", "单位资金")),
    (("income", "unit_funds", "operations"), ("收入", "单位资金", "事业收入")),
    (("income", "unit_funds", "grants_from_above"), ("收入", "单位资金", "上级补助收入")),
    (("income", "unit_funds", "from_subsidiaries"), ("收入", "单位资金", "附属单位上缴收入")),
    (("income", "unit_funds", "business"), ("收入", "单位资金", "事业单位经营收入")),
    (("income", "unit_funds", "other"), ("收入", "单位资金", "其他收入")),
    (("income", "carryover"), ("收入", "上年结转结余")),
    (("income", "carryover", "fiscal", "general"), ("收入", "上年结转结余", "财政拨款结转", "一般公共预算")),
    (("income", "carryover", "fiscal", "fund"), ("收入", "上年结转结余", "财政拨款结转", "政府性基金预算")),
    (("income", "carryover", "fiscal", "capital"), ("收入", "上年结转结余", "财政拨款结转", "国有资本经营预算")),
    (("income", "carryover", "other", "special_account"), ("收入", "上年结转结余", "非财政拨款结转结余", "财政专户")),
    (("income", "carryover", "other", "unit_funds"), ("收入", "上年结转结余", "非财政拨款结转结余", "单位资金")),
    (("unit",), ("单位",)),
    (("department",), ("部门",)),
    (("department", "template"), ("部门", "模板")),
    (("basic", "2010101"), ("基本支出", "2010101")),
    (("basic_economic",), ("基本支出经济分类",)),
    (("basic_economic", "30108"), ("基本支出经济分类", "30108")),
    (("three_public", "vehicle_running"), ("三公经费", "公务用车运行费")),
    (("carryover_items",), ("上年结转结余明细",)),
    (("carryover_items", 0, "function_code"), ("上年结转结余明细", 0, "科目")),
    (("department_performance", "indicators"), ("部门整体绩效目标", "指标")),
    (("projects", 2), ("项目", 2)),
    (("projects", 2, "name"), ("项目", 2, "名称")),
    (("projects", 2, "function_code"), ("项目", 2, "科目")),
    (("projects", 2, "economic", "302"), ("项目", 2, "经济分类", "302")),
    (("projects", 2, "allocation"), ("项目", 2, "资金分配")),
    (("projects", 2, "basis"), ("项目", 2, "政策依据")),
    (("projects", 2, "period"), ("项目", 2, "执行期")),
    (("projects", 2, "performance", "indicators"), ("项目", 2, "绩效目标", "指标")),
    (("projects", 2, "performance", "goal"), ("项目", 2, "绩效目标", "总体目标")),
    (("projects", 2, "performance", "content"), ("项目", 2, "绩效目标", "主要内容")),
    (("projects", 2, "performance", "outcome"), ("项目", 2, "绩效目标", "预期效果")),
    (("prior", "income", "general"), ("上年对比", "收入", "一般公共预算")),
    (("prior", "spending", "basic"), ("上年对比", "支出", "基本支出")),
    (("prior", "general_allocation", "project"), ("上年对比", "一般公共预算当年拨款", "项目支出")),
    (("prior", "three_public", "overseas"), ("上年对比", "三公经费", "因公出国（境）费")),
    (("prior", "items"), ("上年对比", "功能分类项")),
    (("prior", "items", "2010101"), ("上年对比", "功能分类项", "2010101")),
    (("prior", "running_costs"), ("上年对比", "机关运行经费")),
    (("class_purposes",), ("支出用途",)),
    (("class_purposes", "201"), ("支出用途", "201")),
    (("overview", "staffing", "actual"), ("概况", "人员情况", "实有人数")),
    (("other", "procurement", "sme_reserved"), ("其他事项", "政府采购", "面向中小企业预留")),
    (("other", "procurement", "small_micro_reserved"), ("其他事项", "政府采购", "面向小微企业预留")),
    (("other", "assets", "equipment"), ("其他事项", "国有资产", "大型设备")),
    (("other", "assets", "planned", "equipment"), ("其他事项", "国有资产", "本年购置", "大型设备")),
    # the sections import writes
    (("projects", 0, "sources"), ("项目", 0, "资金来源")),
    (("projects", 0, "unit"), ("项目", 0, "承担单位")),
    (("projects", 0, "secret"), ("项目", 0, "涉密")),
    (("projects", 0, "period", "start"), ("项目", 0, "执行期", "开始")),
    (("carryover_items", 0, "fiscal", "personnel"), ("上年结转结余明细", 0, "财政拨款", "人员经费")),
    (("carryover_items", 0, "other", "project"), ("上年结转结余明细", 0, "非财政拨款", "项目支出")),
    (("three_public", "overseas"), ("三公经费", "因公出国（境）费")),
    (("three_public", "vehicle_purchase"), ("三公经费", "公务用车购置费")),
    (("prior", "items", "2010101", "previous"), ("上年对比", "功能分类项", "2010101", "上年")),
]


@pytest.mark.parametrize(("fields", "keys"), HAND_TYPED, ids=[".".join(map(str, k)) for _, k in HAND_TYPED])
def test_each_hand_typed_path_is_the_aliases_of_a_field_path(fields, keys):
    assert key_path(DisclosureInput, *fields) == keys


def test_a_comparison_reason_is_its_alias():
    assert key_path(Comparison, "reason") == ("原因",)


@pytest.mark.parametrize("fields", [
    ("incom",),                          # misspelt top-level field
    ("income", "general", "本级"),        # an alias where a field name belongs
    ("income", "general", "own", "x"),   # a step past a leaf
    ("projects", "name"),                # a field where a list index belongs
    ("department", 0),                   # an index where a field belongs
])
def test_a_wrong_field_path_raises_and_names_it(fields):
    with pytest.raises(UnknownField, match="DisclosureInput"):
        key_path(DisclosureInput, *fields)


def test_aliased_rekeys_nested_sections_lists_and_mappings_in_order():
    data = {
        "unit": "万元",
        "projects": [{"name": "甲", "sources": {"一般公共预算": 1}, "allocation": [{"use": "乙", "amount": 2}]}],
        "basic": {"2010101": 3},
    }
    assert aliased(DisclosureInput, data) == {
        "单位": "万元",
        "项目": [{"名称": "甲", "资金来源": {"一般公共预算": 1}, "资金分配": [{"用途": "乙", "金额": 2}]}],
        "基本支出": {"2010101": 3},
    }
    assert list(aliased(DisclosureInput, {"basic": {}, "unit": "元"})) == ["基本支出", "单位"]


def test_aliased_refuses_an_unknown_field():
    with pytest.raises(UnknownField):
        aliased(DisclosureInput, {"projects": [{"nmae": "甲"}]})
