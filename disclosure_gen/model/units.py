"""Input model of a budget unit (预算单位): one of the units whose budgets make up a department's (部门汇总)."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .carryover import CarryoverItem
from .common import Amount, EconomicItemCode, FunctionCode, InputModel, SourcedAmounts, Text
from .department import Overview
from .department_performance import DepartmentPerformance
from .income import Income
from .other import OtherMatters, ThreePublic
from .prior import PriorYear
from .projects import Project


class UnitKind(str, Enum):
    """What kind of budget unit it is."""

    ADMINISTRATIVE = "行政单位"
    INSTITUTION = "事业单位"
    OTHER = "其他单位"


class BudgetUnit(InputModel):
    """One budget unit: its code and name, the money it budgets, and what its own disclosure prints."""

    code: str = Field(
        alias="编码", pattern=r"^[0-9]{3,15}$", title="单位编码", description="预算系统中的单位代码，如 301001；同一部门内不能重复",
    )
    name: Text = Field(alias="名称", max_length=100, title="单位名称", description="如 青水市教育局（本级）、青水市第一中学")
    kind: UnitKind | None = Field(None, alias="类型", title="单位类型")
    income: Income = Field(alias="收入", title="单位收入（表1左侧）")
    basic: dict[FunctionCode, SourcedAmounts] = Field(
        default_factory=dict, alias="基本支出", title="单位基本支出（按功能分类项）", description="写法同部门的「基本支出」",
    )
    basic_economic: dict[EconomicItemCode, Amount] = Field(
        default_factory=dict, alias="基本支出经济分类", title="单位一般公共预算基本支出（按经济分类款）",
    )
    projects: list[Project] = Field(default_factory=list, alias="项目", title="单位项目支出")
    carryover_items: list[CarryoverItem] = Field(
        default_factory=list, alias="上年结转结余明细", title="单位上年结转结余明细",
    )
    three_public: ThreePublic = Field(default_factory=ThreePublic, alias="三公经费", title="单位财政拨款“三公”经费")
    overview: Overview | None = Field(
        None, alias="概况", title="单位概况（单独公开本单位时）", description="生成本单位自己的公开文件（--budget-unit）时必填",
    )
    prior: PriorYear | None = Field(None, alias="上年对比", title="单位上年预算数和变动原因（单独公开本单位时）")
    other: OtherMatters | None = Field(None, alias="其他事项", title="单位其他重要事项（单独公开本单位时）")
    department_performance: DepartmentPerformance | None = Field(
        None, alias="部门整体绩效目标", title="单位整体绩效目标（单独公开本单位时）",
    )


# The fields a unit holds for the department: the department's own are their sum (or, for lists, all of them).
UNIT_MONEY_FIELDS = ("income", "basic", "basic_economic", "projects", "carryover_items", "three_public")
# The fields a unit's own disclosure takes from the unit instead of the department.
UNIT_OWN_FIELDS = ("overview", "prior", "other", "department_performance")
