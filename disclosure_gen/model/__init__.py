"""The input model: everything a person supplies for one department's disclosure, nothing derived."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

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
from .units import UNIT_MONEY_FIELDS, BudgetUnit, UnitKind

__all__ = [
    "Amount", "BudgetKind", "BudgetUnit", "CarryoverItem", "CarryoverSpending", "Comparison", "Department", "Origin",
    "DepartmentIndicator", "DepartmentPerformance", "DisclosureInput", "Headcount", "Income",
    "Indicator", "Organisation", "OtherMatters", "Overview", "ParentProject", "PerformanceTarget", "PriorYear",
    "Project", "Source", "Staffing", "ThreePublic", "Unit", "UnitKind",
]


_WITHOUT_UNITS = "没有「预算单位」时必填；有「预算单位」时不填（由各单位相加得出）"


class DisclosureInput(InputModel):
    """One department's budget for one year, as its accountant enters it."""

    unit: Unit = Field(alias="单位", title="金额单位", description="本文件中金额的单位：万元 或 元")
    department: Department = Field(alias="部门", title="部门")
    overview: Overview = Field(alias="概况", title="部门概况")
    income: Income | None = Field(None, alias="收入", title="收入（表1左侧）", description=_WITHOUT_UNITS)
    basic: dict[FunctionCode, SourcedAmounts] | None = Field(
        None, alias="基本支出", title="基本支出（按功能分类项）",
        description="键为 7 位功能分类项编码；值为金额（一般公共预算）或按资金来源分列的金额。" + _WITHOUT_UNITS,
    )
    basic_economic: dict[EconomicItemCode, Amount] | None = Field(
        None, alias="基本支出经济分类", title="一般公共预算基本支出（按经济分类款）",
        description="键为 5 位经济分类款编码，如 30101。" + _WITHOUT_UNITS,
    )
    units: list[BudgetUnit] = Field(
        default_factory=list, alias="预算单位", title="预算单位（部门汇总）",
        description="部门由几个预算单位组成时逐个列出（或写「文件: 单位文件.yaml」引用同一文件夹中的单位文件）；"
        "此时收入、基本支出、基本支出经济分类、项目、上年结转结余明细和三公经费按单位填写，部门的数由各单位相加得出",
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

    @model_validator(mode="after")
    def _money_where_it_belongs(self) -> "DisclosureInput":
        """The money is the department's own, or its units': never both, never neither."""
        if self.units:
            given = [name for name in UNIT_MONEY_FIELDS if name in self.model_fields_set]
            if given:
                raise PydanticCustomError(
                    "given_with_units", "有「预算单位」时这里不填：部门的数由各单位相加得出，请填在各单位下",
                    {"fields": [type(self).model_fields[name].alias for name in given]},
                )
            _unique_units(self.units)
            return self
        missing = [name for name in ("income", "basic", "basic_economic") if getattr(self, name) is None]
        if missing:
            raise PydanticCustomError(
                "missing_without_units", "缺少必填字段（没有「预算单位」时必填）",
                {"fields": [type(self).model_fields[name].alias for name in missing]},
            )
        return self


def _unique_units(units: list[BudgetUnit]) -> None:
    for what in ("code", "name"):
        seen: set[str] = set()
        for unit in units:
            value = getattr(unit, what)
            if value in seen:
                label = BudgetUnit.model_fields[what].alias
                raise ValueError(f"两个预算单位的{label}都是「{value}」；同一部门内单位的{label}不能重复")
            seen.add(value)
