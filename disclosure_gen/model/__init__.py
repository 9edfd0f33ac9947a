"""The input model: everything a person supplies for one department's disclosure, nothing derived."""

from __future__ import annotations

from pydantic import Field

from ..money import Unit
from .common import (
    Amount,
    BudgetKind,
    EconomicItemCode,
    FunctionCode,
    InputModel,
    Source,
    SourcedAmounts,
    Text,
)
from .carryover import CarryoverItem, CarryoverSpending, Origin
from .department import Department, Headcount, Organisation, Overview, Staffing
from .department_performance import DepartmentIndicator, DepartmentPerformance
from .income import Income
from .other import OtherMatters, ThreePublic
from .prior import Comparison, PriorYear
from .projects import Indicator, ParentProject, PerformanceTarget, Project

__all__ = [
    "Amount", "BudgetKind", "CarryoverItem", "CarryoverSpending", "Comparison", "Department", "Origin",
    "DepartmentIndicator", "DepartmentPerformance", "DisclosureInput", "Headcount", "Income",
    "Indicator", "Organisation", "OtherMatters", "Overview", "ParentProject", "PerformanceTarget", "PriorYear",
    "Project", "Source", "Staffing", "ThreePublic", "Unit",
]


class DisclosureInput(InputModel):
    """One department's budget for one year, as its accountant enters it."""

    unit: Unit = Field(alias="单位", title="金额单位", description="本文件中金额的单位：万元 或 元")
    department: Department = Field(alias="部门", title="部门")
    overview: Overview = Field(alias="概况", title="部门概况")
    income: Income = Field(alias="收入", title="收入（表1左侧）")
    basic: dict[FunctionCode, SourcedAmounts] = Field(
        alias="基本支出", title="基本支出（按功能分类项）",
        description="键为 7 位功能分类项编码；值为金额（一般公共预算）或按资金来源分列的金额",
    )
    basic_economic: dict[EconomicItemCode, Amount] = Field(
        alias="基本支出经济分类", title="一般公共预算基本支出（按经济分类款）",
        description="键为 5 位经济分类款编码，如 30101",
    )
    projects: list[Project] = Field(default_factory=list, alias="项目", title="项目支出")
    parent_projects: list[ParentProject] = Field(
        default_factory=list, alias="一级项目", title="一级项目（有自己的绩效目标表时）",
        description="列出后，项目的「一级项目」须是这里的名称之一；一级项目的绩效目标表印在其二级项目的之前",
    )
    carryover_items: list[CarryoverItem] = Field(
        default_factory=list, alias="上年结转结余明细", title="上年结转结余明细（2024 年格式：表11、说明十一）",
        description="逐项列出上年结转结余资金：名称、用途，财政拨款和非财政拨款各自的人员经费、公用经费、项目支出；"
        "有项目支出的写明科目（不再在「项目」中重复录入）和来源（上级/本级）",
    )
    three_public: ThreePublic = Field(default_factory=ThreePublic, alias="三公经费", title="财政拨款“三公”经费")
    prior: PriorYear = Field(default_factory=PriorYear, alias="上年对比", title="上年预算数和变动原因")
    class_purposes: dict[Text, Text] = Field(
        default_factory=dict, alias="支出用途", title="各类支出主要用途（说明四）",
        description="键为 3 位功能分类类编码，值如：人员经费和日常公用经费",
    )
    other: OtherMatters = Field(default_factory=OtherMatters, alias="其他事项", title="其他重要事项")
    department_performance: DepartmentPerformance | None = Field(
        None, alias="部门整体绩效目标", title="部门整体绩效目标（2024 年格式）",
        description="联系人、联系电话、年度目标和指标；资金总额及上级安排、本级安排、其他由预算数算出",
    )
    glossary: dict[Text, Text] = Field(
        default_factory=dict, alias="名词解释", title="名词解释（覆盖模板）",
        description="键为名词，如 “三公”经费；值为解释文字",
    )
    extra_codes: dict[Text, Text] = Field(
        default_factory=dict, alias="补充科目", title="补充科目名称",
        description="分类目录中没有的科目：键为编码，值为名称",
    )
